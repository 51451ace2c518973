import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// "导出 CSV" on the list pages (`ListExport`): UTF-8 with a BOM, the page's header, every page of
/// the list with its filters, refused exactly as the page is, never another zone's rows.
@Suite struct ListExportTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func lines(_ response: TestResponse) -> [String] {
        response.text.replacingOccurrences(of: "\u{FEFF}", with: "").split(whereSeparator: \.isNewline).map(String.init)
    }

    @Test func investmentProjectsExportEveryPageWithTheFilterAndOnlyTheZone() async throws {
        try await withApp { client, services in
            let zone = try await InvestmentFlowTests.zoneID("xiangtan", services)
            let name = "导出测试项目\(UUID().uuidString.prefix(8))"
            _ = try await services.database.transaction { db in
                try await InvestmentRepository(db: db).insertProject(
                    InvestProjectRow(
                        id: 0, zoneId: zone, parkId: nil, chainId: nil, nodeId: nil, name: name, investor: "导出测试投资方",
                        originProvince: "湖南省", originCity: "长沙市", plannedInvestment: 1234, agreedInvestment: 1234,
                        foreignInvestment: 0, officerUserId: nil, enterpriseId: nil, stage: "completed",
                        stageOn: "2026-06-01",
                        terminationReason: nil, createdAt: Clock.nowSeconds()))
            }
            var officer = Browser(client)
            _ = try await officer.login("invest@xiangtan")
            let page = try await officer.get("/m/investment/projects?stage=completed")
            #expect(page.text.contains("导出 CSV") && page.text.contains("format=csv"))
            let csv = try await officer.get("/m/investment/projects?stage=completed&format=csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.contains("text/csv") == true)
            #expect(Array(csv.body.readableBytesView.prefix(3)) == Self.bom)
            let rows = Self.lines(csv)
            #expect(rows.first == "项目,投资方,来源地,园区,产业链,计划投资,阶段,日期")
            #expect(rows.contains { $0.hasPrefix(name + ",导出测试投资方,湖南省 长沙市,") && $0.hasSuffix(",竣工,2026-06-01") })
            // The filter holds: another stage's export does not have it; another zone's never does.
            #expect(!(try await officer.get("/m/investment/projects?stage=lead&format=csv")).text.contains(name))
            var other = Browser(client)
            _ = try await other.login("invest@foshan")
            #expect(!(try await other.get("/m/investment/projects?format=csv")).text.contains(name))
            // Refused as the page is.
            var firm = Browser(client)
            _ = try await firm.login("enterprise@xiangtan")
            #expect(try await firm.get("/m/investment/projects?format=csv").status == .forbidden)
        }
    }

    @Test func eventsExportEveryPageNotOnlyTheFirst() async throws {
        try await withApp { client, _ in
            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            let page = try await admin.get("/m/governance/events")
            let total = try #require(
                page.text.components(separatedBy: "共 ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
            #expect(total > 0)
            let rows = Self.lines(try await admin.get("/m/governance/events?format=csv"))
            #expect(rows.first?.hasPrefix("编号,事件,类别,网格,上报时间,状态") == true)
            #expect(rows.count - 1 >= total)
            let number = try #require(rows.dropFirst().first?.split(separator: ",").first.map(String.init))
            var other = Browser(client)
            _ = try await other.login("admin@foshan")
            let theirs = try await other.get("/m/governance/events?format=csv")
            #expect(theirs.status == .ok && !theirs.text.contains(number + ","))
        }
    }

    @Test func anEnterpriseExportsOnlyItsOwnApplications() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let user = try #require(try await UserRepository(db: db).find(username: "enterprise@xiangtan"))
            let zone = try await InvestmentFlowTests.zoneID("xiangtan", services)
            let ownID = try #require(user.enterpriseId)
            let own = try #require(
                try await EnterpriseRepository(db: db).names(ids: [ownID], zoneID: zone).values.first)
            var firm = Browser(client)
            _ = try await firm.login("enterprise@xiangtan")
            let csv = try await firm.get("/m/policies/applications?format=csv")
            #expect(csv.status == .ok && Array(csv.body.readableBytesView.prefix(3)) == Self.bom)
            let rows = Self.lines(csv)
            #expect(rows.first == "编号,企业,条款,政策,状态,申请金额,核定金额,提交时间,最近更新")
            #expect(rows.dropFirst().allSatisfy { $0.split(separator: ",").dropFirst().first.map(String.init) == own })
            var grid = Browser(client)
            _ = try await grid.login("grid@xiangtan")
            #expect(try await grid.get("/m/policies/applications?format=csv").status == .forbidden)
        }
    }
}
