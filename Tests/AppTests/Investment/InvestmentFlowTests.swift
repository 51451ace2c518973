import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 招商 end to end on the demo: a project from 在谈 to 投产 with dated stages and the data each
/// stage needs, funds in place, a chain leader's chain map with gaps, tasks, and the targets page
/// with 双过半. Bad input is refused with the field and nothing saved; other zones are 404.
@Suite struct InvestmentFlowTests {
    static func id(_ response: TestResponse) -> Int64? {
        response.location.flatMap { Int64($0.split(separator: "/").last ?? "") }
    }

    static func zoneID(_ code: String, _ services: AppServices) async throws -> Int64 {
        try #require(try await ZoneRepository(db: services.database.sql).zone(code: code)).id
    }

    @Test func aProjectMovesFromTalksToProductionWithTheDataEachStageNeeds() async throws {
        try await withApp { client, services in
            let repo = InvestmentRepository(db: services.database.sql)
            let zhaoqing = try await Self.zoneID("zhaoqing", services)
            let foshan = try await Self.zoneID("foshan", services)
            let foreignChain = try #require(try await repo.chains(zoneID: foshan).first)
            var officer = Browser(client)
            _ = try await officer.login("invest@zhaoqing")
            let list = try await officer.get("/m/investment/projects?stage=talks")
            #expect(list.status == .ok)
            #expect(list.text.contains("储备"))
            #expect(list.text.contains("共 57 条"))

            // Bad input: every field named, nothing saved; another zone's chain refused.
            let before = try await repo.projects(zoneID: zhaoqing, filter: ProjectFilter(), try Pager(page: 1, size: 1))
                .total
            let blank = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", ""), ("planned_investment", "-3"), ("chain", String(foreignChain.id)), ("stage", "signed"),
                ])
            #expect(blank.status == .badRequest)
            for message in ["请填写项目名称", "计划投资额（万元）须大于 0", "只能选择本区的产业链", "新项目从“线索”或“在谈”开始"] {
                #expect(blank.text.contains(message))
            }
            let huge = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", "x"), ("planned_investment", "99999999999999999999"), ("stage", "talks"),
                    ("on", "2026-01-01"),
                ])
            #expect(huge.text.contains("须填写整数"))
            #expect(
                try await repo.projects(zoneID: zhaoqing, filter: ProjectFilter(), try Pager(page: 1, size: 1)).total
                    == before)

            let today = Clock.today
            let start = today.adding(days: -60)
            let made = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", "储能电池测试项目"), ("investor", "东莞某储能企业"), ("origin_province", "广东省"),
                    ("origin_city", "东莞市"), ("planned_investment", "30000"), ("foreign_investment", "0"),
                    ("stage", "talks"), ("on", start.description),
                ])
            #expect(made.status == .seeOther)
            let projectID = try #require(Self.id(made))
            let path = "/m/investment/projects/\(projectID)"

            // Skipping a stage, signing without an amount, a date before the last stage: refused.
            let skip = try await officer.post(
                "\(path)/stage", form: [("stage", "registered"), ("on", start.description)])
            #expect(skip.status == .badRequest)
            #expect(skip.text.contains("不能跳过或倒退"))
            let unsigned = try await officer.post(
                "\(path)/stage", form: [("stage", "signed"), ("on", start.description)])
            #expect(unsigned.text.contains("签约须填写协议投资额"))
            let early = try await officer.post(
                "\(path)/stage",
                form: [("stage", "signed"), ("on", start.adding(days: -1).description), ("agreed_investment", "28000")])
            #expect(early.text.contains("早于上一阶段"))
            #expect(try await repo.history(projectID: projectID).count == 1)

            let signed = try await officer.post(
                "\(path)/stage",
                form: [("stage", "signed"), ("on", start.adding(days: 10).description), ("agreed_investment", "28000")])
            #expect(signed.status == .seeOther)
            let noFirm = try await officer.post(
                "\(path)/stage", form: [("stage", "registered"), ("on", start.adding(days: 20).description)])
            #expect(noFirm.text.contains("注册须选择本园区企业库中的企业"))
            let foreignFirm = try #require(
                try await EnterpriseRepository(db: services.database.sql).list(zoneID: foshan, limit: 1, offset: 0)
                    .first)
            let otherZoneFirm = try await officer.post(
                "\(path)/stage",
                form: [
                    ("stage", "registered"), ("on", start.adding(days: 20).description),
                    ("enterprise", String(foreignFirm.id)),
                ])
            #expect(otherZoneFirm.status == .badRequest)
            let firm = try #require(
                try await EnterpriseRepository(db: services.database.sql).list(zoneID: zhaoqing, limit: 1, offset: 0)
                    .first)
            for (stage, offset) in [("registered", 20), ("started", 30), ("completed", 50), ("producing", 55)] {
                let moved = try await officer.post(
                    "\(path)/stage",
                    form: [
                        ("stage", stage), ("on", start.adding(days: offset).description),
                        ("enterprise", String(firm.id)),
                    ])
                #expect(moved.status == .seeOther, "\(stage)")
            }
            let history = try await repo.history(projectID: projectID)
            #expect(history.map(\.stage) == ["talks", "signed", "registered", "started", "completed", "producing"])
            let done = try #require(try await repo.project(id: projectID, zoneID: zhaoqing))
            #expect(done.agreedInvestment == 28000 && done.enterpriseId == firm.id && done.stage == "producing")
            let after = try await officer.post(
                "\(path)/stage", form: [("stage", "terminated"), ("on", today.description), ("reason", "x")])
            #expect(after.text.contains("项目已投产，不能再变更阶段"))

            // Funds in place by month: not before signing, not in the future, not negative.
            let month = String(start.adding(days: 40).description.prefix(7))
            #expect(
                try await officer.post("\(path)/funds", form: [("month", "2001-01"), ("funds", "100")]).text.contains(
                    "不能早于签约月份"))
            #expect(
                try await officer.post("\(path)/funds", form: [("month", month), ("funds", "-1")]).status == .badRequest
            )
            #expect(
                try await officer.post(
                    "\(path)/funds", form: [("month", month), ("funds", "5000"), ("foreign_funds", "12")]
                )
                .status == .seeOther)
            #expect(try await repo.funds(projectID: projectID).map(\.funds) == [5000])
            let page = try await officer.get(path)
            #expect(page.text.contains("投产") && page.text.contains("5000 万元") && page.text.contains("12 万美元"))
        }
    }

    @Test func terminationNeedsAReason() async throws {
        try await withApp { client, services in
            var officer = Browser(client)
            _ = try await officer.login("invest@shenyang")
            let made = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", "终止测试项目"), ("investor", "某企业"), ("origin_province", "辽宁省"), ("origin_city", "大连市"),
                    ("planned_investment", "8000"), ("stage", "lead"), ("on", Clock.today.description),
                ])
            let id = try #require(Self.id(made))
            let blank = try await officer.post(
                "/m/investment/projects/\(id)/stage", form: [("stage", "terminated"), ("on", Clock.today.description)])
            #expect(blank.text.contains("终止项目须写明原因"))
            let ended = try await officer.post(
                "/m/investment/projects/\(id)/stage",
                form: [("stage", "terminated"), ("on", Clock.today.description), ("reason", "投资方战略调整")])
            #expect(ended.status == .seeOther)
            #expect(try await officer.get("/m/investment/projects/\(id)").text.contains("投资方战略调整"))
        }
    }

    @Test func rolesAndOtherZones() async throws {
        try await withApp { client, services in
            let zhaoqing = try await Self.zoneID("zhaoqing", services)
            let project = try #require(
                try await InvestmentRepository(db: services.database.sql).projects(
                    zoneID: zhaoqing, filter: ProjectFilter(), try Pager(page: 1, size: 1)
                ).rows.first)
            for login in ["enterprise@zhaoqing", "resident@zhaoqing", "grid@zhaoqing"] {
                var b = Browser(client)
                _ = try await b.login(login)
                #expect(try await b.get("/m/investment").status == .forbidden, "\(login)")
                #expect(try await b.get("/m/investment/projects/\(project.id)").status == .forbidden, "\(login)")
            }
            var staff = Browser(client)
            _ = try await staff.login("staff@zhaoqing")
            #expect(try await staff.get("/m/investment/projects/\(project.id)").status == .ok)
            #expect(
                try await staff.post("/m/investment/projects/\(project.id)/stage", form: [("stage", "signed")]).status
                    == .forbidden)
            var other = Browser(client)
            _ = try await other.login("invest@foshan")
            #expect(try await other.get("/m/investment/projects/\(project.id)").status == .notFound)
            #expect(
                try await other.post("/m/investment/projects/\(project.id)/stage", form: [("stage", "signed")]).status
                    == .notFound)
            #expect(try await other.get("/m/investment/projects?park=abc").status == .badRequest)
            #expect(try await other.get("/m/investment/projects?page=99999999999").status == .badRequest)
            #expect(try await other.get("/m/investment/targets?year=99999").status == .badRequest)
        }
    }
}
