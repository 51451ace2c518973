import Synchronization

/// Live figures about database use, read by `/metrics`.
public final class DatabaseStats: Sendable {
    private let inFlight = Atomic<Int>(0)
    private let total = Atomic<Int>(0)

    func transactionStarted() {
        inFlight.wrappingAdd(1, ordering: .relaxed)
        total.wrappingAdd(1, ordering: .relaxed)
    }

    func transactionEnded() { inFlight.wrappingAdd(-1, ordering: .relaxed) }

    public var transactionsInFlight: Int { inFlight.load(ordering: .relaxed) }
    public var transactionsTotal: Int { total.load(ordering: .relaxed) }
}
