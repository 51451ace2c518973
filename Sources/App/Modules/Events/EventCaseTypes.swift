import GaoxinCore

/// 网格事件 as case types: one per grid-worker duty of the 济南 seed (宣传上级政策, 收集基础信息,
/// 排查问题隐患, 调解矛盾纠纷, 组织群众活动), all with the same closed loop 上报 → 受理/立案 → 派遣 →
/// 处置 → 核查 → 结案 but each with its own time limits: a hazard is taken up within 4 working hours,
/// a dispute is handled within 3 working days, an activity may take two weeks to organise.
/// Grid-level rules (a grid worker acts only in their own grids, a department only on what was
/// dispatched to it) are the app's, in `Permissions` (`.event`, `.eventHandling`) and `EventService`; the
/// engine checks the role of each step.
enum EventCaseTypes {
    /// One duty: its category code (Open311 `service_code`), name, description and time limits.
    struct Category: Sendable {
        let code: String
        let name: String
        let summary: String
        let keywords: String
        /// Limits of 待受理, 待派遣, 处置中, 待核查.
        let accept: TimeLimit
        let dispatch: TimeLimit
        let handle: TimeLimit
        let verify: TimeLimit
        /// The state whose overdue goes to the zone admin (督办); the other states are only marked.
        let escalateIn: String

        var caseTypeCode: String { "event_" + code }
        /// Whether Open311 lists this category's events to anyone who asks (`isPublic` in `publicCodes`).
        var isPublic: Bool { EventCaseTypes.publicCodes.contains(code) }
    }

    static let categories: [Category] = [
        Category(
            code: "policy", name: "宣传上级政策", summary: "向群众宣传、解读上级政策，收集群众对政策的意见和疑问。",
            keywords: "政策,宣传,解读", accept: .workingDays(2), dispatch: .workingDays(2), handle: .workingDays(5),
            verify: .workingDays(2), escalateIn: "dispatched"),
        Category(
            code: "info", name: "收集基础信息", summary: "采集、核实辖区人口、房屋、单位等基础信息的变动。",
            keywords: "信息,采集,人口,房屋", accept: .workingDays(2), dispatch: .workingDays(2), handle: .workingDays(5),
            verify: .workingDays(2), escalateIn: "dispatched"),
        Category(
            code: "hazard", name: "排查问题隐患", summary: "安全生产、消防、环境、设施等问题隐患，4 个工作小时内受理。",
            keywords: "隐患,安全,消防,环境", accept: .workingHours(4), dispatch: .workingHours(4), handle: .workingDays(2),
            verify: .workingDays(1), escalateIn: "reported"),
        Category(
            code: "dispute", name: "调解矛盾纠纷", summary: "邻里、家庭、物业等矛盾纠纷，受理后 3 个工作日内处置。",
            keywords: "纠纷,调解,矛盾", accept: .workingDays(1), dispatch: .workingDays(1), handle: .workingDays(3),
            verify: .workingDays(1), escalateIn: "dispatched"),
        Category(
            code: "activity", name: "组织群众活动", summary: "组织志愿服务、文体活动、议事协商等群众活动。",
            keywords: "活动,志愿,文体", accept: .workingDays(2), dispatch: .workingDays(3), handle: .workingDays(10),
            verify: .workingDays(3), escalateIn: "dispatched"),
    ]

    static func category(_ code: String) -> Category? { categories.first { $0.code == code } }

    /// The categories Open311 publishes (GET requests), with the location coarsened to the grid. 调解矛盾纠纷
    /// (people's quarrels) and 收集基础信息 (population and housing records) are about named people and
    /// their homes: they are never listed, not even by id (#11).
    static let publicCodes: Set<String> = ["policy", "hazard", "activity"]
    static func category(caseType: String) -> Category? { categories.first { $0.caseTypeCode == caseType } }

    /// The states in the order of the loop, for filters and statistics.
    static let stateNames: [(code: String, name: String)] = [
        ("reported", "已上报，待受理"), ("accepted", "已立案，待派遣"), ("dispatched", "已派遣，处置中"),
        ("handled", "已处置，待核查"), ("verified", "已核查，待结案"), ("closed", "已结案"), ("rejected", "不予受理"),
    ]

    /// Office roles that run the loop; the reporter only reports and rates.
    private static let gridAndAdmin: [Role] = [.gridWorker, .zoneAdmin]

    static func type(_ c: Category) -> CaseType {
        func overdue(_ state: String) -> OverdueAction {
            state == c.escalateIn ? .escalate(to: .zoneAdmin) : .markOverdue
        }
        return CaseType(
            code: c.caseTypeCode, name: "网格事件·\(c.name)",
            states: [
                CaseState(code: "reported", name: "已上报，待受理", timeLimit: c.accept, onOverdue: overdue("reported")),
                CaseState(code: "accepted", name: "已立案，待派遣", timeLimit: c.dispatch, onOverdue: overdue("accepted")),
                CaseState(code: "dispatched", name: "已派遣，处置中", timeLimit: c.handle, onOverdue: overdue("dispatched")),
                CaseState(code: "handled", name: "已处置，待核查", timeLimit: c.verify, onOverdue: overdue("handled")),
                CaseState(
                    code: "verified", name: "已核查，待结案", timeLimit: .workingDays(1), onOverdue: overdue("verified")),
                CaseState(code: "closed", name: "已结案", isFinal: true),
                CaseState(code: "rejected", name: "不予受理", isFinal: true),
            ],
            transitions: [
                CaseTransition(code: "accept", name: "受理立案", from: ["reported"], to: "accepted", roles: gridAndAdmin),
                CaseTransition(
                    code: "reject", name: "不予受理", from: ["reported"], to: "rejected", roles: gridAndAdmin,
                    requiresNote: true),
                CaseTransition(
                    code: "dispatch", name: "派遣", from: ["accepted"], to: "dispatched", roles: gridAndAdmin,
                    requiresAssignee: true),
                CaseTransition(
                    code: "handle", name: "处置完成", from: ["dispatched"], to: "handled",
                    roles: [.gridWorker, .departmentStaff, .zoneAdmin], requiresNote: true),
                CaseTransition(
                    code: "verify", name: "核查通过", from: ["handled"], to: "verified", roles: gridAndAdmin,
                    requiresNote: true),
                CaseTransition(code: "close", name: "结案", from: ["verified"], to: "closed", roles: gridAndAdmin),
                CaseTransition(
                    code: "reopen", name: "核查不通过，退回处置", from: ["handled"], to: "dispatched", roles: gridAndAdmin,
                    requiresNote: true),
            ],
            initialState: "reported",
            openRoles: [.gridWorker, .resident, .zoneAdmin, .departmentStaff, .public],
            // A 差评 goes back to whoever handled the event, to call the reporter back and put it right.
            rating: RatingPolicy(followUpCaseType: ConsultationCaseTypes.ratingFollowUp.code))
    }

    static let all: [CaseType] = categories.map(type)
    static let codes: Set<String> = Set(all.map(\.code))
}
