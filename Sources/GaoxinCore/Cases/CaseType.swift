/// A kind of case (咨询, 企业诉求, 网格事件, 服务申请, 调解…) as data: its states, the transitions
/// between them, who may take each one and the time limit of each state. Stored as JSON and edited by
/// admins, so every field has a plain JSON form and optional fields may be left out.
public struct CaseType: Codable, Hashable, Sendable {
    public var code: String
    public var name: String
    public var states: [CaseState]
    public var transitions: [CaseTransition]
    public var initialState: String
    /// Roles that may open a case of this type; empty means anyone, signed in or not.
    public var openRoles: [Role]
    /// Set when a closed case is rated 好差评 by its requester; nil when the type has no rating.
    public var rating: RatingPolicy?

    public init(
        code: String, name: String, states: [CaseState], transitions: [CaseTransition], initialState: String,
        openRoles: [Role] = [], rating: RatingPolicy? = nil
    ) {
        self.code = code
        self.name = name
        self.states = states
        self.transitions = transitions
        self.initialState = initialState
        self.openRoles = openRoles
        self.rating = rating
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        states = try c.decode([CaseState].self, forKey: .states)
        transitions = try c.decode([CaseTransition].self, forKey: .transitions)
        initialState = try c.decode(String.self, forKey: .initialState)
        openRoles = try c.decodeIfPresent([Role].self, forKey: .openRoles) ?? []
        rating = try c.decodeIfPresent(RatingPolicy.self, forKey: .rating)
    }

    public func state(_ code: String) -> CaseState? { states.first { $0.code == code } }
    public func transition(_ code: String) -> CaseTransition? { transitions.first { $0.code == code } }
}

/// 好差评 settings of a case type.
public struct RatingPolicy: Codable, Hashable, Sendable {
    /// The case type a 差评 (不满意, 非常不满意) opens as follow-up (回访整改); nil opens nothing.
    public var followUpCaseType: String?

    public init(followUpCaseType: String? = nil) {
        self.followUpCaseType = followUpCaseType
    }
}

/// One state of a case type, e.g. 待答复 with a limit of 2 working days.
public struct CaseState: Codable, Hashable, Sendable {
    public var code: String
    /// Shown to people, e.g. "待受理".
    public var name: String
    /// Counted from the moment the case enters this state; nil means no limit.
    public var timeLimit: TimeLimit?
    public var onOverdue: OverdueAction
    /// A final state closes the case: no transition may leave it.
    public var isFinal: Bool

    public init(
        code: String, name: String, timeLimit: TimeLimit? = nil, onOverdue: OverdueAction = .markOverdue,
        isFinal: Bool = false
    ) {
        self.code = code
        self.name = name
        self.timeLimit = timeLimit
        self.onOverdue = onOverdue
        self.isFinal = isFinal
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        timeLimit = try c.decodeIfPresent(TimeLimit.self, forKey: .timeLimit)
        onOverdue = try c.decodeIfPresent(OverdueAction.self, forKey: .onOverdue) ?? .markOverdue
        isFinal = try c.decodeIfPresent(Bool.self, forKey: .isFinal) ?? false
    }
}

/// A state's time limit, counted on the zone's working-day calendar. JSON: `{"amount": 2, "unit": "workingDays"}`.
public struct TimeLimit: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, Codable, Hashable, Sendable {
        case workingDays, workingHours
    }

    public var amount: Int
    public var unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public static func workingDays(_ n: Int) -> TimeLimit { TimeLimit(amount: n, unit: .workingDays) }
    public static func workingHours(_ n: Int) -> TimeLimit { TimeLimit(amount: n, unit: .workingHours) }

    public var description: String { "\(amount)个\(unit == .workingDays ? "工作日" : "工作小时")" }
}

/// What happens when a state's time limit passes. JSON: `{"action": "markOverdue"}` or
/// `{"action": "escalate", "role": "zone_admin"}`.
public enum OverdueAction: Codable, Hashable, Sendable {
    case markOverdue
    /// Mark overdue and hand the case to this role's attention (督办).
    case escalate(to: Role)

    private enum CodingKeys: String, CodingKey { case action, role }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .action) {
        case "markOverdue": self = .markOverdue
        case "escalate": self = .escalate(to: try c.decode(Role.self, forKey: .role))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .action, in: c, debugDescription: "超时处理方式“\(other)”无效，应为 markOverdue 或 escalate")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .markOverdue:
            try c.encode("markOverdue", forKey: .action)
        case .escalate(let role):
            try c.encode("escalate", forKey: .action)
            try c.encode(role, forKey: .role)
        }
    }
}

/// A step from one of `from` to `to`, e.g. 派遣 from 已立案 to 处置中, taken by the roles listed.
public struct CaseTransition: Codable, Hashable, Sendable {
    public var code: String
    /// Shown on the button and in the history, e.g. "派遣".
    public var name: String
    public var from: [String]
    public var to: String
    public var roles: [Role]
    public var requiresNote: Bool
    /// The actor must name who handles the case next (a department, a grid worker).
    public var requiresAssignee: Bool

    public init(
        code: String, name: String, from: [String], to: String, roles: [Role], requiresNote: Bool = false,
        requiresAssignee: Bool = false
    ) {
        self.code = code
        self.name = name
        self.from = from
        self.to = to
        self.roles = roles
        self.requiresNote = requiresNote
        self.requiresAssignee = requiresAssignee
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        from = try c.decode([String].self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
        roles = try c.decode([Role].self, forKey: .roles)
        requiresNote = try c.decodeIfPresent(Bool.self, forKey: .requiresNote) ?? false
        requiresAssignee = try c.decodeIfPresent(Bool.self, forKey: .requiresAssignee) ?? false
    }
}
