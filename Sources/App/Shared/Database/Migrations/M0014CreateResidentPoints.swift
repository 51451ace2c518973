import SQLKit

/// Resident points (积分制): the zone's item list (正负积分事项清单), the points committee
/// (积分管理小组), every entry with its evidence and decisions, the frozen monthly boards
/// (一月一公开) and the recorded quarterly rewards (一季一奖励). Yearly reset is a reading (balances
/// count only the balance day's year), so nothing is ever deleted here.
struct M0014CreateResidentPoints: Migration {
    let number = 14
    let name = "create resident points items, committee, entries, publications, rewards"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        let blob = ddl.kind == .sqlite ? "BLOB" : "BYTEA"
        try await db.raw(
            """
            CREATE TABLE points_items (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                category TEXT NOT NULL,
                points INTEGER NOT NULL,
                cap_points INTEGER,
                cap_per TEXT,
                is_active BOOLEAN NOT NULL,
                position INTEGER NOT NULL,
                UNIQUE (zone_id, code))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE points_committee (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                user_id BIGINT NOT NULL REFERENCES users(id),
                duty TEXT NOT NULL,
                added_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, user_id))
            """
        ).run()
        // `subject` is the ledger's key: "person:ID" or "household:ID". `grid_id` is the subject's
        // grid when declared, so a grid worker's queue is a plain filter.
        try await db.raw(
            """
            CREATE TABLE points_entries (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                subject TEXT NOT NULL,
                grid_id BIGINT REFERENCES grids(id),
                item_code TEXT NOT NULL,
                points INTEGER NOT NULL,
                day TEXT NOT NULL,
                origin TEXT NOT NULL,
                status TEXT NOT NULL,
                evidence TEXT NOT NULL,
                photo_name TEXT,
                photo_type TEXT,
                photo \(unsafeRaw: blob),
                entered_by_user_id BIGINT REFERENCES users(id),
                entered_by TEXT NOT NULL,
                entered_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                decisions_json TEXT NOT NULL,
                corrections_json TEXT NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX points_entries_zone_day ON points_entries (zone_id, day)").run()
        try await db.raw("CREATE INDEX points_entries_subject ON points_entries (zone_id, subject)").run()
        // The board as published, with the names as they were: later renames and edits leave it be.
        try await db.raw(
            """
            CREATE TABLE points_publications (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                month TEXT NOT NULL,
                version INTEGER NOT NULL,
                publication_json TEXT NOT NULL,
                names_json TEXT NOT NULL,
                published_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, month, version))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE points_reward_tiers (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                name TEXT NOT NULL,
                minimum_points INTEGER NOT NULL,
                prize TEXT NOT NULL,
                UNIQUE (zone_id, name))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE points_reward_records (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                quarter TEXT NOT NULL,
                record_json TEXT NOT NULL,
                prizes_json TEXT NOT NULL,
                names_json TEXT NOT NULL,
                recorded_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, quarter))
            """
        ).run()
    }
}
