import SQLKit

/// The run row keeps the fingerprint of the inputs its innovation ranking was made from: a new day
/// re-evaluates the young enterprises for the criteria, but the points do not read the age, and
/// re-scoring and rewriting the whole zone's ranking (100 000 rows) was a third of that recompute.
/// Null for runs stored before: their next recompute writes the ranking once more.
struct M0090AssessmentInnovationDigest: Migration {
    let number = 90
    let name = "assessment runs keep the innovation inputs' digest"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw("ALTER TABLE assessment_runs ADD COLUMN innovation_digest BIGINT").run()
    }
}
