import SQLKit

/// 助企: cadres (staff users with a rank) paired with enterprises, ended pairings kept as history;
/// visits with the 四个一 answers and photos; 企业诉求 details beside their cases with progress notes
/// the enterprise reads; 楼委会 buildings, members, rotating chairs and the three lists.
struct M0070CreateEnterpriseHelp: Migration {
    let number = 70
    let name = "create enterprise help: cadres, pairings, visits, demands, buildings"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        let blob = ddl.kind == .sqlite ? "BLOB" : "BYTEA"
        for statement in [
            """
            CREATE TABLE help_cadres (
                user_id BIGINT PRIMARY KEY REFERENCES users(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                rank TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            """
            CREATE TABLE help_pairings (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                cadre_user_id BIGINT NOT NULL REFERENCES users(id),
                started_on TEXT NOT NULL,
                ended_on TEXT,
                ended_reason TEXT,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX help_pairings_enterprise ON help_pairings (enterprise_id, ended_on)",
            "CREATE INDEX help_pairings_cadre ON help_pairings (cadre_user_id, ended_on)",
            """
            CREATE TABLE help_visits (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                cadre_user_id BIGINT NOT NULL REFERENCES users(id),
                planned_on TEXT,
                visited_on TEXT,
                people_met TEXT NOT NULL,
                findings TEXT NOT NULL,
                area TEXT NOT NULL,
                leader TEXT NOT NULL,
                plan TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX help_visits_zone ON help_visits (zone_id, visited_on)",
            """
            CREATE TABLE help_visit_photos (
                id \(unsafeRaw: ddl.id),
                visit_id BIGINT NOT NULL REFERENCES help_visits(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                file_name TEXT NOT NULL,
                data \(unsafeRaw: blob) NOT NULL)
            """,
            """
            CREATE TABLE help_demands (
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                category TEXT NOT NULL,
                channel TEXT NOT NULL,
                visit_id BIGINT REFERENCES help_visits(id),
                meeting_id BIGINT,
                department_id BIGINT REFERENCES departments(id),
                filed_by_user_id BIGINT REFERENCES users(id),
                text TEXT NOT NULL,
                answer TEXT)
            """,
            "CREATE INDEX help_demands_enterprise ON help_demands (zone_id, enterprise_id)",
            """
            CREATE TABLE help_demand_notes (
                id \(unsafeRaw: ddl.id),
                case_id BIGINT NOT NULL REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                user_id BIGINT NOT NULL REFERENCES users(id),
                note TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            """
            CREATE TABLE help_buildings (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                name TEXT NOT NULL,
                address TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, name))
            """,
            """
            CREATE TABLE help_building_members (
                building_id BIGINT NOT NULL REFERENCES help_buildings(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                PRIMARY KEY (building_id, enterprise_id))
            """,
            """
            CREATE TABLE help_building_chairs (
                id \(unsafeRaw: ddl.id),
                building_id BIGINT NOT NULL REFERENCES help_buildings(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                from_month TEXT NOT NULL,
                to_month TEXT NOT NULL)
            """,
            """
            CREATE TABLE help_building_items (
                id \(unsafeRaw: ddl.id),
                building_id BIGINT NOT NULL REFERENCES help_buildings(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                list TEXT NOT NULL,
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                category TEXT NOT NULL,
                text TEXT NOT NULL,
                matched_item_id BIGINT,
                matched_at \(unsafeRaw: ddl.timestamp),
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX help_building_items_building ON help_building_items (building_id, list)",
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
