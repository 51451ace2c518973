import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// What anyone can read without logging in: policies in force, their interpretations and the
/// spokespersons. Expired and draft policies leave these pages but stay in the ledger.
@Suite struct PolicyPublicTests {
    @Test func thePublicListShowsPoliciesInForceOnly() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            let list = try await browser.get("/m/policies?zone=foshan")
            #expect(list.status == .ok)
            #expect(list.text.contains(PolicyFixtures.foshanHighTech))
            #expect(list.text.contains("免申即享"))
            #expect(!list.text.contains(PolicyFixtures.foshanExpired))
            #expect(!list.text.contains(PolicyFixtures.foshanDraft))
            #expect(!list.text.contains("济南高新区高新技术企业"))  // one zone chosen
            // Each document names its issuing department (read for the rows shown).
            let highTech = try await PolicyFixtures.policy(PolicyFixtures.foshanHighTech, services)
            let issuer = try #require(
                try await ZoneRepository(db: services.database.sql).department(
                    id: highTech.departmentId, zoneID: highTech.zoneId))
            #expect(list.text.contains(issuer.name))
            #expect(
                try await ZoneRepository(db: services.database.sql).departmentNames(ids: [highTech.departmentId])
                    == [highTech.departmentId: issuer.name])
            // Their pages answer "not found" to the public…
            let expired = try await PolicyFixtures.policy(PolicyFixtures.foshanExpired, services)
            let draft = try await PolicyFixtures.policy(PolicyFixtures.foshanDraft, services)
            #expect(try await browser.get("/m/policies/documents/\(expired.id)").status == .notFound)
            #expect(try await browser.get("/m/policies/documents/\(draft.id)").status == .notFound)
            let expiredItem = try await PolicyFixtures.item("稳岗补贴", zone: "foshan", services)
            #expect(try await browser.get("/m/policies/items/\(expiredItem.id)").status == .notFound)
            // …and stay readable for the ledger's staff.
            var staff = Browser(client)
            _ = try await staff.login("invest@foshan")
            let kept = try await staff.get("/m/policies/documents/\(expired.id)")
            #expect(kept.status == .ok)
            #expect(kept.text.contains("已失效"))
        }
    }

    @Test func itemsOutsideTheirWindowLeaveTheOpenList() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let everything = try await browser.get("/m/policies?zone=foshan")
            let open = try await browser.get("/m/policies?zone=foshan&open=1")
            // The talent teams' round has closed; the upcoming R&D increment round has not opened.
            #expect(everything.text.contains("高层次人才团队项目资助"))
            #expect(everything.text.contains("已于"))
            #expect(!open.text.contains("高层次人才团队项目资助"))
            #expect(!open.text.contains("佛山高新区高层次人才团队扶持办法"))
            #expect(!open.text.contains("研发投入增量奖励"))
            #expect(open.text.contains("研发费用后补助"))
        }
    }

    @Test func searchFindsTitlesNumbersAndItems() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let byTitle = try await browser.get("/m/policies?zone=foshan&q=" + Browser.encode("知识产权"))
            #expect(byTitle.text.contains(PolicyFixtures.foshanIP))
            #expect(!byTitle.text.contains(PolicyFixtures.foshanHighTech))
            let byItem = try await browser.get("/m/policies?q=" + Browser.encode("质押融资贴息"))
            #expect(byItem.text.contains(PolicyFixtures.foshanIP))
            let byNumber = try await browser.get("/m/policies?q=" + Browser.encode("佛高新财"))
            #expect(byNumber.text.contains("佛山高新区科技金融扶持办法"))
            let none = try await browser.get("/m/policies?q=" + Browser.encode("不存在的政策名称"))
            #expect(none.text.contains("没有符合条件的现行有效政策"))
        }
    }

    @Test func theItemPageGivesTheFiveInterpretationFieldsAndTheSpokesperson() async throws {
        try await withApp { client, services in
            let item = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
            var browser = Browser(client)
            let page = try await browser.get("/m/policies/items/\(item.id)")
            #expect(page.status == .ok)
            for heading in ["政策内容", "适用对象", "适用时间", "申报条件", "申请材料"] {
                #expect(page.text.contains("<h3>\(heading)</h3>"), "\(heading)")
            }
            #expect(page.text.contains("研发费用专项审计报告"))
            #expect(page.text.contains("研发费用 ≥ 200万元 且 研发费用占营业收入比例 ≥ 3%"))
            #expect(page.text.contains("惠企政策发言人 张敏（副局长），电话 0757-86000101"))
            #expect(page.text.contains("2 个工作日内答复"))
            #expect(!page.text.contains("JSONLogic"))  // the rule's source is for staff
            let document = try await browser.get("/m/policies/documents/\(item.policyId)")
            #expect(document.status == .ok)
            #expect(document.text.contains("佛高新科〔"))
        }
    }

    @Test func theSpokespersonDirectoryListsXiansFifteen() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let page = try await browser.get("/m/policies/spokespersons?zone=xian")
            #expect(page.status == .ok)
            #expect(page.text.contains("西安高新区（15 名发言人）"))
            #expect(page.text.contains("029-81000101"))
            #expect(!page.text.contains("佛山高新区（"))
            let all = try await browser.get("/m/policies/spokespersons")
            #expect(all.text.contains("佛山高新区（7 名发言人）"))
            // The public navigation links here.
            #expect(all.text.contains(#"<a href="/m/policies/spokespersons""#))
        }
    }

    @Test func signedInUsersSeeTheirZoneAndRolesWithoutTheModuleAreRefused() async throws {
        try await withApp { client, _ in
            var resident = Browser(client)
            _ = try await resident.login("resident@jinan")
            let list = try await resident.get("/m/policies?zone=foshan")  // the zone is theirs, not chosen
            #expect(list.status == .ok)
            #expect(!list.text.contains(PolicyFixtures.foshanHighTech))
            #expect(list.text.contains("济南高新区"))
            var grid = Browser(client)
            _ = try await grid.login("grid@foshan")
            #expect(try await grid.get("/m/policies").status == .forbidden)
        }
    }
}
