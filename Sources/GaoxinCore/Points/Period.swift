/// The length of a reporting period: the 积分制 cycle is 一周一定、一月一公开、一季一奖励、一年一清零.
public enum PeriodKind: String, CaseIterable, Codable, Sendable {
    case week, month, quarter, year

    public var label: String {
        switch self {
        case .week: "周"
        case .month: "月"
        case .quarter: "季度"
        case .year: "年"
        }
    }
}

/// A calendar period (both ends inclusive). Weeks are ISO weeks (Monday–Sunday) and belong to
/// the ISO week-year, so 2024-12-30 is in 2025年第1周; months, quarters and years are calendar ones.
///
/// Written (and `Codable`) as a short key: `2026-W12`, `2026-03`, `2026-Q1`, `2026`.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let kind: PeriodKind
    public let start: Day
    public let end: Day

    /// The period of the given kind that contains `day`.
    public init(_ kind: PeriodKind, containing day: Day) {
        self.kind = kind
        switch kind {
        case .week:
            start = day.adding(days: 1 - day.weekday)
            end = start.adding(days: 6)
        case .month:
            start = Day(year: day.year, month: day.month, day: 1)!
            end = Day(year: day.year, month: day.month, day: Day.daysIn(month: day.month, year: day.year))!
        case .quarter:
            let firstMonth = (day.quarter - 1) * 3 + 1
            start = Day(year: day.year, month: firstMonth, day: 1)!
            end = Day(year: day.year, month: firstMonth + 2, day: Day.daysIn(month: firstMonth + 2, year: day.year))!
        case .year:
            start = Day(year: day.year, month: 1, day: 1)!
            end = Day(year: day.year, month: 12, day: 31)!
        }
    }

    public static func month(_ year: Int, _ month: Int) -> Period? {
        Day(year: year, month: month, day: 1).map { Period(.month, containing: $0) }
    }

    public static func quarter(_ year: Int, _ quarter: Int) -> Period? {
        guard (1...4).contains(quarter) else { return nil }
        return Day(year: year, month: quarter * 3, day: 1).map { Period(.quarter, containing: $0) }
    }

    public static func year(_ year: Int) -> Period {
        Period(.year, containing: Day(year: year, month: 1, day: 1)!)
    }

    /// ISO week `week` of ISO week-year `year`; nil for week 53 of a year that has only 52.
    public static func isoWeek(_ year: Int, _ week: Int) -> Period? {
        guard week >= 1, week <= isoWeeks(in: year) else { return nil }
        // 4 January is always in week 1.
        let jan4 = Day(year: year, month: 1, day: 4)!
        let firstMonday = jan4.adding(days: 1 - jan4.weekday)
        return Period(.week, containing: firstMonday.adding(days: 7 * (week - 1)))
    }

    /// 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53.
    public static func isoWeeks(in year: Int) -> Int {
        Period(.week, containing: Day(year: year, month: 12, day: 28)!).number
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    public var dayCount: Int { start.days(until: end) + 1 }

    public var next: Period { Period(kind, containing: end.adding(days: 1)) }

    public var previous: Period { Period(kind, containing: start.adding(days: -1)) }

    /// The year the label names: the ISO week-year for weeks.
    public var year: Int {
        kind == .week ? start.adding(days: 3).year : start.year
    }

    /// Week number, month, quarter, or the year itself.
    public var number: Int {
        switch kind {
        case .week: (start.adding(days: 3).dayOfYear - 1) / 7 + 1  // the week's Thursday decides
        case .month: start.month
        case .quarter: start.quarter
        case .year: start.year
        }
    }

    /// The same period one year earlier, for year-on-year comparisons (nil for an ISO week 53
    /// whose previous year has no week 53).
    public var sameInPreviousYear: Period? {
        switch kind {
        case .week: Period.isoWeek(year - 1, number)
        case .month: Period.month(year - 1, number)
        case .quarter: Period.quarter(year - 1, number)
        case .year: Period.year(year - 1)
        }
    }

    /// 2026年第12周, 2026年3月, 2026年第一季度, 2026年.
    public var label: String {
        switch kind {
        case .week: "\(year)年第\(number)周"
        case .month: "\(year)年\(number)月"
        case .quarter: "\(year)年第\(["一", "二", "三", "四"][number - 1])季度"
        case .year: "\(year)年"
        }
    }

    /// The short key: 2026-W12, 2026-03, 2026-Q1, 2026.
    public var key: String {
        switch kind {
        case .week: "\(year)-W\(number < 10 ? "0" : "")\(number)"
        case .month: "\(year)-\(number < 10 ? "0" : "")\(number)"
        case .quarter: "\(year)-Q\(number)"
        case .year: "\(year)"
        }
    }

    /// Parses a key written by `key` (`2026-W12`, `2026-03`, `2026-Q1`, `2026`).
    public init?(key text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        let found: Period?
        switch parts.count {
        case 1:
            found = .year(year)
        case 2 where parts[1].first == "W" && parts[1].count == 3:
            found = Int(parts[1].dropFirst()).flatMap { Period.isoWeek(year, $0) }
        case 2 where parts[1].first == "Q" && parts[1].count == 2:
            found = Int(parts[1].dropFirst()).flatMap { Period.quarter(year, $0) }
        case 2 where parts[1].count == 2:
            found = Int(parts[1]).flatMap { Period.month(year, $0) }
        default:
            found = nil
        }
        guard let found else { return nil }
        self = found
    }

    public var description: String { key }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}

extension Period: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(key: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "不是有效的期间（如 2026-W12、2026-03、2026-Q1、2026）：\(text)"))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }
}
