/// The one closed-loop workflow engine behind consultations, enterprise demands, grid events, service
/// applications and mediation. It holds the validated case types and the zone's calendar; every call
/// takes a record and returns a new one (or a typed error), so routes and periodic jobs store the result.
public struct CaseEngine: Sendable {
    public let calendar: WorkCalendar
    public let officeHours: OfficeHours
    public let types: [String: CaseType]

    /// Validates every type (see `CaseType.validationProblems()`), and that follow-up types exist.
    public init(calendar: WorkCalendar, officeHours: OfficeHours = .standard, types: [CaseType]) throws(CaseError) {
        var byCode: [String: CaseType] = [:]
        for type in types {
            let problems = type.validationProblems()
            guard problems.isEmpty else { throw .invalidDefinition(typeCode: type.code, problems: problems) }
            guard byCode.updateValue(type, forKey: type.code) == nil else { throw .duplicateCaseType(type.code) }
        }
        for type in types {
            if let followUp = type.rating?.followUpCaseType, byCode[followUp] == nil {
                throw .unknownFollowUpType(typeCode: type.code, followUp: followUp)
            }
        }
        self.calendar = calendar
        self.officeHours = officeHours
        self.types = byCode
    }

    /// Opens a case in the type's initial state; the history starts with the creation entry and the
    /// deadline is the initial state's limit counted from `at`.
    public func open(
        typeCode: String, by actor: CaseActor, at: LocalMoment, note: String? = nil, attachments: [String] = []
    ) throws(CaseError) -> CaseRecord {
        guard let type = types[typeCode] else { throw .unknownCaseType(typeCode) }
        guard type.openRoles.isEmpty || type.openRoles.contains(actor.role) else {
            throw .notAllowedToOpen(role: actor.role, typeName: type.name)
        }
        let initial = type.state(type.initialState)!  // validated in init
        return CaseRecord(
            typeCode: typeCode, openedBy: actor, openedAt: at, state: initial.code, enteredStateAt: at,
            deadline: deadline(for: initial, enteredAt: at), isOverdue: false, escalatedTo: nil, assignee: nil,
            closedAt: nil,
            history: [
                CaseEvent(
                    kind: .opened, actor: actor, at: at, from: nil, to: initial.code,
                    note: note.flatMap(Self.nonBlank), attachments: attachments)
            ],
            rating: nil)
    }

    /// Takes transition `transitionCode` on behalf of `actor`. Checks, in order: the case is not closed,
    /// the transition exists and leaves the current state, the actor's role may take it, a note and an
    /// assignee are given when required, and `at` is not before the last history entry.
    /// An assignee given to a transition that does not require one still reassigns the case.
    public func perform(
        _ transitionCode: String, on record: CaseRecord, by actor: CaseActor, at: LocalMoment,
        note: String? = nil, assignee: Assignee? = nil, attachments: [String] = []
    ) throws(CaseError) -> CaseRecord {
        let (type, current) = try typeAndState(of: record)
        guard !current.isFinal else { throw .caseClosed(state: current.name) }
        guard let transition = type.transition(transitionCode) else {
            throw .unknownTransition(code: transitionCode, typeName: type.name)
        }
        guard transition.from.contains(current.code) else {
            throw .transitionNotAvailable(transition: transition.name, state: current.name)
        }
        guard transition.roles.contains(actor.role) else {
            throw .roleNotAllowed(role: actor.role, transition: transition.name, allowed: transition.roles)
        }
        let note = note.flatMap(Self.nonBlank)
        if transition.requiresNote, note == nil { throw .noteRequired(transition: transition.name) }
        if transition.requiresAssignee, assignee == nil { throw .assigneeRequired(transition: transition.name) }
        if let last = record.history.last?.at, at < last { throw .momentBeforeLastEvent(at: at, last: last) }

        let target = type.state(transition.to)!  // validated in init
        var next = record
        next.history.append(
            CaseEvent(
                kind: .transition, actor: actor, at: at, from: current.code, to: target.code,
                transition: transition.code,
                note: note, attachments: attachments, assignee: assignee))
        next.state = target.code
        next.enteredStateAt = at
        next.deadline = deadline(for: target, enteredAt: at)
        next.isOverdue = false
        next.escalatedTo = nil
        if let assignee { next.assignee = assignee }
        if target.isFinal { next.closedAt = at }
        return next
    }

    /// The transitions `role` may take now, in definition order (for the buttons on a case page).
    public func transitions(availableTo role: Role, on record: CaseRecord) -> [CaseTransition] {
        guard let type = types[record.typeCode], type.state(record.state)?.isFinal == false else { return [] }
        return type.transitions.filter { $0.from.contains(record.state) && $0.roles.contains(role) }
    }

    func typeAndState(of record: CaseRecord) throws(CaseError) -> (CaseType, CaseState) {
        guard let type = types[record.typeCode] else { throw .unknownCaseType(record.typeCode) }
        guard let state = type.state(record.state) else { throw .unknownState(record.state) }
        return (type, state)
    }

    /// The deadline of a state entered at `at`; nil without a limit.
    func deadline(for state: CaseState, enteredAt at: LocalMoment) -> Deadline? {
        guard let limit = state.timeLimit else { return nil }
        // Amounts are validated non-negative, the only thing the calendar refuses.
        switch limit.unit {
        case .workingDays: return try? calendar.deadline(workingDays: limit.amount, after: at)
        case .workingHours:
            return try? calendar.deadline(workingHours: limit.amount, after: at, officeHours: officeHours)
        }
    }

    static func nonBlank(_ text: String) -> String? {
        text.allSatisfy(\.isWhitespace) ? nil : text
    }
}
