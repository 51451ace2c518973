import Foundation
import GaoxinCore
import SQLKit

/// The levels of the area tree under a zone: 街道 or 镇, then 村 or 社区; grids hang under a 村/社区.
enum AreaLevel: String, CaseIterable, Sendable {
    case street, town, village, community

    var label: String {
        switch self {
        case .street: "街道"
        case .town: "镇"
        case .village: "村"
        case .community: "社区"
        }
    }

    /// 村 and 社区 hold grids; 街道 and 镇 hold 村 and 社区.
    var holdsGrids: Bool { self == .village || self == .community }

    /// Accepts the code or the Chinese name, as a GeoJSON file may carry either.
    init?(text: String) {
        if let level = AreaLevel(rawValue: text) {
            self = level
            return
        }
        guard let level = AreaLevel.allCases.first(where: { $0.label == text }) else { return nil }
        self = level
    }
}

/// Full-time (专职) or part-time (兼职) grid worker.
enum GridWorkerKind: String, CaseIterable, Sendable {
    case fullTime = "full_time"
    case partTime = "part_time"
    var label: String { self == .fullTime ? "专职" : "兼职" }
}

struct AreaRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var parentId: Int64?
    var level: String
    var code: String
    var name: String
    var partyBranch: String?

    var areaLevel: AreaLevel? { AreaLevel(rawValue: level) }
}

struct GridRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var areaId: Int64
    var code: String
    var name: String
    var partyBranch: String?
    var boundaryGeojson: String
    var minLon: Double
    var minLat: Double
    var maxLon: Double
    var maxLat: Double
    var createdAt: Int64

    /// The stored boundary; a row that fails to parse (never written by this code) draws as nothing.
    var shape: GeoShape? { try? GeoJSONReader.shape(text: boundaryGeojson) }
}

struct GridWorkerRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var gridId: Int64
    var userId: Int64?
    var name: String
    var phone: String?
    var kind: String

    /// A worker with a login is one person however many grids they serve; one without is one row.
    var personKey: Int64 { userId ?? -id }
}

/// A grid to insert or update (by code) from an import.
struct GridDraft: Sendable {
    var code: String
    var name: String
    var areaID: Int64
    var partyBranch: String?
    var shape: GeoShape
}

/// Reads and writes areas, grids and grid workers with SQLKit. Every query names the zone.
struct GridRepository: Sendable {
    let db: any SQLDatabase

    func areas(zoneID: Int64) async throws -> [AreaRow] {
        try await db.select().column("*").from("areas").where("zone_id", .equal, zoneID).orderBy("code")
            .all(decoding: AreaRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func grids(zoneID: Int64) async throws -> [GridRow] {
        try await db.select().column("*").from("grids").where("zone_id", .equal, zoneID).orderBy("code")
            .all(decoding: GridRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func grids(zoneID: Int64, limit: Int, offset: Int) async throws -> [GridRow] {
        try await db.select().column("*").from("grids").where("zone_id", .equal, zoneID).orderBy("code").orderBy("id")
            .limit(limit).offset(offset).all(decoding: GridRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func countGrids(zoneID: Int64) async throws -> Int {
        try await db.select().from("grids").where("zone_id", .equal, zoneID).countRows()
    }

    func grid(id: Int64, zoneID: Int64) async throws -> GridRow? {
        try await db.select().column("*").from("grids").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: GridRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func gridAnyZone(id: Int64) async throws -> GridRow? {
        try await db.select().column("*").from("grids").where("id", .equal, id)
            .first(decoding: GridRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Grids whose bounding box holds the point: the few candidates for the exact polygon test.
    func grids(zoneID: Int64, boxContaining p: GeoPoint) async throws -> [GridRow] {
        try await db.select().column("*").from("grids").where("zone_id", .equal, zoneID)
            .where("min_lon", .lessThanOrEqual, p.longitude).where("max_lon", .greaterThanOrEqual, p.longitude)
            .where("min_lat", .lessThanOrEqual, p.latitude).where("max_lat", .greaterThanOrEqual, p.latitude)
            .orderBy("code").all(decoding: GridRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func workers(zoneID: Int64) async throws -> [GridWorkerRow] {
        try await db.select().column("*").from("grid_workers").where("zone_id", .equal, zoneID).orderBy("id")
            .all(decoding: GridWorkerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func workers(gridID: Int64) async throws -> [GridWorkerRow] {
        try await db.select().column("*").from("grid_workers").where("grid_id", .equal, gridID).orderBy("kind").orderBy(
            "id"
        )
        .all(decoding: GridWorkerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

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
        let zone =
            try await db.raw(
                """
                SELECT COUNT(DISTINCT pa.person_id) AS n FROM person_areas pa JOIN areas a ON a.id = pa.area_id WHERE a.zone_id = \(bind: zoneID)
                """
            ).first(decodingColumn: "n", as: Int.self) ?? 0
        return (byArea, byParent, zone)
    }

    /// Residents per household of one grid.
    func householdMembers(gridID: Int64) async throws -> [Int64: Int] {
        try await counts(
            "SELECT household_id AS k, COUNT(*) AS n FROM residents WHERE grid_id = \(bind: gridID) GROUP BY household_id"
        )
    }

    func openEvents(gridID: Int64) async throws -> Int {
        try await db.raw(
            """
            SELECT COUNT(*) AS n FROM events e JOIN cases c ON c.id = e.case_id WHERE e.grid_id = \(bind: gridID) AND c.closed_at IS NULL
            """
        ).first(decodingColumn: "n", as: Int.self) ?? 0
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

    struct WorkerDraft: Sendable {
        var gridID: Int64
        var userID: Int64?
        var name: String
        var phone: String?
        var kind: GridWorkerKind
    }

    func insertWorkers(zoneID: Int64, _ drafts: [WorkerDraft]) async throws {
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
