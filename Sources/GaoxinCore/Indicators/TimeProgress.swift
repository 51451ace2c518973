/// How far through its year a day is. Two readings, because the data differ:
/// - `days`: days elapsed ÷ days in the year, counting the given day as elapsed (figures "as of
///   the end of" that day); 2024-02-29 is 60/366.
/// - `months`: whole months completed ÷ 12, for monthly statistics (1–N月累计); a month counts once
///   its last day is reached, so 2024-02-29 is 2/12 and 2024-03-15 is still 2/12.
public enum TimeProgressBasis: String, CaseIterable, Codable, Sendable {
    case days, months

    public var label: String {
        switch self {
        case .days: "按天"
        case .months: "按月"
        }
    }
}

public struct TimeProgress: Hashable, Sendable {
    public let day: Day
    public let basis: TimeProgressBasis
    public let elapsed: Int
    public let total: Int

    public init(at day: Day, basis: TimeProgressBasis) {
        self.day = day
        self.basis = basis
        switch basis {
        case .days:
            elapsed = day.dayOfYear
            total = Day.daysIn(year: day.year)
        case .months:
            let monthDone = day.day == Day.daysIn(month: day.month, year: day.year)
            elapsed = monthDone ? day.month : day.month - 1
            total = 12
        }
    }

    /// 0…1.
    public var fraction: Double { Double(elapsed) / Double(total) }

    /// 时间进度 16.4%（60/366 天）.
    public var text: String {
        "时间进度 \(Percent.text(fraction))（\(elapsed)/\(total) \(basis == .days ? "天" : "个月")）"
    }
}
