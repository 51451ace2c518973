import SQLKit

/// 现场办公会 (the monthly on-site meeting; its problems are demands with `meeting_id`), the
/// 后备上市企业库 with its advisory team and dated meetings, and 知识产权质押融资 pledges linked to
/// the 贴息 policy item.
struct M0072CreateHelpMeetingsListingPledges: Migration {
    let number = 72
    let name = "create enterprise help meetings, listing pipeline, IP pledges"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        for statement in [
            """
            CREATE TABLE help_meetings (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                title TEXT NOT NULL,
                held_on TEXT NOT NULL,
                place TEXT NOT NULL,
                notice TEXT,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            """
            CREATE TABLE help_listing (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                stage TEXT NOT NULL,
                advisers TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, enterprise_id))
            """,
            """
            CREATE TABLE help_listing_events (
                id \(unsafeRaw: ddl.id),
                listing_id BIGINT NOT NULL REFERENCES help_listing(id),
                held_on TEXT NOT NULL,
                kind TEXT NOT NULL,
                notes TEXT NOT NULL)
            """,
            """
            CREATE TABLE help_pledges (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                collateral TEXT NOT NULL,
                bank TEXT NOT NULL,
                amount BIGINT NOT NULL,
                rate_bp INTEGER NOT NULL,
                term_months INTEGER NOT NULL,
                start_on TEXT NOT NULL,
                end_on TEXT NOT NULL,
                policy_item_id BIGINT REFERENCES policy_items(id),
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX help_pledges_zone ON help_pledges (zone_id, start_on)",
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
