import SQLKit

/// Cases of every type the workflow engine runs (政策咨询 now; 企业诉求, 网格事件, 服务申请 and 调解
/// later): one row per case with the engine's whole record as JSON, plus the columns lists filter
/// and sort on; `case_history` repeats the record's history for queries and supervision. The
/// consultation details (question, answer, publication as Q&A) sit beside their case.
struct M0009CreateCases: Migration {
    let number = 9
    let name = "create cases, case history, consultations"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE cases (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                type_code TEXT NOT NULL,
                state TEXT NOT NULL,
                title TEXT NOT NULL,
                requester_user_id BIGINT REFERENCES users(id),
                enterprise_id BIGINT REFERENCES enterprises(id),
                assignee_kind TEXT,
                assignee_id TEXT,
                deadline_day TEXT,
                deadline_minute INTEGER,
                deadline_uncertain BOOLEAN NOT NULL,
                overdue BOOLEAN NOT NULL,
                ever_overdue BOOLEAN NOT NULL,
                escalated_to TEXT,
                opened_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                closed_at \(unsafeRaw: ddl.timestamp),
                record_json TEXT NOT NULL,
                rating_level TEXT,
                parent_case_id BIGINT REFERENCES cases(id),
                updated_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX cases_list ON cases (zone_id, type_code, state, opened_at)").run()
        try await db.raw("CREATE INDEX cases_overdue ON cases (zone_id, overdue, deadline_day)").run()
        try await db.raw("CREATE INDEX cases_assignee ON cases (assignee_kind, assignee_id, state)").run()
        try await db.raw("CREATE INDEX cases_requester ON cases (requester_user_id)").run()
        try await db.raw(
            """
            CREATE TABLE case_history (
                id \(unsafeRaw: ddl.id),
                case_id BIGINT NOT NULL REFERENCES cases(id),
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL,
                actor_id TEXT,
                actor_role TEXT,
                at \(unsafeRaw: ddl.timestamp) NOT NULL,
                from_state TEXT,
                to_state TEXT NOT NULL,
                transition TEXT,
                note TEXT,
                UNIQUE (case_id, seq))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE consultations (
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                policy_item_id BIGINT NOT NULL REFERENCES policy_items(id),
                department_id BIGINT NOT NULL REFERENCES departments(id),
                question TEXT NOT NULL,
                asker_name TEXT NOT NULL,
                asker_mobile TEXT,
                answer TEXT,
                answered_by BIGINT REFERENCES users(id),
                answered_at \(unsafeRaw: ddl.timestamp),
                published BOOLEAN NOT NULL,
                published_at \(unsafeRaw: ddl.timestamp))
            """
        ).run()
        try await db.raw("CREATE INDEX consultations_item ON consultations (policy_item_id, published)").run()
        try await db.raw("CREATE INDEX consultations_department ON consultations (department_id)").run()
    }
}
