import SQLKit

/// A zone sets itself up (issue #12): parks can be deactivated (一区多园, never deleted, since
/// enterprises point at them) and a department's 惠企政策发言人 is shown in the public directory
/// or kept internal. Existing parks stay active and existing spokespersons stay shown.
struct M0019ZoneSetup: Migration {
    let number = 19
    let name = "park active flag, spokesperson shown flag"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw("ALTER TABLE parks ADD COLUMN is_active BOOLEAN NOT NULL DEFAULT TRUE").run()
        try await db.raw("ALTER TABLE departments ADD COLUMN spokesperson_shown BOOLEAN NOT NULL DEFAULT TRUE").run()
    }
}
