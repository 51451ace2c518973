import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// 难点堵点 as cases: the officer routes a project's blocker to a department with a working-day
/// deadline; only that department (or the zone admin) resolves it, with a note; bad input is
/// refused on its field and nothing is saved; other zones see nothing.
@Suite struct InvestmentBlockerTests {
    @Test func aBlockerIsRoutedToADepartmentAndResolvedByIt() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let shenyang = try await InvestmentFlowTests.zoneID("shenyang", services)
            let staffUser = try #require(try await UserRepository(db: db).find(username: "staff@shenyang"))
            let ownDepartment = try #require(staffUser.departmentId)
            let otherDepartment = try #require(
                try await ZoneRepository(db: db).departments(scope: .zone(shenyang)).first { $0.id != ownDepartment }
            ).id
            let foshanDepartment = try #require(
                try await ZoneRepository(db: db).departments(
                    scope: .zone(try await InvestmentFlowTests.zoneID("foshan", services))
                ).first
            ).id
            var officer = Browser(client)
            _ = try await officer.login("invest@shenyang")
            let made = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", "难点堵点测试项目"), ("investor", "某装备企业"), ("origin_province", "辽宁省"),
                    ("origin_city", "大连市"), ("planned_investment", "12000"), ("stage", "talks"),
                    ("on", Clock.today.description),
                ])
            let projectID = try #require(InvestmentFlowTests.id(made))
            let path = "/m/investment/projects/\(projectID)"
            let blockers = InvestmentBlockerRepository(db: db)

            // Blank text, no department, another zone's department: refused, nothing saved.
            let blank = try await officer.post("\(path)/blockers", form: [("blocker", " "), ("department", "")])
            #expect(blank.status == .badRequest)
            #expect(blank.text.contains("请写明难点堵点") && blank.text.contains("请选择本区负责协调解决的部门"))
            let foreign = try await officer.post(
                "\(path)/blockers", form: [("blocker", "用地指标未落实"), ("department", String(foshanDepartment))])
            #expect(foreign.status == .badRequest)
            #expect(try await blockers.blockers(projectID: projectID, zoneID: shenyang).isEmpty)

            let opened = try await officer.post(
                "\(path)/blockers", form: [("blocker", "用地指标未落实"), ("department", String(ownDepartment))])
            #expect(opened.status == .seeOther)
            _ = try await officer.post(
                "\(path)/blockers", form: [("blocker", "电力增容排期过晚"), ("department", String(otherDepartment))])
            let rows = try await blockers.blockers(projectID: projectID, zoneID: shenyang)
            #expect(rows.count == 2)
            let mine = try #require(rows.first { $0.departmentId == ownDepartment })
            let theirs = try #require(rows.first { $0.departmentId == otherDepartment })
            let page = try await officer.get(path)
            #expect(page.text.contains("用地指标未落实") && page.text.contains("待协调解决") && page.text.contains("下班前"))
            let caseRow = try #require(try await CaseRepository(db: db).find(id: mine.caseId))
            #expect(caseRow.assigneeId == "department:\(ownDepartment)" && caseRow.deadlineDay != nil)

            // The officer does not resolve; a department resolves only what was routed to it.
            #expect(
                try await officer.post("\(path)/blockers/\(mine.caseId)/resolve", form: [("resolution", "x")]).status
                    == .forbidden)
            var staff = Browser(client)
            _ = try await staff.login("staff@shenyang")
            #expect(
                try await staff.post("\(path)/blockers/\(theirs.caseId)/resolve", form: [("resolution", "x")]).status
                    == .forbidden)
            let empty = try await staff.post("\(path)/blockers/\(mine.caseId)/resolve", form: [("resolution", "")])
            #expect(empty.status == .badRequest && empty.text.contains("请写明解决情况"))
            let resolved = try await staff.post(
                "\(path)/blockers/\(mine.caseId)/resolve", form: [("resolution", "已协调落实用地指标")])
            #expect(resolved.status == .seeOther)
            let after = try await staff.get(path)
            #expect(after.text.contains("已解决") && after.text.contains("已协调落实用地指标"))
            #expect(try await CaseRepository(db: db).find(id: mine.caseId)?.closedAt != nil)

            var other = Browser(client)
            _ = try await other.login("invest@foshan")
            #expect(
                try await other.post("\(path)/blockers", form: [("blocker", "x"), ("department", "1")]).status
                    == .notFound)
        }
    }

    @Test func departmentsSeeTheBlockersRoutedToThemAndTheLateOneIsMarked() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let zhaoqing = try await InvestmentFlowTests.zoneID("zhaoqing", services)
            let staffUser = try #require(try await UserRepository(db: db).find(username: "staff@zhaoqing"))
            let department = try #require(staffUser.departmentId)
            let repo = InvestmentBlockerRepository(db: db)
            let all = try await repo.page(
                zoneID: zhaoqing, departmentID: nil, openOnly: false, try Pager(page: 1, size: 50))
            #expect(all.total >= 4)
            let cases = try await CaseRepository(db: db).find(ids: all.rows.map(\.caseId))
            #expect(cases.values.contains { $0.everOverdue && $0.closedAt == nil && $0.escalatedTo != nil })
            #expect(cases.values.contains { $0.closedAt != nil })

            var staff = Browser(client)
            _ = try await staff.login("staff@zhaoqing")
            let list = try await staff.get("/m/investment/blockers")
            #expect(list.status == .ok)
            #expect(list.text.contains("转交本部门的项目难点堵点") && list.text.contains("项目用地指标未落实"))
            #expect(list.text.contains("超时") && list.text.contains(">解决</button>"))
            #expect(!list.text.contains("厂房电力增容排期晚于投产计划"), "another department's blocker is listed")
            let withResolved = try await staff.get("/m/investment/blockers?show=all")
            #expect(withResolved.text.contains("已一次性告知所需材料"))
            let own = try await repo.page(
                zoneID: zhaoqing, departmentID: department, openOnly: true, try Pager(page: 1, size: 50))
            #expect(own.rows.allSatisfy { $0.departmentId == department } && own.total >= 1)

            var officer = Browser(client)
            _ = try await officer.login("invest@zhaoqing")
            let office = try await officer.get("/m/investment/blockers")
            #expect(office.text.contains("全区项目难点堵点") && office.text.contains("厂房电力增容排期晚于投产计划"))
            #expect(!office.text.contains(">解决</button>"))
            var firm = Browser(client)
            _ = try await firm.login("enterprise@zhaoqing")
            #expect(try await firm.get("/m/investment/blockers").status == .forbidden)
        }
    }
}
