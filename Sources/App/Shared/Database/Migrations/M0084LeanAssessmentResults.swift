import SQLKit

/// The stored rankings keep only numbers, and a recompute rewrites only what changed:
/// - `criterion_candidates` loses its `position` (pages number rows by their order, `closeness`
///   DESC then enterprise id, read through the new index) and its `shortfalls` text (a page
///   renders the shortfalls of the rows it shows). With positions stored, one enterprise moving
///   renumbered every row behind it; with texts, every sentence of 100 000 enterprises was written.
///   Like `policy_matches` (M0080) the derived rows carry no foreign keys: enterprises and zones are
///   never deleted, and the recompute writes only ids it has just read.
/// - `assessment_digests` holds each enterprise's input fingerprint as of the zone's last run, and
///   `assessment_runs.criteria_digest` the criteria's, so a recompute on the same day evaluates only
///   the enterprises whose figures, registry or certifications changed.
/// Existing results are dropped; the zones are recomputed on first read (or by the refresher).
struct M0084LeanAssessmentResults: Migration {
    let number = 84
    let name = "criterion candidates without positions or texts, assessment input digests"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw("DROP TABLE criterion_candidates").run()
        try await db.raw(
            """
            CREATE TABLE criterion_candidates (
                enterprise_id BIGINT NOT NULL,
                zone_id BIGINT NOT NULL,
                code TEXT NOT NULL,
                closeness DOUBLE PRECISION NOT NULL,
                parts_met INTEGER NOT NULL,
                parts_total INTEGER NOT NULL,
                PRIMARY KEY (enterprise_id, code))
            """
        ).run()
        try await db.raw(
            "CREATE INDEX criterion_candidates_rank ON criterion_candidates (zone_id, code, closeness DESC, enterprise_id)"
        ).run()
        try await db.raw(
            """
            CREATE TABLE assessment_digests (
                enterprise_id BIGINT PRIMARY KEY,
                zone_id BIGINT NOT NULL,
                digest BIGINT NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX assessment_digests_zone ON assessment_digests (zone_id)").run()
        try await db.raw("ALTER TABLE assessment_runs ADD COLUMN criteria_digest BIGINT NOT NULL DEFAULT 0").run()
        try await db.raw("DELETE FROM enterprise_innovation").run()
        try await db.raw("DELETE FROM assessment_runs").run()
    }
}
