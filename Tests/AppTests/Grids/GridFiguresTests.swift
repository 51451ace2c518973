import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The figures the front page, a grid's page and the API count in SQL (workers with a login once,
/// residents registered in the zone, households, open events), on a zone of the test's own so no
/// other suite changes them meanwhile.
@Suite struct GridFiguresTests {
    @Test func theFrontPageAGridsPageAndTheAPICountTheSame() async throws {
        try await withApp { client, services in
            // setup: a zone with two grids (PointsWorld: residents 0, 2, 3 in grid 0, resident 1 in grid 1 and
            // its grid worker in grid 0), the same worker full-time in grid 1 too, a part-time worker
            // without a login in grid 1, one open and one closed event in grid 0.
            let code = "f" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let now = Clock.nowSeconds()
            let hash = try await services.hasher.hash(DemoLoader.password)
            try await services.database.transaction { db in
                let zoneID = try await ZoneRepository(db: db).insertZone(
                    code: code, name: "测试园区\(code)", fullName: "测试高新区\(code)", province: "山东省", city: "济南市",
                    at: now)
                _ = try await UserRepository(db: db).insert(
                    UserRow(
                        id: 0, zoneId: zoneID, username: "admin@\(code)", displayName: "管理员\(code)",
                        role: Role.zoneAdmin.rawValue, passwordHash: hash, isActive: true, createdAt: now,
                        passwordChangedAt: now))
            }
            let world = try await PointsWorld.make(zone: code, services)
            let worker = try await UserRepository(db: services.database.sql).find(username: world.gridWorker)!
            try await services.database.transaction { db in
                try await GridRepository(db: db).insertWorkers(
                    zoneID: world.zoneID,
                    [
                        GridWorkerDraft(gridID: world.grids[1], userID: worker.id, name: "网格员", kind: .fullTime),
                        GridWorkerDraft(gridID: world.grids[1], userID: nil, name: "兼职网格员", kind: .partTime),
                    ])
            }
            let grids = try await GridRepository(db: services.database.sql).grids(zoneID: world.zoneID)
            _ = try await GridFixtures.openEvent(grid: grids[0], services)
            try await GridFixtures.closeEvent(try await GridFixtures.openEvent(grid: grids[0], services), services)
            var admin = Browser(client)
            _ = try await admin.login("admin@\(code)")
            let idNumber = DemoLoader.residentID(body: String(format: "37011219800101%03d", Int.random(in: 100...999)))
            let created = try await admin.post(
                "/m/governance/residents/new",
                form: [
                    ("name", "登记居民"), ("id_number", idNumber), ("address", "测试村 20 号"),
                    ("grid_id", String(world.grids[0])), ("household_code", "H-\(code)"),
                ])
            #expect(created.status == .seeOther, "\(created.text.prefix(300))")

            // MUT and validate: the same figures everywhere, the worker with a login counted once.
            let hub = try await admin.get("/m/governance")
            #expect(hub.text.contains("本园区共 2 个网格，专职网格员 1 名、兼职网格员 1 名，登记居民 1 人"))
            let figures = try await GridRepository(db: services.database.sql).figures(gridIDs: world.grids)
            #expect(
                figures[world.grids[0]]
                    == GridFigures(fullTime: 1, partTime: 0, residents: 4, households: 1, openEvents: 1))
            #expect(
                figures[world.grids[1]]
                    == GridFigures(fullTime: 1, partTime: 1, residents: 1, households: 0, openEvents: 0))
            let page = try await admin.get("/m/governance/grids/\(world.grids[0])")
            #expect(page.text.contains("专职 1 名，兼职 0 名"))
            #expect(page.text.contains("4 人，1 户"))
            #expect(page.text.contains("<dd>1 件</dd>"))
            let token = try await APITests.token("admin@\(code)", services)
            let list = try APITests.json(try await APITests.get(client, "/api/v1/grids", token: token))
            #expect(list["total"] as? Int == 2)
            let items = list["items"] as? [[String: Any]] ?? []
            let second = try #require(items.first { ($0["id"] as? Int).map(Int64.init) == world.grids[1] })
            #expect(second["fullTimeWorkers"] as? Int == 1)
            #expect(second["partTimeWorkers"] as? Int == 1)
            #expect(second["residents"] as? Int == 1)
            #expect(second["area"] as? String == "测试村\(world.tag)")
            let one = try APITests.json(try await APITests.get(client, "/api/v1/grids/\(world.grids[0])", token: token))
            #expect(one["residents"] as? Int == 4)
            #expect(one["households"] as? Int == 1)
            #expect(one["openEvents"] as? Int == 1)
        }
    }
}
