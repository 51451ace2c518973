import GaoxinCore

enum CaseTestData {
    /// 政策咨询: 提交 → 答复 → 评价, 2 working days to answer, escalated to the zone admin when late.
    static let consultationType = CaseType(
        code: "consultation", name: "政策咨询",
        states: [
            CaseState(code: "submitted", name: "待答复", timeLimit: .workingDays(2), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "answered", name: "已答复", isFinal: true),
            CaseState(code: "withdrawn", name: "已撤回", isFinal: true),
        ],
        transitions: [
            CaseTransition(
                code: "answer", name: "答复", from: ["submitted"], to: "answered",
                roles: [.departmentStaff, .zoneAdmin], requiresNote: true),
            CaseTransition(
                code: "withdraw", name: "撤回", from: ["submitted"], to: "withdrawn", roles: [.enterpriseUser, .resident]),
        ],
        initialState: "submitted",
        openRoles: [.enterpriseUser, .resident],
        rating: RatingPolicy(followUpCaseType: "rating_followup"))

    /// 差评回访整改: what a 差评 opens (call back within 1 working day, fix within 15).
    static let ratingFollowUpType = CaseType(
        code: "rating_followup", name: "差评回访整改",
        states: [
            CaseState(code: "callback", name: "待回访", timeLimit: .workingDays(1)),
            CaseState(code: "fixing", name: "整改中", timeLimit: .workingDays(15)),
            CaseState(code: "done", name: "已办结", isFinal: true),
        ],
        transitions: [
            CaseTransition(
                code: "call_back", name: "回访核实", from: ["callback"], to: "fixing", roles: [.zoneAdmin],
                requiresNote: true),
            CaseTransition(
                code: "finish", name: "整改完成", from: ["fixing", "callback"], to: "done",
                roles: [.zoneAdmin, .departmentStaff], requiresNote: true),
        ],
        initialState: "callback")

    /// 网格事件 (GB/T 30428.8 loop): 上报 → 受理/立案 → 派遣 → 处置 → 核查 → 结案.
    static let gridEventType = CaseType(
        code: "grid_event", name: "网格事件",
        states: [
            CaseState(code: "reported", name: "待受理", timeLimit: .workingHours(4), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "registered", name: "已立案", timeLimit: .workingDays(1)),
            CaseState(
                code: "dispatched", name: "处置中", timeLimit: .workingDays(3), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "handled", name: "待核查", timeLimit: .workingDays(1)),
            CaseState(code: "closed", name: "已结案", isFinal: true),
            CaseState(code: "rejected", name: "不予受理", isFinal: true),
        ],
        transitions: [
            CaseTransition(code: "accept", name: "受理立案", from: ["reported"], to: "registered", roles: [.zoneAdmin]),
            CaseTransition(
                code: "reject", name: "不予受理", from: ["reported"], to: "rejected", roles: [.zoneAdmin],
                requiresNote: true),
            CaseTransition(
                code: "dispatch", name: "派遣", from: ["registered"], to: "dispatched", roles: [.zoneAdmin],
                requiresAssignee: true),
            CaseTransition(
                code: "handle", name: "处置反馈", from: ["dispatched"], to: "handled",
                roles: [.departmentStaff, .gridWorker], requiresNote: true),
            CaseTransition(code: "verify", name: "核查通过", from: ["handled"], to: "closed", roles: [.gridWorker]),
            CaseTransition(
                code: "send_back", name: "核查不通过", from: ["handled"], to: "dispatched", roles: [.gridWorker],
                requiresNote: true),
        ],
        initialState: "reported")

    static let engine: CaseEngine = {
        do {
            return try CaseEngine(
                calendar: CalendarTestData.official, types: [consultationType, ratingFollowUpType, gridEventType])
        } catch { fatalError("\(error)") }
    }()

    static let company = CaseActor(id: "u-company-1", role: .enterpriseUser)
    static let otherCompany = CaseActor(id: "u-company-2", role: .enterpriseUser)
    static let resident = CaseActor(id: "u-resident-1", role: .resident)
    static let admin = CaseActor(id: "u-admin-1", role: .zoneAdmin)
    static let staff = CaseActor(id: "u-staff-1", role: .departmentStaff)
    static let gridWorker = CaseActor(id: "u-grid-1", role: .gridWorker)
    static let scienceBureau = Assignee(id: "dept-science", kind: .unit)
    static let cityManagement = Assignee(id: "dept-city", kind: .unit)
}

/// Case fixtures as members of the suites that conform, not module globals.
protocol CaseFixtures: CalendarFixtures {}

extension CaseFixtures {
    var engine: CaseEngine { CaseTestData.engine }
    var consultationType: CaseType { CaseTestData.consultationType }
    var ratingFollowUpType: CaseType { CaseTestData.ratingFollowUpType }
    var gridEventType: CaseType { CaseTestData.gridEventType }
    var company: CaseActor { CaseTestData.company }
    var otherCompany: CaseActor { CaseTestData.otherCompany }
    var resident: CaseActor { CaseTestData.resident }
    var admin: CaseActor { CaseTestData.admin }
    var staff: CaseActor { CaseTestData.staff }
    var gridWorker: CaseActor { CaseTestData.gridWorker }
    var scienceBureau: Assignee { CaseTestData.scienceBureau }
    var cityManagement: Assignee { CaseTestData.cityManagement }
}
