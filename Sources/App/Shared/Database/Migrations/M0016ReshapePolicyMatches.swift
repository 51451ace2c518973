import SQLKit

/// Matches keep only the eligible pairs and their amounts; the reason sentences are rendered when
/// a pair is looked at. At 100 000 enterprises × 300 items the old shape (every pair with its
/// sentences) meant 30 million rows per re-match. `policy_match_digests` holds a fingerprint of each
/// enterprise's outcome so a re-match rewrites only the enterprises whose outcome changed, and
/// `policy_match_runs` the last run of each zone (a zone without one is matched when the server
/// starts). The old rows are dropped: the next run writes them anew.
struct M0016ReshapePolicyMatches: Migration {
    let number = 16
    let name = "reshape policy matches: eligible pairs, digests, runs"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw("DROP TABLE policy_matches").run()
        try await db.raw(
            """
            CREATE TABLE policy_matches (
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                item_id BIGINT NOT NULL REFERENCES policy_items(id),
                estimated_amount DOUBLE PRECISION,
                facts_year INTEGER,
                computed_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                PRIMARY KEY (enterprise_id, item_id))
            """
        ).run()
        try await db.raw("CREATE INDEX policy_matches_item ON policy_matches (item_id)").run()
        try await db.raw("CREATE INDEX policy_matches_zone ON policy_matches (zone_id, item_id)").run()
        try await db.raw(
            """
            CREATE TABLE policy_match_digests (
                enterprise_id BIGINT PRIMARY KEY REFERENCES enterprises(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                digest BIGINT NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX policy_match_digests_zone ON policy_match_digests (zone_id)").run()
        try await db.raw(
            """
            CREATE TABLE policy_match_runs (
                zone_id BIGINT PRIMARY KEY REFERENCES zones(id),
                ran_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                trigger_text TEXT NOT NULL)
            """
        ).run()
    }
}
