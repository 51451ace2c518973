import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 助企 as people use it on the 沈阳 demo: an enterprise's demand goes round the closed loop and is
/// rated once; a cadre's visit raises a demand; the totals move; wrong input saves nothing.
@Suite struct EnterpriseHelpTests {
    static func caseID(_ response: TestResponse) throws -> Int64 {
        guard let location = response.location, let id = Int64(location.split(separator: "/").last ?? "") else {
            throw HelpFixtureError("没有跳转到诉求页：\(response.status) \(response.text.prefix(400))")
        }
        return id
    }

    static func totals(_ services: AppServices) async throws -> HelpTotals {
        try await EnterpriseHelpRepository(db: services.database.sql).totals(
            zoneID: try await PolicyFixtures.zoneID("shenyang", services))
    }

    @Test func anEnterpriseDemandIsRoutedAnsweredConfirmedAndRatedOnce() async throws {
        try await withApp { client, services in
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@shenyang")
            let filed = try await enterprise.post(
                "/m/enterprise-help/demands/new",
                form: [("category", "financing"), ("demand_text", "测试：需要 200 万元设备贷款，希望对接银行")])
            #expect(filed.status == .seeOther)
            let id = try Self.caseID(filed)
            var row = try await CaseRepository(db: services.database.sql).find(id: id)!
            #expect(row.state == "submitted" && row.deadlineDay != nil)

            // The enterprise can't route or answer its own demand.
            #expect(
                try await enterprise.post(
                    "/m/enterprise-help/demands/\(id)/step", form: [("transition", "answer"), ("note", "自答")]
                ).status == .forbidden)

            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let staffRow = try await UserRepository(db: services.database.sql).find(username: "staff@shenyang")!
            let routed = try await admin.post(
                "/m/enterprise-help/demands/\(id)/step",
                form: [("transition", "route"), ("department", String(staffRow.departmentId!))])
            #expect(routed.status == .seeOther)

            var staff = Browser(client)
            _ = try await staff.login("staff@shenyang")
            let noted = try await staff.post(
                "/m/enterprise-help/demands/\(id)/notes", form: [("progress", "已联系建设银行客户经理")])
            #expect(noted.status == .seeOther)
            let empty = try await staff.post(
                "/m/enterprise-help/demands/\(id)/step", form: [("transition", "answer"), ("note", "")])
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("答复内容：请填写"))
            let answered = try await staff.post(
                "/m/enterprise-help/demands/\(id)/step",
                form: [("transition", "answer"), ("note", "建设银行已受理贷款申请，预计两周放款。")])
            #expect(answered.status == .seeOther)

            let page = try await enterprise.get("/m/enterprise-help/demands/\(id)")
            #expect(page.text.contains("已联系建设银行客户经理"))
            #expect(page.text.contains("建设银行已受理贷款申请"))
            #expect(page.text.contains("确认解决"))
            let before = try await Self.totals(services)
            let confirmed = try await enterprise.post(
                "/m/enterprise-help/demands/\(id)/step", form: [("transition", "confirm")])
            #expect(confirmed.status == .seeOther)
            row = try await CaseRepository(db: services.database.sql).find(id: id)!
            #expect(row.state == "confirmed" && row.closedAt != nil)
            #expect(try await Self.totals(services).solved >= before.solved + 1)

            let rated = try await enterprise.post(
                "/m/enterprise-help/demands/\(id)/rate", form: [("level", "very_satisfied"), ("comment", "办得快")])
            #expect(rated.status == .seeOther)
            let again = try await enterprise.post(
                "/m/enterprise-help/demands/\(id)/rate", form: [("level", "satisfied"), ("comment", "")])
            #expect(again.status != .seeOther)
            row = try await CaseRepository(db: services.database.sql).find(id: id)!
            #expect(row.ratingLevel == "very_satisfied")
        }
    }

    @Test func anEnterpriseCannotFileForAnotherOrSeeAnothersDemand() async throws {
        try await withApp { client, services in
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@shenyang")
            let zoneID = try await PolicyFixtures.zoneID("shenyang", services)
            let own = try await UserRepository(db: services.database.sql).find(username: "enterprise@shenyang")!
            let other = try await EnterpriseHelpRepository(db: services.database.sql).enterpriseNames(zoneID: zoneID)
                .keys.sorted().first { $0 != own.enterpriseId }!
            let before = try await PolicyFixtures.count("help_demands", services, where: "enterprise_id", other)
            let refused = try await enterprise.post(
                "/m/enterprise-help/demands/new",
                form: [("enterprise", String(other)), ("category", "labour"), ("demand_text", "替别的企业提诉求")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("只能为本企业提出诉求"))
            #expect(try await PolicyFixtures.count("help_demands", services, where: "enterprise_id", other) == before)

            // Another enterprise's demand, and any demand from another zone, are hidden.
            let theirs = try await EnterpriseHelpDemandRepository(db: services.database.sql).page(
                HelpDemandFilter(zoneID: zoneID, enterpriseID: nil), try Pager(page: 1, size: 50)
            ).rows.first { $0.details.enterpriseId != own.enterpriseId }!
            #expect(try await enterprise.get("/m/enterprise-help/demands/\(theirs.id)").status == .notFound)
            var foreign = Browser(client)
            _ = try await foreign.login("admin@jinan")
            #expect(try await foreign.get("/m/enterprise-help/demands/\(theirs.id)").status == .notFound)
            var resident = Browser(client)
            _ = try await resident.login("resident@shenyang")
            #expect(try await resident.get("/m/enterprise-help/demands").status == .forbidden)
        }
    }

    @Test func aPairedCadreLogsAVisitThatRaisesADemandAndAnUnpairedOneIsRefused() async throws {
        try await withApp { client, services in
            let zoneID = try await PolicyFixtures.zoneID("shenyang", services)
            let users = UserRepository(db: services.database.sql)
            let staff = try await users.find(username: "staff@shenyang")!
            let repo = EnterpriseHelpRepository(db: services.database.sql)
            let mine = try await repo.pairings(zoneID: zoneID, activeOnly: true, cadreID: staff.id).first!
            var cadre = Browser(client)
            _ = try await cadre.login("staff@shenyang")
            let before = try await Self.totals(services)
            let logged = try await cadre.post(
                "/m/enterprise-help/visits/upload",
                form: [
                    ("enterprise", String(mine.enterpriseId)), ("visited_on", Clock.today.description),
                    ("people_met", "总经理"), ("findings", "订单饱满，缺少熟练焊工"), ("plan", "组织专场招聘"),
                    ("demand_category", "labour"), ("demand_text", "急需熟练焊工 20 名"),
                ])
            #expect(logged.status == .seeOther)
            let visitID = Int64(logged.location!.split(separator: "/").last!)!
            #expect(try await PolicyFixtures.count("help_demands", services, where: "visit_id", visitID) == 1)
            let after = try await Self.totals(services)
            #expect(after.visits >= before.visits + 1)
            #expect(after.raised >= before.raised + 1)
            let visitPage = try await cadre.get(logged.location!)
            #expect(visitPage.text.contains("急需熟练焊工 20 名"))

            // A cadre not paired with the enterprise is refused and nothing is saved.
            let pairedWithStaff = Set(
                try await repo.pairings(zoneID: zoneID, activeOnly: true, cadreID: staff.id).map(\.enterpriseId))
            let stranger = try await repo.enterpriseNames(zoneID: zoneID).keys.sorted().first {
                !pairedWithStaff.contains($0)
            }!
            let visits = try await PolicyFixtures.count("help_visits", services, where: "enterprise_id", stranger)
            let demands = try await PolicyFixtures.count("help_demands", services, where: "enterprise_id", stranger)
            let refused = try await cadre.post(
                "/m/enterprise-help/visits/upload",
                form: [
                    ("enterprise", String(stranger)), ("visited_on", Clock.today.description), ("people_met", "经理"),
                    ("findings", "试图登记"), ("demand_category", "labour"), ("demand_text", "不该保存的诉求内容"),
                ])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("您没有包联这家企业"))
            #expect(try await PolicyFixtures.count("help_visits", services, where: "enterprise_id", stranger) == visits)
            #expect(
                try await PolicyFixtures.count("help_demands", services, where: "enterprise_id", stranger) == demands)
            // A visit date in the future is refused.
            let future = try await cadre.post(
                "/m/enterprise-help/visits/upload",
                form: [
                    ("enterprise", String(mine.enterpriseId)), ("visited_on", Clock.today.adding(days: 3).description),
                    ("people_met", "经理"), ("findings", "未来"),
                ])
            #expect(future.status == .badRequest)
            #expect(future.text.contains("不能晚于今天"))
        }
    }

    @Test func anEnterpriseHasAtMostTwoKeepersAndEndedPairingsStayAsHistory() async throws {
        try await withApp { client, services in
            let zoneID = try await PolicyFixtures.zoneID("shenyang", services)
            let repo = EnterpriseHelpRepository(db: services.database.sql)
            let names = try await repo.enterpriseNames(zoneID: zoneID)
            let paired = Set(try await repo.pairings(zoneID: zoneID, activeOnly: true).map(\.enterpriseId))
            let free = names.keys.sorted().last { !paired.contains($0) }!
            let cadres = try await repo.cadres(zoneID: zoneID).filter { $0.rank != nil }
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            for c in cadres.prefix(2) {
                let r = try await admin.post(
                    "/m/enterprise-help/pairings",
                    form: [("enterprise", String(free)), ("cadre", String(c.userId)), ("on", Clock.today.description)])
                #expect(r.status == .seeOther)
            }
            let third = try await admin.post(
                "/m/enterprise-help/pairings",
                form: [
                    ("enterprise", String(free)), ("cadre", String(cadres[2].userId)), ("on", Clock.today.description),
                ])
            #expect(third.status == .badRequest)
            #expect(third.text.contains("最多 2 名企业管家"))
            let current = try await repo.pairings(zoneID: zoneID, activeOnly: true, enterpriseID: free)
            #expect(current.count == 2)
            let ended = try await admin.post(
                "/m/enterprise-help/pairings/\(current[0].id)/end", form: [("reason", "岗位调整")])
            #expect(ended.status == .seeOther)
            #expect(try await repo.pairings(zoneID: zoneID, activeOnly: true, enterpriseID: free).count == 1)
            #expect(try await repo.pairings(zoneID: zoneID, enterpriseID: free).count == 2)
            // Staff read pairings but may not change them.
            var staff = Browser(client)
            _ = try await staff.login("staff@shenyang")
            #expect(try await staff.get("/m/enterprise-help/pairings").status == .ok)
            #expect(
                try await staff.post(
                    "/m/enterprise-help/pairings",
                    form: [("enterprise", String(free)), ("cadre", "1"), ("on", "2026-01-01")]
                ).status == .forbidden)
        }
    }

    @Test func aBuildingResourceMeetsAMembersNeed() async throws {
        try await withApp { client, services in
            let zoneID = try await PolicyFixtures.zoneID("shenyang", services)
            let b = try await EnterpriseHelpBuildingRepository(db: services.database.sql).buildings(zoneID: zoneID)
                .first!
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let page = try await admin.get("/m/enterprise-help/buildings/\(b.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("需求清单") && page.text.contains("资源清单") && page.text.contains("项目清单"))
            #expect(page.text.contains("建议对接"))
            let items = try await EnterpriseHelpBuildingRepository(db: services.database.sql).items(buildingID: b.id)
            let need = items.first { $0.list == "need" && $0.category == "logistics" }!
            let offer = items.first { $0.list == "resource" && $0.category == "logistics" }!
            let matched = try await admin.post(
                "/m/enterprise-help/buildings/\(b.id)/match",
                form: [("need", String(need.id)), ("offer", String(offer.id))])
            #expect(matched.status == .seeOther)
            let again = try await admin.post(
                "/m/enterprise-help/buildings/\(b.id)/match",
                form: [("need", String(need.id)), ("offer", String(offer.id))])
            #expect(again.status == .badRequest)
            #expect(again.text.contains("这项需求已经对接"))
            let after = try await admin.get("/m/enterprise-help/buildings/\(b.id)")
            #expect(after.text.contains("已对接"))
            var foreign = Browser(client)
            _ = try await foreign.login("admin@jinan")
            #expect(try await foreign.get("/m/enterprise-help/buildings/\(b.id)").status == .notFound)
        }
    }
}

struct HelpFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
