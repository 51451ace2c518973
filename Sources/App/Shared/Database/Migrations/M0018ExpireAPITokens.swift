import SQLKit

/// API tokens expire (issue #11): a token made before this migration gets 90 days from now, so
/// no integration stops without warning. Login attempts older than a day are purged from now on,
/// so their table needs an index on time alone.
struct M0018ExpireAPITokens: Migration {
    let number = 18
    let name = "api token expiry, login attempts by time"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw("ALTER TABLE api_tokens ADD COLUMN expires_at \(unsafeRaw: ddl.timestamp)").run()
        try await db.raw("UPDATE api_tokens SET expires_at = \(bind: Clock.nowSeconds() + 90 * 86_400)").run()
        try await db.raw("CREATE INDEX login_attempts_at ON login_attempts (at)").run()
    }
}
