import SQLKit

/// Open311 GeoReport v2 (`/open311/v2/`): api keys per zone (only the SHA-256 hash is kept; the
/// key is shown once to whoever makes it), and what a GeoReport request brings beside its event —
/// the token the client may poll and the media_url it sent.
struct M0013CreateOpen311: Migration {
    let number = 13
    let name = "create open311 api keys and requests"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE open311_keys (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                name TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_by BIGINT REFERENCES users(id),
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                last_used_at \(unsafeRaw: ddl.timestamp),
                revoked_at \(unsafeRaw: ddl.timestamp))
            """
        ).run()
        try await db.raw("CREATE INDEX open311_keys_zone ON open311_keys (zone_id)").run()
        try await db.raw(
            """
            CREATE TABLE open311_requests (
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                token TEXT NOT NULL UNIQUE,
                media_url TEXT,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
    }
}
