import SQLKit

/// Per-zone locks for writes that read-then-write zone-wide state (matching, assessments, the next
/// points item code), held to the end of the transaction on PostgreSQL; SQLite's single writer
/// already serialises them.
enum ZoneLock: Int32 {
    case matching = 738_202
    case assessments = 738_203
    case pointsItems = 738_204
    /// Points entries: a declaration's cap check reads the subject's entries, then inserts.
    case pointsEntries = 738_205

    func acquire(zoneID: Int64, on db: any SQLDatabase) async throws {
        guard db.dialect.name == "postgresql" else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(\(bind: rawValue), \(bind: Int32(truncatingIfNeeded: zoneID)))")
            .run()
    }
}
