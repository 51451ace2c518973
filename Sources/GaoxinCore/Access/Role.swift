/// Who a signed-in person is to the platform. The raw values are stored in the database and
/// named in case-type definitions, so they never change once shipped.
public enum Role: String, CaseIterable, Codable, Sendable {
    case platformAdmin = "platform_admin"
    case zoneAdmin = "zone_admin"
    case departmentStaff = "department_staff"
    case investmentOfficer = "investment_officer"
    case gridWorker = "grid_worker"
    case enterpriseUser = "enterprise_user"
    case resident
    /// Anyone without a login; never stored on a user, used in rules about who may act.
    case `public`

    /// The name shown on pages.
    public var label: String {
        switch self {
        case .platformAdmin: "平台管理员"
        case .zoneAdmin: "管委会管理员"
        case .departmentStaff: "部门工作人员"
        case .investmentOfficer: "招商专员/链长"
        case .gridWorker: "网格员"
        case .enterpriseUser: "企业用户"
        case .resident: "居民"
        case .public: "公众"
        }
    }

    /// Staff of the committee or its departments (as opposed to the people they serve).
    public var isStaff: Bool {
        switch self {
        case .platformAdmin, .zoneAdmin, .departmentStaff, .investmentOfficer, .gridWorker: true
        case .enterpriseUser, .resident, .public: false
        }
    }
}
