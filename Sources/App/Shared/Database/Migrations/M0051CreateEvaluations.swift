import SQLKit

/// 评价 (国家高新区综合评价, 嘉兴's 产业创新服务综合体): a scheme holds its dimension / indicator / weight
/// table (the engine's `IndexTable` as JSON) and the units it grades; a run is one period's
/// computation with its normalisation and grade rule, replaced whole when recomputed; each result
/// keeps the unit's score, rank, grade and the per-indicator detail the explanation reads.
struct M0051CreateEvaluations: Migration {
    let number = 51
    let name = "create evaluation schemes, units, runs and results"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        for statement in [
            """
            CREATE TABLE eval_schemes (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                name TEXT NOT NULL,
                table_json TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """,
            "CREATE INDEX eval_schemes_zone ON eval_schemes (zone_id, id)",
            """
            CREATE TABLE eval_units (
                scheme_id BIGINT NOT NULL REFERENCES eval_schemes(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (scheme_id, code))
            """,
            """
            CREATE TABLE eval_runs (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                scheme_id BIGINT NOT NULL REFERENCES eval_schemes(id),
                period TEXT NOT NULL,
                normalisation TEXT NOT NULL,
                grade_json TEXT NOT NULL,
                computed_by TEXT NOT NULL,
                computed_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (scheme_id, period))
            """,
            """
            CREATE TABLE eval_results (
                id \(unsafeRaw: ddl.id),
                run_id BIGINT NOT NULL REFERENCES eval_runs(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                unit_code TEXT NOT NULL,
                unit_name TEXT NOT NULL,
                score DOUBLE PRECISION NOT NULL,
                rank INTEGER NOT NULL,
                grade TEXT NOT NULL,
                detail_json TEXT NOT NULL)
            """,
            "CREATE INDEX eval_results_run ON eval_results (run_id, rank)",
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
