import Foundation

/// One line of the 正负积分事项清单: what earns (or costs) points and how many.
///
/// Points are whole numbers (`Int`). The seed systems and the 积分制 notices we model count in
/// whole points; a zone that needs halves scales its whole list (1 point = 2 units) rather than
/// the ledger carrying fractions that boards and caps would have to round.
public struct PointsItem: Hashable, Codable, Sendable, Identifiable {
    public let id: String
    public var name: String
    /// Free grouping for pages, e.g. 志愿服务, 人居环境, 应急管理.
    public var category: String
    /// The standard points of one entry: positive items earn, negative items cost.
    public var points: Int
    public var cap: PointsCap?
    /// Retired items keep their history but take no new entries.
    public var isActive: Bool

    public init(id: String, name: String, category: String, points: Int, cap: PointsCap? = nil, isActive: Bool = true) {
        self.id = id
        self.name = name
        self.category = category
        self.points = points
        self.cap = cap
        self.isActive = isActive
    }

    public var isNegative: Bool { points < 0 }

    /// The period around `day` whose entries the cap counts (nil without a cap). A ledger that
    /// holds only the subject's entries of this item in it checks a new entry exactly as the
    /// whole ledger would: `capUsage` reads nothing else.
    public func capPeriod(containing day: Day) -> Period? { cap.map { Period($0.per, containing: day) } }

    /// Nil when the item is well formed, else what is wrong.
    func problem() -> PointsError? {
        if id.isEmpty { return .missingField("事项编号") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return .missingField("事项名称") }
        if points == 0 { return .invalidItem(name, "分值不能为 0") }
        if let cap, cap.maxPoints <= 0 { return .invalidItem(name, "上限必须大于 0") }
        return nil
    }
}

/// At most `maxPoints` from one item per subject per period, e.g. 志愿服务 at most 10 points a month.
/// For a negative item the cap limits the deduction: its entries count by their size.
public struct PointsCap: Hashable, Codable, Sendable {
    public var maxPoints: Int
    public var per: PeriodKind

    public init(maxPoints: Int, per: PeriodKind) {
        self.maxPoints = maxPoints
        self.per = per
    }

    /// 每月最多 10 分.
    public var label: String { "每\(per.label)最多 \(maxPoints) 分" }
}
