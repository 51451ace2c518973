import SQLKit

/// Stored results of the zone-wide assessments, so a page reads one enterprise's rank instead of
/// evaluating the whole zone: innovation points (企业创新积分, ranked within the zone and stage)
/// and, per official criterion, the enterprises not yet qualifying with how close they are (后备).
/// `assessment_runs` says when a zone was last computed; a change to figures, certifications or
/// criteria marks it stale and the next reader recomputes it (also on a new day: validity moves).
struct M0017CreateAssessmentResults: Migration {
    let number = 17
    let name = "create enterprise innovation points, criterion candidates, assessment runs"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        let real = "DOUBLE PRECISION"
        try await db.raw(
            """
            CREATE TABLE enterprise_innovation (
                enterprise_id BIGINT PRIMARY KEY REFERENCES enterprises(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                stage TEXT,
                score \(unsafeRaw: real) NOT NULL,
                rank INTEGER NOT NULL,
                stage_rank INTEGER NOT NULL,
                parts_json TEXT NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX enterprise_innovation_rank ON enterprise_innovation (zone_id, rank)").run()
        try await db.raw(
            """
            CREATE TABLE criterion_candidates (
                enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                code TEXT NOT NULL,
                position INTEGER NOT NULL,
                closeness \(unsafeRaw: real) NOT NULL,
                parts_met INTEGER NOT NULL,
                parts_total INTEGER NOT NULL,
                shortfalls TEXT NOT NULL,
                PRIMARY KEY (enterprise_id, code))
            """
        ).run()
        try await db.raw("CREATE INDEX criterion_candidates_rank ON criterion_candidates (zone_id, code, position)")
            .run()
        try await db.raw(
            """
            CREATE TABLE assessment_runs (
                zone_id BIGINT PRIMARY KEY REFERENCES zones(id),
                computed_on TEXT NOT NULL,
                stale BOOLEAN NOT NULL,
                version BIGINT NOT NULL,
                enterprises INTEGER NOT NULL,
                skipped INTEGER NOT NULL)
            """
        ).run()
    }
}
