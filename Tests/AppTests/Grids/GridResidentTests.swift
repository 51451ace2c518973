import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Residents: 身份证号 masked everywhere but the resident's own page, grid workers only in their
/// own grids, bad input refused with nothing saved, 双登记 counted once. Serialized: the counts
/// compared before and after would see the other test's new resident.
@Suite(.serialized) struct GridResidentTests {
    @Test func idNumbersAreMaskedEverywhereButTheResidentsOwnPage() async throws {
        try await withApp { client, services in
            let zone = try await GridFixtures.jinan(services)
            let own = try await GridFixtures.user("resident@jinan", services).personId!
            let row = try #require(
                try await ResidentRepository(db: services.database.sql).find(personID: own, zoneID: zone))
            let masked = try ResidentID(row.idNumber, today: Clock.today).masked
            #expect(masked != row.idNumber)
            var resident = Browser(client)
            _ = try await resident.login("resident@jinan")
            let mine = try await resident.get("/m/governance/residents/\(own)")
            #expect(mine.status == .ok)
            #expect(mine.text.contains(row.idNumber))
            #expect(
                try await resident.get("/m/governance/residents/\(try await GridFixtures.neighbour(services).personId)")
                    .status == .notFound)
            for login in ["staff@jinan", "grid@jinan", "admin@jinan"] {
                var browser = Browser(client)
                _ = try await browser.login(login)
                for path in [
                    "/m/governance/residents/\(own)", "/m/governance/residents?grid=\(row.gridId!)",
                    "/m/governance/residents/\(own)/edit",
                ] {
                    let page = try await browser.get(path)
                    #expect(page.status == .ok, "\(login) \(path)")
                    #expect(!page.text.contains(row.idNumber), "\(login) \(path) shows no full number")
                    #expect(page.text.contains(masked), "\(login) \(path) shows the masked number")
                }
            }
        }
    }

    @Test func gridWorkersAddResidentsOnlyInTheirOwnGrids() async throws {
        try await withApp { client, services in
            let mine = try await GridFixtures.workerGrids(services)[0]
            let other = try await GridFixtures.otherGrid(services)
            let idNumber = DemoLoader.residentID(body: String(format: "37011219900101%03d", Int.random(in: 100...999)))
            var grid = Browser(client)
            _ = try await grid.login("grid@jinan")
            let form: [(String, String)] = [
                ("name", "测试居民"), ("id_number", idNumber), ("phone", "13912345678"), ("address", "测试村 9 号"),
                ("household_code", "T-\(Int.random(in: 100000...999999))"),
            ]
            let outside = try await grid.post(
                "/m/governance/residents/new", form: form + [("grid_id", String(other.id))])
            #expect(outside.status == .forbidden)
            let workerGridIDs = Set(try await GridFixtures.workerGrids(services).map(\.id))
            let neighbourElsewhere = try #require(
                try await ResidentRepository(db: services.database.sql)
                    .list(ResidentFilter(zoneID: other.zoneId, gridID: nil), try Pager(page: 1, size: 200)).rows.first {
                        $0.gridId.map { !workerGridIDs.contains($0) } ?? false
                    })
            #expect(
                try await grid.get("/m/governance/residents/\(neighbourElsewhere.personId)/edit").status == .forbidden)
            #expect(
                try await grid.post(
                    "/m/governance/residents/\(neighbourElsewhere.personId)/edit",
                    form: form + [("grid_id", String(mine.id))]
                ).status == .forbidden)

            // Bad input: each field named, nothing saved (other suites register 济南 residents at the same
            // time, so what is looked for is a person with this number, not the zone's count).
            let zone = mine.zoneId
            let valid = DemoLoader.residentID(body: "37011219900101123")
            let wrongCheck = String(valid.dropLast()) + (valid.hasSuffix("1") ? "2" : "1")
            let bad = try await grid.post(
                "/m/governance/residents/new",
                form: [
                    ("name", ""), ("id_number", wrongCheck), ("phone", "12345"),
                    ("address", ""), ("grid_id", String(mine.id)),
                ])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("姓名：请填写"))
            #expect(bad.text.contains("身份证号校验位不符"))
            #expect(bad.text.contains("手机号应为11位"))
            #expect(bad.text.contains("住址：请填写"))
            #expect(
                try await ResidentRepository(db: services.database.sql).personID(idNumber: wrongCheck, zoneID: zone)
                    == nil)

            let created = try await grid.post(
                "/m/governance/residents/new", form: form + [("grid_id", String(mine.id))])
            #expect(created.status == .seeOther)
            let id = try #require(
                try await ResidentRepository(db: services.database.sql).personID(idNumber: idNumber, zoneID: zone))
            #expect(created.location == "/m/governance/residents/\(id)")
            let page = try await grid.get("/m/governance/residents/\(id)")
            #expect(page.text.contains("测试居民") && !page.text.contains(idNumber))
            // The same number again is refused.
            let twice = try await grid.post("/m/governance/residents/new", form: form + [("grid_id", String(mine.id))])
            #expect(twice.status == .badRequest)
            #expect(twice.text.contains("本园区已登记过身份证号"))
            // Moving the resident out of the worker's grids is refused too.
            #expect(
                try await grid.post("/m/governance/residents/\(id)/edit", form: form + [("grid_id", String(other.id))])
                    .status == .forbidden)
            let audit = try await services.database.sql.select().column("after_json").from("audit_log").where(
                "entity", .equal, "resident"
            )
            .where("entity_id", .equal, String(id)).first(decodingColumn: "after_json", as: String.self)
            #expect(audit?.contains(idNumber) == false, "the audit log keeps the masked number only")
        }
    }

    @Test func dualRegistrationCountsOnce() async throws {
        try await withApp { client, services in
            // A zone of its own (other suites register 济南 residents at the same time, and the counts
            // must move by exactly one): a street with two communities, a grid in the first.
            let code = try await EventFixtures.ownZone(services)
            let zone = try await EventFixtures.zoneID(code, services)
            let db = services.database.sql
            let made = try await EventFixtures.grid(zone: code, worker: nil, services)
            let grid = try #require(try await GridRepository(db: db).grids(zoneID: zone).first { $0.id == made.id })
            try await services.database.transaction { tx in
                let street = try await GridRepository(db: tx).insertArea(
                    zoneID: zone, parentID: nil, level: .street, code: "S-\(code)", name: "测试街道", partyBranch: nil)
                _ = try await GridRepository(db: tx).insertArea(
                    zoneID: zone, parentID: street, level: .community, code: "C-\(code)", name: "邻近社区",
                    partyBranch: nil)
                try await tx.update("areas").set("parent_id", to: SQLBind(street)).where("id", .equal, grid.areaId)
                    .run()
            }
            let before = try await GridCensus.load(db: db, zoneID: zone)
            let area = try #require(before.area(id: grid.areaId))
            let street = try #require(area.parentId)
            let community = try #require(
                before.areas.first { $0.parentId == street && $0.level == "community" && $0.id != area.id })
            var staff = Browser(client)
            _ = try await staff.login("staff@\(code)")
            let idNumber = DemoLoader.residentID(body: String(format: "37011219850505%03d", Int.random(in: 100...999)))
            let created = try await staff.post(
                "/m/governance/residents/new",
                form: [
                    ("name", "双登记居民"), ("id_number", idNumber), ("address", "\(area.name) 1 号"),
                    ("grid_id", String(grid.id)),
                    ("dual_area_id", String(community.id)),
                ])
            #expect(created.status == .seeOther)
            let after = try await GridCensus.load(db: db, zoneID: zone)
            #expect(after.residentsInZone == before.residentsInZone + 1, "one person more in the zone, not two")
            #expect(after.residentsByParent[street] == (before.residentsByParent[street] ?? 0) + 1, "and in the street")
            #expect(after.residentsByArea[area.id] == (before.residentsByArea[area.id] ?? 0) + 1)
            #expect(
                after.residentsByArea[community.id] == (before.residentsByArea[community.id] ?? 0) + 1,
                "counted in both areas")
            let id = try #require(try await ResidentRepository(db: db).personID(idNumber: idNumber, zoneID: zone))
            let page = try await staff.get("/m/governance/residents/\(id)")
            #expect(page.text.contains("双登记"))
            #expect(page.text.contains(community.name))
            // The list shows them once.
            let list = try await staff.get("/m/governance/residents?q=%E5%8F%8C%E7%99%BB%E8%AE%B0%E5%B1%85%E6%B0%91")
            #expect(list.text.components(separatedBy: "/m/governance/residents/\(id)\"").count - 1 == 1)
            // The demo has 双登记 residents too, and the zone count is below the sum over areas.
            let demo = try await GridCensus.load(db: db, zoneID: try await GridFixtures.jinan(services))
            let sumOverAreas = demo.residentsByArea.values.reduce(0, +)
            #expect(sumOverAreas > demo.residentsInZone)
        }
    }
}
