import SQLKit

/// The dashboard's 好差评 figures count the rated cases by level and look up each 差评's follow-up:
/// a partial index of the rated cases (a few in ten of all cases) answers the count without visiting
/// the rows, and an index of follow-ups by their parent finds a 差评's follow-up at once.
struct M0054IndexRatedCases: Migration {
    let number = 54
    let name = "index rated cases and follow-ups for the dashboard's 好差评"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            "CREATE INDEX cases_rated ON cases (zone_id, type_code, rating_level) WHERE rating_level IS NOT NULL"
        ).run()
        try await db.raw(
            "CREATE INDEX cases_follow_ups ON cases (parent_case_id, closed_at) WHERE parent_case_id IS NOT NULL"
        ).run()
    }
}
