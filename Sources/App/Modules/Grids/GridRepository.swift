import Foundation
import GaoxinCore
import SQLKit

/// Reads and writes areas, grids and grid workers with SQLKit. Every query names the zone (or
/// grids already read with their zone).
struct GridRepository: Sendable {
    let db: any SQLDatabase

    // MARK: Areas

    func areas(zoneID: Int64) async throws -> [AreaRow] {
        try await db.select().column("*").from("areas").where("zone_id", .equal, zoneID).orderBy("code")
            .rows(AreaRow.self)
    }

    func area(id: Int64, zoneID: Int64) async throws -> AreaRow? {
        try await db.select().column("*").from("areas").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(AreaRow.self)
    }

    /// One page of the areas at the top of the tree (街道/镇, and a 村/社区 without a parent), by code.
    func topAreas(zoneID: Int64, _ pager: Pager) async throws -> Paged<AreaRow> {
        func query() -> SQLSelectBuilder {
            db.select().from("areas").where("zone_id", .equal, zoneID).where("parent_id", .is, SQLLiteral.null)
        }
        let total = try await query().countRows()
        let rows = try await query().column("*").orderBy("code").orderBy("id").page(pager)
            .rows(AreaRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    // MARK: Grids

    func grids(zoneID: Int64) async throws -> [GridRow] {
        try await db.select().column("*").from("grids").where("zone_id", .equal, zoneID).orderBy("code")
            .rows(GridRow.self)
    }

    func grids(zoneID: Int64, _ pager: Pager) async throws -> Paged<GridRow> {
        func query() -> SQLSelectBuilder { db.select().from("grids").where("zone_id", .equal, zoneID) }
        let total = try await query().countRows()
        let rows = try await query().column("*").orderBy("code").orderBy("id").page(pager)
            .rows(GridRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// Every grid's code and name, by code (the select lists; no boundaries).
    func gridNames(zoneID: Int64) async throws -> [GridNameRow] {
        try await db.select().columns("id", "code", "name").from("grids").where("zone_id", .equal, zoneID)
            .orderBy("code").rows(GridNameRow.self)
    }

    func countGrids(zoneID: Int64) async throws -> Int {
        try await db.select().from("grids").where("zone_id", .equal, zoneID).countRows()
    }

    func grid(id: Int64, zoneID: Int64) async throws -> GridRow? {
        try await db.select().column("*").from("grids").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(GridRow.self)
    }

    func gridAnyZone(id: Int64) async throws -> GridRow? {
        try await db.select().column("*").from("grids").where("id", .equal, id)
            .row(GridRow.self)
    }

    /// The zone's first grid by id (where the demo puts residents it adds without a grid of their own).
    func firstGridID(zoneID: Int64) async throws -> Int64? {
        try await db.select().column("id").from("grids").where("zone_id", .equal, zoneID).orderBy("id")
            .first(decodingColumn: "id", as: Int64.self)
    }

    /// Grids whose bounding box holds the point: the few candidates for the exact polygon test.
    func grids(zoneID: Int64, boxContaining p: GeoPoint) async throws -> [GridRow] {
        try await db.select().column("*").from("grids").where("zone_id", .equal, zoneID)
            .where("min_lon", .lessThanOrEqual, p.longitude).where("max_lon", .greaterThanOrEqual, p.longitude)
            .where("min_lat", .lessThanOrEqual, p.latitude).where("max_lat", .greaterThanOrEqual, p.latitude)
            .orderBy("code").rows(GridRow.self)
    }

    // MARK: Workers

    func workers(zoneID: Int64) async throws -> [GridWorkerRow] {
        try await db.select().column("*").from("grid_workers").where("zone_id", .equal, zoneID).orderBy("id")
            .rows(GridWorkerRow.self)
    }

    func workers(gridID: Int64) async throws -> [GridWorkerRow] {
        try await db.select().column("*").from("grid_workers").where("grid_id", .equal, gridID).orderBy("kind")
            .orderBy("id")
            .rows(GridWorkerRow.self)
    }

    /// Distinct full-time and part-time workers of the zone: a worker with a login is one person
    /// however many grids they serve, one without is one row.
    func workerCounts(zoneID: Int64) async throws -> (fullTime: Int, partTime: Int) {
        let rows = try await db.raw(
            """
            SELECT kind AS kind, COUNT(DISTINCT CASE WHEN user_id IS NULL THEN -id ELSE user_id END) AS n
            FROM grid_workers WHERE zone_id = \(bind: zoneID) GROUP BY kind
            """
        ).all()
        var counts = (fullTime: 0, partTime: 0)
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "kind", as: String.self) == GridWorkerKind.fullTime.rawValue {
                counts.fullTime += n
            } else {
                counts.partTime += n
            }
        }
        return counts
    }

    // MARK: Counts

    /// `column` → count, for "SELECT column, COUNT(*) … GROUP BY column" queries.
    private func counts(_ query: SQLQueryString) async throws -> [Int64: Int] {
        var result: [Int64: Int] = [:]
        for row in try await db.raw(query).all() {
            guard let key = try row.decodeNil(column: "k") ? nil : row.decode(column: "k", as: Int64.self) else {
                continue
            }
            result[key] = try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    func residentCounts(zoneID: Int64) async throws -> [Int64: Int] {
        try await counts(
            "SELECT grid_id AS k, COUNT(*) AS n FROM residents WHERE zone_id = \(bind: zoneID) GROUP BY grid_id")
    }

    func householdCounts(zoneID: Int64) async throws -> [Int64: Int] {
        try await counts(
            "SELECT grid_id AS k, COUNT(*) AS n FROM households WHERE zone_id = \(bind: zoneID) GROUP BY grid_id")
    }

    /// Events per grid whose case is still open (closed_at unset), or only the overdue ones.
    func openEventCounts(zoneID: Int64, overdueOnly: Bool = false) async throws -> [Int64: Int] {
        if overdueOnly {
            return try await counts(
                """
                SELECT e.grid_id AS k, COUNT(*) AS n FROM events e JOIN cases c ON c.id = e.case_id
                WHERE e.zone_id = \(bind: zoneID) AND c.closed_at IS NULL AND c.overdue = \(bind: true) GROUP BY e.grid_id
                """)
        }
        return try await counts(
            """
            SELECT e.grid_id AS k, COUNT(*) AS n FROM events e JOIN cases c ON c.id = e.case_id
            WHERE e.zone_id = \(bind: zoneID) AND c.closed_at IS NULL GROUP BY e.grid_id
            """)
    }

    /// The figures of these grids (read with their zone), by grid id; a grid with nothing has zeros.
    func figures(gridIDs: [Int64]) async throws -> [Int64: GridFigures] {
        guard !gridIDs.isEmpty else { return [:] }
        let ids = SQLList(gridIDs.map { SQLBind($0) })
        var result = Dictionary(uniqueKeysWithValues: gridIDs.map { ($0, GridFigures()) })
        for row in try await db.raw(
            """
            SELECT grid_id AS k, kind AS kind, COUNT(DISTINCT CASE WHEN user_id IS NULL THEN -id ELSE user_id END) AS n
            FROM grid_workers WHERE grid_id IN (\(ids)) GROUP BY grid_id, kind
            """
        ).all() {
            let grid = try row.decode(column: "k", as: Int64.self)
            let n = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "kind", as: String.self) == GridWorkerKind.fullTime.rawValue {
                result[grid]?.fullTime += n
            } else {
                result[grid]?.partTime += n
            }
        }
        for (grid, n) in try await counts(
            "SELECT grid_id AS k, COUNT(*) AS n FROM residents WHERE grid_id IN (\(ids)) GROUP BY grid_id")
        {
            result[grid]?.residents = n
        }
        for (grid, n) in try await counts(
            "SELECT grid_id AS k, COUNT(*) AS n FROM households WHERE grid_id IN (\(ids)) GROUP BY grid_id")
        {
            result[grid]?.households = n
        }
        for (grid, n) in try await counts(
            """
            SELECT e.grid_id AS k, COUNT(*) AS n FROM events e JOIN cases c ON c.id = e.case_id
            WHERE e.grid_id IN (\(ids)) AND c.closed_at IS NULL GROUP BY e.grid_id
            """)
        {
            result[grid]?.openEvents = n
        }
        return result
    }

    /// Distinct residents per 村/社区, per 街道/镇 and in the zone, from `person_areas`: a person
    /// registered in a village and a community (双登记) is one resident of the street and zone.
    func residentCountsByArea(zoneID: Int64) async throws -> (byArea: [Int64: Int], byParent: [Int64: Int], zone: Int) {
        let byArea = try await counts(
            """
            SELECT pa.area_id AS k, COUNT(DISTINCT pa.person_id) AS n FROM person_areas pa JOIN areas a ON a.id = pa.area_id
            WHERE a.zone_id = \(bind: zoneID) GROUP BY pa.area_id
            """)
        let byParent = try await counts(
            """
            SELECT a.parent_id AS k, COUNT(DISTINCT pa.person_id) AS n FROM person_areas pa JOIN areas a ON a.id = pa.area_id
            WHERE a.zone_id = \(bind: zoneID) GROUP BY a.parent_id
            """)
        return (byArea, byParent, try await residentsInZone(zoneID: zoneID))
    }

    /// Distinct residents registered in the zone's areas (双登记 once).
    func residentsInZone(zoneID: Int64) async throws -> Int {
        try await db.raw(
            """
            SELECT COUNT(DISTINCT pa.person_id) AS n FROM person_areas pa JOIN areas a ON a.id = pa.area_id WHERE a.zone_id = \(bind: zoneID)
            """
        ).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Residents per household of one grid.
    func householdMembers(gridID: Int64) async throws -> [Int64: Int] {
        try await counts(
            "SELECT household_id AS k, COUNT(*) AS n FROM residents WHERE grid_id = \(bind: gridID) GROUP BY household_id"
        )
    }

    // MARK: Writes (inside a transaction)

    func insertArea(zoneID: Int64, parentID: Int64?, level: AreaLevel, code: String, name: String, partyBranch: String?)
        async throws -> Int64
    {
        try await db.insert(into: "areas").columns("zone_id", "parent_id", "level", "code", "name", "party_branch")
            .values(
                SQLBind(zoneID), SQLBind(parentID), SQLBind(level.rawValue), SQLBind(code), SQLBind(name),
                SQLBind(partyBranch)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    static func boundaryColumns(_ shape: GeoShape) -> (text: String, box: GeoBoundingBox) {
        (
            shape.geoJSON.jsonString(),
            shape.boundingBox ?? GeoBoundingBox(minLongitude: 0, minLatitude: 0, maxLongitude: 0, maxLatitude: 0)
        )
    }

    /// Inserts many grids in batches (the demo's 266, or a large import).
    func insertGrids(zoneID: Int64, _ drafts: [GridDraft], at: Int64) async throws {
        for chunk in stride(from: 0, to: drafts.count, by: 200).map({ drafts[$0..<min($0 + 200, drafts.count)] }) {
            var insert = db.insert(into: "grids").columns(
                "zone_id", "area_id", "code", "name", "party_branch", "boundary_geojson",
                "min_lon", "min_lat", "max_lon", "max_lat", "created_at")
            for d in chunk {
                let (text, box) = Self.boundaryColumns(d.shape)
                insert = insert.values(
                    SQLBind(zoneID), SQLBind(d.areaID), SQLBind(d.code), SQLBind(d.name), SQLBind(d.partyBranch),
                    SQLBind(text),
                    SQLBind(box.minLongitude), SQLBind(box.minLatitude), SQLBind(box.maxLongitude),
                    SQLBind(box.maxLatitude), SQLBind(at))
            }
            try await insert.run()
        }
    }

    func updateGrid(id: Int64, _ d: GridDraft) async throws {
        let (text, box) = Self.boundaryColumns(d.shape)
        try await db.update("grids").set("area_id", to: d.areaID).set("name", to: d.name).set(
            "party_branch", to: SQLBind(d.partyBranch)
        )
        .set("boundary_geojson", to: text).set("min_lon", to: box.minLongitude).set("min_lat", to: box.minLatitude)
        .set("max_lon", to: box.maxLongitude).set("max_lat", to: box.maxLatitude).where("id", .equal, id).run()
    }

    /// Code → id of the zone's grids (after a batch insert, whose returned ids SQLite does not order).
    func gridIDs(zoneID: Int64) async throws -> [String: Int64] {
        let rows = try await db.select().columns("id", "code").from("grids").where("zone_id", .equal, zoneID).all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "code", as: String.self), try $0.decode(column: "id", as: Int64.self))
            })
    }

    func insertWorkers(zoneID: Int64, _ drafts: [GridWorkerDraft]) async throws {
        for chunk in stride(from: 0, to: drafts.count, by: 300).map({ drafts[$0..<min($0 + 300, drafts.count)] }) {
            var insert = db.insert(into: "grid_workers").columns(
                "zone_id", "grid_id", "user_id", "name", "phone", "kind")
            for w in chunk {
                insert = insert.values(
                    SQLBind(zoneID), SQLBind(w.gridID), SQLBind(w.userID), SQLBind(w.name), SQLBind(w.phone),
                    SQLBind(w.kind.rawValue))
            }
            try await insert.run()
        }
    }
}
