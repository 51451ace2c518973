@testable import App
import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Matching (应知尽知、应享尽享) from both sides, and the notices that tell enterprises.
@Suite struct PolicyMatchTests {
    @Test func theDemoMatchesSomeEnterprisesAndNotOthersWithReasons() async throws {
        try await withApp { _, services in
            let item = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
            let matches = try await PolicyRepository(db: services.database.sql).matches(itemID: item.id, eligibleOnly: false)
            let yes = matches.filter(\.eligible), no = matches.filter { !$0.eligible }
            #expect(!yes.isEmpty && !no.isEmpty)
            // Every outcome says why, in Chinese, condition by condition.
            #expect(matches.allSatisfy { !$0.reasons.isEmpty })
            #expect(yes.allSatisfy { $0.reasons.contains { $0.hasPrefix("研发费用 ") && $0.hasSuffix("满足") } })
            #expect(no.contains { $0.reasons.contains { $0.contains("不满足") } })
            // The amount is 10% of R&D expense, capped at 200万元, and only for the eligible.
            #expect(yes.allSatisfy { ($0.estimatedAmount ?? 0) > 0 && ($0.estimatedAmount ?? 0) <= 200 })
            #expect(yes.contains { $0.estimatedAmount == 200 })
            #expect(no.allSatisfy { $0.estimatedAmount == nil })
            // Drafts and expired policies are matched with nobody.
            let expired = try await PolicyFixtures.item("稳岗补贴", zone: "foshan", services)
            #expect(try await PolicyRepository(db: services.database.sql).matches(itemID: expired.id, eligibleOnly: false).isEmpty)
        }
    }

    @Test func anImportRematchesTheEnterprisesItBrings() async throws {
        try await withApp { client, services in
            let uscc = DemoLoader.creditCode(body: "91610131MA6T\(Int.random(in: 10000...99999))")
            let header = EnterpriseCSVTests.header
            // A 西安 enterprise with 400万 R&D on 5000万 revenue (8%): fits 研发投入补助 (≥ 300万 and ≥ 4%).
            let rows = [header, EnterpriseCSVTests.row(uscc, year: 2025, name: "西安匹配测试科技有限公司",
                                                       ["园区": "", "营业收入（万元）": "5000", "研发费用（万元）": "400"])]
            var browser = Browser(client)
            _ = try await browser.login("admin@xian")
            let imported = try await EnterpriseRoutesTests.upload(&browser, "/m/enterprises/import", file: Data(rows.joined(separator: "\n").utf8))
            #expect(imported.status == .seeOther, "\(imported.text.prefix(3000))")
            let xian = try await PolicyFixtures.zoneID("xian", services)
            let enterprise = try #require(try await EnterpriseRepository(db: services.database.sql).find(uscc: uscc, zoneID: xian))
            let matches = try await PolicyRepository(db: services.database.sql).matches(enterpriseID: enterprise.id)
            let item = try await PolicyFixtures.item("研发投入补助", zone: "xian", services)
            let match = try #require(matches.first { $0.itemId == item.id })
            #expect(match.eligible)
            #expect(match.estimatedAmount == 32)  // 400 × 8%
            #expect(match.factsYear == 2025)
        }
    }

    @Test func anEnterpriseUserSeesOnlyTheirOwnMatches() async throws {
        try await withApp { client, services in
            let (own, other, foreign) = try await PermissionTests.enterpriseIDs(services)
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            let mine = try await browser.get("/m/policies/mine")
            #expect(mine.status == .seeOther)
            #expect(mine.location == "/m/policies/enterprises/\(own)")
            let page = try await browser.get("/m/policies/enterprises/\(own)")
            #expect(page.status == .ok)
            #expect(page.text.contains("可申报的政策"))
            #expect(page.text.contains("为什么符合"))
            #expect(page.text.contains("预计可获"))
            #expect(page.text.contains("暂不符合的政策"))
            #expect(try await browser.get("/m/policies/enterprises/\(other)").status == .notFound)
            #expect(try await browser.get("/m/policies/enterprises/\(foreign)").status == .notFound)
            // Staff look at any enterprise of their zone.
            var staff = Browser(client)
            _ = try await staff.login("invest@foshan")
            #expect(try await staff.get("/m/policies/enterprises/\(other)").status == .ok)
            #expect(try await staff.get("/m/policies/enterprises/\(foreign)").status == .notFound)
            #expect(try await staff.get("/m/policies/mine").status == .forbidden)
        }
    }

    @Test func notifyingCreatesNoticesTheEnterpriseReadsAndMarksRead() async throws {
        try await withApp { client, services in
            // 济南's 发明专利资助 fits enterprise@jinan's enterprise? Pick an item that does.
            let enterpriseID = try await PolicyFixtures.enterpriseID(of: "enterprise@jinan", services)
            let repo = PolicyRepository(db: services.database.sql)
            let jinan = try await PolicyFixtures.zoneID("jinan", services)
            let items = try await repo.items(zoneID: jinan)
            let fitting = try await repo.matches(enterpriseID: enterpriseID).filter(\.eligible).map(\.itemId)
            let item = try #require(items.first { fitting.contains($0.id) }, "the demo gives enterprise@jinan at least one match")
            var staff = Browser(client)
            _ = try await staff.login("admin@jinan")  // the zone admin may notify for any department's item
            let list = try await staff.get("/m/policies/items/\(item.id)/eligible")
            #expect(list.status == .ok)
            #expect(list.text.contains("通知全部尚未通知的企业"))

            // MUT: one enterprise, then everyone not yet told.
            let one = try await staff.post("/m/policies/items/\(item.id)/notify", form: [("enterprise_id", String(enterpriseID))])
            #expect(one.status == .seeOther)
            let notices = try await repo.notices(enterpriseID: enterpriseID)
            let notice = try #require(notices.first { $0.policyItemId == item.id })
            #expect(notice.message.contains(item.title))
            #expect(notice.readAt == nil)
            let everyone = try await staff.post("/m/policies/items/\(item.id)/notify", form: [("all", "1")])
            #expect(everyone.status == .seeOther)
            let eligible = try await repo.matches(itemID: item.id, eligibleOnly: true).count
            #expect(try await repo.notified(itemID: item.id).count == eligible)
            #expect(try await repo.notices(enterpriseID: enterpriseID).filter { $0.policyItemId == item.id }.count == 1)  // not told twice
            let again = try await staff.post("/m/policies/items/\(item.id)/notify", form: [("all", "1")])
            #expect(again.status == .seeOther)
            let audit = try await services.database.sql.select().column("after_json").from("audit_log").where("entity", .equal, "policy_item")
                .where("entity_id", .equal, String(item.id)).where("action", .equal, "notify").orderBy("id").all(decodingColumn: "after_json", as: String.self)
            #expect(audit.count == 2)

            // The enterprise sees it on the home page and the notices page, and marks it read.
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@jinan")
            let home = try await enterprise.get("/")
            #expect(home.text.contains("未读通知"))
            #expect(home.text.contains(item.title))
            let page = try await enterprise.get("/m/policies/notices")
            #expect(page.status == .ok)
            #expect(page.text.contains(item.title))
            let read = try await enterprise.post("/m/policies/notices/read", form: [("all", "1")])
            #expect(read.status == .seeOther)
            #expect(try await repo.unreadCount(enterpriseID: enterpriseID) == 0)
        }
    }

    @Test func onlyEditorsNotifyAndOnlyEligibleEnterprises() async throws {
        try await withApp { client, services in
            let item = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
            let repo = PolicyRepository(db: services.database.sql)
            let notEligible = try #require(try await repo.matches(itemID: item.id, eligibleOnly: false).first { !$0.eligible })
            var invest = Browser(client)
            _ = try await invest.login("invest@foshan")
            let page = try await invest.get("/m/policies/items/\(item.id)/eligible")
            #expect(page.status == .ok)
            #expect(!page.text.contains("通知全部尚未通知的企业"))
            #expect(try await invest.post("/m/policies/items/\(item.id)/notify", form: [("all", "1")]).status == .forbidden)
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            let before = try await repo.notices(enterpriseID: notEligible.enterpriseId).count
            let refused = try await staff.post("/m/policies/items/\(item.id)/notify", form: [("enterprise_id", String(notEligible.enterpriseId))])
            #expect(refused.status == .seeOther)
            #expect(try await repo.notices(enterpriseID: notEligible.enterpriseId).count == before)
            var enterprise = Browser(client)
            _ = try await enterprise.login("enterprise@foshan")
            #expect(try await enterprise.get("/m/policies/items/\(item.id)/eligible").status == .forbidden)
            #expect(try await staff.get("/m/policies/notices").status == .forbidden)
        }
    }

    @Test func theCommandRematchesAWholeZone() async throws {
        try await withApp { _, services in
            let zone = try await PolicyFixtures.zoneID("yongchuan", services)
            let summary = try await services.database.transaction { db in
                try await PolicyMatching(db: db).run(zoneID: zone, trigger: "测试", actor: nil)
            }
            let enterprises = try await EnterpriseRepository(db: services.database.sql).count(zoneID: zone)
            #expect(summary.enterprises == enterprises)
            #expect(summary.items == 3)
            #expect(summary.eligible > 0 && summary.eligible < summary.items * enterprises)
            #expect(try await PolicyFixtures.count("policy_matches", services, where: "zone_id", zone) == summary.items * enterprises)
        }
    }
}
