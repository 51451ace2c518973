import SQLKit

/// Each subject's confirmed points per year, kept by every write of an entry: a resident's rank on
/// the year's board (我的积分, the API) is a count over one index range, not a sum over the year's
/// entries. Filled here from the entries already stored.
struct M0086CreatePointsYearTotals: Migration {
    let number = 86
    let name = "points year totals"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE points_year_totals (
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                year INTEGER NOT NULL,
                subject TEXT NOT NULL,
                points BIGINT NOT NULL,
                PRIMARY KEY (zone_id, year, subject))
            """
        ).run()
        try await db.raw("CREATE INDEX points_year_totals_rank ON points_year_totals (zone_id, year, points)").run()
        try await db.raw(
            """
            INSERT INTO points_year_totals (zone_id, year, subject, points)
            SELECT zone_id, CAST(substr(day, 1, 4) AS INTEGER), subject, SUM(points) FROM points_entries
            WHERE status = 'confirmed' GROUP BY zone_id, substr(day, 1, 4), subject
            """
        ).run()
    }
}
