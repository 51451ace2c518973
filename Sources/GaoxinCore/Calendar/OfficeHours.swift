/// The hours a zone's offices are open on a working day, as sorted, non-overlapping intervals.
/// Working-hour time limits (e.g. "reply within 4 working hours") count only these minutes.
public struct OfficeHours: Hashable, Sendable, Codable, CustomStringConvertible {
    /// One opening interval, minutes since midnight, `start` inclusive and `end` exclusive.
    public struct Interval: Hashable, Sendable, Codable {
        public let start: Int
        public let end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        /// `Interval(9, 0, 12, 0)` is 09:00–12:00.
        public init(_ startHour: Int, _ startMinute: Int, _ endHour: Int, _ endMinute: Int) {
            self.init(start: startHour * 60 + startMinute, end: endHour * 60 + endMinute)
        }
    }

    public let intervals: [Interval]

    /// 09:00–12:00 and 13:30–17:30.
    public static let standard = try! OfficeHours([Interval(9, 0, 12, 0), Interval(13, 30, 17, 30)])

    public init(_ intervals: [Interval]) throws(OfficeHoursError) {
        guard !intervals.isEmpty else { throw OfficeHoursError(message: "办公时间至少要有一个时段") }
        var previousEnd = 0
        for interval in intervals {
            guard interval.start >= 0, interval.end <= 1440, interval.start < interval.end else {
                throw OfficeHoursError(message: "办公时段 \(Self.text(interval)) 无效：开始须早于结束，且在 00:00–24:00 之内")
            }
            guard interval.start >= previousEnd else {
                throw OfficeHoursError(message: "办公时段 \(Self.text(interval)) 与前一时段重叠或未按时间先后排列")
            }
            previousEnd = interval.end
        }
        self.intervals = intervals
    }

    /// Parses "09:00-12:00,13:30-17:30" (the form an admin types in settings).
    public init(parsing text: String) throws(OfficeHoursError) {
        var intervals: [Interval] = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-")
            guard ends.count == 2, let start = Self.minutes(ends[0]), let end = Self.minutes(ends[1]) else {
                throw OfficeHoursError(message: "办公时段“\(part)”格式不对，应为 HH:MM-HH:MM，多个时段用英文逗号分隔")
            }
            intervals.append(Interval(start: start, end: end))
        }
        try self.init(intervals)
    }

    public init(from decoder: any Decoder) throws {
        let intervals = try decoder.singleValueContainer().decode([Interval].self)
        do { try self.init(intervals) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(intervals)
    }

    /// Office minutes in one working day.
    public var minutesPerDay: Int { intervals.reduce(0) { $0 + $1.end - $1.start } }

    public var description: String { intervals.map(Self.text).joined(separator: ",") }

    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.trimmingSpaces.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    private static func text(_ interval: Interval) -> String {
        func hhmm(_ minutes: Int) -> String {
            let h = minutes / 60
            let m = minutes % 60
            return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
        }
        return "\(hhmm(interval.start))-\(hhmm(interval.end))"
    }
}

public struct OfficeHoursError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
