import SQLKit

/// The live monthly board ranks every subject by its balance from 1 January to the month's end;
/// summing that from the entries read about 300 000 of them per view at 100 000 residents. Each
/// subject's balance at each month's end is kept instead (moved by every write of an entry, at
/// most twelve rows), so a board page is one range of an index in rank order. The year totals of
/// M0086 are December's balances and go.
///
/// The committee's weekly review counted the declarations of half a year (about 80 000) per view;
/// each day's count per status is kept instead. A grid worker's review counts their own grids'
/// declarations through indexes that lead with the grid.
struct M0087PointsBalancesAndReviewCounts: Migration {
    let number = 87
    let name = "points month balances and review day counts"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE points_month_balances (
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                month TEXT NOT NULL,
                subject TEXT NOT NULL,
                points BIGINT NOT NULL,
                PRIMARY KEY (zone_id, month, subject))
            """
        ).run()
        try await db.raw(
            "CREATE INDEX points_month_balances_rank ON points_month_balances (zone_id, month, points DESC, subject)"
        ).run()
        try await db.raw("DROP TABLE points_year_totals").run()
        try await db.raw(
            """
            CREATE TABLE points_declaration_days (
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                day TEXT NOT NULL,
                status TEXT NOT NULL,
                count BIGINT NOT NULL,
                PRIMARY KEY (zone_id, day, status))
            """
        ).run()
        try await db.raw(
            "CREATE INDEX points_entries_grid_review ON points_entries (zone_id, grid_id, origin, day, status)"
        ).run()
        // A grid worker's pending declarations: with origin and grid in the pending index's lead,
        // SQLite takes it instead of reading every declaration of the zone (70 ms at 500 000).
        try await db.raw("DROP INDEX points_entries_pending").run()
        try await db.raw(
            """
            CREATE INDEX points_entries_pending ON points_entries (zone_id, origin, grid_id, day)
            WHERE status = 'pending'
            """
        ).run()
        // The negative board reads only confirmed deductions (one entry in 25); the queries name
        // both conditions literally, as SQLite needs to take a partial index.
        try await db.raw(
            """
            CREATE INDEX points_entries_deductions ON points_entries (zone_id, day, subject, item_code, points)
            WHERE status = 'confirmed' AND points < 0
            """
        ).run()
        let zones = try await db.select().column("id").from("zones").all(decodingColumn: "id", as: Int64.self)
        for zone in zones {
            let points = PointsRepository(db: db)
            try await points.rebuildBalances(zoneID: zone)
            try await points.rebuildDeclarationDays(zoneID: zone)
        }
    }
}
