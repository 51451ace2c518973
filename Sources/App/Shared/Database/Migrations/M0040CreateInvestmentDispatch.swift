import SQLKit

/// 重点项目调度 (一月一调度、一月一通报、一月一督办), investment events (推介会, 招商小分队 trips,
/// visits, fairs) with the projects signed at each, and 头脑风暴 ideas screened into leads.
struct M0040CreateInvestmentDispatch: Migration {
    let number = 40
    let name = "create investment dispatch, events and ideas"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        for statement in [
            """
            CREATE TABLE invest_dispatch_items (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                year INTEGER NOT NULL,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                project_id BIGINT REFERENCES invest_projects(id),
                department_id BIGINT NOT NULL REFERENCES departments(id),
                annual_plan BIGINT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, year, name))
            """,
            "CREATE INDEX invest_dispatch_items_zone ON invest_dispatch_items (zone_id, year, department_id)",
            """
            CREATE TABLE invest_dispatch_reports (
                item_id BIGINT NOT NULL REFERENCES invest_dispatch_items(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                month TEXT NOT NULL,
                progress INTEGER NOT NULL,
                invested BIGINT NOT NULL,
                note TEXT NOT NULL,
                by_name TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                PRIMARY KEY (item_id, month))
            """,
            "CREATE INDEX invest_dispatch_reports_zone ON invest_dispatch_reports (zone_id, month)",
            """
            CREATE TABLE invest_dispatch_escalations (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                item_id BIGINT NOT NULL REFERENCES invest_dispatch_items(id),
                month TEXT NOT NULL,
                reason TEXT NOT NULL,
                interview_on TEXT NOT NULL,
                interviewee TEXT NOT NULL,
                outcome TEXT NOT NULL,
                by_name TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX invest_dispatch_escalations_zone ON invest_dispatch_escalations (zone_id, month, item_id)",
            """
            CREATE TABLE invest_events (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                held_on TEXT NOT NULL,
                place TEXT NOT NULL,
                team TEXT NOT NULL,
                contacts INTEGER NOT NULL,
                visits INTEGER NOT NULL,
                notes TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX invest_events_zone ON invest_events (zone_id, held_on)",
            """
            CREATE TABLE invest_event_projects (
                event_id BIGINT NOT NULL REFERENCES invest_events(id),
                project_id BIGINT NOT NULL REFERENCES invest_projects(id),
                PRIMARY KEY (event_id, project_id))
            """,
            """
            CREATE TABLE invest_ideas (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                title TEXT NOT NULL,
                detail TEXT NOT NULL,
                proposer TEXT NOT NULL,
                submitted_on TEXT NOT NULL,
                status TEXT NOT NULL,
                screening_note TEXT NOT NULL,
                project_id BIGINT REFERENCES invest_projects(id),
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX invest_ideas_zone ON invest_ideas (zone_id, status, id)",
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
