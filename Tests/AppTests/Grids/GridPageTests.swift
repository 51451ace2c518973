import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Every governance grid page × every 济南 role: allowed roles get the page, the others a clean refusal.
@Suite struct GridPageTests {
    static let logins = [
        "admin@jinan", "staff@jinan", "invest@jinan", "grid@jinan", "enterprise@jinan", "resident@jinan",
    ]

    @Test(arguments: logins)
    func pagesRenderForTheRolesThatMaySeeThem(login: String) async throws {
        try await withApp { client, services in
            let grid = try await GridFixtures.workerGrids(services)[0]
            let neighbour = try await GridFixtures.neighbour(services)
            let module: Set<String> = ["admin@jinan", "staff@jinan", "grid@jinan", "resident@jinan"]
            let office: Set<String> = ["admin@jinan", "staff@jinan", "grid@jinan"]
            let pages: [(String, Set<String>)] = [
                ("/m/governance", module),
                ("/m/governance/grids", module),
                ("/m/governance/grids/\(grid.id)", module),
                ("/m/governance/grids/import", ["admin@jinan"]),
                ("/m/governance/map", module),
                ("/m/governance/map?by=overdue", module),
                ("/m/governance/residents", office),
                ("/m/governance/residents?grid=\(grid.id)&q=%E7%8E%8B", office),
                ("/m/governance/residents/new", office),
                ("/m/governance/residents/\(neighbour.personId)", office),
                ("/m/governance/residents/\(neighbour.personId)/edit", office),
            ]
            var browser = Browser(client)
            _ = try await browser.login(login)
            for (path, allowed) in pages {
                let response = try await browser.get(path)
                if allowed.contains(login) {
                    #expect(response.status == .ok, "\(login) \(path): \(response.status)")
                    #expect(response.text.contains("<main id=\"main\""), "\(login) \(path) has the shell")
                } else if login == "resident@jinan",
                    path.hasPrefix("/m/governance/residents?") || path == "/m/governance/residents"
                {
                    #expect(response.status == .seeOther, "a resident's list is their own page")
                } else {
                    #expect([.forbidden, .notFound].contains(response.status), "\(login) \(path): \(response.status)")
                }
            }
        }
    }

    @Test func otherZonesGridsAndResidentsAreNotFound() async throws {
        try await withApp { client, services in
            let grid = try await GridFixtures.workerGrids(services)[0]
            let neighbour = try await GridFixtures.neighbour(services)
            var browser = Browser(client)
            _ = try await browser.login("admin@foshan")
            #expect(try await browser.get("/m/governance/grids/\(grid.id)").status == .notFound)
            #expect(try await browser.get("/m/governance/residents/\(neighbour.personId)").status == .notFound)
            #expect(
                try await browser.get("/m/governance").status == .ok, "a zone without grids still has the front page")
        }
    }

    @Test func theTreeCountsTheSeedsFigures() async throws {
        try await withApp { client, services in
            let census = try await GridCensus.load(
                db: services.database.sql, zoneID: try await GridFixtures.jinan(services))
            let demo = census.grids.filter { $0.code.hasPrefix("370171") }
            #expect(demo.count == 266)
            let workers = census.workerCounts(inGrids: Set(demo.map(\.id)))
            #expect(workers.fullTime == 315)
            #expect(workers.partTime >= 300)
            #expect(census.areas.filter { $0.level == "street" }.count >= 5)
            var browser = Browser(client)
            _ = try await browser.login("staff@jinan")
            let page = try await browser.get("/m/governance/grids")
            #expect(page.text.contains("孙村街道"))
            #expect(page.text.contains("/m/governance/grids/\(demo[0].id)"))
            #expect(!page.text.contains("从 GeoJSON 导入"), "only the zone admin imports")
            // The demo tiling has no overlapping grids.
            #expect(GeoOverlap.pairs(demo.compactMap(\.shape)).isEmpty)
        }
    }
}
