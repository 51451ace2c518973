/// What a calendar day is for office work, and whether a loaded notice vouches for it.
public struct DayStatus: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// An ordinary Monday–Friday.
        case working
        /// Saturday or Sunday with nothing announced.
        case weekend
        /// An official holiday (name from the notice), weekends inside the holiday included.
        case holiday(String)
        /// A weekend day announced as a working day (调休上班), e.g. "春节调休".
        case adjustedWorkingDay(String)
        /// A local closure of this zone (停电检修…): a rest day for this zone only.
        case closure(String)
    }

    public let day: Day
    public let kind: Kind
    /// False when no notice for `day.year` is loaded: the kind then comes from the weekday rule alone
    /// (or from a closure), and the real answer may differ once the notice is published.
    public let isCertain: Bool

    public var isWorkingDay: Bool {
        switch kind {
        case .working, .adjustedWorkingDay: true
        case .weekend, .holiday, .closure: false
        }
    }

    /// The holiday or closure name, or the adjustment note (春节调休); nil for ordinary days.
    public var name: String? {
        switch kind {
        case .working, .weekend: nil
        case .holiday(let name), .adjustedWorkingDay(let name), .closure(let name): name
        }
    }
}
