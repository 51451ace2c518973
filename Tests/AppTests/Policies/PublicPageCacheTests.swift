import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The public policy pages kept for visitors who are not signed in (`PublicPageCache`): served again
/// only while nothing they show has changed, whoever changed it, and never to anyone else. Writes
/// happen in 宝鸡, which other tests only read.
@Suite struct PublicPageCacheTests {
    /// Views `path` as `visitor` until the view is kept: any suite's write to a policy table
    /// beside this one starts the cache over.
    static func viewUntilKept(
        _ visitor: inout Browser, _ path: String, _ services: AppServices, elderMode: Bool = false
    )
        async throws -> TestResponse
    {
        for _ in 0..<20 {
            let page = try await visitor.get(path)
            if services.publicPages.keeps(path, elderMode: elderMode) { return page }
        }
        Issue.record("\(path) was never kept")
        return try await visitor.get(path)
    }

    /// 宝鸡's staff, signed in, and a new published document whose title no other run uses.
    static func staffWithNewDocument(_ client: any TestClientProtocol, _ name: String) async throws
        -> (Browser, title: String, id: Int64)
    {
        var staff = Browser(client)
        _ = try await staff.login("staff@baoji")
        let title = "宝鸡高新区\(name)\(UInt32.random(in: 0...UInt32.max))"
        return (staff, title, try await PolicyLedgerTests.createDocument(&staff, title: title))
    }

    @Test func aVisitorIsServedTheKeptPageUntilSomethingItShowsChanges() async throws {
        try await withApp { client, services in
            let (signedIn, title, policyID) = try await Self.staffWithNewDocument(client, "缓存测试政策")
            var staff = signedIn
            let saved = try await staff.post(
                "/m/policies/documents/\(policyID)/items/new", form: PolicyFixtures.itemForm(title: "缓存测试补助"))
            let itemPath = try #require(saved.location)

            var visitor = Browser(client)
            let list = "/m/policies?zone=baoji"
            let first = try await Self.viewUntilKept(&visitor, list, services)
            #expect(first.text.contains(title))

            // The staff's edit on the page: the next visitor sees the new title, not the kept page.
            let form = try await staff.get("/m/policies/documents/\(policyID)/edit")
            let department = try #require(form.text.firstMatch(of: /<option value="(\d+)" selected>/)).1
            let renamed = title + "（修订）"
            let edited = try await staff.post(
                "/m/policies/documents/\(policyID)/edit",
                form: PolicyLedgerTests.documentForm(title: renamed, department: department))
            #expect(edited.status == .seeOther)
            #expect(try await visitor.get(list).text.contains(renamed))

            // A statement typed by hand (or the CLI in another process) moves the version too.
            let itemPage = try await Self.viewUntilKept(&visitor, itemPath, services)
            #expect(itemPage.text.contains("按研发费用的 10% 给予补助。"))
            let itemID = try #require(Int64(itemPath.split(separator: "/").last!))
            try await services.database.transaction { db in
                try await db.update("policy_items").set("content", to: "按研发费用的 15% 给予补助。")
                    .where("id", .equal, itemID).run()
            }
            let changed = try await visitor.get(itemPath)
            #expect(changed.text.contains("按研发费用的 15% 给予补助。"))
            #expect(!changed.text.contains("按研发费用的 10% 给予补助。"))

            // A signed-in visitor is never served the kept page: the staff see the ledger's controls.
            _ = try await Self.viewUntilKept(&visitor, itemPath, services)
            let asStaff = try await staff.get(itemPath)
            #expect(asStaff.text.contains(SiteURL.policyItemEdit(itemID).path))
            #expect(asStaff.text.contains("退出登录"))
            #expect(!(try await visitor.get(itemPath)).text.contains("退出登录"))

            // 长辈模式 is its own page, and turning it off gives the plain one back.
            _ = try await visitor.get("/elder-mode?on=1&next=/")
            let elder = try await Self.viewUntilKept(&visitor, itemPath, services, elderMode: true)
            #expect(elder.text.contains("<html lang=\"zh-CN\" class=\"elder\">"))
            _ = try await visitor.get("/elder-mode?on=0&next=/")
            #expect(!(try await visitor.get(itemPath)).text.contains("class=\"elder\""))
        }
    }

    /// The API's policy list is the same for every caller of a zone: kept, and shown changed at once.
    @Test func theAPIListIsKeptForTheZoneUntilAPolicyChanges() async throws {
        try await withApp { client, services in
            let (_, title, policyID) = try await Self.staffWithNewDocument(client, "接口缓存测试政策")
            let token = try await APITests.token("staff@baoji", services)
            let zoneID = try await PolicyFixtures.zoneID("baoji", services)
            let key = PolicyListKey(scope: .zone(zoneID), page: 1, perPage: 100)
            func titles(_ query: String = "per_page=100") async throws -> [String] {
                let body = try APITests.json(try await APITests.get(client, "/api/v1/policies?" + query, token: token))
                return (body["items"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
            }
            var kept = false
            for _ in 0..<20 where !kept {
                #expect(try await titles().contains(title))
                kept = services.policyLists.keeps(key)
            }
            #expect(kept)
            // Typed by hand (or by the CLI in another process): the next caller sees it.
            try await services.database.transaction { db in
                try await db.update("policies").set("title", to: title + "（修订）").where("id", .equal, policyID).run()
            }
            #expect(try await titles().contains(title + "（修订）"))
            // Search words are answered, never kept.
            #expect(try await titles("q=" + Browser.encode("接口缓存")).contains(title + "（修订）"))
            #expect(!services.policyLists.keeps(PolicyListKey(scope: .zone(zoneID), page: 1, perPage: 20)))
        }
    }

    @Test func aNewDayIsANewPage() async throws {
        try await withApp { client, services in
            var staff = Browser(client)
            _ = try await staff.login("staff@baoji")
            let policyID = try await PolicyLedgerTests.createDocument(&staff, title: "宝鸡高新区申报期测试政策")
            let saved = try await staff.post(
                "/m/policies/documents/\(policyID)/items/new",
                form: PolicyFixtures.itemForm(
                    title: "申报期测试补助", [("window_from", "2026-07-01"), ("window_to", "2026-07-31")]))
            let itemPath = try #require(saved.location)
            var visitor = Browser(client)
            let dayBefore = LocalMoment(day: Day("2026-06-30")!, minuteOfDay: 12 * 60).unixSeconds()
            let before = try await Clock.$fixedNow.withValue(dayBefore) {
                try await Self.viewUntilKept(&visitor, itemPath, services)
            }
            #expect(before.text.contains("2026-07-01 起申报"))
            let opened = try await Clock.$fixedNow.withValue(dayBefore + 86_400) { try await visitor.get(itemPath) }
            #expect(opened.text.contains("申报中（截至 2026-07-31）"))
            #expect(!opened.text.contains("2026-07-01 起申报"))
        }
    }

    @Test func onlyPublishedQuestionsMoveTheVersion() async throws {
        try await withApp { _, services in
            func version() async throws -> Int64 {
                try await PublicPageRepository(db: services.database.sql).version()
            }
            // Writes beside this test may move it; an unpublished question never does, so a
            // quiet moment shows it still.
            var unmoved = false
            for _ in 0..<20 where !unmoved {
                let before = try await version()
                try await services.database.transaction { db in
                    try await db.raw("UPDATE consultations SET question = question WHERE published = \(bind: false)")
                        .run()
                }
                unmoved = try await version() == before
            }
            #expect(unmoved)
            let before = try await version()
            try await services.database.transaction { db in
                try await db.raw("UPDATE consultations SET answer = answer WHERE published = \(bind: true)").run()
            }
            #expect(try await version() > before)
        }
    }

    @Test func madeUpAddressesAreNotKept() throws {
        let zones = [ZoneRow(id: 1, code: "baoji", name: "宝鸡高新区", fullName: "", province: "", city: "", createdAt: 0)]
        func keeps(_ query: String, shown: Int = 3) throws -> Bool {
            let q = URI("/m/policies?" + query).queryParameters
            return PolicyRoutes.keepsList(
                q, zones: zones, pager: try Pager(query: q.get("page"), size: 20), shown: shown)
        }
        #expect(try keeps(""))
        #expect(try keeps("zone=baoji"))
        #expect(try keeps("zone=&q="))  // the form sent with nothing chosen
        #expect(try keeps("zone=baoji&open=1&page=2"))
        #expect(try !keeps("q=" + Browser.encode("研发")))  // search words: endless
        #expect(try !keeps("zone=nowhere"))
        #expect(try !keeps("zone=baoji&zone=baoji"))
        #expect(try !keeps("utm=1"))
        #expect(try !keeps("page=02"))
        #expect(try !keeps("page=999", shown: 0))
    }
}
