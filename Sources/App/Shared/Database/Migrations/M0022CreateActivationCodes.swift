import SQLKit

/// Users of every role (issue #12): a grid worker's party branch (党支部) on each grid assignment,
/// and one-time activation codes. A code either lets a resident make the login of their resident
/// record (`person_id`) or lets an imported user set their first password (`user_id`). Only the
/// code's SHA-256 hash is kept; a code is used once, expires, and dies after 5 wrong checks.
struct M0022CreateActivationCodes: Migration {
    let number = 22
    let name = "grid worker party branch, activation codes"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw("ALTER TABLE grid_workers ADD COLUMN party_branch TEXT").run()
        try await db.raw(
            """
            CREATE TABLE activation_codes (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                person_id BIGINT REFERENCES persons(id),
                user_id BIGINT REFERENCES users(id),
                code_hash TEXT NOT NULL UNIQUE,
                issued_by BIGINT REFERENCES users(id),
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                expires_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                failed_attempts INTEGER NOT NULL,
                used_at \(unsafeRaw: ddl.timestamp),
                revoked_at \(unsafeRaw: ddl.timestamp))
            """
        ).run()
        try await db.raw("CREATE INDEX activation_codes_person ON activation_codes (person_id)").run()
        try await db.raw("CREATE INDEX activation_codes_user ON activation_codes (user_id)").run()
    }
}
