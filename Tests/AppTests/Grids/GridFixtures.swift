import Foundation
import GaoxinCore
import SQLKit

@testable import App

/// Rows of the 济南 governance demo the grid tests work on.
enum GridFixtures {
    static func jinan(_ services: AppServices) async throws -> Int64 {
        try await PolicyFixtures.zoneID("jinan", services)
    }

    static func user(_ username: String, _ services: AppServices) async throws -> UserRow {
        try await UserRepository(db: services.database.sql).find(username: username)!
    }

    /// The demo grid worker's grids, by code.
    static func workerGrids(_ services: AppServices) async throws -> [GridRow] {
        let user = try await user("grid@jinan", services)
        let ids = try await services.database.sql.select().column("grid_id").from("grid_workers").where(
            "user_id", .equal, user.id
        )
        .all(decodingColumn: "grid_id", as: Int64.self)
        let zone = try await jinan(services)
        return try await GridRepository(db: services.database.sql).grids(zoneID: zone).filter { ids.contains($0.id) }
    }

    /// A grid of the zone the demo grid worker does not serve.
    static func otherGrid(_ services: AppServices) async throws -> GridRow {
        let mine = Set(try await workerGrids(services).map(\.id))
        return try await GridRepository(db: services.database.sql).grids(zoneID: try await jinan(services)).last {
            !mine.contains($0.id)
        }!
    }

    /// A demo resident (not the one with a login) of the demo grid worker's first grid.
    static func neighbour(_ services: AppServices) async throws -> ResidentRow {
        let zone = try await jinan(services)
        let own = try await user("resident@jinan", services).personId
        let grid = try await workerGrids(services)[0]
        return try await ResidentRepository(db: services.database.sql).list(
            ResidentFilter(zoneID: zone, gridID: grid.id), try Pager(page: 1, size: 100)
        )
        .rows.first { $0.personId != own }!
    }

    /// An open 网格事件 row (the case engine's type is another part's; the map reads only these columns).
    static func openEvent(grid: GridRow, overdue: Bool = false, _ services: AppServices) async throws -> Int64 {
        try await services.database.transaction { db in
            let now = Clock.nowSeconds()
            let id = try await db.insert(into: "cases")
                .columns(
                    "zone_id", "type_code", "state", "title", "deadline_uncertain", "overdue", "ever_overdue",
                    "opened_at", "record_json", "updated_at"
                )
                .values(
                    SQLBind(grid.zoneId), SQLBind("grid_event_test"), SQLBind("reported"), SQLBind("测试事件"),
                    SQLBind(false), SQLBind(overdue),
                    SQLBind(overdue), SQLBind(now), SQLBind("{}"), SQLBind(now)
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)!
            try await db.insert(into: "events").columns(
                "case_id", "zone_id", "grid_id", "category_code", "description", "latitude", "longitude", "source"
            )
            .values(
                SQLBind(id), SQLBind(grid.zoneId), SQLBind(grid.id), SQLBind("hazard"), SQLBind("测试"),
                SQLBind(grid.minLat), SQLBind(grid.minLon), SQLBind("test")
            )
            .run()
            return id
        }
    }

    static func closeEvent(_ id: Int64, _ services: AppServices) async throws {
        try await services.database.transaction { db in
            try await db.update("cases").set("closed_at", to: Clock.nowSeconds()).where("id", .equal, id).run()
        }
    }

    /// A one-feature GeoJSON collection; `ring` in [lon, lat] pairs.
    static func collection(_ features: [(properties: [String: String], ring: [[Double]])]) -> Data {
        let list: [JSONValue] = features.map { f in
            .object(
                JSONObject([
                    ("type", "Feature"),
                    (
                        "properties",
                        .object(
                            JSONObject(
                                f.properties.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
                    ),
                    (
                        "geometry",
                        .object([
                            "type": "Polygon",
                            "coordinates": .array([.array(f.ring.map { .array($0.map { .number($0) }) })]),
                        ])
                    ),
                ]))
        }
        return Data(JSONValue.object(["type": "FeatureCollection", "features": .array(list)]).jsonString().utf8)
    }

    static func square(_ lon: Double, _ lat: Double, size: Double = 0.005) -> [[Double]] {
        [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    }
}
