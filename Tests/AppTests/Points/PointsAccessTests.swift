import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Who sees and does what in the points scheme: a person's negative entries reach only them and
/// the committee (the public 反向曝光 board names items, never people); grid workers review only
/// their own grids; committee work is for members and the zone admin; members are managed by the
/// zone admin alone.
@Suite struct PointsAccessTests {
    @Test func negativeEntriesAreHiddenFromOtherResidentsAndFromThePublicBoard() async throws {
        try await withApp { client, services in
            // setup: the committee records a deduction for resident 0 in April 2026, then publishes April.
            let world = try await PointsWorld.make(zone: "jingdezhen", services)
            let litter = try await world.item("垃圾乱扔乱倒", points: -3, services)
            let help = try await world.item("协助排查隐患", points: 3, services)
            var committee = Browser(client)
            _ = try await committee.login(world.committee)
            try await Clock.$fixedNow.withValue(PointsWorld.at("2026-04-20")) {
                for (n, item, evidence) in [(0, litter, "乱倒建筑垃圾，网格巡查拍照"), (1, help, "协助排查燃气隐患")] {
                    let r = try await committee.postPointsForm(
                        "/m/governance/points/declare/upload",
                        fields: [
                            ("subject", world.subject(n)), ("item", item), ("day", "2026-04-18"),
                            ("evidence", evidence),
                        ])
                    #expect(r.status == .seeOther, "\(r.text.prefix(300))")
                }
            }
            _ = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-05-02")) {
                try await committee.post("/m/governance/points/publish", form: [("month", "2026-04")])
            }
            let negative = try #require(try await world.entries(services).first { $0.points < 0 })

            // The person themselves sees it.
            var own = Browser(client)
            _ = try await own.login(world.residents[0].username)
            #expect(try await own.get("/m/governance/points?year=2026").text.contains("乱倒建筑垃圾"))
            // Another resident does not: not on their page, not through the API, not the photo route.
            var other = Browser(client)
            _ = try await other.login(world.residents[1].username)
            let page = try await other.get("/m/governance/points?year=2026")
            #expect(!page.text.contains("乱倒建筑垃圾"))
            #expect(!page.text.contains(world.residents[0].name))
            #expect(try await other.get("/m/governance/points/boards?month=2026-04").status == .forbidden)
            let token = try await APITests.token(world.residents[1].username, services)
            let api = try await APITests.get(client, "/api/v1/me/points?year=2026", token: token)
            #expect(api.status == .ok)
            #expect(!api.text.contains("乱倒建筑垃圾"))
            // The public board shows the item and totals, never the name.
            var visitor = Browser(client)
            let board = try await visitor.get("/public/points/jingdezhen/2026-04")
            #expect(board.status == .ok)
            #expect(board.text.contains("垃圾乱扔乱倒\(world.tag)"))
            #expect(!board.text.contains(world.residents[0].name))
            #expect(board.text.contains("不公布个人姓名"))
            // The committee's own board names the person.
            let inside = try await committee.get("/m/governance/points/boards?month=2026-04")
            #expect(inside.text.contains(world.residents[0].name))
            // A resident can't declare a deduction item for themselves either.
            let selfNegative = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-04-21")) {
                try await other.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", world.subject(1)), ("item", litter), ("day", "2026-04-20"), ("evidence", "自报"),
                    ])
            }
            #expect(selfNegative.status == .badRequest)
            #expect(negative.status == "confirmed")
        }
    }

    @Test func aHouseholdDeclaresTogetherAndItsMembersSeeItsRecord() async throws {
        try await withApp { client, services in
            // setup: residents 0 and 2 live in one household.
            let world = try await PointsWorld.make(zone: "jingdezhen", services)
            let tidy = try await world.item("美丽庭院", points: 5, cap: (5, .month), services)
            let householdID = try await services.database.transaction { db in
                let id = try await db.insert(into: "households").columns("zone_id", "grid_id", "code", "address")
                    .values(
                        SQLBind(world.zoneID), SQLBind(world.grids[0]), SQLBind("H\(world.tag)"),
                        SQLBind("测试村\(world.tag) 8 号")
                    )
                    .returning("id").first(decodingColumn: "id", as: Int64.self)!
                for n in [0, 2] {
                    try await db.update("residents").set("household_id", to: id).where(
                        "person_id", .equal, world.residents[n].personID
                    ).run()
                }
                return id
            }
            var first = Browser(client)
            var second = Browser(client)
            var neighbour = Browser(client)
            _ = try await first.login(world.residents[0].username)
            _ = try await second.login(world.residents[2].username)
            _ = try await neighbour.login(world.residents[1].username)
            // MUT
            let declared = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-08-12")) {
                try await first.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", PointsSubjects.household(householdID)), ("item", tidy), ("day", "2026-08-10"),
                        ("evidence", "全户评为美丽庭院"),
                    ])
            }
            #expect(declared.status == .seeOther, "\(declared.text.prefix(300))")
            // validate: the other member sees the household's record; a neighbour can't declare for it.
            let page = try await second.get("/m/governance/points?year=2026")
            #expect(page.text.contains("本户（测试村\(world.tag) 8 号户）"))
            #expect(page.text.contains("全户评为美丽庭院"))
            #expect(!(try await neighbour.get("/m/governance/points?year=2026").text.contains("全户评为美丽庭院")))
            let foreign = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-08-12")) {
                try await neighbour.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", PointsSubjects.household(householdID)), ("item", tidy), ("day", "2026-08-11"),
                        ("evidence", "代报"),
                    ])
            }
            #expect(foreign.status == .badRequest)
            // The household's cap is shared by its members.
            let capped = try await Clock.$fixedNow.withValue(PointsWorld.at("2026-08-12")) {
                try await second.postPointsForm(
                    "/m/governance/points/declare/upload",
                    fields: [
                        ("subject", PointsSubjects.household(householdID)), ("item", tidy), ("day", "2026-08-11"),
                        ("evidence", "再报一次"),
                    ])
            }
            #expect(capped.status == .badRequest)
            #expect(capped.text.contains("超出上限"))
        }
    }

    @Test func gridWorkersReviewOnlyTheirGridsAndWrongRolesAreRefused() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "yongchuan", services)
            let volunteer = try await world.item("参加志愿服务", points: 2, cap: (10, .month), services)
            var ids: [Int64] = []
            for n in [0, 1] {
                // Signed in at the real time: a session made under the pinned June clock would already
                // be expired for the session purge another test may run meanwhile.
                var r = Browser(client)
                #expect(try await r.login(world.residents[n].username).location == "/")
                try await Clock.$fixedNow.withValue(PointsWorld.at("2026-06-10")) {
                    let response = try await r.postPointsForm(
                        "/m/governance/points/declare/upload",
                        fields: [
                            ("subject", world.subject(n)), ("item", volunteer), ("day", "2026-06-08"),
                            ("evidence", "参加义务植树"),
                        ])
                    #expect(response.location == SiteURL.points.path)
                }
            }
            for row in try await world.entries(services).sorted(by: { $0.id < $1.id }) { ids.append(row.id) }
            try #require(ids.count == 2)
            var grid = Browser(client)
            _ = try await grid.login(world.gridWorker)
            // Their queue lists grid 0's resident only.
            let queue = try await grid.get("/m/governance/points/review?week=2026-W24")
            #expect(queue.text.contains(world.residents[0].name))
            #expect(!queue.text.contains(world.residents[1].name))
            // Deciding the other grid's entry is refused whole, nothing saved.
            let outside = try await grid.post(
                "/m/governance/points/review?week=2026-W24",
                form: [
                    ("entry", String(ids[0])), ("d_\(ids[0])", "confirm"), ("entry", String(ids[1])),
                    ("d_\(ids[1])", "confirm"),
                ])
            #expect(outside.status == .badRequest)
            #expect(outside.text.contains("不在您负责的网格内"))
            #expect(try await world.entries(services).allSatisfy { $0.status == "pending" })
            // The API says 403 for the other grid.
            let gridToken = try await APITests.token(world.gridWorker, services)
            let apiOutside = try await ConsultationAPITests.send(
                client, "/api/v1/points/entries/\(ids[1])/review", token: gridToken, json: #"{"decision":"confirm"}"#)
            #expect(apiOutside.status == .forbidden)
            // A rejection needs a reason; with one it is saved.
            let noReason = try await grid.post(
                "/m/governance/points/review?week=2026-W24",
                form: [("entry", String(ids[0])), ("d_\(ids[0])", "reject")])
            #expect(noReason.status == .badRequest)
            #expect(noReason.text.contains("不通过的原因不能为空"))
            let rejected = try await ConsultationAPITests.send(
                client, "/api/v1/points/entries/\(ids[0])/review", token: gridToken,
                json: #"{"decision":"reject","reason":"签到表无本人签名"}"#)
            #expect(rejected.status == .ok)
            #expect(try APITests.json(rejected)["status"] as? String == "rejected")
            // The committee confirms the rest of the week in one go (一周一定).
            var chair = Browser(client)
            _ = try await chair.login(world.committee)
            let rest = try await chair.post(
                "/m/governance/points/review?week=2026-W24",
                form: [("entry", String(ids[1])), ("d_\(ids[1])", ""), ("rest", "confirm")])
            #expect(rest.status == .seeOther)
            #expect(try await world.entries(services).map(\.status).sorted() == ["confirmed", "rejected"])

            // Committee pages: not for a resident who isn't a member, nor for department staff.
            var resident = Browser(client)
            var staff = Browser(client)
            var enterprise = Browser(client)
            var member = Browser(client)
            var admin = Browser(client)
            _ = try await resident.login(world.residents[0].username)
            _ = try await staff.login("staff@yongchuan")
            _ = try await enterprise.login("enterprise@yongchuan")
            _ = try await member.login(world.committee)
            _ = try await admin.login("admin@yongchuan")
            #expect(try await resident.get("/m/governance/points/boards").status == .forbidden)
            #expect(
                try await resident.post("/m/governance/points/publish", form: [("month", "2026-05")]).status
                    == .forbidden)
            #expect(try await resident.get("/m/governance/points/review").status == .forbidden)
            #expect(try await staff.get("/m/governance/points/rewards").status == .forbidden)
            #expect(try await enterprise.get("/m/governance/points").status == .forbidden)
            #expect(try await admin.get("/m/governance/points/boards").status == .ok)
            // Only the zone admin manages members; a wrong username is refused with the reason.
            #expect(
                try await member.post(
                    "/m/governance/points/committee", form: [("username", world.residents[1].username), ("duty", "成员")]
                ).status == .forbidden)
            let unknown = try await admin.post(
                "/m/governance/points/committee", form: [("username", "nobody@yongchuan"), ("duty", "成员")])
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("本园区没有账号"))
            let wrongRole = try await admin.post(
                "/m/governance/points/committee", form: [("username", "staff@yongchuan"), ("duty", "成员")])
            #expect(wrongRole.text.contains("积分管理小组成员应是有账号的居民"))
            let added = try await admin.post(
                "/m/governance/points/committee", form: [("username", world.residents[1].username), ("duty", "成员")])
            #expect(added.status == .seeOther)
            // Another zone's member list and public boards of an unpublished month.
            var foreign = Browser(client)
            _ = try await foreign.login("admin@xian")
            #expect(
                try await foreign.get(
                    "/m/governance/points/items/\(try await PointsRepository(db: services.database.sql).items(zoneID: world.zoneID)[0].id)"
                ).status == .notFound)
            #expect(try await foreign.get("/public/points/yongchuan/2026-06").status == .notFound)
            #expect(try await foreign.get("/public/points/no-such-zone").status == .notFound)
        }
    }
}
