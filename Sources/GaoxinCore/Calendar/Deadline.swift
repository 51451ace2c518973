/// The moment a time limit runs out: the end of `day` for working-day limits, or a minute inside
/// office hours for working-hour limits. `uncertain` is set when any day counted lies in a year whose
/// holiday notice is not loaded, so the date may move once the notice is published.
public struct Deadline: Hashable, Sendable, Codable, CustomStringConvertible {
    public let day: Day
    /// Minutes since midnight when time runs out; 1440 means the end of `day`.
    public let minuteOfDay: Int
    public let uncertain: Bool

    public static let endOfDay = 1440

    public init(day: Day, minuteOfDay: Int = Deadline.endOfDay, uncertain: Bool) {
        precondition((0...Deadline.endOfDay).contains(minuteOfDay), "minuteOfDay out of range")
        self.day = day
        self.minuteOfDay = minuteOfDay
        self.uncertain = uncertain
    }

    /// True once `now` is later than the deadline (acting at the deadline minute is still on time).
    public func isPassed(at now: LocalMoment) -> Bool {
        now.day > day || (now.day == day && now.minuteOfDay > minuteOfDay)
    }

    /// "2026-02-24" for the end of a day, "2026-02-24 10:30" otherwise.
    public var description: String {
        guard minuteOfDay != Deadline.endOfDay else { return day.description }
        let h = minuteOfDay / 60
        let m = minuteOfDay % 60
        return "\(day) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}

/// A count of working days or minutes, flagged when part of the span lies in an unloaded year.
public struct CalendarCount: Hashable, Sendable {
    public let value: Int
    public let uncertain: Bool

    public init(value: Int, uncertain: Bool) {
        self.value = value
        self.uncertain = uncertain
    }
}

/// A request the calendar refuses (negative counts), told in Chinese.
public struct CalendarRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
