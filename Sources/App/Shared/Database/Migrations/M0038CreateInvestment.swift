import SQLKit

/// 招商 and 链长制: industrial chains with their ten elements (十个一), chain map nodes (上中下游,
/// 短板缺项 with target companies) and the registry enterprises on them, chain tasks; the project
/// pipeline with dated stage history and funds in place by month; yearly targets per zone and park.
struct M0038CreateInvestment: Migration {
    let number = 38
    let name = "create investment chains, projects, stage history, funds, targets"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        for statement in [
            """
            CREATE TABLE invest_chains (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                name TEXT NOT NULL,
                leader_user_id BIGINT REFERENCES users(id),
                lead_department_id BIGINT REFERENCES departments(id),
                plan TEXT NOT NULL,
                fund TEXT NOT NULL,
                platform TEXT NOT NULL,
                anchor_firms TEXT NOT NULL,
                experts TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, name))
            """,
            """
            CREATE TABLE invest_chain_policies (
                chain_id BIGINT NOT NULL REFERENCES invest_chains(id),
                policy_item_id BIGINT NOT NULL REFERENCES policy_items(id),
                PRIMARY KEY (chain_id, policy_item_id))
            """,
            """
            CREATE TABLE invest_chain_nodes (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                chain_id BIGINT NOT NULL REFERENCES invest_chains(id),
                segment TEXT NOT NULL,
                name TEXT NOT NULL,
                position INTEGER NOT NULL,
                is_gap BOOLEAN NOT NULL,
                target_companies TEXT NOT NULL)
            """,
            "CREATE INDEX invest_chain_nodes_chain ON invest_chain_nodes (chain_id, position)",
            """
            CREATE TABLE invest_node_enterprises (
                node_id BIGINT NOT NULL REFERENCES invest_chain_nodes(id),
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                PRIMARY KEY (node_id, enterprise_id))
            """,
            """
            CREATE TABLE invest_chain_tasks (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                chain_id BIGINT NOT NULL REFERENCES invest_chains(id),
                title TEXT NOT NULL,
                owner_user_id BIGINT NOT NULL REFERENCES users(id),
                due_on TEXT NOT NULL,
                done_on TEXT,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            """
            CREATE TABLE invest_projects (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                park_id BIGINT REFERENCES parks(id),
                chain_id BIGINT REFERENCES invest_chains(id),
                node_id BIGINT REFERENCES invest_chain_nodes(id),
                name TEXT NOT NULL,
                investor TEXT NOT NULL,
                origin_province TEXT NOT NULL,
                origin_city TEXT NOT NULL,
                planned_investment BIGINT NOT NULL,
                agreed_investment BIGINT,
                foreign_investment BIGINT NOT NULL,
                officer_user_id BIGINT REFERENCES users(id),
                enterprise_id BIGINT REFERENCES enterprises(id),
                stage TEXT NOT NULL,
                stage_on TEXT NOT NULL,
                termination_reason TEXT,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX invest_projects_zone ON invest_projects (zone_id, stage, id)",
            """
            CREATE TABLE invest_project_stages (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                project_id BIGINT NOT NULL REFERENCES invest_projects(id),
                stage TEXT NOT NULL,
                moved_on TEXT NOT NULL,
                note TEXT NOT NULL,
                by_name TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX invest_project_stages_project ON invest_project_stages (project_id, id)",
            "CREATE INDEX invest_project_stages_zone ON invest_project_stages (zone_id, stage, moved_on)",
            """
            CREATE TABLE invest_project_funds (
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                project_id BIGINT NOT NULL REFERENCES invest_projects(id),
                month TEXT NOT NULL,
                funds BIGINT NOT NULL,
                foreign_funds BIGINT NOT NULL,
                PRIMARY KEY (project_id, month))
            """,
            "CREATE INDEX invest_project_funds_zone ON invest_project_funds (zone_id, month)",
            """
            CREATE TABLE invest_targets (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                park_id BIGINT REFERENCES parks(id),
                year INTEGER NOT NULL,
                kind TEXT NOT NULL,
                target BIGINT NOT NULL,
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX invest_targets_zone ON invest_targets (zone_id, year)",
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
