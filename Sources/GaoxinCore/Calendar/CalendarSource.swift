/// One calendar data text: the bundled official notices, a new year's notice an admin dropped in
/// the data directory, or a zone's local closures. Every source uses the same line format
/// (see Data/cn-official.txt).
public struct CalendarSource: Hashable, Sendable {
    /// Shown in error messages, usually the file name.
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}
