import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The own dashboards: a chain leader's chain, a department's own work, an enterprise's own figures,
/// each figure counted from the owner's rows, each refused to the wrong role and hidden from other
/// zones and other enterprises.
@Suite struct OwnDashboardTests {
    static func csvLine(_ csv: String, startingWith head: String) -> [String]? {
        csv.split(whereSeparator: \.isNewline).map(String.init).first { $0.hasPrefix(head + ",") }?
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func aChainLeaderSeesTheirChainsProjectsInvestmentAndEnterprises() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let zone = try await InvestmentFlowTests.zoneID("xiangtan", services)
            let leader = try #require(try await UserRepository(db: db).find(username: "staff@xiangtan"))
            let now = Clock.nowSeconds()
            let (chainID, _) = try await services.database.transaction { db in
                let repo = InvestmentRepository(db: db)
                let chainID = try await repo.insertChain(
                    InvestChainRow(
                        id: 0, zoneId: zone, name: "看板测试链\(UUID().uuidString.prefix(6))", leaderUserId: leader.id,
                        leadDepartmentId: leader.departmentId, plan: "", fund: "", platform: "", anchorFirms: "",
                        experts: "", createdAt: now))
                for (stage, planned) in [("signed", 5000), ("lead", 1000), ("producing", 700)] {
                    let id = try await repo.insertProject(
                        InvestProjectRow(
                            id: 0, zoneId: zone, parkId: nil, chainId: chainID, nodeId: nil, name: "看板项目\(stage)",
                            investor: "某公司", originProvince: "广东省", originCity: "深圳市",
                            plannedInvestment: Int64(planned),
                            agreedInvestment: stage == "lead" ? nil : Int64(planned), foreignInvestment: 0,
                            officerUserId: nil, enterpriseId: nil, stage: stage, stageOn: "2026-03-01",
                            terminationReason: nil, createdAt: now))
                    if stage == "producing" {
                        try await repo.setFunds(
                            InvestFundsRow(zoneId: zone, projectId: id, month: "2026-04", funds: 300, foreignFunds: 20))
                        try await repo.setFunds(
                            InvestFundsRow(zoneId: zone, projectId: id, month: "2026-05", funds: 400, foreignFunds: 0))
                    }
                }
                let node = try await repo.insertNode(
                    InvestNodeRow(
                        id: 0, zoneId: zone, chainId: chainID, segment: "midstream", name: "电机", position: 1,
                        isGap: false,
                        targetCompanies: ""))
                let firms = EnterpriseRepository(db: db)
                let firm = try await firms.insert(
                    zoneID: zone, parkID: nil, name: "链上测试电机有限公司",
                    uscc: "91430300TEST\(Int.random(in: 100000...999999))",
                    at: now)
                try await repo.placeEnterprise(nodeID: node, enterpriseID: firm)
                for (year, revenue) in [(2024, 800.0), (2025, 1000.0)] {
                    var f = YearFacts(year: year)
                    f.revenue = revenue
                    f.staff = 50
                    try await firms.upsertFacts(enterpriseID: firm, zoneID: zone, facts: f, at: now)
                }
                return (chainID, firm)
            }

            var staff = Browser(client)
            _ = try await staff.login("staff@xiangtan")
            let home = try await staff.get("/")
            #expect(home.text.contains("/m/statistics/chains/\(chainID)/dashboard"))
            let page = try await staff.get("/m/statistics/chains/\(chainID)/dashboard")
            #expect(page.status == .ok)
            #expect(page.text.contains("链长看板") && page.text.contains("本链招商项目漏斗与投资"))
            #expect(page.text.contains("链上测试电机有限公司") && !page.text.contains("<script"))
            let funnel = try await staff.get("/m/statistics/chains/\(chainID)/dashboard.csv?table=funnel")
            #expect(Array(funnel.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            // Three projects reached 线索; two reached 签约 (签约 and 投产), one is now at 签约 with 5000 万元.
            #expect(Self.csvLine(funnel.text, startingWith: "\u{FEFF}阶段") != nil || funnel.text.contains("阶段,"))
            #expect(Self.csvLine(funnel.text, startingWith: "线索") == ["线索", "3", "1", "1000", "0"])
            #expect(Self.csvLine(funnel.text, startingWith: "签约") == ["签约", "2", "1", "5000", "5000"])
            let funds = try await staff.get("/m/statistics/chains/\(chainID)/dashboard.csv?table=funds")
            #expect(Self.csvLine(funds.text, startingWith: "2026-05") == ["2026-05", "400", "0"])
            let firmsCSV = try await staff.get("/m/statistics/chains/\(chainID)/dashboard.csv?table=enterprises")
            #expect(
                Self.csvLine(firmsCSV.text, startingWith: "链上测试电机有限公司") == [
                    "链上测试电机有限公司", "2025", "1000", "25", "—", "50",
                ])
            let workbook = try await staff.get("/m/statistics/chains/\(chainID)/dashboard.xlsx")
            #expect(workbook.status == .ok && workbook.headers[.contentType]?.contains("spreadsheetml") == true)

            // Not the leader: another department's staff is refused; an enterprise and another zone see nothing.
            var grid = Browser(client)
            _ = try await grid.login("grid@xiangtan")
            #expect(try await grid.get("/m/statistics/chains/\(chainID)/dashboard").status == .forbidden)
            var firmUser = Browser(client)
            _ = try await firmUser.login("enterprise@xiangtan")
            #expect(try await firmUser.get("/m/statistics/chains/\(chainID)/dashboard").status == .notFound)
            var other = Browser(client)
            _ = try await other.login("admin@foshan")
            #expect(try await other.get("/m/statistics/chains/\(chainID)/dashboard").status == .notFound)
            #expect(
                try await other.get("/m/statistics/chains/\(chainID)/dashboard.csv?table=funnel").status == .notFound)
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            #expect(try await admin.get("/m/statistics/chains/\(chainID)/dashboard").status == .ok)
        }
    }

    @Test func aDepartmentSeesItsOwnCasesByStateAndMonth() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let staffUser = try #require(try await UserRepository(db: db).find(username: "staff@jingdezhen"))
            let department = try #require(staffUser.departmentId)
            let item = try await ConsultationFixtures.item(zone: "jingdezhen", services)
            var staff = Browser(client)
            _ = try await staff.login("staff@jingdezhen")
            let path = "/m/statistics/departments/\(department)/dashboard"
            #expect(try await staff.get("/").text.contains(path))
            func kinds() async throws -> [String] {
                try #require(Self.csvLine(try await staff.get(path + ".csv?table=kinds").text, startingWith: "政策咨询"))
            }
            let before = try await kinds()
            var firm = Browser(client)
            _ = try await firm.login("enterprise@jingdezhen")
            _ = try await ConsultationFixtures.ask(&firm, itemID: item.id, "看板测试：第一问")
            _ = try await ConsultationFixtures.ask(&firm, itemID: item.id, "看板测试：第二问")
            let after = try await kinds()
            // Other tests may ask in the zone at the same time: at least our two.
            #expect(Int(after[1])! >= Int(before[1])! + 2)
            let page = try await staff.get(path)
            #expect(page.status == .ok && page.text.contains("部门工作看板") && page.text.contains("逐月收件"))
            let months = try await staff.get(path + ".csv?table=months").text
            let thisMonth = String(format: "%04d-%02d", Clock.today.year, Clock.today.month)
            #expect(Int(try #require(Self.csvLine(months, startingWith: thisMonth))[1]) ?? 0 >= 2)

            // Another department's staff, an investment officer and an enterprise are refused; another zone sees nothing.
            var invest = Browser(client)
            _ = try await invest.login("invest@jingdezhen")
            #expect(try await invest.get(path).status == .forbidden)
            #expect(try await firm.get(path).status == .notFound)
            var other = Browser(client)
            _ = try await other.login("staff@foshan")
            #expect(try await other.get(path).status == .notFound)
            var admin = Browser(client)
            _ = try await admin.login("admin@jingdezhen")
            #expect(try await admin.get(path).status == .ok)
        }
    }

    @Test func anEnterpriseSeesOnlyItsOwnFiguresYearOnYear() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let zone = try await InvestmentFlowTests.zoneID("xiangtan", services)
            let user = try #require(try await UserRepository(db: db).find(username: "enterprise@xiangtan"))
            let own = try #require(user.enterpriseId)
            // Years long past, so the demo's latest year (which matching reads) stays the latest.
            for (year, revenue, rd) in [(1990, 200.0, 10.0), (1991, 250.0, 15.0)] {
                var f = YearFacts(year: year)
                f.revenue = revenue
                f.rdExpense = rd
                try await services.database.transaction { [f] db in
                    try await EnterpriseRepository(db: db).upsertFacts(
                        enterpriseID: own, zoneID: zone, facts: f, at: Clock.nowSeconds())
                }
            }
            var firm = Browser(client)
            _ = try await firm.login("enterprise@xiangtan")
            let path = "/m/statistics/enterprises/\(own)/dashboard"
            #expect(try await firm.get("/").text.contains(path))
            let page = try await firm.get(path)
            #expect(page.status == .ok && page.text.contains("企业数据看板") && page.text.contains("本企业政策申报"))
            let figures = try await firm.get(path + ".csv?table=figures").text
            #expect(Self.csvLine(figures, startingWith: "1991")?.prefix(5) == ["1991", "250", "25", "15", "50"])
            #expect(try await firm.get(path + ".csv?table=applications").text.contains("已兑现,"))
            #expect(try await firm.get(path + ".xlsx").status == .ok)

            // Another enterprise's dashboard does not exist for it; a grid worker is refused; another zone sees nothing.
            let other = try #require(
                try await db.select().column("id").from("enterprises").where("zone_id", .equal, zone)
                    .where("id", .notEqual, own).first(decodingColumn: "id", as: Int64.self))
            #expect(try await firm.get("/m/statistics/enterprises/\(other)/dashboard").status == .notFound)
            #expect(
                try await firm.get("/m/statistics/enterprises/\(other)/dashboard.csv?table=figures").status == .notFound
            )
            var grid = Browser(client)
            _ = try await grid.login("grid@xiangtan")
            #expect(try await grid.get(path).status == .forbidden)
            var stranger = Browser(client)
            _ = try await stranger.login("enterprise@foshan")
            #expect(try await stranger.get(path).status == .notFound)
            var staff = Browser(client)
            _ = try await staff.login("staff@xiangtan")
            #expect(try await staff.get(path).status == .ok)
        }
    }
}
