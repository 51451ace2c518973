import GaoxinCore

/// 政务服务办件 as a case type: pre-check of the materials (预审, 1 working day), one 一次性告知 and
/// the applicant's 补正, acceptance (受理) after which the item's own promised limit runs (set per
/// case, `CaseEngine.withLimit`), and 办结 with the result; 即办 finishes at acceptance. Rated by the
/// applicant once finished; a 差评 opens the shared 差评回访整改 for the handling department.
enum ServiceCaseTypes {
    static let staff: [Role] = [.departmentStaff, .zoneAdmin]
    static let applicants: [Role] = [.resident, .enterpriseUser]

    static let application = CaseType(
        code: "service_application", name: "政务服务办件",
        states: [
            CaseState(code: "submitted", name: "待预审", timeLimit: .workingDays(1), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "correcting", name: "待补正"),
            CaseState(code: "processing", name: "办理中", onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "finished", name: "已办结", isFinal: true),
            CaseState(code: "refused", name: "不予受理", isFinal: true),
        ],
        transitions: [
            CaseTransition(
                code: "notify", name: "一次性告知补正", from: ["submitted"], to: "correcting", roles: staff,
                requiresNote: true),
            CaseTransition(
                code: "resubmit", name: "补正材料", from: ["correcting"], to: "submitted", roles: applicants + staff),
            CaseTransition(code: "accept", name: "受理", from: ["submitted"], to: "processing", roles: staff),
            CaseTransition(
                code: "finish", name: "办结", from: ["processing"], to: "finished", roles: staff, requiresNote: true),
            CaseTransition(
                code: "refuse", name: "不予受理", from: ["submitted", "correcting"], to: "refused", roles: staff,
                requiresNote: true),
        ],
        initialState: "submitted",
        openRoles: applicants + staff,
        rating: RatingPolicy(followUpCaseType: ConsultationCaseTypes.ratingFollowUp.code))

    static let all = [application]
}
