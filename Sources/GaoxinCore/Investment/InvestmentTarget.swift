import Foundation

/// What a zone or park sets as its yearly investment targets (年度招商目标).
public enum InvestmentTargetKind: String, CaseIterable, Codable, Sendable {
    case fundsInPlace = "funds_in_place"
    case foreignInvestment = "foreign_investment"
    case newProjects = "new_projects"
    case bigProjects = "big_projects"
    case started, completed, producing

    public var label: String {
        switch self {
        case .fundsInPlace: "到位资金"
        case .foreignInvestment: "实际利用外资"
        case .newProjects: "新签约项目"
        case .bigProjects: "亿元以上项目"
        case .started: "新开工项目"
        case .completed: "竣工项目"
        case .producing: "投产项目"
        }
    }

    /// Money (到位资金 in 万元, 外资 in 万美元 as FDI is reported); the rest are counts of projects.
    public var isMoney: Bool { self == .fundsInPlace || self == .foreignInvestment }

    public var unit: String { self == .foreignInvestment ? "万美元" : isMoney ? "万元" : "个" }

    /// A signed project of at least this agreed investment (万元) counts as 亿元以上.
    public static let bigProjectThreshold: Int64 = 10_000

    /// The largest target accepted: 1 000 000 亿元 in 万元 (or 万美元), or a million projects.
    public var maxTarget: Int64 { isMoney ? 10_000_000_000 : 1_000_000 }

    /// A target's problem, or nil when it can be set: zero and negative targets are refused
    /// (a completion rate against them means nothing).
    public func problem(target: Int64) -> String? {
        if target <= 0 { return "\(label)目标必须大于 0" }
        if target > maxTarget { return "\(label)目标不能超过 \(maxTarget) \(unit)" }
        return nil
    }
}

/// One target's progress at a day: completion (完成率) against the target, time progress, and the
/// 双过半 test at mid-year (June 30, by months: the monthly statistics' reading).
public struct TargetProgress: Sendable {
    public let kind: InvestmentTargetKind
    public let target: Int64
    public let actual: Int64
    public let completion: Completion
    public let timeProgress: TimeProgress
    /// Ahead of or level with time (完成率 ≥ 时间进度).
    public let isOnPace: Bool
    /// 双过半 with the half-year actual; nil before the half year is over.
    public let doubleHalf: DoubleHalfCheck?

    public init(kind: InvestmentTargetKind, target: Int64, actual: Int64, halfYearActual: Int64, at day: Day) {
        self.kind = kind
        self.target = target
        self.actual = actual
        completion = Completion(actual: Double(actual), target: Double(target))
        timeProgress = TimeProgress(at: day, basis: .months)
        isOnPace = (completion.rate.value ?? 0) + 1e-9 >= timeProgress.fraction
        let midYear = Day(year: day.year, month: 6, day: 30)!
        doubleHalf =
            day >= midYear
            ? DoubleHalfCheck(actual: Double(halfYearActual), target: Double(target), at: midYear, basis: .months)
            : nil
    }

    /// 157.6 亿元, 1590 万美元 or 12 个.
    public static func amountText(_ value: Int64, kind: InvestmentTargetKind) -> String {
        guard kind == .fundsInPlace else { return "\(value) \(kind.unit)" }
        if value >= 10_000 || value <= -10_000 {
            let yi = Double(value) / 10_000
            let text = String(format: "%.2f", yi)
            let trimmed =
                text.hasSuffix("00") ? String(text.dropLast(3)) : text.hasSuffix("0") ? String(text.dropLast()) : text
            return "\(trimmed) 亿元"
        }
        return "\(value) 万元"
    }
}
