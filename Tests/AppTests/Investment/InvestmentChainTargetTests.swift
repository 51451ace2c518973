import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 链长制 and targets on the demo: the chain leader's map with its gaps, the ten elements, tasks
/// (overdue marked, owners only from the zone); 宝鸡's 157.6 亿元 = 55.49% 双过半 and 佛山's parks.
@Suite struct InvestmentChainTargetTests {
    @Test func aChainLeaderSeesTheMapWithGapsAndTheProjectsOnIt() async throws {
        try await withApp { client, services in
            let foshan = try await InvestmentFlowTests.zoneID("foshan", services)
            let repo = InvestmentRepository(db: services.database.sql)
            let chain = try #require(try await repo.chains(zoneID: foshan).first { $0.name == "新能源汽车" })
            var leader = Browser(client)
            _ = try await leader.login("invest@foshan")
            let home = try await leader.get("/m/investment")
            #expect(home.text.contains("我牵头的产业链"))
            let page = try await leader.get("/m/investment/chains/\(chain.id)")
            #expect(page.status == .ok)
            let text = page.text
            for expected in [
                "<svg", "缺 · 正负极材料", "缺 · 电池管理系统（BMS）", "BMS 方案商 3 家", "链长", "牵头部门", "投资促进局", "产业链规划",
                "产业基金", "创新平台", "链主企业", "专家团队", "政策", "项目清单", "任务图表", "已逾期", "短板缺项 3 个",
                "href=\"#node-",
            ] {
                #expect(text.contains(expected), "\(expected)")
            }
            // Enterprises from the registry's 产业链 field are on the nodes.
            let nodes = try await repo.nodes(chainID: chain.id)
            let placed = try await repo.enterprisesOnNodes(nodes.map(\.id))
            #expect(!placed.isEmpty)
            let firm = try #require(placed.values.first?.first)
            #expect(text.contains(firm.1))
            // The chain's projects are listed.
            let projects = try await repo.projects(
                zoneID: foshan, filter: ProjectFilter(chainID: chain.id), try Pager(page: 1, size: 50))
            #expect(projects.total > 0)
            #expect(text.contains(projects.rows[0].name))

            // Another zone's chain is not there.
            var other = Browser(client)
            _ = try await other.login("invest@shenyang")
            #expect(try await other.get("/m/investment/chains/\(chain.id)").status == .notFound)
        }
    }

    @Test func taskOwnersComeFromTheZone() async throws {
        try await withApp { client, services in
            let shenyang = try await InvestmentFlowTests.zoneID("shenyang", services)
            let repo = InvestmentRepository(db: services.database.sql)
            let chain = try #require(try await repo.chains(zoneID: shenyang).first)
            let outsider = try #require(
                try await UserRepository(db: services.database.sql).find(username: "invest@foshan"))
            let own = try #require(
                try await UserRepository(db: services.database.sql).find(username: "invest@shenyang"))
            var leader = Browser(client)
            _ = try await leader.login("invest@shenyang")
            let before = try await repo.tasks(chainID: chain.id).count
            let refused = try await leader.post(
                "/m/investment/chains/\(chain.id)/tasks",
                form: [("title", "对接减速器企业"), ("owner", String(outsider.id)), ("due_on", "2026-12-31")])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("责任人须是本区的工作人员"))
            let badDate = try await leader.post(
                "/m/investment/chains/\(chain.id)/tasks",
                form: [("title", ""), ("owner", String(own.id)), ("due_on", "12/31")])
            #expect(badDate.text.contains("请填写任务内容") && badDate.text.contains("完成时限格式"))
            #expect(try await repo.tasks(chainID: chain.id).count == before)
            let added = try await leader.post(
                "/m/investment/chains/\(chain.id)/tasks",
                form: [("title", "对接减速器企业"), ("owner", String(own.id)), ("due_on", "2026-12-31")])
            #expect(added.status == .seeOther)
            #expect(try await repo.tasks(chainID: chain.id).count == before + 1)
        }
    }

    @Test func baojiPassesDoubleHalfWith157Point6() async throws {
        try await withApp { client, services in
            let year = DemoInvestment.year(Clock.today)
            var admin = Browser(client)
            _ = try await admin.login("admin@baoji")
            let page = try await admin.get("/m/investment/targets?year=\(year)")
            #expect(page.status == .ok)
            for expected in [
                "上半年 157.6 亿元", "完成 55.49%", "实现双过半", "上半年 1590 万美元", "完成 227.14%", "上半年 24 个", "上半年 21 个",
            ] {
                #expect(page.text.contains(expected), "\(expected)")
            }
            // Zero, negative and absurd targets are refused, and nothing changes.
            for (value, message) in [("0", "到位资金目标必须大于 0"), ("-5", "到位资金目标必须大于 0"), ("abc", "目标须填写整数")] {
                let refused = try await admin.post(
                    "/m/investment/targets",
                    form: [("year", String(year)), ("kind", "funds_in_place"), ("park", ""), ("target", value)])
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains(message), "\(value)")
            }
            let baoji = try await InvestmentFlowTests.zoneID("baoji", services)
            let targets = try await InvestmentRepository(db: services.database.sql).targets(zoneID: baoji, year: year)
            #expect(targets.first { $0.kind == "funds_in_place" }?.target == 2_840_000)
            var officer = Browser(client)
            _ = try await officer.login("invest@baoji")
            #expect(
                try await officer.post(
                    "/m/investment/targets", form: [("year", String(year)), ("kind", "started"), ("target", "5")]
                ).status == .forbidden)
        }
    }

    @Test func theTargetsPageShowsWhichParksPassed() async throws {
        try await withApp { client, _ in
            let year = DemoInvestment.year(Clock.today)
            var staff = Browser(client)
            _ = try await staff.login("staff@foshan")
            let text = try await staff.get("/m/investment/targets?year=\(year)").text
            #expect(
                text.contains(
                    "实现双过半的园区：<strong class=\"passed\">禅城园</strong> <strong class=\"passed\">南海园</strong> <strong class=\"passed\">顺德园</strong>"
                ))
            #expect(
                text.contains("未实现双过半的园区：<strong class=\"failed\">高明园</strong> <strong class=\"failed\">三水园</strong>"))
            #expect(text.contains("未过半"))
        }
    }
}
