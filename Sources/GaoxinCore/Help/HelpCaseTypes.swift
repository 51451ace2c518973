/// 企业诉求 and 共享法庭 调解 as case types on the one engine.
public enum HelpCaseTypes {
    /// 企业诉求: filed by the enterprise (or for it by a cadre after a visit, or by staff from the
    /// hotline or an on-site meeting); the zone's 助企 office routes it to a department within 1
    /// working day; the department answers within 5; the enterprise confirms it solved or sends it
    /// back (不满意重办), then rates it. Late steps go to the zone admin for 督办.
    public static let demand = CaseType(
        code: "help_demand", name: "企业诉求",
        states: [
            CaseState(code: "submitted", name: "待分办", timeLimit: .workingDays(1), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "handling", name: "办理中", timeLimit: .workingDays(5), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "answered", name: "已答复待确认", timeLimit: .workingDays(5)),
            CaseState(code: "confirmed", name: "已解决", isFinal: true),
        ],
        transitions: [
            CaseTransition(
                code: "route", name: "分办", from: ["submitted"], to: "handling", roles: [.zoneAdmin],
                requiresAssignee: true),
            CaseTransition(
                code: "answer", name: "答复", from: ["handling"], to: "answered", roles: [.departmentStaff, .zoneAdmin],
                requiresNote: true),
            CaseTransition(
                code: "confirm", name: "确认解决", from: ["answered"], to: "confirmed", roles: [.enterpriseUser]),
            CaseTransition(
                code: "reopen", name: "不满意，退回重办", from: ["answered"], to: "handling", roles: [.enterpriseUser],
                requiresNote: true),
        ],
        initialState: "submitted",
        openRoles: [.enterpriseUser],
        rating: RatingPolicy(followUpCaseType: "rating_followup"))

    /// 共享法庭 online mediation: the 庭务主任 accepts, schedules the online session, and records an
    /// agreement (settled once both parties confirm it) or a failure referred to court.
    public static let mediation = CaseType(
        code: "mediation", name: "矛盾纠纷调解",
        states: [
            CaseState(code: "filed", name: "待受理", timeLimit: .workingDays(1), onOverdue: .escalate(to: .zoneAdmin)),
            CaseState(code: "accepted", name: "已受理待排期"),
            CaseState(code: "scheduled", name: "已排期待调解"),
            CaseState(code: "agreed", name: "已达成协议待确认"),
            CaseState(code: "settled", name: "调解成功", isFinal: true),
            CaseState(code: "referred", name: "调解不成，引导诉讼", isFinal: true),
        ],
        transitions: [
            CaseTransition(
                code: "accept", name: "受理", from: ["filed"], to: "accepted", roles: [.departmentStaff, .zoneAdmin]),
            CaseTransition(
                code: "schedule", name: "安排在线调解", from: ["accepted", "scheduled"], to: "scheduled",
                roles: [.departmentStaff, .zoneAdmin], requiresNote: true),
            CaseTransition(
                code: "agree", name: "记录调解协议", from: ["scheduled"], to: "agreed",
                roles: [.departmentStaff, .zoneAdmin], requiresNote: true),
            CaseTransition(
                code: "settle", name: "双方确认协议", from: ["agreed"], to: "settled",
                roles: [.enterpriseUser, .resident, .departmentStaff, .zoneAdmin, .platformAdmin]),
            CaseTransition(
                code: "refer", name: "调解不成，引导诉讼", from: ["accepted", "scheduled", "agreed"], to: "referred",
                roles: [.departmentStaff, .zoneAdmin], requiresNote: true),
        ],
        initialState: "filed",
        openRoles: [.enterpriseUser, .resident, .departmentStaff, .zoneAdmin, .gridWorker])

    public static let all = [demand, mediation]
}

/// What an 企业诉求 is about (沈阳 万人进万企's problem kinds).
public enum DemandCategory: String, CaseIterable, Sendable, Codable {
    case financing, labour, land, approval, policy, logistics, market, other

    public var label: String {
        switch self {
        case .financing: "融资"
        case .labour: "用工"
        case .land: "用地"
        case .approval: "审批"
        case .policy: "政策"
        case .logistics: "物流"
        case .market: "市场"
        case .other: "其他"
        }
    }
}

/// Where a demand came from.
public enum DemandChannel: String, CaseIterable, Sendable, Codable {
    case enterprise, visit, hotline, meeting

    public var label: String {
        switch self {
        case .enterprise: "企业自行提交"
        case .visit: "干部走访发现"
        case .hotline: "24小时热线"
        case .meeting: "现场办公会"
        }
    }
}
