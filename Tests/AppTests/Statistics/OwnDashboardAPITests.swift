import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The own dashboards over `/api/v1/statistics/dashboards/{kind}/{ownerId}`: the same tables as the
/// page, refused exactly as the page is (another's row 404, a role that has none 403).
@Suite struct OwnDashboardAPITests {
    static func tables(_ response: TestResponse) throws -> [String: [String: Any]] {
        let list = try #require(try APITests.json(response)["tables"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.compactMap { t in (t["key"] as? String).map { ($0, t) } })
    }

    @Test func anEnterpriseReadsItsOwnDashboardAndNoOneElses() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let zone = try await InvestmentFlowTests.zoneID("xiangtan", services)
            let own = try #require(try await UserRepository(db: db).find(username: "enterprise@xiangtan")?.enterpriseId)
            let firm = try await APITests.token("enterprise@xiangtan", services)
            let path = "/api/v1/statistics/dashboards/enterprises/\(own)"
            let answer = try await APITests.get(client, path, token: firm)
            #expect(answer.status == .ok)
            let tables = try Self.tables(answer)
            let figures = try #require(tables["figures"])
            #expect((figures["headers"] as? [String])?.isEmpty == false && figures["rows"] is [[String: Any]])
            #expect(tables["applications"] != nil)
            // The page's CSV has the same header line as the API's table.
            var browser = Browser(client)
            _ = try await browser.login("enterprise@xiangtan")
            let csv = try await browser.get("/m/statistics/enterprises/\(own)/dashboard.csv?table=figures").text
            let header = csv.replacingOccurrences(of: "\u{FEFF}", with: "").split(whereSeparator: \.isNewline).first
            #expect(header.map(String.init) == (figures["headers"] as? [String])?.joined(separator: ","))

            let other = try #require(
                try await db.select().column("id").from("enterprises").where("zone_id", .equal, zone)
                    .where("id", .notEqual, own).first(decodingColumn: "id", as: Int64.self))
            #expect(
                try await APITests.get(client, "/api/v1/statistics/dashboards/enterprises/\(other)", token: firm).status
                    == .notFound)
            let grid = try await APITests.token("grid@xiangtan", services)
            #expect(try await APITests.get(client, path, token: grid).status == .forbidden)
            let stranger = try await APITests.token("enterprise@foshan", services)
            #expect(try await APITests.get(client, path, token: stranger).status == .notFound)
            #expect(
                try await APITests.get(client, "/api/v1/statistics/dashboards/planets/\(own)", token: firm).status
                    == .badRequest)
        }
    }

    @Test func aDepartmentReadsItsWorkByStateAndMonth() async throws {
        try await withApp { client, services in
            let staffUser = try #require(
                try await UserRepository(db: services.database.sql).find(username: "staff@jingdezhen"))
            let department = try #require(staffUser.departmentId)
            let staff = try await APITests.token("staff@jingdezhen", services)
            let path = "/api/v1/statistics/dashboards/departments/\(department)"
            let answer = try await APITests.get(client, path, token: staff)
            #expect(answer.status == .ok)
            let json = try APITests.json(answer)
            #expect((json["heading"] as? String)?.contains("部门工作看板") == true)
            #expect(try Self.tables(answer)["months"] != nil)
            let invest = try await APITests.token("invest@jingdezhen", services)
            #expect(try await APITests.get(client, path, token: invest).status == .forbidden)
            let other = try await APITests.token("staff@foshan", services)
            #expect(try await APITests.get(client, path, token: other).status == .notFound)
        }
    }
}
