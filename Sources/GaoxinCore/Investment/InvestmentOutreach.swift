/// The kinds of investment event the seeds describe: 肇庆's 专场推介会 in 东莞, 宝鸡's 招商小分队 on
/// 8 rounds of 上门对接, visits received (来区考察) and fairs.
public enum InvestEventKind: String, CaseIterable, Codable, Sendable {
    case promotion, team, visit, fair

    public var label: String {
        switch self {
        case .promotion: "招商推介会"
        case .team: "招商小分队上门对接"
        case .visit: "客商来区考察"
        case .fair: "展会"
        }
    }
}

/// A 头脑风暴 idea's way through screening (肇庆: 620 多条 collected, 10 条 formed): collected, then
/// adopted or declined with a note; an adopted idea that names an investor becomes a 线索.
public enum IdeaStatus: String, CaseIterable, Codable, Sendable {
    case submitted, adopted, declined, lead

    public var label: String {
        switch self {
        case .submitted: "待筛选"
        case .adopted: "采纳"
        case .declined: "不予采纳"
        case .lead: "已转为招商线索"
        }
    }

    /// Screening decides a collected idea once; a declined one may be adopted on a second look.
    public func mayBecome(_ next: IdeaStatus) -> Bool {
        switch (self, next) {
        case (.submitted, .adopted), (.submitted, .declined), (.declined, .adopted): true
        case (.submitted, .lead), (.adopted, .lead): true
        default: false
        }
    }
}
