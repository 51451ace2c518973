/// A calendar date with no time and no time zone: what a holiday notice, a deadline on a form
/// or a period boundary talks about. Arithmetic goes through a day number (days since 1970-01-01)
/// so adding days never touches `Foundation.Calendar`, which is slow and time-zone sensitive.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or nil when the triple is not a real date (2025-02-29, 2026-13-01).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (ISO 8601 calendar date, the only format the platform writes).
    /// Read by its ten bytes: lists read two or three dates a row (`split` and `Int` were a
    /// fourteenth of the API's policy list).
    /// Inlinable so callers in other modules get it specialised for their string type: the
    /// generic one, through witness tables, was a fifth of reading a zone's enterprises.
    @inlinable
    public init?(_ text: some StringProtocol) {
        let utf8 = text.utf8
        guard utf8.count == 10 else { return nil }
        var (y, m, d) = (0, 0, 0)
        for (i, byte) in utf8.enumerated() {
            if i == 4 || i == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            if i < 4 {
                y = y * 10 + Int(digit)
            } else if i < 7 {
                m = m * 10 + Int(digit)
            } else {
                d = d * 10 + Int(digit)
            }
        }
        self.init(year: y, month: m, day: d)
    }

    /// The day with the given number of days since 1970-01-01 (may be negative).
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (ISO 4).
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> Day { Day(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.dayNumber - dayNumber }

    /// 1…4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// 1-based day of the year.
    public var dayOfYear: Int { dayNumber - Day(year: year, month: 1, day: 1)!.dayNumber + 1 }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func daysIn(year: Int) -> Int { isLeap(year) ? 366 : 365 }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
    }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "不是有效日期（YYYY-MM-DD）：\(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A wall-clock moment in the zone's local time (China has one time zone and no daylight saving,
/// so a day plus minutes since midnight is exact).
public struct LocalMoment: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let day: Day
    /// Minutes since local midnight, 0..<1440.
    public let minuteOfDay: Int

    public init(day: Day, minuteOfDay: Int) {
        precondition((0..<1440).contains(minuteOfDay), "minuteOfDay out of range")
        self.day = day
        self.minuteOfDay = minuteOfDay
    }

    public init?(day: Day, hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.init(day: day, minuteOfDay: hour * 60 + minute)
    }

    /// China Standard Time (UTC+8) for a Unix timestamp in seconds.
    public init(unixSeconds: Int64, utcOffsetMinutes: Int = 480) {
        let local = unixSeconds / 60 + Int64(utcOffsetMinutes)
        let dayNumber = Int(local >= 0 ? local / 1440 : (local - 1439) / 1440)
        self.day = Day(dayNumber: dayNumber)
        self.minuteOfDay = Int(local - Int64(dayNumber) * 1440)
    }

    public func unixSeconds(utcOffsetMinutes: Int = 480) -> Int64 {
        (Int64(day.dayNumber) * 1440 + Int64(minuteOfDay) - Int64(utcOffsetMinutes)) * 60
    }

    public static func < (lhs: LocalMoment, rhs: LocalMoment) -> Bool {
        (lhs.day, lhs.minuteOfDay) < (rhs.day, rhs.minuteOfDay)
    }

    public var description: String {
        let h = minuteOfDay / 60
        let m = minuteOfDay % 60
        return "\(day) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}
