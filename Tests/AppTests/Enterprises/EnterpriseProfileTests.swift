import Foundation
import GaoxinCore
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import App

/// 企业情况 on a page (issue #12): the facts the criteria read beyond the figures.
/// Serialized: both tests write the same enterprise's profile in the shared database, and the first
/// compares the profile before and after a refused write.
@Suite(.serialized) struct EnterpriseProfileTests {
    static func form(_ values: [String: String]) -> [(String, String)] {
        EnterpriseProfileColumns.headers.enumerated().map { index, header in
            (EnterpriseProfilePage.field(at: index), values[header] ?? "")
        }
    }

    @Test func anEnterpriseEntersItsProfileAndAnotherIsHidden() async throws {
        try await withApp { client, services in
            let (own, other, _) = try await PermissionTests.enterpriseIDs(services)
            var browser = Browser(client)
            _ = try await browser.login("enterprise@foshan")
            let page = try await browser.get(SiteURL.enterpriseProfile(own).path)
            #expect(page.status == .ok)
            #expect(page.text.contains("属于国家重点支持的高新技术领域"))
            // A bad cell comes back with its message and nothing is saved.
            let before = try await EnterpriseRepository(db: services.database.sql).findAnyZone(id: own)?.profileJson
            let bad = try await browser.post(
                SiteURL.enterpriseProfile(own).path, form: Self.form(["居民企业": "是", "科技奖励": "国家级第二名"]))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("国家级2024第2名"))
            let unchanged = try await EnterpriseRepository(db: services.database.sql).findAnyZone(id: own)?.profileJson
            #expect(unchanged == before)
            // The other enterprise's form does not exist for this user.
            #expect(try await browser.get(SiteURL.enterpriseProfile(other).path).status == .notFound)
        }
    }

    @Test func staffSaveAProfileAndTheCriteriaReadIt() async throws {
        try await withApp { client, services in
            let (own, _, _) = try await PermissionTests.enterpriseIDs(services)
            var browser = Browser(client)
            _ = try await browser.login("admin@foshan")
            let values = ["居民企业": "是", "中小企业": "是", "列入经营异常名录或严重失信名单": "否", "科技奖励": "省级2025第1名"]
            let saved = try await browser.post(SiteURL.enterpriseProfile(own).path, form: Self.form(values))
            #expect(saved.status == .seeOther)
            let row = try #require(try await EnterpriseRepository(db: services.database.sql).findAnyZone(id: own))
            #expect(row.profile.residentEnterprise == true)
            #expect(row.profile.onDishonestList == false)
            #expect(row.profile.awards == [ScienceAward(level: .provincial, year: 2025, rank: 1)])
            let show = try await browser.get(SiteURL.enterpriseProfile(own).path)
            #expect(show.text.contains("省级2025第1名"))
        }
    }
}
