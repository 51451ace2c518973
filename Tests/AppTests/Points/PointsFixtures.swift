import Foundation
import GaoxinCore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit

@testable import App

/// A small governance world of its own in one zone for each points or deliberation test: an area
/// with two grids, a grid worker for the first, residents in each grid with logins, and a points
/// committee member. Names carry a random tag, so tests sharing the database never meet.
struct PointsWorld {
    let zoneID: Int64
    let zone: String
    let tag: String
    let grids: [Int64]
    /// Residents: (person id, name, username), the first in grid 0, the second in grid 1, the third in grid 0.
    let residents: [(personID: Int64, name: String, username: String)]
    let gridWorker: String
    let committee: String

    func subject(_ n: Int) -> String { PointsSubjects.person(residents[n].personID) }

    static func make(zone: String, _ services: AppServices) async throws -> PointsWorld {
        let zoneID = try await PolicyFixtures.zoneID(zone, services)
        let tag = String(UInt32.random(in: 100_000...999_999))
        let hash = try await services.hasher.hash(DemoLoader.password)
        let now = Clock.nowSeconds()
        return try await services.database.transaction { db in
            let areaID = try await db.insert(into: "areas").columns("zone_id", "parent_id", "level", "code", "name")
                .values(
                    SQLBind(zoneID), SQLBind(Int64?.none), SQLBind("village"), SQLBind("A\(tag)"), SQLBind("测试村\(tag)")
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)!
            var grids: [Int64] = []
            for g in 0..<2 {
                grids.append(
                    try await db.insert(into: "grids")
                        .columns(
                            "zone_id", "area_id", "code", "name", "boundary_geojson", "min_lon", "min_lat", "max_lon",
                            "max_lat", "created_at"
                        )
                        .values(
                            SQLBind(zoneID), SQLBind(areaID), SQLBind("G\(tag)-\(g)"), SQLBind("测试网格\(g + 1)"),
                            SQLBind(
                                #"{"type":"Polygon","coordinates":[[[117,36],[117.01,36],[117.01,36.01],[117,36]]]}"#),
                            SQLBind(117.0), SQLBind(36.0), SQLBind(117.01), SQLBind(36.01), SQLBind(now)
                        )
                        .returning("id").first(decodingColumn: "id", as: Int64.self)!)
            }
            let users = UserRepository(db: db)
            func user(_ name: String, _ role: Role, personID: Int64? = nil) async throws -> (Int64, String) {
                let username = "\(name)-\(tag)@\(zone)"
                let id = try await users.insert(
                    UserRow(
                        id: 0, zoneId: zoneID, username: username, displayName: "\(name)\(tag)", role: role.rawValue,
                        passwordHash: hash, personId: personID, isActive: true, createdAt: now, passwordChangedAt: now))
                return (id, username)
            }
            var residents: [(Int64, String, String)] = []
            for (n, name) in ["甲居民", "乙居民", "丙居民", "丁委员"].enumerated() {
                let idNumber = DemoLoader.residentID(
                    body: "37010219\(tag.prefix(2))\(String(format: "%02d%02d", 1 + n, 10))\(tag.suffix(3))")
                let personID = try await db.insert(into: "persons").columns(
                    "zone_id", "name", "id_number", "phone", "created_at"
                )
                .values(
                    SQLBind(zoneID), SQLBind("\(name)\(tag)"), SQLBind(idNumber), SQLBind("13900000000"), SQLBind(now)
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self)!
                try await db.insert(into: "residents").columns(
                    "person_id", "zone_id", "household_id", "grid_id", "address", "is_party_member"
                )
                .values(
                    SQLBind(personID), SQLBind(zoneID), SQLBind(Int64?.none), SQLBind(grids[n == 1 ? 1 : 0]),
                    SQLBind("测试村 \(n + 1) 号"),
                    SQLBind(n == 3)
                ).run()
                let (_, username) = try await user("pt\(n)", .resident, personID: personID)
                residents.append((personID, "\(name)\(tag)", username))
            }
            let (gridUserID, gridUser) = try await user("ptgrid", .gridWorker)
            try await db.insert(into: "grid_workers").columns("zone_id", "grid_id", "user_id", "name", "kind")
                .values(
                    SQLBind(zoneID), SQLBind(grids[0]), SQLBind(gridUserID), SQLBind("网格员\(tag)"), SQLBind("full_time")
                ).run()
            let committeeUser = try await users.find(username: residents[3].2)!
            _ = try await PointsRepository(db: db).addMember(
                zoneID: zoneID, userID: committeeUser.id, duty: "组长", at: now)
            return PointsWorld(
                zoneID: zoneID, zone: zone, tag: tag, grids: grids,
                residents: residents.prefix(3).map { (personID: $0.0, name: $0.1, username: $0.2) },
                gridWorker: gridUser, committee: residents[3].2)
        }
    }

    /// Adds an item to the zone's list through the service; returns its code.
    @discardableResult
    func item(_ name: String, points: Int, cap: (Int, PeriodKind)? = nil, _ services: AppServices) async throws
        -> String
    {
        let member = try await UserRepository(db: services.database.sql).signedIn(username: committee)!
        let access = try await PointsAccess.load(member, zoneID: zoneID, db: services.database.sql)
        let id = try await PointsService(database: services.database).addItem(
            .init(
                name: "\(name)\(tag)", category: "测试", points: String(points),
                capPoints: cap.map { String($0.0) } ?? "",
                capPer: cap?.1.rawValue ?? "", isActive: true), access: access)
        return try await PointsRepository(db: services.database.sql).item(id: id, zoneID: zoneID)!.code
    }

    func entries(_ services: AppServices) async throws -> [PointsEntryRow] {
        try await PointsRepository(db: services.database.sql).entries(zoneID: zoneID)
            .filter { e in residents.contains { PointsSubjects.person($0.personID) == e.subject } }
    }

    static func at(_ day: String, _ hour: Int = 10) -> Int64 {
        LocalMoment(day: Day(day)!, hour: hour, minute: 0)!.unixSeconds()
    }
}

extension Browser {
    /// Posts a multipart form (the declaration form with its photo) with the CSRF token.
    mutating func postPointsForm(
        _ path: String, fields: [(String, String)], photo: (name: String, type: String, data: Data)? = nil
    ) async throws -> TestResponse {
        if cookies[CSRFMiddleware.cookieName] == nil { _ = try await get(SiteURL.login.path) }
        let boundary = "----gaoxin-points-\(UInt32.random(in: 0...UInt32.max))"
        var body = Data()
        for (name, value) in fields + [(CSRFMiddleware.fieldName, cookies[CSRFMiddleware.cookieName] ?? "")] {
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
            .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: cookieHeader,
            Self.forwardedFor: address,
        ]
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        remember(response)
        return response
    }
}
