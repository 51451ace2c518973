/// The go-live checklist (上线检查): what a new zone has set up and what is still missing before
/// it can work on its own data. Each line says what is there in words; the pages add the link to
/// the page that fixes it.
public enum GoLiveChecklist {
    /// What the checklist reads, counted in the zone's database.
    public struct Counts: Sendable, Equatable {
        public var parks = 0
        public var departments = 0
        public var spokespersons = 0
        public var criteriaOverrides = 0
        public var policiesInForce = 0
        public var grids = 0
        public var gridsWithWorkers = 0
        public var open311Keys = 0
        public var enterprises = 0
        /// Active users of the zone by role.
        public var users: [Role: Int] = [:]

        public init() {}
    }

    public enum Item: String, Sendable, CaseIterable {
        case parks, departments, spokespersons, criteria, policies, grids, gridWorkers, open311Keys, enterprises
        case usersZoneAdmin, usersDepartmentStaff, usersInvestmentOfficer, usersGridWorker, usersEnterpriseUser
        case usersResident

        /// The role a users line counts.
        public var role: Role? {
            switch self {
            case .usersZoneAdmin: .zoneAdmin
            case .usersDepartmentStaff: .departmentStaff
            case .usersInvestmentOfficer: .investmentOfficer
            case .usersGridWorker: .gridWorker
            case .usersEnterpriseUser: .enterpriseUser
            case .usersResident: .resident
            default: nil
            }
        }
    }

    public struct Line: Sendable, Equatable {
        public let item: Item
        public let title: String
        public let done: Bool
        public let detail: String
    }

    public static func lines(_ c: Counts) -> [Line] {
        var lines = [
            Line(
                item: .parks, title: "园区（一区多园）", done: c.parks > 0,
                detail: c.parks > 0 ? "\(c.parks) 个在用园区" : "还没有在用的园区：企业导入时无法填写“园区”"),
            Line(
                item: .departments, title: "部门", done: c.departments > 0,
                detail: c.departments > 0 ? "\(c.departments) 个部门" : "还没有部门：政策、咨询和事件无处分派"),
            Line(
                item: .spokespersons, title: "惠企政策发言人", done: c.spokespersons > 0,
                detail: c.spokespersons > 0
                    ? "\(c.spokespersons) 位发言人在公开名录中" : "公开名录为空：请为部门填写发言人并选择公开"),
            Line(
                item: .criteria, title: "认定条件", done: true,
                detail: c.criteriaOverrides > 0
                    ? "\(c.criteriaOverrides) 项使用本园区版本，其余使用官方认定条件" : "使用官方认定条件（科小、创新型、高企等）"),
            Line(
                item: .policies, title: "现行有效的政策", done: c.policiesInForce > 0,
                detail: c.policiesInForce > 0 ? "\(c.policiesInForce) 项政策现行有效" : "还没有现行有效的政策：企业看不到可申报的政策"),
            Line(
                item: .grids, title: "网格", done: c.grids > 0,
                detail: c.grids > 0 ? "\(c.grids) 个网格" : "还没有网格：请导入网格边界"),
            Line(
                item: .gridWorkers, title: "网格员", done: c.grids > 0 && c.gridsWithWorkers >= c.grids,
                detail: c.grids == 0
                    ? "先导入网格，再为每个网格指定网格员"
                    : "\(c.grids) 个网格中 \(c.gridsWithWorkers) 个已有网格员"
                        + (c.gridsWithWorkers < c.grids ? "，\(c.grids - c.gridsWithWorkers) 个无人负责" : "")),
            Line(
                item: .open311Keys, title: "Open311 接口密钥", done: c.open311Keys > 0,
                detail: c.open311Keys > 0 ? "\(c.open311Keys) 个有效密钥" : "还没有密钥：第三方（如 12345 热线）无法报送事件"),
            Line(
                item: .enterprises, title: "企业名录", done: c.enterprises > 0,
                detail: c.enterprises > 0 ? "\(c.enterprises) 家企业" : "还没有企业：请用 CSV 导入企业名录"),
        ]
        for item in Item.allCases {
            guard let role = item.role else { continue }
            let n = c.users[role] ?? 0
            lines.append(
                Line(
                    item: item, title: "用户：\(role.label)", done: n > 0,
                    detail: n > 0 ? "\(n) 个启用的账号" : "还没有\(role.label)账号"))
        }
        return lines
    }

    /// Done lines out of all, for the heading.
    public static func progress(_ lines: [Line]) -> (done: Int, total: Int) {
        (lines.filter(\.done).count, lines.count)
    }
}
