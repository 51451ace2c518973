import SQLKit

/// Sessions live in the database so a restart or a second app instance keeps everyone signed in.
/// Login attempts feed the lock-out; API tokens are stored only as SHA-256 hashes.
struct M0004CreateSessionsAndTokens: Migration {
    let number = 4
    let name = "create sessions, login attempts, api tokens"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE sessions (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                expires_at \(unsafeRaw: ddl.timestamp))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE login_attempts (
                id \(unsafeRaw: ddl.id),
                username TEXT NOT NULL,
                address TEXT NOT NULL,
                at \(unsafeRaw: ddl.timestamp) NOT NULL,
                succeeded BOOLEAN NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX login_attempts_lookup ON login_attempts (username, address, at)").run()
        try await db.raw(
            """
            CREATE TABLE api_tokens (
                id \(unsafeRaw: ddl.id),
                user_id BIGINT NOT NULL REFERENCES users(id),
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                last_used_at \(unsafeRaw: ddl.timestamp),
                revoked_at \(unsafeRaw: ddl.timestamp))
            """
        ).run()
    }
}
