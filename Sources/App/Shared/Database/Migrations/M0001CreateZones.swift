import SQLKit

/// Zones (tenants), their parks (园区) and their departments.
struct M0001CreateZones: Migration {
    let number = 1
    let name = "create zones, parks, departments"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw(
            """
            CREATE TABLE zones (
                id \(unsafeRaw: ddl.id),
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                full_name TEXT NOT NULL,
                province TEXT NOT NULL,
                city TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL)
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE parks (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                UNIQUE (zone_id, code))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE departments (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                spokesperson_name TEXT,
                spokesperson_title TEXT,
                spokesperson_phone TEXT,
                UNIQUE (zone_id, code))
            """
        ).run()
    }
}
