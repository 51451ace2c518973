import SQLKit

/// The policy ledger (惠企政策台账): documents, their items (条款) with the benefit, the eligibility
/// rule (JSONLogic text) and the five interpretation fields; the matcher's result for every
/// enterprise and item; and in-app notices to enterprises. Amounts are in 万元, days are
/// "YYYY-MM-DD" text (sortable and portable), moments are Unix seconds.
/// Applications (申报), review and payouts will reference `policy_items(id)` and `enterprises(id)`;
/// `budget` on an item is what payout totals will be held against.
struct M0007CreatePolicies: Migration {
    let number = 7
    let name = "create policies, policy items, matches, notices"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE policies (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                department_id BIGINT NOT NULL REFERENCES departments(id),
                title TEXT NOT NULL,
                doc_number TEXT,
                issued_on TEXT,
                effective_on TEXT NOT NULL,
                expires_on TEXT,
                full_text TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX policies_zone ON policies (zone_id, status, effective_on)").run()
        try await db.raw(
            """
            CREATE TABLE policy_items (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                policy_id BIGINT NOT NULL REFERENCES policies(id),
                position INTEGER NOT NULL,
                code TEXT,
                title TEXT NOT NULL,
                benefit_kind TEXT NOT NULL,
                benefit_amount DOUBLE PRECISION,
                benefit_formula TEXT,
                benefit_cap DOUBLE PRECISION,
                budget DOUBLE PRECISION,
                rule_json TEXT NOT NULL,
                window_from TEXT,
                window_to TEXT,
                auto_grant BOOLEAN NOT NULL,
                content TEXT NOT NULL,
                audience TEXT NOT NULL,
                applicable_period TEXT NOT NULL,
                conditions TEXT NOT NULL,
                materials_json TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX policy_items_policy ON policy_items (policy_id, position)").run()
        try await db.raw("CREATE INDEX policy_items_zone ON policy_items (zone_id)").run()
        try await db.raw(
            """
            CREATE TABLE policy_matches (
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                item_id BIGINT NOT NULL REFERENCES policy_items(id),
                eligible BOOLEAN NOT NULL,
                estimated_amount DOUBLE PRECISION,
                reasons_json TEXT NOT NULL,
                facts_year INTEGER,
                computed_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                PRIMARY KEY (enterprise_id, item_id))
            """
        ).run()
        try await db.raw("CREATE INDEX policy_matches_item ON policy_matches (item_id, eligible)").run()
        try await db.raw("CREATE INDEX policy_matches_zone ON policy_matches (zone_id, enterprise_id)").run()
        try await db.raw(
            """
            CREATE TABLE notices (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                policy_item_id BIGINT REFERENCES policy_items(id),
                message TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                created_by BIGINT REFERENCES users(id),
                read_at \(unsafeRaw: ddl.timestamp))
            """
        ).run()
        try await db.raw("CREATE INDEX notices_enterprise ON notices (enterprise_id, read_at)").run()
        try await db.raw("CREATE INDEX notices_item ON notices (policy_item_id)").run()
    }
}
