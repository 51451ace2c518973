import GaoxinCore

/// 政策咨询 as case types: a question to the issuing department, answered within 2 working days
/// counted from the day after receipt (西安 惠企政策发言人), escalated to the zone admin when late,
/// rated by the asker; a 差评 opens 差评回访整改 for the department.
enum ConsultationCaseTypes {
    static let consultation = CaseType(
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
        openRoles: [.enterpriseUser, .resident, .public],
        rating: RatingPolicy(followUpCaseType: "rating_followup"))

    /// 差评回访整改: call the rater back within 1 working day, put it right within 15 (consultations
    /// and grid events; grid workers act only on the ones handed to them or their grids).
    static let ratingFollowUp = CaseType(
        code: "rating_followup", name: "差评回访整改",
        states: [
            CaseState(code: "callback", name: "待回访", timeLimit: .workingDays(1), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "fixing", name: "整改中", timeLimit: .workingDays(15)),
            CaseState(code: "done", name: "已办结", isFinal: true),
        ],
        transitions: [
            CaseTransition(
                code: "call_back", name: "回访核实", from: ["callback"], to: "fixing",
                roles: [.zoneAdmin, .departmentStaff, .gridWorker], requiresNote: true),
            CaseTransition(
                code: "finish", name: "整改完成", from: ["fixing", "callback"], to: "done",
                roles: [.zoneAdmin, .departmentStaff, .gridWorker], requiresNote: true),
        ],
        initialState: "callback")

    static let all = [consultation, ratingFollowUp]
}
