import SQLKit

/// The two kinds of party an outside user is bound to: an enterprise (企业) or a person record
/// (居民). Modules add their own columns and tables in later migrations.
struct M0002CreateEnterprisesAndPersons: Migration {
    let number = 2
    let name = "create enterprises, persons"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE enterprises (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                park_id BIGINT REFERENCES parks(id),
                name TEXT NOT NULL,
                uscc TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, uscc))
            """
        ).run()
        try await db.raw("CREATE INDEX enterprises_zone ON enterprises (zone_id, name)").run()
        try await db.raw(
            """
            CREATE TABLE persons (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                name TEXT NOT NULL,
                id_number TEXT NOT NULL,
                phone TEXT,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, id_number))
            """
        ).run()
    }
}
