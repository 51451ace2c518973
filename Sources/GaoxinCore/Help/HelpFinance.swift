import Foundation

/// 上市培育: the stages of the 后备上市企业库, in order.
public enum ListingStage: String, CaseIterable, Sendable, Codable {
    case cultivating, restructuring, tutoring, filing, listed

    public var label: String {
        switch self {
        case .cultivating: "培育"
        case .restructuring: "股改"
        case .tutoring: "辅导备案"
        case .filing: "申报"
        case .listed: "上市"
        }
    }

    /// The stage after this one; nil once listed.
    public var next: ListingStage? {
        let all = Self.allCases
        let i = all.firstIndex(of: self)!
        return i + 1 < all.count ? all[i + 1] : nil
    }
}

/// A 知识产权质押融资 pledge as typed, checked: a positive amount (万元), a rate and a term in
/// range, and an end date after the start.
public struct PledgeTerms: Sendable, Equatable {
    public let amount: Int64
    /// Annual rate in basis points (0.01%).
    public let rateBasisPoints: Int
    public let termMonths: Int
    public let start: Day
    public let end: Day

    public init(amount: Int64, rateBasisPoints: Int, termMonths: Int, start: Day, end: Day) {
        self.amount = amount
        self.rateBasisPoints = rateBasisPoints
        self.termMonths = termMonths
        self.start = start
        self.end = end
    }

    /// Each problem as (field, message).
    public var problems: [(field: String, message: String)] {
        var out: [(String, String)] = []
        if amount <= 0 { out.append(("amount", "融资金额：须大于 0 万元")) }
        if amount > 10_000_000 { out.append(("amount", "融资金额：不能超过 1000 亿元")) }
        if !(0...2400).contains(rateBasisPoints) { out.append(("rate", "年利率：须在 0% 到 24% 之间")) }
        if !(1...120).contains(termMonths) { out.append(("term", "期限：须在 1 到 120 个月之间")) }
        if end <= start { out.append(("end_on", "到期日：须晚于放款日")) }
        return out
    }

    /// "3.85%" from basis points.
    public static func rateText(_ bp: Int) -> String {
        "\(bp / 100).\(String(format: "%02d", bp % 100))%"
    }
}
