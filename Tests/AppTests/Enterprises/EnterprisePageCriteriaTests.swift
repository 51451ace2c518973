import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// An enterprise page's criteria are kept by what they are computed from (the enterprise's stored
/// inputs and the zone's criteria): a kept page must still show a new year's figures and the zone's
/// own version of a criterion at once.
@Suite struct EnterprisePageCriteriaTests {
    @Test func thePagesCriteriaFollowNewFiguresAndTheZonesOwnCriteria() async throws {
        try await withApp { client, services in
            let code = try await EventFixtures.ownZone(services)
            let zoneID = try await EventFixtures.zoneID(code, services)
            let now = Clock.nowSeconds()
            let id = try await services.database.transaction { db in
                let repo = EnterpriseRepository(db: db)
                let uscc = "91\(code)".padding(toLength: 18, withPad: "0", startingAt: 0)
                let id = try await repo.insert(zoneID: zoneID, parkID: nil, name: "缓存测试企业", uscc: uscc, at: now)
                var facts = YearFacts(year: 2024)
                (facts.staff, facts.techStaff, facts.revenue) = (60, 12, 3000)
                try await repo.upsertFacts(enterpriseID: id, zoneID: zoneID, facts: facts, at: now)
                return id
            }
            var admin = Browser(client)
            _ = try await admin.login("admin@\(code)")
            let page = "/m/enterprises/\(id)"
            #expect(try await admin.get(page).text.contains("营业收入 3000万元，要求 ≥ 1000万元，满足"))
            let input = try #require(
                try await EnterpriseRecordInputs(db: services.database.sql).load(zoneID: zoneID, enterpriseIDs: [id])
                    .first)
            #expect(services.assessmentViews.keeps(AssessmentViewKey(inputs: input.digest, criteria: 0)) == false)
            #expect(
                services.assessmentViews.keeps(
                    AssessmentViewKey(inputs: input.digest, criteria: CriteriaStore.digest(of: []))))
            #expect(try await admin.get(page).text.contains("营业收入 3000万元，要求 ≥ 1000万元，满足"))

            // A new year's figures: the page evaluates that year.
            var year = YearFacts(year: 2025)
            (year.staff, year.revenue) = (60, 800)
            let newer = year
            try await services.database.transaction { db in
                try await EnterpriseRepository(db: db).upsertFacts(
                    enterpriseID: id, zoneID: zoneID, facts: newer, at: now)
            }
            let reported = try await admin.get(page).text
            #expect(reported.contains("按 2025 年度 数据评估"))
            #expect(reported.contains("营业收入 800万元，要求 ≥ 1000万元，不满足"))

            // The zone's own, stricter version of 专精特新: the page applies it at once.
            let library = try await CriteriaStore(db: services.database.sql).library(zoneID: zoneID)
            let stricter = CriteriaStore.json(of: try #require(library["specialised_sme"]))
                .replacingOccurrences(of: "1000", with: "2000")
            #expect(
                try await admin.post(
                    "/admin/criteria/specialised_sme", form: [("action", "save"), ("definition", stricter)]
                ).status == .seeOther)
            #expect(try await admin.get(page).text.contains("营业收入 800万元，要求 ≥ 2000万元，不满足"))
        }
    }
}
