import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import App

/// Issue #11's findings on residents (身份证号 enumeration, the phone number on the resident page)
/// and on numbers that used to trap the server. Each test failed before its fix.
@Suite struct ResidentAndNumberHardeningTests {
    /// A 济南 resident with a phone number in a grid that is not one of grid@jinan's.
    static func resident(_ services: AppServices) async throws -> ResidentRow {
        let zone = try await GridFixtures.jinan(services)
        let workerGrids = Set(try await GridFixtures.workerGrids(services).map(\.id))
        return try #require(
            try await ResidentRepository(db: services.database.sql)
                .list(ResidentFilter(zoneID: zone, gridID: nil), try Pager(page: 1, size: 200)).rows.first {
                    $0.phone != nil && $0.gridId.map { !workerGrids.contains($0) } == true
                })
    }

    static func newResident(_ row: ResidentRow) -> [(String, String)] {
        [
            ("name", "重复登记"), ("id_number", row.idNumber), ("address", "测试路 1 号"),
            ("grid_id", String(row.gridId ?? 0)),
        ]
    }

    @Test func aRegisteredNumberIsConfirmedOnlyToWhoMaySeeThatResident() async throws {
        try await withApp { client, services in
            let row = try await Self.resident(services)
            let masked = try ResidentID(row.idNumber, today: Clock.today).masked
            #expect(
                masked == String(row.idNumber.prefix(2)) + String(repeating: "*", count: 14) + row.idNumber.suffix(2))
            // The zone admin may see the record: told plainly, with the masked number.
            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            let told = try await admin.post("/m/governance/residents/new", form: Self.newResident(row))
            #expect(told.status == .badRequest)
            #expect(told.text.contains("本园区已登记过身份证号为 \(masked) 的人员"))
            // Department staff may register residents but not learn whose number this is.
            var staff = Browser(client)
            _ = try await staff.login("staff@jinan")
            let staffID = try #require(
                try await UserRepository(db: services.database.sql).find(username: "staff@jinan")?.id)
            try await services.database.transaction { db in
                try await db.delete(from: "login_attempts")
                    .where("username", .equal, GridService.idCheckKey).where("address", .equal, "user:\(staffID)").run()
            }
            let neutral = try await staff.post("/m/governance/residents/new", form: Self.newResident(row))
            #expect(neutral.status == .badRequest)
            #expect(neutral.text.contains("身份证号：该号码无法用于登记新居民"))
            #expect(!neutral.text.contains("已登记过") && !neutral.text.contains(masked))

            // Guessing is throttled: after 10 duplicates the form is refused before any lookup.
            for _ in 0..<9 {
                #expect(
                    try await staff.post("/m/governance/residents/new", form: Self.newResident(row)).status
                        == .badRequest)
            }
            let throttled = try await staff.post("/m/governance/residents/new", form: Self.newResident(row))
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.text.contains("身份证号：核对已登记号码的次数过多"))
            try await services.database.transaction { db in
                try await db.delete(from: "login_attempts")
                    .where("username", .equal, GridService.idCheckKey).where("address", .equal, "user:\(staffID)").run()
            }
        }
    }

    @Test func theResidentPagesPhoneIsMaskedButForTheResidentTheAdminAndTheGridsWorkers() async throws {
        try await withApp { client, services in
            let row = try await Self.resident(services)
            let phone = try #require(row.phone)
            let masked = try MobileNumber(phone).masked
            let path = "/m/governance/residents/\(row.personId)"
            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            #expect(try await admin.get(path).text.contains(phone))
            for login in ["staff@jinan", "grid@jinan"] {
                var browser = Browser(client)
                _ = try await browser.login(login)
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(login)")
                #expect(!page.text.contains(phone) && page.text.contains(masked), "\(login)")
            }
            // The decision table of the rule.
            func user(_ role: Role, person: Int64? = nil, grids: Set<Int64> = []) -> CurrentUser {
                CurrentUser(
                    id: 9, username: "u", displayName: "u", role: role, homeZoneID: 1, departmentID: 3,
                    enterpriseID: nil,
                    personID: person, gridIDs: grids, zoneID: 1)
            }
            let resource = Resource.residentIdentity(zoneID: 1, personID: 5, gridID: 7)
            let table: [(CurrentUser?, Decision)] = [
                (user(.zoneAdmin), .allow), (user(.gridWorker, grids: [7]), .allow),
                (user(.gridWorker, grids: [8]), .forbidden),
                (user(.departmentStaff), .forbidden), (user(.resident, person: 5), .allow),
                (user(.resident, person: 6), .forbidden), (user(.enterpriseUser), .forbidden),
                (user(.investmentOfficer), .forbidden), (nil, .forbidden),
            ]
            for (who, expected) in table {
                #expect(Permissions.decide(who, .view, resource) == expected, "\(String(describing: who?.role))")
            }
            #expect(
                Permissions.decide(user(.zoneAdmin), .view, .residentIdentity(zoneID: 2, personID: 5, gridID: 7))
                    == .hidden)
        }
    }

    @Test func aHugeVoteCountIsRefusedWithItsField() async throws {
        try await withApp { client, services in
            let zone = try await GridFixtures.jinan(services)
            let meeting = try #require(
                try await services.database.sql.select().column("id").from("delib_meetings").where(
                    "zone_id", .equal, zone
                )
                .orderBy("id").first(decodingColumn: "id", as: Int64.self))
            var staff = Browser(client)
            _ = try await staff.login("staff@jinan")
            for (votesFor, against) in [("9223372036854775807", "1"), ("9223372036854775807", "0"), ("100001", "0")] {
                let response = try await staff.post(
                    "/m/governance/deliberation/meetings/\(meeting)/decisions",
                    form: [
                        ("topic", ""), ("kind", "project"), ("text", "溢出测试"), ("voted", "1"), ("votes_for", votesFor),
                        ("votes_against", against), ("votes_abstain", "0"), ("action_title", "x"), ("owner", "x"),
                        ("due_on", "2026-12-31"),
                    ])
                #expect(response.status == .badRequest, "\(votesFor)")
                #expect(response.text.contains("赞成、反对、弃权票数应为 0 到 100000 之间的整数"), "\(votesFor)")
            }
            var visitor = Browser(client)
            #expect(try await visitor.get("/public/deliberation/jinan").status == .ok)
        }
    }

    @Test func aPointsItemWorthIntMaxIsRefusedAndTheBoardStillRenders() async throws {
        try await withApp { client, services in
            let zone = try await GridFixtures.jinan(services)
            let before = try await PointsRepository(db: services.database.sql).items(zoneID: zone).count
            var committee = Browser(client)
            _ = try await committee.login("points@jinan")
            for (points, cap) in [("9223372036854775807", ""), ("1001", ""), ("5", "9223372036854775807")] {
                let response = try await committee.post(
                    "/m/governance/points/items",
                    form: [
                        ("name", "溢出测试"), ("category", "测试"), ("points", points), ("cap_points", cap),
                        ("cap_per", "month"), ("is_active", "1"),
                    ])
                #expect(response.status == .badRequest, "\(points) \(cap)")
                #expect(
                    response.text.contains("分值应为 -1000 到 1000 之间的非 0 整数")
                        || response.text.contains("上限应为 1 到 10000 之间的整数"), "\(points) \(cap)")
            }
            #expect(try await PointsRepository(db: services.database.sql).items(zoneID: zone).count == before)
            var visitor = Browser(client)
            #expect(try await visitor.get("/public/points/jinan").status == .ok)
        }
    }
}
