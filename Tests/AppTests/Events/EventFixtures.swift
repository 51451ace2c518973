import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit

@testable import App

/// Grids made by each test (the demo grids come from another module): an area and a small square
/// grid at a random place far from real zones, so tests never find each other's grids.
enum EventFixtures {
    struct TestGrid {
        let id: Int64
        let zoneID: Int64
        /// A point inside the square.
        let latitude: Double
        let longitude: Double
    }

    /// A zone of the test's own, with a department and the logins admin@, staff@, grid@ and
    /// resident@ its code: tests that pin the clock need a zone no other suite sweeps at another time.
    static func ownZone(_ services: AppServices) async throws -> String {
        let code = "t" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let hash = try await services.hasher.hash(DemoLoader.password)
        let now = Clock.nowSeconds()
        try await services.database.transaction { db in
            let zoneID = try await ZoneRepository(db: db).insertZone(
                code: code, name: "测试园区\(code)", fullName: "测试高新区\(code)",
                province: "山东省", city: "济南市", at: now)
            let department = try await ZoneRepository(db: db).insertDepartment(
                DepartmentRow(
                    id: 0, zoneId: zoneID, code: "urban", name: "城市管理局", kind: "urban"))
            for (prefix, role) in [
                ("admin", Role.zoneAdmin), ("staff", .departmentStaff), ("grid", .gridWorker), ("resident", .resident),
            ] {
                _ = try await UserRepository(db: db).insert(
                    UserRow(
                        id: 0, zoneId: zoneID, username: "\(prefix)@\(code)", displayName: "\(role.label)\(code)",
                        role: role.rawValue,
                        passwordHash: hash, departmentId: role == .departmentStaff ? department : nil, isActive: true,
                        createdAt: now,
                        passwordChangedAt: now))
            }
        }
        return code
    }

    static func zoneID(_ code: String, _ services: AppServices) async throws -> Int64 {
        try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first { $0.code == code }!.id
    }

    /// A square grid of ~100 m in `zone`; `worker` (a login) is made its grid worker.
    static func grid(zone: String = "jinan", worker: String? = "grid@jinan", _ services: AppServices) async throws
        -> TestGrid
    {
        let zoneID = try await zoneID(zone, services)
        let lon = Double.random(in: 10...60).rounded(toPlaces: 4)
        let lat = Double.random(in: -40...0).rounded(toPlaces: 4)
        let d = 0.001
        let ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
        let geojson = String(
            decoding: try JSONSerialization.data(withJSONObject: ["type": "Polygon", "coordinates": [ring]]),
            as: UTF8.self)
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return try await services.database.transaction { db in
            let areaID = try await db.insert(into: "areas").columns(
                "zone_id", "parent_id", "level", "code", "name", "party_branch"
            )
            .values(
                SQLBind(zoneID), SQLBind(Int64?.none), SQLBind("community"), SQLBind("T-\(suffix)"),
                SQLBind("测试社区\(suffix)"), SQLBind(String?.none)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)!
            let gridID = try await db.insert(into: "grids")
                .columns(
                    "zone_id", "area_id", "code", "name", "party_branch", "boundary_geojson", "min_lon", "min_lat",
                    "max_lon", "max_lat", "created_at"
                )
                .values(
                    SQLBind(zoneID), SQLBind(areaID), SQLBind("G-\(suffix)"), SQLBind("测试网格\(suffix)"),
                    SQLBind(String?.none), SQLBind(geojson),
                    SQLBind(lon), SQLBind(lat), SQLBind(lon + d), SQLBind(lat + d), SQLBind(Clock.nowSeconds())
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)!
            if let worker, let user = try await UserRepository(db: db).find(username: worker) {
                try await db.insert(into: "grid_workers").columns("zone_id", "grid_id", "user_id", "name", "kind")
                    .values(
                        SQLBind(zoneID), SQLBind(gridID), SQLBind(user.id), SQLBind(user.displayName),
                        SQLBind("full_time")
                    ).run()
            }
            return TestGrid(id: gridID, zoneID: zoneID, latitude: lat + d / 2, longitude: lon + d / 2)
        }
    }

    /// Posts the report form as a phone browser does (multipart, with an optional photo).
    static func report(
        _ browser: inout Browser, category: String = "hazard", description: String = "楼道堆放杂物，堵塞消防通道。",
        latitude: Double, longitude: Double, address: String = "测试路 1 号",
        photo: (name: String, type: String, data: Data)? = nil
    ) async throws -> TestResponse {
        if browser.cookies[CSRFMiddleware.cookieName] == nil { _ = try await browser.get("/login") }
        let boundary = "----gaoxin\(UInt32.random(in: 0...UInt32.max))"
        var body = Data()
        let fields = [
            (CSRFMiddleware.fieldName, browser.cookies[CSRFMiddleware.cookieName] ?? ""), ("category", category),
            ("description", description), ("latitude", String(latitude)), ("longitude", String(longitude)),
            ("address", address),
        ]
        for (name, value) in fields {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let photo {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\(photo.name)\"\r\nContent-Type: \(photo.type)\r\n\r\n"
                        .utf8))
            body.append(photo.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        let headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader,
        ]
        let response = try await browser.client.execute(
            uri: "/m/governance/events/upload", method: .post, headers: headers, body: ByteBuffer(bytes: body))
        browser.remember(response)
        return response
    }

    /// The new event's id from the redirect after reporting.
    static func reportedID(_ response: TestResponse) throws -> Int64 {
        guard response.status == .seeOther, let location = response.location,
            let id = Int64(location.split(separator: "/").last ?? "")
        else {
            throw ConsultationFixtures.FixtureError("上报没有跳转到事件页：\(response.status) \(response.text.prefix(400))")
        }
        return id
    }

    static func step(
        _ browser: inout Browser, _ id: Int64, _ transition: String, note: String = "", assignee: String = ""
    ) async throws -> TestResponse {
        try await browser.post(
            "/m/governance/events/\(id)/step",
            form: [("transition", transition), ("note", note), ("assignee", assignee)])
    }

    static func caseRow(_ id: Int64, _ services: AppServices) async throws -> CaseRow {
        try await CaseRepository(db: services.database.sql).find(id: id)!
    }

    /// Events of one grid (other suites report in the same zone at the same time).
    static func eventCount(gridID: Int64, _ services: AppServices) async throws -> Int {
        try await PolicyFixtures.count("events", services, where: "grid_id", gridID)
    }

    /// Events with exactly this description, anywhere.
    static func eventCount(description: String, _ services: AppServices) async throws -> Int {
        try await services.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
            "events"
        )
        .where("description", .equal, description).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// An Open311 key for the zone (the plain key).
    static func open311Key(zoneID: Int64, _ services: AppServices) async throws -> String {
        try await EventService.createOpen311Key(zoneID: zoneID, name: "测试", actor: nil, database: services.database)
    }

    /// A form post without cookies or CSRF, as a GeoReport client sends it.
    static func open311Post(_ client: any TestClientProtocol, _ path: String, _ fields: [(String, String)]) async throws
        -> TestResponse
    {
        let body = fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        return try await client.execute(
            uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let p = pow(10.0, Double(places))
        return (self * p).rounded() / p
    }
}
