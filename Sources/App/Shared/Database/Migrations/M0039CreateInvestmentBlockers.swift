import SQLKit

/// 难点堵点: a project's blocker is a case (routed to a department, with a working-day deadline and
/// escalation); this table ties the case to its project and the department it was routed to.
struct M0039CreateInvestmentBlockers: Migration {
    let number = 39
    let name = "create investment project blockers"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        for statement in [
            """
            CREATE TABLE invest_blockers (
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                project_id BIGINT NOT NULL REFERENCES invest_projects(id),
                department_id BIGINT NOT NULL REFERENCES departments(id))
            """,
            "CREATE INDEX invest_blockers_project ON invest_blockers (project_id)",
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
