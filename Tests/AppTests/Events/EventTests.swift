import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import App

/// 网格事件 as people use it: a resident reports from the phone page with a photo and a location,
/// the grid worker of that grid takes it through 受理 → 派遣 (to a department) → the department
/// handles it → 核查 → 结案, the resident rates it; the wrong grid or role is refused; late steps
/// are marked; a point outside every grid is refused with nothing saved.
@Suite struct EventTests {
    @Test func theWholeLoopByTheRightRolesThenTheReporterRates() async throws {
        try await withApp { client, services in
            // setup
            let grid = try await EventFixtures.grid(services)
            var resident = Browser(client)
            var worker = Browser(client)
            var staff = Browser(client)
            var admin = Browser(client)
            _ = try await resident.login("resident@jinan")
            _ = try await worker.login("grid@jinan")
            _ = try await staff.login("staff@jinan")
            _ = try await admin.login("admin@jinan")
            let form = try await resident.get("/m/governance/events/new")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"accept="image/*" capture"#))
            #expect(form.text.contains("宣传上级政策") && form.text.contains("组织群众活动"))
            let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x42, count: 64))

            // MUT: report
            let reported = try await EventFixtures.report(
                &resident, category: "dispute", description: "邻居装修噪音扰民，多次沟通无果。",
                latitude: grid.latitude, longitude: grid.longitude,
                photo: ("现场.jpg", "image/jpeg", jpeg))
            let id = try EventFixtures.reportedID(reported)
            var row = try await EventFixtures.caseRow(id, services)
            #expect(row.typeCode == "event_dispute" && row.state == "reported")
            #expect(row.assigneeId == "grid:\(grid.id)")
            let photo = try await resident.get("/m/governance/events/\(id)/photo")
            #expect(
                photo.status == .ok && photo.headers[.contentType] == "image/jpeg"
                    && Data(photo.body.readableBytesView) == jpeg)

            // The resident may not run the loop.
            #expect(try await EventFixtures.step(&resident, id, "accept").status == .forbidden)

            // validate each step by its role
            let page = try await worker.get("/m/governance/events/\(id)")
            #expect(page.status == .ok && page.text.contains("受理立案"))
            #expect(try await EventFixtures.step(&worker, id, "accept", note: "属实").status == .seeOther)
            let department = try #require(
                try await UserRepository(db: services.database.sql).find(username: "staff@jinan")?.departmentId)
            // 派遣 without a target is refused with the reason, nothing changes.
            let noTarget = try await EventFixtures.step(&worker, id, "dispatch")
            #expect(noTarget.status == .badRequest && noTarget.text.contains("必须选择承办部门或网格员"))
            #expect(try await EventFixtures.caseRow(id, services).state == "accepted")
            #expect(
                try await EventFixtures.step(&worker, id, "dispatch", assignee: "department:\(department)").status
                    == .seeOther)
            #expect(try await staff.get("/m/governance/events").text.contains(CaseRow.number(id, prefix: "SJ")))
            // Now it is the department's to handle, not the grid worker's.
            #expect(try await EventFixtures.step(&worker, id, "handle", note: "我来处理").status == .badRequest)
            #expect(try await EventFixtures.step(&staff, id, "handle", note: "已约谈施工方，调整施工时间").status == .seeOther)
            #expect(try await EventFixtures.step(&worker, id, "verify", note: "回访两户，问题解决").status == .seeOther)
            // Rating before 结案 is refused.
            let early = try await resident.post("/m/governance/events/\(id)/rate", form: [("level", "satisfied")])
            #expect(early.status == .badRequest)
            #expect(try await EventFixtures.step(&worker, id, "close").status == .seeOther)
            row = try await EventFixtures.caseRow(id, services)
            #expect(row.state == "closed" && row.closedAt != nil)

            // Only the reporter rates, once.
            #expect(
                try await worker.post("/m/governance/events/\(id)/rate", form: [("level", "satisfied")]).status
                    == .forbidden)
            let rated = try await resident.post(
                "/m/governance/events/\(id)/rate", form: [("level", "very_satisfied"), ("comment", "处理得很及时")])
            #expect(rated.status == .seeOther)
            #expect(
                try await resident.post("/m/governance/events/\(id)/rate", form: [("level", "satisfied")]).status
                    == .badRequest)
            row = try await EventFixtures.caseRow(id, services)
            #expect(row.ratingLevel == "very_satisfied")
            let history = try await services.database.sql.select().column("transition").from("case_history").where(
                "case_id", .equal, id
            )
            .where("kind", .equal, "transition").orderBy("seq").all(decodingColumn: "transition", as: String.self)
            #expect(history == ["accept", "dispatch", "handle", "verify", "close"])
            let shown = try await resident.get("/m/governance/events/\(id)")
            #expect(shown.text.contains("非常满意") && shown.text.contains("已结案") && shown.text.contains("已约谈施工方"))
            // The admin sees it in the lists and the statistics.
            let list = try await admin.get("/m/governance/events?grid=\(grid.id)&category=dispute&state=closed")
            #expect(list.status == .ok && list.text.contains(CaseRow.number(id, prefix: "SJ")))
            let stats = try await admin.get("/m/governance/events/statistics")
            #expect(
                stats.status == .ok && stats.text.contains("调解矛盾纠纷") && stats.text.contains("平均办结用时")
                    && stats.text.contains("网格员经手"))
        }
    }

    @Test func aBadRatingOpensAFollowUpForTheDepartmentThatHandledIt() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            var resident = Browser(client)
            var worker = Browser(client)
            var staff = Browser(client)
            _ = try await resident.login("resident@jinan")
            _ = try await worker.login("grid@jinan")
            _ = try await staff.login("staff@jinan")
            let reported = try await EventFixtures.report(
                &resident, category: "hazard", description: "楼道堆放杂物，堵塞消防通道。",
                latitude: grid.latitude, longitude: grid.longitude, photo: nil)
            let id = try EventFixtures.reportedID(reported)
            let department = try #require(
                try await UserRepository(db: services.database.sql).find(username: "staff@jinan")?.departmentId)
            _ = try await EventFixtures.step(&worker, id, "accept", note: "属实")
            _ = try await EventFixtures.step(&worker, id, "dispatch", assignee: "department:\(department)")
            _ = try await EventFixtures.step(&staff, id, "handle", note: "已通知物业清理")
            _ = try await EventFixtures.step(&worker, id, "verify", note: "已清理")
            _ = try await EventFixtures.step(&worker, id, "close")
            let rated = try await resident.post(
                "/m/governance/events/\(id)/rate", form: [("level", "dissatisfied"), ("comment", "三天后又堆满了")])
            #expect(rated.status == .seeOther)
            let followUp = try #require(try await CaseRepository(db: services.database.sql).children(of: [id]).first)
            #expect(followUp.assigneeId == "department:\(department)" && followUp.state == "callback")
            // The department calls back; the reporter sees it on the event page but takes no step.
            let page = try await staff.get("/m/governance/events/\(id)")
            #expect(page.text.contains("差评回访整改") && page.text.contains("回访核实"))
            #expect(
                try await resident.post(
                    "/m/governance/events/\(id)/follow-ups/\(followUp.id)",
                    form: [("transition", "call_back"), ("note", "x")]
                )
                .status == .forbidden)
            let called = try await staff.post(
                "/m/governance/events/\(id)/follow-ups/\(followUp.id)",
                form: [("transition", "call_back"), ("note", "已回访，约定每周巡查")])
            #expect(called.status == .seeOther)
            #expect(try await CaseRepository(db: services.database.sql).find(id: followUp.id)?.state == "fixing")
        }
    }

    @Test func aGridWorkerActsOnlyInTheirGridsAndADepartmentOnlyOnWhatWasDispatchedToIt() async throws {
        try await withApp { client, services in
            let theirs = try await EventFixtures.grid(services)
            let elsewhere = try await EventFixtures.grid(worker: nil, services)
            var resident = Browser(client)
            var worker = Browser(client)
            var staff = Browser(client)
            var admin = Browser(client)
            _ = try await resident.login("resident@jinan")
            _ = try await worker.login("grid@jinan")
            _ = try await staff.login("staff@jinan")
            _ = try await admin.login("admin@jinan")
            let outside = try EventFixtures.reportedID(
                try await EventFixtures.report(&resident, latitude: elsewhere.latitude, longitude: elsewhere.longitude))
            let inside = try EventFixtures.reportedID(
                try await EventFixtures.report(&resident, latitude: theirs.latitude, longitude: theirs.longitude))

            // Another grid's event: 403 for the grid worker, to see and to act.
            #expect(try await worker.get("/m/governance/events/\(outside)").status == .forbidden)
            #expect(try await EventFixtures.step(&worker, outside, "accept").status == .forbidden)
            #expect(try await EventFixtures.caseRow(outside, services).state == "reported")
            // A department with nothing dispatched to it can read but not act.
            #expect(try await staff.get("/m/governance/events/\(inside)").status == .ok)
            #expect(try await EventFixtures.step(&staff, inside, "accept").status == .forbidden)
            // Its list is what was dispatched to it; the whole zone is one link away.
            #expect(!(try await staff.get("/m/governance/events").text.contains(CaseRow.number(inside, prefix: "SJ"))))
            #expect(
                try await staff.get("/m/governance/events?all=1").text.contains(CaseRow.number(inside, prefix: "SJ")))
            // Other residents, other zones and roles outside governance see nothing.
            for login in ["invest@jinan", "enterprise@jinan", "admin@xian", "grid@xian"] {
                var other = Browser(client)
                _ = try await other.login(login)
                #expect(try await other.get("/m/governance/events/\(inside)").status == .notFound, "\(login)")
            }
            // The zone admin acts anywhere.
            #expect(try await EventFixtures.step(&admin, outside, "accept").status == .seeOther)
            // Dispatched to the grid worker as a person: they handle it; the department may not.
            #expect(try await EventFixtures.step(&worker, inside, "accept").status == .seeOther)
            let workerID = try #require(
                try await UserRepository(db: services.database.sql).find(username: "grid@jinan")?.id)
            #expect(
                try await EventFixtures.step(&worker, inside, "dispatch", assignee: "user:\(workerID)").status
                    == .seeOther)
            #expect(try await EventFixtures.step(&staff, inside, "handle", note: "代办").status == .forbidden)
            // A dispatch target outside the zone's departments or the grid's workers is refused.
            #expect(
                try await EventFixtures.step(&admin, outside, "dispatch", assignee: "department:999999").status
                    == .badRequest)
            #expect(try await EventFixtures.step(&worker, inside, "handle", note: "已清理").status == .seeOther)
        }
    }

    @Test func aHazardNotTakenUpWithinFourWorkingHoursIsOverdueAndEscalated() async throws {
        try await withApp { client, services in
            // A zone of its own: another suite's sweep at the real time would mark this March event late first.
            let zone = try await EventFixtures.ownZone(services)
            let grid = try await EventFixtures.grid(zone: zone, worker: "grid@\(zone)", services)
            var worker = Browser(client)
            var admin = Browser(client)
            _ = try await worker.login("grid@\(zone)")
            _ = try await admin.login("admin@\(zone)")
            // Monday 2 March 2026, 09:00: 4 working hours end at 14:30 (lunch 12:00–13:30 not counted).
            let id = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-03-02", 9)) {
                try EventFixtures.reportedID(
                    try await EventFixtures.report(&worker, latitude: grid.latitude, longitude: grid.longitude))
            }
            var row = try await EventFixtures.caseRow(id, services)
            #expect(row.deadlineDay == "2026-03-02" && row.deadlineMinute == 14 * 60 + 30)
            _ = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-03-02", 14, 30)) {
                try await admin.get("/m/governance/events")
            }
            #expect(try await EventFixtures.caseRow(id, services).overdue == false)
            let late = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-03-02", 14, 31)) {
                try await admin.get("/m/governance/events?overdue=1&grid=\(grid.id)")
            }
            row = try await EventFixtures.caseRow(id, services)
            #expect(row.overdue && row.everOverdue && row.escalatedTo == Role.zoneAdmin.rawValue)
            #expect(late.text.contains(CaseRow.number(id, prefix: "SJ")) && late.text.contains("已升级督办"))
            // Taken up late: the next step has its own limit, and the event stays marked as late.
            let accepted = try await Clock.$fixedNow.withValue(ConsultationFixtures.at("2026-03-02", 15)) {
                try await EventFixtures.step(&worker, id, "accept")
            }
            #expect(accepted.status == .seeOther)
            row = try await EventFixtures.caseRow(id, services)
            #expect(row.state == "accepted" && !row.overdue && row.everOverdue)
            #expect(row.deadlineDay == "2026-03-03")  // 4 working hours from 15:00: 2.5 today, 1.5 tomorrow
        }
    }

    @Test func aPointOutsideEveryGridIsRefusedOnTheLocationFieldAndNothingIsSaved() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            var resident = Browser(client)
            _ = try await resident.login("resident@jinan")
            let before = try await EventFixtures.eventCount(gridID: grid.id, services)
            let unique = "网格外的事件 \(UUID().uuidString)"
            let outside = try await EventFixtures.report(
                &resident, description: unique, latitude: 89.5, longitude: -170.25)
            #expect(outside.status == .badRequest)
            #expect(outside.text.contains("位置：（89.5, -170.25）不在本园区的任何网格内"))
            let missing = try await EventFixtures.report(
                &resident, category: "nonsense", description: "短", latitude: .nan, longitude: 200)
            #expect(missing.status == .badRequest)
            #expect(
                missing.text.contains("事件类别：") && missing.text.contains("事件描述：请至少写 5 个字")
                    && missing.text.contains("位置："))
            let notImage = try await EventFixtures.report(
                &resident, latitude: grid.latitude, longitude: grid.longitude,
                photo: ("a.pdf", "application/pdf", Data("%PDF".utf8)))
            #expect(notImage.status == .badRequest && notImage.text.contains("现场照片：文件内容不是允许的类型"))
            #expect(try await EventFixtures.eventCount(gridID: grid.id, services) == before)
            #expect(try await EventFixtures.eventCount(description: unique, services) == 0)
        }
    }

    @Test func pagesAnswerEveryRoleAsPermissionsSay() async throws {
        try await withApp { client, services in
            let expected: [(String, [String: HTTPResponse.Status])] = [
                (
                    "/m/governance/events",
                    [
                        "admin": .ok, "staff": .ok, "grid": .ok, "resident": .ok, "invest": .forbidden,
                        "enterprise": .forbidden,
                    ]
                ),
                (
                    "/m/governance/events/new",
                    [
                        "admin": .ok, "staff": .ok, "grid": .ok, "resident": .ok, "invest": .forbidden,
                        "enterprise": .forbidden,
                    ]
                ),
                (
                    "/m/governance/events/statistics",
                    ["admin": .ok, "staff": .ok, "grid": .ok, "resident": .forbidden, "invest": .forbidden]
                ),
                (
                    "/m/governance/open311-keys",
                    ["admin": .ok, "staff": .ok, "grid": .ok, "resident": .forbidden, "enterprise": .forbidden]
                ),
            ]
            for (path, byRole) in expected {
                for (role, status) in byRole {
                    var browser = Browser(client)
                    _ = try await browser.login("\(role)@jinan")
                    #expect(try await browser.get(path).status == status, "\(role) \(path)")
                }
            }
            var anonymous = Browser(client)
            #expect(try await anonymous.get("/m/governance/events").status == .seeOther)
        }
    }

    @Test func theZoneAdminMakesAnOpen311KeyShownOnce() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            var staff = Browser(client)
            _ = try await admin.login("admin@jinan")
            _ = try await staff.login("staff@jinan")
            #expect(try await staff.post("/m/governance/open311-keys", form: [("name", "热线")]).status == .forbidden)
            let empty = try await admin.post("/m/governance/open311-keys", form: [("name", "")])
            #expect(empty.status == .badRequest && empty.text.contains("密钥名称："))
            let made = try await admin.post("/m/governance/open311-keys", form: [("name", "12345 热线平台")])
            #expect(made.status == .ok && made.text.contains("密钥只显示这一次"))
            let key = try #require(made.text.firstMatch(of: /o311_[0-9a-f]{48}/).map { String($0.output) })
            let again = try await admin.get("/m/governance/open311-keys")
            #expect(!again.text.contains(key) && again.text.contains(String(key.prefix(9))))
            #expect(
                try await Open311Repository(db: services.database.sql).find(secret: key)?.zoneId
                    == (try await EventFixtures.zoneID("jinan", services)))
        }
    }

    @Test func theGridLocatorTestsPolygonsExactlyNotJustTheirBoxes() {
        // An L-shaped grid: its box covers the missing corner, the polygon does not; a hole excludes.
        let l = #"{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[1,1],[1,2],[0,2],[0,0]]]}"#
        #expect(GridLocator.contains(geojson: l, longitude: 0.5, latitude: 1.5))
        #expect(!GridLocator.contains(geojson: l, longitude: 1.5, latitude: 1.5))
        let holed =
            #"{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[3,1],[3,3],[1,3],[1,1]]]]}}"#
        #expect(GridLocator.contains(geojson: holed, longitude: 0.5, latitude: 0.5))
        #expect(!GridLocator.contains(geojson: holed, longitude: 2, latitude: 2))
        #expect(!GridLocator.contains(geojson: "not json", longitude: 0, latitude: 0))
    }

    @Test func theDemoPutsEventsInEveryStateIntoTheZonesGridsSomeLateSomeRated() async throws {
        try await withApp { client, services in
            // A zone of its own with two grids; one is its grid worker's.
            let zone = try await EventFixtures.ownZone(services)
            let own = try await EventFixtures.grid(zone: zone, worker: "grid@\(zone)", services)
            let other = try await EventFixtures.grid(zone: zone, worker: nil, services)
            try await DemoEvents.load(zoneCode: zone, zoneID: own.zoneID, services: services)
            let events = try await EventRepository(db: services.database.sql).list(EventFilter(zoneID: own.zoneID))
                .filter { [own.id, other.id].contains($0.details.gridId) }
            #expect(events.count == DemoEvents.stories.count)
            #expect(
                Set(events.map(\.caseRow.state)) == [
                    "reported", "accepted", "dispatched", "handled", "verified", "closed", "rejected",
                ])
            #expect(Set(events.map(\.details.categoryCode)) == Set(EventCaseTypes.categories.map(\.code)))
            #expect(
                events.contains {
                    $0.caseRow.everOverdue && $0.caseRow.closedAt == nil && $0.caseRow.escalatedTo != nil
                })
            #expect(events.filter { $0.caseRow.ratingLevel != nil }.count == 3)
            #expect(events.contains { $0.details.gridId == other.id })
            // Every demo point lies in the grid it was filed under.
            for e in events {
                #expect(
                    try await GridLocator(db: services.database.sql).grid(
                        zoneID: own.zoneID, latitude: e.details.latitude,
                        longitude: e.details.longitude) == e.details.gridId)
            }
            // The grid worker sees theirs and can act on the open ones.
            var worker = Browser(client)
            _ = try await worker.login("grid@\(zone)")
            let list = try await worker.get("/m/governance/events?grid=\(own.id)")
            #expect(list.status == .ok && list.text.contains("超时"))
        }
    }
}
