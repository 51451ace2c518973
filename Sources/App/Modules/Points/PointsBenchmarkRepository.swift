import Foundation
import GaoxinCore
import SQLKit

/// The points benchmark's generated zone, written with one `INSERT … SELECT` over a counter per
/// table (a recursive CTE both SQLite and PostgreSQL run).
struct PointsBenchmarkRepository: Sendable {
    let db: any SQLDatabase

    private func counter(_ n: Int) -> SQLQueryString {
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(unsafeRaw: String(n - 1))) "
    }

    /// `count` households spread over the grids (household k in grid k mod grids); the first id.
    func households(zoneID: Int64, count: Int, firstGrid: Int64, grids: Int) async throws -> Int64 {
        try await db.raw(
            counter(count)
                + """
                INSERT INTO households (zone_id, grid_id, code, address)
                SELECT \(bind: zoneID), \(bind: firstGrid) + i % \(bind: grids), 'H' || i, '基准小区' || i || '号' FROM n
                """
        ).run()
        return try await firstID("households", zoneID: zoneID)
    }

    /// `count` persons, each a resident of household k mod households (in its grid); the first id.
    func residents(
        zoneID: Int64, count: Int, firstHousehold: Int64, households: Int, firstGrid: Int64, grids: Int, at: Int64
    ) async throws -> Int64 {
        try await db.raw(
            counter(count)
                + """
                INSERT INTO persons (zone_id, name, id_number, created_at)
                SELECT \(bind: zoneID), '居民' || i, 'BENCH' || i, \(bind: at) FROM n
                """
        ).run()
        let firstPerson = try await firstID("persons", zoneID: zoneID)
        try await db.raw(
            counter(count)
                + """
                INSERT INTO residents (person_id, zone_id, household_id, grid_id, address, is_party_member)
                SELECT \(bind: firstPerson) + i, \(bind: zoneID), \(bind: firstHousehold) + i % \(bind: households),
                    \(bind: firstGrid) + (i % \(bind: households)) % \(bind: grids), '基准小区', \(unsafeRaw: "i % 10 = 0")
                FROM n
                """
        ).run()
        return firstPerson
    }

    /// `count` entries over the `days` days up to `today`: one in five for a household, the rest for
    /// residents; every other one a declaration, those of the last two weeks pending, one in 50
    /// rejected, the rest confirmed; one in 25 a deduction. Positive items are P1…P`positives`,
    /// deductions the next `negatives`.
    func entries(
        zoneID: Int64, count: Int, days: Int, today: Day, firstPerson: Int64, persons: Int, firstHousehold: Int64,
        households: Int, firstGrid: Int64, grids: Int, positives: Int, negatives: Int, at: Int64
    ) async throws {
        let postgres = db.dialect.name == "postgresql"
        let back = "(i * 7 % \(days))"
        let day =
            postgres
            ? "to_char(CAST('\(today)' AS date) - \(back), 'YYYY-MM-DD')"
            : "date('\(today)', '-' || \(back) || ' days')"
        // Person p's household is p mod households, so the entry's grid is its household's. Products
        // stay within PostgreSQL's 32-bit integer.
        let person = "((i % \(persons)) * 7919 % \(persons))"
        let household = "(i % \(households))"
        let subject =
            "CASE WHEN i % 5 = 0 THEN 'household:' || (\(firstHousehold) + \(household)) "
            + "ELSE 'person:' || (\(firstPerson) + \(person)) END"
        let grid =
            "\(firstGrid) + (CASE WHEN i % 5 = 0 THEN \(household) ELSE \(person) % \(households) END) % \(grids)"
        let negative = "i % 25 = 0"
        let item =
            "CASE WHEN \(negative) THEN 'P' || (\(positives + 1) + i % \(negatives)) ELSE 'P' || (1 + i % \(positives)) END"
        let status =
            "CASE WHEN i % 2 = 0 AND \(back) < 14 THEN 'pending' WHEN i % 50 = 0 THEN 'rejected' ELSE 'confirmed' END"
        try await db.raw(
            counter(count)
                + """
                INSERT INTO points_entries (zone_id, subject, grid_id, item_code, points, day, origin, status, evidence,
                    entered_by, entered_at, decisions_json, corrections_json)
                SELECT \(bind: zoneID), \(unsafeRaw: subject), \(unsafeRaw: grid), \(unsafeRaw: item),
                    CASE WHEN \(unsafeRaw: negative) THEN -5 ELSE 1 + i % 5 END, \(unsafeRaw: day),
                    CASE WHEN i % 2 = 0 THEN 'declaration' ELSE 'award' END, \(unsafeRaw: status), '基准记录',
                    '基准', \(bind: at), '[]', '[]'
                FROM n
                """
        ).run()
    }

    private func firstID(_ table: String, zoneID: Int64) async throws -> Int64 {
        struct Row: Decodable { var id: Int64? }
        return try await db.select()
            .column(SQLAlias(SQLFunction("MIN", args: SQLIdentifier("id")), as: SQLIdentifier("id")))
            .from(table).where("zone_id", .equal, zoneID).first(decoding: Row.self)?.id ?? 0
    }
}
