import SQLKit

/// The stored matches are derived rows, rewritten by every matching run: at 100 000 enterprises ×
/// 300 items the first run writes two million of them. Their foreign keys cost more than the
/// insert itself on PostgreSQL (a locking lookup of the zone, the enterprise and the item per row;
/// measured 40 s against 13 s for two million rows) and the (zone, item) index was read by no
/// query. Enterprises, items and zones are never deleted, and `PolicyMatching` writes only ids it
/// has just read, so the tables are rebuilt without the foreign keys and with only the indexes
/// the pages read through: the primary key (by enterprise) and the item index.
struct M0080LightenPolicyMatches: Migration {
    let number = 80
    let name = "policy matches without foreign keys or the unused zone index"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE policy_matches_new (
                zone_id BIGINT NOT NULL,
                enterprise_id BIGINT NOT NULL,
                item_id BIGINT NOT NULL,
                estimated_amount DOUBLE PRECISION,
                facts_year INTEGER,
                computed_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                PRIMARY KEY (enterprise_id, item_id))
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO policy_matches_new
                (zone_id, enterprise_id, item_id, estimated_amount, facts_year, computed_at)
            SELECT zone_id, enterprise_id, item_id, estimated_amount, facts_year, computed_at FROM policy_matches
            """
        ).run()
        try await db.raw("DROP TABLE policy_matches").run()
        try await db.raw("ALTER TABLE policy_matches_new RENAME TO policy_matches").run()
        try await db.raw("CREATE INDEX policy_matches_item ON policy_matches (item_id)").run()

        try await db.raw(
            """
            CREATE TABLE policy_match_digests_new (
                enterprise_id BIGINT PRIMARY KEY,
                zone_id BIGINT NOT NULL,
                digest BIGINT NOT NULL)
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO policy_match_digests_new (enterprise_id, zone_id, digest)
            SELECT enterprise_id, zone_id, digest FROM policy_match_digests
            """
        ).run()
        try await db.raw("DROP TABLE policy_match_digests").run()
        try await db.raw("ALTER TABLE policy_match_digests_new RENAME TO policy_match_digests").run()
        try await db.raw("CREATE INDEX policy_match_digests_zone ON policy_match_digests (zone_id)").run()
    }
}
