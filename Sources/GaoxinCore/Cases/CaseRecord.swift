/// Who acts on a case: a user id (opaque to the engine) and the role they act in.
public struct CaseActor: Codable, Hashable, Sendable {
    public var id: String
    public var role: Role

    public init(id: String, role: Role) {
        self.id = id
        self.role = role
    }
}

/// Who the case is with now: a person (user id) or a unit (department, grid), ids opaque to the engine.
public struct Assignee: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case person, unit
    }

    public var id: String
    public var kind: Kind

    public init(id: String, kind: Kind) {
        self.id = id
        self.kind = kind
    }
}

/// One line of a case's history.
public struct CaseEvent: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case opened, transition, overdue, escalated, rated
    }

    public let kind: Kind
    /// Nil for what the system did itself (overdue, escalation).
    public let actor: CaseActor?
    public let at: LocalMoment
    /// The state before the event; nil for the creation entry.
    public let from: String?
    /// The state after the event (the unchanged state for overdue, escalation and rating entries).
    public let to: String
    /// The transition code, for `.transition` entries.
    public let transition: String?
    public let note: String?
    /// References to stored files (ids or paths), opaque to the engine.
    public let attachments: [String]
    /// The assignee named in this step, if any.
    public let assignee: Assignee?
    /// The role the case was escalated to, for `.escalated` entries.
    public let escalatedTo: Role?

    init(
        kind: Kind, actor: CaseActor?, at: LocalMoment, from: String?, to: String, transition: String? = nil,
        note: String? = nil, attachments: [String] = [], assignee: Assignee? = nil, escalatedTo: Role? = nil
    ) {
        self.kind = kind
        self.actor = actor
        self.at = at
        self.from = from
        self.to = to
        self.transition = transition
        self.note = note
        self.attachments = attachments
        self.assignee = assignee
        self.escalatedTo = escalatedTo
    }
}

/// One case as the engine left it. A value: every engine call returns a new record for the caller to
/// store; nothing outside the engine changes it, so the history always explains the current fields.
public struct CaseRecord: Codable, Hashable, Sendable {
    public let typeCode: String
    /// The requester: the only one who may rate the case.
    public let openedBy: CaseActor
    public let openedAt: LocalMoment
    public internal(set) var state: String
    public internal(set) var enteredStateAt: LocalMoment
    /// When the current state's time limit runs out; nil when the state has none.
    public internal(set) var deadline: Deadline?
    /// Marks for the current state; cleared when the case moves on (the history keeps them).
    public internal(set) var isOverdue: Bool
    public internal(set) var escalatedTo: Role?
    public internal(set) var assignee: Assignee?
    /// Set when the case enters a final state.
    public internal(set) var closedAt: LocalMoment?
    public internal(set) var history: [CaseEvent]
    public internal(set) var rating: CaseRating?

    public var isClosed: Bool { closedAt != nil }
}
