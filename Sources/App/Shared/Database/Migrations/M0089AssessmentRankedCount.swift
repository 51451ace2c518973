import SQLKit

/// The run row keeps how many enterprises the innovation ranking placed, written with the ranking:
/// every enterprise page says "第 N 名，共 M 家", and counting the zone's ranking rows for it was
/// a walk over every row of a big zone on each view.
struct M0089AssessmentRankedCount: Migration {
    let number = 89
    let name = "assessment runs keep the ranked count"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw("ALTER TABLE assessment_runs ADD COLUMN ranked INTEGER NOT NULL DEFAULT 0").run()
        try await db.raw(
            """
            UPDATE assessment_runs SET ranked =
                (SELECT COUNT(*) FROM enterprise_innovation i WHERE i.zone_id = assessment_runs.zone_id)
            """
        ).run()
    }
}
