/// A statistics period as the bureau and 火炬统计 report them: a year, a quarter, a month, or
/// 1–N月累计 (January to the end of month N: "1-6月规模以上工业总产值"), which is how most monthly
/// figures are published. Written as a short key: `2024`, `2024-Q2`, `2024-06`, `2024-YTD06`.
public struct ReportingPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Sendable {
        case year, quarter, month
        case yearToDate = "ytd"

        public var label: String {
            switch self {
            case .year: "年度"
            case .quarter: "季度"
            case .month: "月度"
            case .yearToDate: "累计（1 月至当月）"
            }
        }
    }

    public let kind: Kind
    public let year: Int
    /// The quarter, the month, or the last month of a 累计; 12 for a year (it runs to December).
    public let number: Int

    /// The years a period may name: statistics of a Chinese development zone start after 1978.
    public static let years = 1978...2200

    public init?(_ kind: Kind, year: Int, number: Int = 12) {
        guard Self.years.contains(year) else { return nil }
        switch kind {
        case .year: guard number == 12 else { return nil }
        case .quarter: guard (1...4).contains(number) else { return nil }
        case .month, .yearToDate: guard (1...12).contains(number) else { return nil }
        }
        self.kind = kind
        self.year = year
        self.number = number
    }

    /// Parses `2024`, `2024-Q2`, `2024-06`, `2024-YTD06`; nil for anything else.
    public init?(key text: some StringProtocol) {
        let parts = String(text).split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, first.allSatisfy(\.isASCII), let year = Int(first) else {
            return nil
        }
        func twoDigits(_ s: Substring) -> Int? { s.count == 2 && s.allSatisfy(\.isASCII) ? Int(s) : nil }
        switch parts.count {
        case 1:
            self.init(.year, year: year)
        case 2 where parts[1].hasPrefix("YTD"):
            guard let n = twoDigits(parts[1].dropFirst(3)) else { return nil }
            self.init(.yearToDate, year: year, number: n)
        case 2 where parts[1].hasPrefix("Q") && parts[1].count == 2:
            guard let n = Int(parts[1].dropFirst()) else { return nil }
            self.init(.quarter, year: year, number: n)
        case 2:
            guard let n = twoDigits(parts[1]) else { return nil }
            self.init(.month, year: year, number: n)
        default:
            return nil
        }
    }

    public var key: String {
        let two = number < 10 ? "0\(number)" : "\(number)"
        switch kind {
        case .year: return "\(year)"
        case .quarter: return "\(year)-Q\(number)"
        case .month: return "\(year)-\(two)"
        case .yearToDate: return "\(year)-YTD\(two)"
        }
    }

    /// 2024年 · 2024年第二季度 · 2024年6月 · 2024年1-6月.
    public var label: String {
        switch kind {
        case .year: "\(year)年"
        case .quarter: "\(year)年第\(["一", "二", "三", "四"][number - 1])季度"
        case .month: "\(year)年\(number)月"
        case .yearToDate: number == 1 ? "\(year)年1月" : "\(year)年1-\(number)月"
        }
    }

    public var description: String { key }

    /// The same period a year earlier: what 同比 compares with.
    public var sameInPreviousYear: ReportingPeriod? { ReportingPeriod(kind, year: year - 1, number: number) }

    /// The first and last days the figure covers.
    public var start: Day {
        switch kind {
        case .year, .yearToDate: Day(year: year, month: 1, day: 1)!
        case .quarter: Day(year: year, month: number * 3 - 2, day: 1)!
        case .month: Day(year: year, month: number, day: 1)!
        }
    }

    public var end: Day {
        let month = kind == .quarter ? number * 3 : number
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
    }

    /// A period that has not begun on `today` has no figure yet.
    public func isFuture(on today: Day) -> Bool { start > today }

    /// By the last day covered, then the shorter period first (a month before the quarter it ends).
    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        if lhs.end != rhs.end { return lhs.end < rhs.end }
        if lhs.start != rhs.start { return lhs.start > rhs.start }
        return lhs.kind.rawValue < rhs.kind.rawValue
    }
}

/// One indicator's figures by period, with the growth the source itself stated where it gave one.
public struct IndicatorSeries: Sendable {
    public var values: [ReportingPeriod: Double]
    /// 同比 as published ("增长 2.99%"), for periods whose base-year figure we do not hold.
    public var statedGrowth: [ReportingPeriod: Double]

    public init(values: [ReportingPeriod: Double] = [:], statedGrowth: [ReportingPeriod: Double] = [:]) {
        self.values = values
        self.statedGrowth = statedGrowth
    }

    /// 同比 from our own figures when both years are held; otherwise the published rate (marked so),
    /// otherwise why there is none.
    public func yearOnYear(_ period: ReportingPeriod) -> (rate: GrowthRate, stated: Bool) {
        let base = period.sameInPreviousYear.flatMap { values[$0] }
        if base == nil, let stated = statedGrowth[period] {
            return (.defined(stated), true)
        }
        return (GrowthRate(current: values[period], base: base), false)
    }
}
