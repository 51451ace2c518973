import Foundation
import GaoxinCore
import HTTPTypes
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The unit's appeal of a 差评 on a consultation or a grid event: the same follow-up as 政务服务办件.
/// Only the unit the 差评 follow-up went to files it, once; the zone admin decides; an upheld
/// rating leaves 好评率, 满意率 and 差评整改率 (the statistics dashboard).
@Suite struct CaseAppealTests {
    static let reason = "提问人回访时确认误选“非常不满意”，请求不计入统计"

    @Test func theDepartmentAppealsABadRatingOfAConsultationOnceAndTheAdminDecides() async throws {
        try await withApp { client, services in
            // A zone of its own with an item of its staff's department: other suites rate consultations in
            // the demo zones at the same time, and the zone's tally must move by this rating alone.
            let code = try await EventFixtures.ownZone(services)
            let zoneID = try await PolicyFixtures.zoneID(code, services)
            let department = try #require(
                try await UserRepository(db: services.database.sql).find(username: "staff@\(code)")?.departmentId)
            let now = Clock.nowSeconds()
            try await services.database.transaction { db in
                let repo = PolicyRepository(db: db)
                let policy = try await repo.insertDocument(
                    zoneID: zoneID, departmentID: department, title: "申诉测试政策", effectiveOn: "2025-01-01", at: now)
                _ = try await repo.insertItem(
                    zoneID: zoneID, policyID: policy, position: 0, title: "申诉测试条款", fixedAmount: 10, formula: nil,
                    cap: nil, ruleJSON: #"{">=":[{"var":"staff"},1]}"#, at: now)
            }
            let item = try await ConsultationFixtures.item(zone: code, services)
            var resident = Browser(client)
            var staff = Browser(client)
            var admin = Browser(client)
            _ = try await resident.login("resident@\(code)")
            _ = try await staff.login("staff@\(code)")
            _ = try await admin.login("admin@\(code)")
            let id = try await ConsultationFixtures.ask(&resident, itemID: item.id, "申诉测试：研发费用加计扣除需要备案吗？")
            let page = "/m/policies/consultations/\(id)"
            _ = try await staff.post("\(page)/answer", form: [("answer", "不需要备案，留存备查。")])
            // Before any 差评 there is no follow-up, so no unit that may appeal.
            #expect(!(try await staff.get(page).text.contains("提交申诉")))
            #expect(try await staff.post("\(page)/appeal", form: [("reason", Self.reason)]).status == .forbidden)
            #expect(
                try await resident.post("\(page)/rate", form: [("level", "very_dissatisfied"), ("comment", "看不懂")])
                    .status == .seeOther)
            let repo = StatisticsDashboardRepository(db: services.database.sql)
            let before = try await repo.ratingTally(zoneID: zoneID, typeCodes: ["consultation"])

            // Not the unit: the asker and the zone admin are refused; another zone's staff finds nothing.
            #expect(try await resident.post("\(page)/appeal", form: [("reason", Self.reason)]).status == .forbidden)
            #expect(try await admin.post("\(page)/appeal", form: [("reason", Self.reason)]).status == .forbidden)
            var stranger = Browser(client)
            _ = try await stranger.login("staff@xian")
            #expect(try await stranger.post("\(page)/appeal", form: [("reason", Self.reason)]).status == .notFound)
            #expect(!(try await admin.get(page).text.contains("提交申诉")))

            // The department sees the form; a short reason is refused on its field, nothing saved.
            #expect(try await staff.get(page).text.contains("提交申诉"))
            let short = try await staff.post("\(page)/appeal", form: [("reason", "误评")])
            #expect(short.status == .badRequest && short.text.contains("至少写 10 个字"))
            #expect(try await ServiceApplicationRepository(db: services.database.sql).appeal(caseID: id) == nil)
            #expect(try await staff.post("\(page)/appeal", form: [("reason", Self.reason)]).status == .seeOther)
            let shown = try await staff.get(page)
            #expect(shown.text.contains("待管委会裁定") && !shown.text.contains("提交申诉"))
            let second = try await staff.post("\(page)/appeal", form: [("reason", Self.reason + "。再次申诉")])
            #expect(second.status == .conflict && second.text.contains("只能申诉一次"))
            let appeal = try #require(
                try await ServiceApplicationRepository(db: services.database.sql).appeal(caseID: id))
            #expect(appeal.unitId == "department:\(try #require(appeal.departmentId))")

            // The admin's list names the consultation; the department may not decide, another zone's admin finds nothing.
            let list = try await admin.get("/m/services/appeals")
            #expect(list.text.contains(CaseRow.number(id, prefix: "ZX")) && list.text.contains(page))
            let decide = "/m/services/appeals/\(appeal.id)/decide"
            #expect(try await staff.post(decide, form: [("decision", "upheld"), ("note", "属误评")]).status == .forbidden)
            var otherAdmin = Browser(client)
            _ = try await otherAdmin.login("admin@xian")
            #expect(
                try await otherAdmin.post(decide, form: [("decision", "upheld"), ("note", "属误评")]).status == .notFound)
            #expect(
                try await admin.post(decide, form: [("decision", "upheld"), ("note", "经回访核实属误评")]).status == .seeOther)
            #expect(try await resident.get(page).text.contains("申诉成立"))

            // The upheld 差评 leaves the rates and the 差评 count.
            let after = try await repo.ratingTally(zoneID: zoneID, typeCodes: ["consultation"])
            #expect(after.excluded == before.excluded + 1 && after.bad == before.bad - 1)
            #expect(after.rated == before.rated - 1)
            // The dashboard's table says so (read in a demo zone, which has every section's figures).
            var demoAdmin = Browser(client)
            _ = try await demoAdmin.login("admin@zhaoqing")
            let dashboard = try await demoAdmin.get("/m/statistics/dashboard")
            #expect(dashboard.text.contains("好差评：政策咨询与网格事件") && dashboard.text.contains("申诉成立不计"))
        }
    }

    @Test func onlyTheUnitAGridEventsBadRatingWentToMayAppealIt() async throws {
        try await withApp { client, services in
            let grid = try await EventFixtures.grid(services)
            var resident = Browser(client)
            var worker = Browser(client)
            var staff = Browser(client)
            _ = try await resident.login("resident@jinan")
            _ = try await worker.login("grid@jinan")
            _ = try await staff.login("staff@jinan")
            let id = try EventFixtures.reportedID(
                try await EventFixtures.report(
                    &resident, category: "hazard", description: "申诉测试：小区路灯不亮，夜间出行不便。",
                    latitude: grid.latitude, longitude: grid.longitude, photo: nil))
            let department = try #require(
                try await UserRepository(db: services.database.sql).find(username: "staff@jinan")?.departmentId)
            _ = try await EventFixtures.step(&worker, id, "accept", note: "属实")
            _ = try await EventFixtures.step(&worker, id, "dispatch", assignee: "department:\(department)")
            _ = try await EventFixtures.step(&staff, id, "handle", note: "已更换灯泡")
            _ = try await EventFixtures.step(&worker, id, "verify", note: "已亮")
            _ = try await EventFixtures.step(&worker, id, "close")
            let page = "/m/governance/events/\(id)"
            #expect(
                try await resident.post("\(page)/rate", form: [("level", "dissatisfied"), ("comment", "修得太慢")]).status
                    == .seeOther)
            // The 差评 went to the department: the grid worker is not that unit.
            #expect(try await worker.post("\(page)/appeal", form: [("reason", Self.reason)]).status == .forbidden)
            #expect(!(try await worker.get(page).text.contains("提交申诉")))
            #expect(try await staff.get(page).text.contains("提交申诉"))
            #expect(try await staff.post("\(page)/appeal", form: [("reason", Self.reason)]).status == .seeOther)
            #expect(try await staff.post("\(page)/appeal", form: [("reason", Self.reason)]).status == .conflict)
            #expect(try await staff.get(page).text.contains("待管委会裁定"))
            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            let appeal = try #require(
                try await ServiceApplicationRepository(db: services.database.sql).appeal(caseID: id))
            #expect(
                try await admin.post(
                    "/m/services/appeals/\(appeal.id)/decide", form: [("decision", "rejected"), ("note", "差评属实")]
                ).status == .seeOther)
            #expect(try await resident.get(page).text.contains("申诉不成立"))
        }
    }
}
