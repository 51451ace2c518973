/// What `checkDeadline` did to a case.
public enum DeadlineOutcome: Hashable, Sendable {
    /// No limit, closed, or time left.
    case notDue
    /// Already marked (and escalated if the state asks for it) by an earlier check: nothing new to do.
    case alreadyOverdue
    /// Just marked overdue.
    case becameOverdue
    /// Just marked overdue (if it was not already) and escalated to this role: notify it (督办).
    case escalated(to: Role)
}

public struct DeadlineCheck: Hashable, Sendable {
    public let record: CaseRecord
    public let outcome: DeadlineOutcome
}

extension CaseEngine {
    /// Marks the case overdue once `now` is past the current state's deadline, and escalates it when the
    /// state says so. Meant for a periodic job: repeating the check changes nothing and reports
    /// `.alreadyOverdue`, so the job acts only on `.becameOverdue` and `.escalated`.
    public func checkDeadline(_ record: CaseRecord, now: LocalMoment) throws(CaseError) -> DeadlineCheck {
        let (_, state) = try typeAndState(of: record)
        guard !state.isFinal, let deadline = record.deadline, deadline.isPassed(at: now) else {
            return DeadlineCheck(record: record, outcome: .notDue)
        }
        var next = record
        if !next.isOverdue {
            next.isOverdue = true
            next.history.append(
                CaseEvent(
                    kind: .overdue, actor: nil, at: now, from: state.code, to: state.code,
                    note: "超过办理时限（\(deadline)）"))
        }
        if case .escalate(let role) = state.onOverdue, next.escalatedTo == nil {
            next.escalatedTo = role
            next.history.append(
                CaseEvent(
                    kind: .escalated, actor: nil, at: now, from: state.code, to: state.code,
                    note: "超时升级至\(role.label)督办", escalatedTo: role))
            return DeadlineCheck(record: next, outcome: .escalated(to: role))
        }
        return DeadlineCheck(record: next, outcome: record.isOverdue ? .alreadyOverdue : .becameOverdue)
    }
}
