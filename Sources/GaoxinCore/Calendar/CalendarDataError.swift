/// A problem in a calendar data text (or in reading one), told in Chinese with the file and line.
public struct CalendarDataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file or source name the text came from (e.g. "cn-official.txt").
    public let source: String
    /// 1-based line number, or nil when the problem is with the whole file.
    public let line: Int?
    /// What is wrong, in Chinese.
    public let message: String

    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { "日历数据 \(source) 第\(line)行：\(message)" } else { "日历数据 \(source)：\(message)" }
    }
}
