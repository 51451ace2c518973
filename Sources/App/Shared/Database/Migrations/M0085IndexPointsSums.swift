import SQLKit

/// Points pages read sums, ranks and counts by SQL aggregates, never the whole ledger; each index
/// here holds every column its queries read, so a sum never visits the entry rows themselves.
struct M0085IndexPointsSums: Migration {
    let number = 85
    let name = "index points entries for boards, balances and the review"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        // Boards: confirmed entries of a period summed per subject; pending counts of a period.
        try await db.raw(
            "CREATE INDEX points_entries_sums ON points_entries (zone_id, status, day, subject, points)"
        ).run()
        // One subject: their balance, the period points of a board's row, their history.
        try await db.raw(
            "CREATE INDEX points_entries_subject_sums ON points_entries (zone_id, subject, status, day, points)"
        ).run()
        // Its (zone_id, subject) prefix serves what the old subject index did.
        try await db.raw("DROP INDEX points_entries_subject").run()
        // The weekly review: declarations by day (its list of weeks), with status and grid to count.
        try await db.raw(
            "CREATE INDEX points_entries_review ON points_entries (zone_id, origin, day, status, grid_id)"
        ).run()
        // What still waits for a decision (few rows, read on every review and home page); the
        // queries name 'pending' literally, as SQLite needs to take a partial index.
        try await db.raw(
            """
            CREATE INDEX points_entries_pending ON points_entries (zone_id, day, origin, grid_id)
            WHERE status = 'pending'
            """
        ).run()
        // A household's residents, for the permission check on a household's entry.
        try await db.raw("CREATE INDEX residents_household ON residents (household_id)").run()
    }
}
