import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The policy operations of `/api/v1`.
@Suite struct PolicyAPITests {
    @Test func listPoliciesGivesTheZonesPoliciesInForceWithTheirItems() async throws {
        try await withApp { client, services in
            let token = try await APITests.token("enterprise@foshan", services)
            let body = try APITests.json(try await APITests.get(client, "/api/v1/policies?per_page=100", token: token))
            let policies = try #require(body["items"] as? [[String: Any]])
            let titles = policies.compactMap { $0["title"] as? String }
            #expect(titles.contains(PolicyFixtures.foshanHighTech))
            #expect(!titles.contains(PolicyFixtures.foshanExpired))
            #expect(!titles.contains(PolicyFixtures.foshanDraft))
            #expect(!titles.contains { $0.hasPrefix("济南") })
            #expect(body["total"] as? Int == titles.count)
            let ip = try #require(policies.first { $0["title"] as? String == PolicyFixtures.foshanIP })
            let items = try #require(ip["items"] as? [[String: Any]])
            #expect(items.count == 4)
            #expect(items.contains { $0["benefit"] as? String == "按 Ⅰ类知识产权数 × 0.5万元/件 计算，最高 20万元" })
            // Search and paging.
            let searched = try APITests.json(
                try await APITests.get(client, "/api/v1/policies?q=" + Browser.encode("知识产权"), token: token))
            #expect(searched["total"] as? Int == 1)
            // The document's 60-character limit counts code points: 30 letters each with a combining accent are
            // 30 characters on screen but 60+ for the schema, and are refused like any text over the limit.
            let accented = String(repeating: "e\u{301}", count: 31)
            #expect(accented.count == 31)
            let long = try await APITests.get(client, "/api/v1/policies?q=" + Browser.encode(accented), token: token)
            #expect(long.status == .badRequest)
            #expect(String(buffer: long.body).contains("关键词不能超过 60 个字符"))
            let bad = try await APITests.get(client, "/api/v1/policies?per_page=0", token: token)
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try await APITests.get(client, "/api/v1/policies", token: nil).status == .unauthorized)
            let grid = try await APITests.token("grid@foshan", services)
            #expect(try await APITests.get(client, "/api/v1/policies", token: grid).status == .forbidden)
        }
    }

    @Test func getPolicyItemGivesTheInterpretationAndHidesWhatIsNotPublic() async throws {
        try await withApp { client, services in
            let item = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
            let expired = try await PolicyFixtures.item("稳岗补贴", zone: "foshan", services)
            let foreign = try await PolicyFixtures.item("研发投入补助", zone: "xian", services)
            let token = try await APITests.token("resident@foshan", services)
            let response = try await APITests.get(client, "/api/v1/policy-items/\(item.id)", token: token)
            #expect(response.status == .ok)
            let body = try APITests.json(response)
            #expect(body["ruleText"] as? String == "研发费用 ≥ 200万元 且 研发费用占营业收入比例 ≥ 3%")
            #expect(body["benefitKind"] as? String == "formula")
            #expect(body["benefitCap"] as? Double == 200)
            #expect((body["materials"] as? [[String: Any]])?.contains { $0["name"] as? String == "研发费用专项审计报告" } == true)
            #expect((body["spokesperson"] as? String)?.contains("张敏") == true)
            #expect(
                try await APITests.get(client, "/api/v1/policy-items/\(expired.id)", token: token).status == .notFound)
            #expect(
                try await APITests.get(client, "/api/v1/policy-items/\(foreign.id)", token: token).status == .notFound)
            #expect(try await APITests.get(client, "/api/v1/policy-items/99999999", token: token).status == .notFound)
            // The ledger's staff read expired items too.
            let staff = try await APITests.token("staff@foshan", services)
            #expect(try await APITests.get(client, "/api/v1/policy-items/\(expired.id)", token: staff).status == .ok)
        }
    }

    @Test func myMatchesAreTheEnterpriseUsersOwn() async throws {
        try await withApp { client, services in
            let own = try await PolicyFixtures.enterpriseID(of: "enterprise@foshan", services)
            let token = try await APITests.token("enterprise@foshan", services)
            let body = try APITests.json(try await APITests.get(client, "/api/v1/me/policy-matches", token: token))
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(!items.isEmpty)
            #expect(
                items.allSatisfy {
                    ($0["enterpriseId"] as? Int).map(Int64.init) == own && $0["eligible"] as? Bool == true
                })
            #expect(items.allSatisfy { !(($0["reasons"] as? [String]) ?? []).isEmpty })
            let staff = try await APITests.token("staff@foshan", services)
            let refused = try await APITests.get(client, "/api/v1/me/policy-matches", token: staff)
            #expect(refused.status == .forbidden)
            #expect(try APITests.json(refused)["title"] as? String == "没有权限")
        }
    }

    @Test func anItemsMatchesAreForTheLedgersStaff() async throws {
        try await withApp { client, services in
            let item = try await PolicyFixtures.item("研发费用后补助", zone: "foshan", services)
            let staff = try await APITests.token("invest@foshan", services)
            // Suites running alongside edit 佛山 enterprises' figures: the total is read between two counts.
            let before = try await PolicyRepository(db: services.database.sql).matches(itemID: item.id).count
            let body = try APITests.json(
                try await APITests.get(client, "/api/v1/policy-items/\(item.id)/matches?per_page=5", token: staff))
            let eligible = try await PolicyRepository(db: services.database.sql).matches(itemID: item.id).count
            let total = try #require(body["total"] as? Int)
            #expect((min(before, eligible)...max(before, eligible)).contains(total))
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count == min(5, eligible))
            #expect(
                items.allSatisfy {
                    ($0["estimatedAmount"] as? Double ?? 0) <= 200 && !($0["enterpriseName"] as? String ?? "").isEmpty
                })
            let enterprise = try await APITests.token("enterprise@foshan", services)
            #expect(
                try await APITests.get(client, "/api/v1/policy-items/\(item.id)/matches", token: enterprise).status
                    == .forbidden)
            let other = try await APITests.token("staff@jinan", services)
            #expect(
                try await APITests.get(client, "/api/v1/policy-items/\(item.id)/matches", token: other).status
                    == .notFound)
            #expect(
                try await APITests.get(client, "/api/v1/policy-items/\(item.id)/matches?page=0", token: staff).status
                    == .badRequest)
        }
    }
}
