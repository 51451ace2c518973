import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// `/api/v1/investment/…` for blockers, the dispatch list, events and ideas: the pages' rules and
/// `Permissions`, the schema's limits, nothing saved on a refusal.
@Suite struct InvestmentDispatchAPITests {
    typealias API = InvestmentAPITests

    @Test func aBlockerIsOpenedAndResolvedThroughTheAPI() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let officer = try await APITests.token("invest@shenyang", services)
            let staffUser = try #require(try await UserRepository(db: db).find(username: "staff@shenyang"))
            let department = try #require(staffUser.departmentId)
            let made = try await API.send(
                client, .post, "/api/v1/investment/projects", token: officer,
                [
                    "name": "接口难点测试项目", "investor": "某企业", "originProvince": "辽宁省", "originCity": "大连市",
                    "plannedInvestment": 9000, "stage": "talks", "on": Clock.today.description,
                ])
            let projectID = try #require(try APITests.json(made)["id"] as? Int)
            let path = "/api/v1/investment/projects/\(projectID)/blockers"
            let tooLong = try await API.send(
                client, .post, path, token: officer,
                ["text": String(repeating: "难", count: 501), "departmentId": department])
            #expect(try tooLong.status == .badRequest && (API.fields(tooLong)) == ["text"])
            let opened = try await API.send(
                client, .post, path, token: officer, ["text": "施工许可办理慢", "departmentId": department])
            #expect(opened.status == .created)
            let blocker = try APITests.json(opened)
            #expect(blocker["state"] as? String == "待协调解决" && blocker["department"] as? String != nil)
            let caseID = try #require(blocker["caseId"] as? Int)
            // The officer may not resolve; the department does, once.
            let resolve = "\(path)/\(caseID)/resolve"
            #expect(
                try await API.send(client, .post, resolve, token: officer, ["resolution": "x"]).status == .forbidden)
            let staff = try await APITests.token("staff@shenyang", services)
            let done = try await API.send(client, .post, resolve, token: staff, ["resolution": "已协调加快办理"])
            #expect(try done.status == .ok && (APITests.json(done)["resolution"] as? String) == "已协调加快办理")
            #expect(
                try await API.send(client, .post, resolve, token: staff, ["resolution": "再次"]).status == .badRequest)
            let list = try APITests.json(try await APITests.get(client, path, token: staff))
            #expect((list["items"] as? [[String: Any]] ?? []).count == 1)
            let foshan = try await APITests.token("invest@foshan", services)
            #expect(try await APITests.get(client, path, token: foshan).status == .notFound)
        }
    }

    @Test func theDispatchListBulletinAndReportsThroughTheAPI() async throws {
        try await withApp { client, services in
            let month = DispatchMonthReport.defaultMonth()
            let staff = try await APITests.token("staff@baoji", services)
            let list = try APITests.json(
                try await APITests.get(client, "/api/v1/investment/dispatch?month=\(month)&per_page=100", token: staff))
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(items.count >= 18 && list["expectedProgress"] as? Int == month.expectedProgress)
            #expect(items.contains { $0["standing"] as? String == "unreported" })
            let bulletin = try APITests.json(
                try await APITests.get(client, "/api/v1/investment/dispatch/bulletin?month=\(month)", token: staff))
            #expect(
                (bulletin["ranking"] as? [Any] ?? []).count >= 2 && (bulletin["escalations"] as? [Any] ?? []).count >= 1
            )
            #expect(
                try await APITests.get(client, "/api/v1/investment/dispatch?month=2026-13", token: staff).status
                    == .badRequest)

            // The department reports on its own project only; bounds are the schema's.
            let user = try #require(try await UserRepository(db: services.database.sql).find(username: "staff@baoji"))
            let mine = try #require(items.first { $0["departmentId"] as? Int == Int(user.departmentId ?? 0) })
            let theirs = try #require(items.first { $0["departmentId"] as? Int != Int(user.departmentId ?? 0) })
            let body: [String: Any] = ["month": month.description, "progress": 100, "invested": 1000]
            #expect(
                try await API.send(
                    client, .post, "/api/v1/investment/dispatch/\(theirs["id"]!)/reports", token: staff, body
                )
                .status == .forbidden)
            var over = body
            over["progress"] = 101
            let refused = try await API.send(
                client, .post, "/api/v1/investment/dispatch/\(mine["id"]!)/reports", token: staff, over)
            #expect(try refused.status == .badRequest && (API.fields(refused)) == ["progress"])
            let ok = try await API.send(
                client, .post, "/api/v1/investment/dispatch/\(mine["id"]!)/reports", token: staff, body)
            #expect(try ok.status == .ok && (APITests.json(ok)["standing"] as? String) == "on_pace")
            let firm = try await APITests.token("enterprise@baoji", services)
            #expect(try await APITests.get(client, "/api/v1/investment/dispatch", token: firm).status == .forbidden)
        }
    }

    @Test func eventsAndIdeasThroughTheAPI() async throws {
        try await withApp { client, services in
            let officer = try await APITests.token("invest@zhaoqing", services)
            let bad = try await API.send(
                client, .post, "/api/v1/investment/events", token: officer,
                ["kind": "fair", "title": "", "heldOn": "2026-02-30", "place": "广州", "contacts": 100_001])
            #expect(try bad.status == .badRequest && (API.fields(bad)) == ["title", "heldOn", "contacts"])
            let made = try await API.send(
                client, .post, "/api/v1/investment/events", token: officer,
                ["kind": "fair", "title": "广州新能源汽车展", "heldOn": Clock.today.description, "place": "广州", "contacts": 12])
            #expect(try made.status == .created && (APITests.json(made)["contacts"] as? Int) == 12)
            let events = try APITests.json(try await APITests.get(client, "/api/v1/investment/events", token: officer))
            #expect((events["items"] as? [[String: Any]] ?? []).contains { $0["title"] as? String == "广州新能源汽车展" })

            let ideas = try APITests.json(
                try await APITests.get(client, "/api/v1/investment/ideas?status=adopted", token: officer))
            #expect((ideas["total"] as? Int ?? 0) >= 8)
            let staff = try await APITests.token("staff@zhaoqing", services)
            let idea = try await API.send(
                client, .post, "/api/v1/investment/ideas", token: staff, ["title": "建设储能检测公共平台", "detail": "补齐检测认证环节"])
            #expect(try idea.status == .created && (APITests.json(idea)["status"] as? String) == "submitted")
            // Staff propose ideas but don't register events; residents do neither.
            #expect(
                try await API.send(
                    client, .post, "/api/v1/investment/events", token: staff,
                    ["kind": "fair", "title": "展会", "heldOn": Clock.today.description, "place": "广州"]
                ).status == .forbidden)
            let resident = try await APITests.token("resident@zhaoqing", services)
            #expect(
                try await API.send(
                    client, .post, "/api/v1/investment/ideas", token: resident, ["title": "a", "detail": "b"]
                )
                .status == .forbidden)
        }
    }
}
