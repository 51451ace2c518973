import GaoxinCore

/// The platform's modules, one navigation slot each. Which roles see which slot is decided here
/// and nowhere else (the navigation and the permission check both read it).
public enum ModuleSlot: String, CaseIterable, Sendable {
    case enterprises, policies, investment, services, governance
    case enterpriseHelp = "enterprise-help"
    case mediation, statistics

    public var title: String {
        switch self {
        case .enterprises: "企业"
        case .policies: "惠企政策"
        case .investment: "招商引资"
        case .services: "政务服务"
        case .governance: "基层治理"
        case .enterpriseHelp: "助企服务"
        case .mediation: "矛盾调解"
        case .statistics: "统计监测"
        }
    }

    public var summary: String {
        switch self {
        case .enterprises: "企业名录、年度数据、资质认定与梯度培育、创新积分与后备企业库。"
        case .policies: "政策台账、惠企政策发言人、政策解读、精准匹配、咨询、申报与兑现。"
        case .investment: "产业链图谱、招商项目全流程跟踪、年度目标与“双过半”。"
        case .services: "办事指南、网上申办、一次性告知、办结时限与“好差评”。"
        case .governance: "网格与事件闭环、居民积分制、协商议事。"
        case .enterpriseHelp: "干部包联企业、走访记录、企业诉求闭环办理。"
        case .mediation: "共享法庭：纠纷受理、在线调解、调解协议。"
        case .statistics: "园区指标、同比增长、综合评价指数与等级、图表与导出。"
        }
    }

    /// Signed-in roles that see this module (platform admins see everything).
    public var roles: Set<Role> {
        let committee: Set<Role> = [.platformAdmin, .zoneAdmin, .departmentStaff]
        switch self {
        case .enterprises: return committee.union([.investmentOfficer, .enterpriseUser])
        case .policies: return committee.union([.investmentOfficer, .enterpriseUser, .resident])
        case .investment: return committee.union([.investmentOfficer])
        case .services: return committee.union([.enterpriseUser, .resident, .gridWorker])
        case .governance: return committee.union([.gridWorker, .resident])
        case .enterpriseHelp: return committee.union([.investmentOfficer, .enterpriseUser])
        case .mediation: return committee.union([.enterpriseUser, .resident])
        case .statistics: return committee.union([.investmentOfficer])
        }
    }

    /// Modules with pages the public may read without logging in (policies, service guides).
    public var isPublic: Bool { self == .policies || self == .services }
}
