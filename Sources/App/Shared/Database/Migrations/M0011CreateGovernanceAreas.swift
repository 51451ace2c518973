import SQLKit

/// The governance base (基层治理) every issue-5 module builds on: the area tree (zone → 街道/镇 →
/// 村/社区), grids with their GeoJSON boundary and bounding box (the box narrows the point-in-grid
/// search before the exact polygon test), grid workers (full- or part-time, with or without a
/// login), households and residents, and the events detail beside each `cases` row of type 网格事件.
/// A resident may belong to a village and a community at once (金昌's 双登记): `person_areas` holds
/// every membership and lists count `DISTINCT person_id`.
struct M0011CreateGovernanceAreas: Migration {
    let number = 11
    let name = "create areas, grids, grid workers, households, residents, events"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        let blob = ddl.kind == .sqlite ? "BLOB" : "BYTEA"
        let real = "DOUBLE PRECISION"
        try await db.raw(
            """
            CREATE TABLE areas (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                parent_id BIGINT REFERENCES areas(id),
                level TEXT NOT NULL,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                party_branch TEXT,
                UNIQUE (zone_id, code))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE grids (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                area_id BIGINT NOT NULL REFERENCES areas(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                party_branch TEXT,
                boundary_geojson TEXT NOT NULL,
                min_lon \(unsafeRaw: real) NOT NULL,
                min_lat \(unsafeRaw: real) NOT NULL,
                max_lon \(unsafeRaw: real) NOT NULL,
                max_lat \(unsafeRaw: real) NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, code))
            """
        ).run()
        try await db.raw("CREATE INDEX grids_area ON grids (area_id)").run()
        try await db.raw("CREATE INDEX grids_box ON grids (zone_id, min_lon, max_lon)").run()
        try await db.raw(
            """
            CREATE TABLE grid_workers (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                grid_id BIGINT NOT NULL REFERENCES grids(id),
                user_id BIGINT REFERENCES users(id),
                name TEXT NOT NULL,
                phone TEXT,
                kind TEXT NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX grid_workers_grid ON grid_workers (grid_id)").run()
        try await db.raw("CREATE INDEX grid_workers_user ON grid_workers (user_id)").run()
        try await db.raw(
            """
            CREATE TABLE households (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                grid_id BIGINT NOT NULL REFERENCES grids(id),
                code TEXT NOT NULL,
                address TEXT NOT NULL,
                UNIQUE (zone_id, code))
            """
        ).run()
        try await db.raw(
            """
            CREATE TABLE residents (
                person_id BIGINT PRIMARY KEY REFERENCES persons(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                household_id BIGINT REFERENCES households(id),
                grid_id BIGINT REFERENCES grids(id),
                address TEXT NOT NULL,
                is_party_member BOOLEAN NOT NULL)
            """
        ).run()
        try await db.raw("CREATE INDEX residents_grid ON residents (grid_id)").run()
        try await db.raw(
            """
            CREATE TABLE person_areas (
                person_id BIGINT NOT NULL REFERENCES persons(id),
                area_id BIGINT NOT NULL REFERENCES areas(id),
                registration TEXT NOT NULL,
                PRIMARY KEY (person_id, area_id))
            """
        ).run()
        try await db.raw("CREATE INDEX person_areas_area ON person_areas (area_id)").run()
        try await db.raw(
            """
            CREATE TABLE events (
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                grid_id BIGINT NOT NULL REFERENCES grids(id),
                category_code TEXT NOT NULL,
                description TEXT NOT NULL,
                latitude \(unsafeRaw: real) NOT NULL,
                longitude \(unsafeRaw: real) NOT NULL,
                address TEXT,
                source TEXT NOT NULL,
                reporter_name TEXT,
                reporter_phone TEXT,
                reporter_email TEXT,
                api_key_id BIGINT,
                photo_name TEXT,
                photo_type TEXT,
                photo \(unsafeRaw: blob))
            """
        ).run()
        try await db.raw("CREATE INDEX events_grid ON events (grid_id, category_code)").run()
    }
}
