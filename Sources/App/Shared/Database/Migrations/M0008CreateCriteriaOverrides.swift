import SQLKit

/// A zone's own versions of the official criteria (same code replaces the shipped default), kept
/// as the JSON definition a zone admin edits, so a changed threshold needs no release.
struct M0008CreateCriteriaOverrides: Migration {
    let number = 8
    let name = "create criteria overrides"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE criteria_overrides (
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                code TEXT NOT NULL,
                definition_json TEXT NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                PRIMARY KEY (zone_id, code))
            """
        ).run()
    }
}
