import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 招商地图: the pipeline's origins by province and city as a table heat map, terminated projects
/// left out, the heat written out as well as shaded.
@Suite struct InvestmentOriginTests {
    @Test func heatLevelsRunFromOneToFiveByShareOfTheLargest() {
        #expect(OriginsPage.heat(0, of: 10).0 == 0)
        #expect(OriginsPage.heat(1, of: 10).0 == 1)
        #expect(OriginsPage.heat(5, of: 10).0 == 3)
        #expect(OriginsPage.heat(10, of: 10).0 == 5)
        #expect(OriginsPage.heat(3, of: 0).0 == 0)
    }

    @Test func theMapCountsTheZonesProjectsByOrigin() async throws {
        try await withApp { client, services in
            let baoji = try await InvestmentFlowTests.zoneID("baoji", services)
            let rows = try await InvestmentRepository(db: services.database.sql).origins(zoneID: baoji)
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0.projects >= 1 && ($0.signed ?? 0) <= $0.projects })
            let page = try await OriginsPage.load(zoneID: baoji, db: services.database.sql)
            // Summed over the page's own provinces: other suites add 宝鸡 projects between two reads.
            #expect(page.total == page.provinces.reduce(0) { $0 + $1.projects })
            #expect(page.provinces.first?.heat == 5)
            #expect(page.provinces.map(\.projects) == page.provinces.map(\.projects).sorted(by: >))

            var officer = Browser(client)
            _ = try await officer.login("invest@baoji")
            let shown = try await officer.get("/m/investment/origins")
            #expect(shown.status == .ok)
            #expect(shown.text.contains("招商地图") && shown.text.contains("热度 5"))
            #expect(shown.text.contains(try #require(page.provinces.first?.name)))
            var firm = Browser(client)
            _ = try await firm.login("enterprise@baoji")
            #expect(try await firm.get("/m/investment/origins").status == .forbidden)
        }
    }
}
