extension CaseEngine {
    /// Sets the current state's deadline from a limit of this one case (a service item's 承诺办结时限)
    /// instead of the type's, counted on the calendar from the day the case entered the state
    /// (次日起算). The type's limit stays the default for every other case.
    public func withLimit(_ limit: TimeLimit, on record: CaseRecord) throws(CaseError) -> CaseRecord {
        let (_, state) = try typeAndState(of: record)
        guard !state.isFinal else { throw .caseClosed(state: state.name) }
        var next = record
        var stated = state
        stated.timeLimit = limit
        next.deadline = deadline(for: stated, enteredAt: record.enteredStateAt)
        return next
    }
}
