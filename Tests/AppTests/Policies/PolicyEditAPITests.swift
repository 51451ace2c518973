import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Writing the ledger through `/api/v1`: the same checks, permissions and matching as the pages.
@Suite struct PolicyEditAPITests {
    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String, json: String
    ) async throws -> TestResponse {
        try await client.execute(
            uri: path, method: method, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: ByteBuffer(string: json))
    }

    static func itemJSON(title: String, rule: String, amount: Double = 30) -> String {
        let body: [String: Any] = [
            "title": title, "benefitKind": "fixed", "benefitAmount": amount, "rule": rule, "windowFrom": "2026-01-01",
            "windowTo": "2026-12-31",
            "content": "对研发投入大的企业给予一次性奖励。", "audience": "本园区注册企业", "applicablePeriod": "2026 年度",
            "conditions": "研发费用占比不低于 4%",
            "materials": [["name": "申请表", "required": true]],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    }

    @Test func staffCreateADocumentAndAnItemAndTheZoneIsMatched() async throws {
        try await withApp { client, services in
            let token = try await APITests.token("staff@zhaoqing", services)
            let staff = try #require(
                try await UserRepository(db: services.database.sql).find(username: "staff@zhaoqing"))
            let department = try #require(staff.departmentId)
            let created = try await Self.send(
                client, .post, "/api/v1/policies", token: token,
                json: """
                    {"title":"肇庆高新区接口测试政策","departmentId":\(department),"effectiveOn":"2026-01-01","status":"published","fullText":"正文"}
                    """)
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let policyID = try #require(try APITests.json(created)["id"] as? Int)

            let rule = #"{"and":[{">=":[{"var":"rdRatio"},0.04]}]}"#
            let item = try await Self.send(
                client, .post, "/api/v1/policies/\(policyID)/items", token: token,
                json: Self.itemJSON(title: "接口测试条款", rule: rule))
            #expect(item.status == .created, "\(String(buffer: item.body))")
            let body = try APITests.json(item)
            let itemID = try #require(body["id"] as? Int)
            #expect(body["ruleText"] as? String == "研发费用占营业收入比例 ≥ 4%")
            // Saved and matched at once: the eligible list is there, through the API too.
            let matches = try await PolicyRepository(db: services.database.sql).matches(itemID: Int64(itemID))
            #expect(!matches.isEmpty && matches.allSatisfy { $0.estimatedAmount == 30 })
            let listed = try APITests.json(
                try await APITests.get(client, "/api/v1/policy-items/\(itemID)/matches?per_page=3", token: token))
            #expect(listed["total"] as? Int == matches.count)
            let first = try #require((listed["items"] as? [[String: Any]])?.first)
            #expect((first["reasons"] as? [String])?.contains { $0.contains("满足") } == true)

            // A stricter rule: fewer enterprises, same item.
            let stricter = #"{"and":[{">=":[{"var":"rdRatio"},0.06]}]}"#
            let updated = try await Self.send(
                client, .put, "/api/v1/policy-items/\(itemID)", token: token,
                json: Self.itemJSON(title: "接口测试条款", rule: stricter))
            #expect(updated.status == .ok)
            #expect(
                try await PolicyRepository(db: services.database.sql).matches(itemID: Int64(itemID)).count
                    < matches.count)

            // Notify everyone eligible, then nobody is left to notify.
            let told = try await Self.send(
                client, .post, "/api/v1/policy-items/\(itemID)/notices", token: token, json: #"{"all":true}"#)
            #expect(told.status == .ok)
            let again = try APITests.json(
                try await Self.send(
                    client, .post, "/api/v1/policy-items/\(itemID)/notices", token: token, json: #"{"all":true}"#))
            #expect(again["notified"] as? Int == 0)
            let neither = try await Self.send(
                client, .post, "/api/v1/policy-items/\(itemID)/notices", token: token, json: "{}")
            #expect(neither.status == .badRequest)
        }
    }

    @Test func badItemsAreRefusedFieldByFieldAndNothingIsSaved() async throws {
        try await withApp { client, services in
            let token = try await APITests.token("admin@zhaoqing", services)
            let policy = try #require(
                try await PolicyRepository(db: services.database.sql).policies(
                    zoneID: try await PolicyFixtures.zoneID("zhaoqing", services)
                ).first)
            let before = try await PolicyFixtures.count("policy_items", services, where: "policy_id", policy.id)
            let unknownField = try await Self.send(
                client, .post, "/api/v1/policies/\(policy.id)/items", token: token,
                json: Self.itemJSON(title: "坏条款", rule: #"{">=":[{"var":"luckyNumber"},7]}"#))
            #expect(unknownField.status == .badRequest)
            let problem = try APITests.json(unknownField)
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(
                errors.contains {
                    $0["field"] as? String == "rule" && ($0["message"] as? String)?.contains("luckyNumber") == true
                })
            let noTitle = try await Self.send(
                client, .post, "/api/v1/policies/\(policy.id)/items", token: token,
                json: Self.itemJSON(title: "", rule: #"{">=":[{"var":"staff"},7]}"#, amount: -5))
            let noTitleErrors = try #require(try APITests.json(noTitle)["errors"] as? [[String: Any]]).compactMap {
                $0["field"] as? String
            }
            #expect(noTitleErrors.contains("title") && noTitleErrors.contains("benefitAmount"))
            #expect(try await PolicyFixtures.count("policy_items", services, where: "policy_id", policy.id) == before)
        }
    }

    @Test func onlyTheIssuingDepartmentAndTheZoneAdminWrite() async throws {
        try await withApp { client, services in
            // issued by 佛山's 市场监管 department
            let policy = try await PolicyFixtures.policy(PolicyFixtures.foshanIP, services)
            let item = try #require(
                try await PolicyRepository(db: services.database.sql).items(policyID: policy.id).first)
            let json = Self.itemJSON(title: "越权修改", rule: #"{">=":[{"var":"staff"},1]}"#)
            for user in ["invest@foshan", "staff@foshan"] {
                let token = try await APITests.token(user, services)
                #expect(
                    try await Self.send(client, .put, "/api/v1/policy-items/\(item.id)", token: token, json: json)
                        .status == .forbidden)
            }
            let foreign = try await APITests.token("admin@jinan", services)
            #expect(
                try await Self.send(client, .put, "/api/v1/policy-items/\(item.id)", token: foreign, json: json).status
                    == .notFound)
            let enterprise = try await APITests.token("enterprise@foshan", services)
            #expect(
                try await Self.send(client, .post, "/api/v1/policies/\(policy.id)/items", token: enterprise, json: json)
                    .status == .forbidden)
            #expect(try await PolicyRepository(db: services.database.sql).item(id: item.id)?.title == item.title)
        }
    }

    @Test func certificationsAreRecordedAndTheEnterpriseIsRematched() async throws {
        try await withApp { client, services in
            let enterpriseID = try await PolicyFixtures.enterpriseID(of: "enterprise@xiangtan", services)
            let staff = try await APITests.token("admin@xiangtan", services)
            let created = try await Self.send(
                client, .post, "/api/v1/enterprises/\(enterpriseID)/certifications", token: staff,
                json: #"{"kind":"gazelle","certifiedOn":"2026-03-01","certificateNo":"LY-2026-001"}"#)
            #expect(created.status == .created, "\(String(buffer: created.body))")
            #expect(try APITests.json(created)["label"] as? String == "瞪羚企业")
            let twice = try await Self.send(
                client, .post, "/api/v1/enterprises/\(enterpriseID)/certifications", token: staff,
                json: #"{"kind":"gazelle","certifiedOn":"2026-03-01"}"#)
            #expect(twice.status == .badRequest)
            let future = try await Self.send(
                client, .post, "/api/v1/enterprises/\(enterpriseID)/certifications", token: staff,
                json: #"{"kind":"listed","certifiedOn":"2099-01-01"}"#)
            #expect(
                (try APITests.json(future)["errors"] as? [[String: Any]])?.first?["field"] as? String == "certifiedOn")
            let own = try await APITests.token("enterprise@xiangtan", services)
            let list = try APITests.json(
                try await APITests.get(client, "/api/v1/enterprises/\(enterpriseID)/certifications", token: own))
            #expect(
                (list["items"] as? [[String: Any]])?.contains {
                    $0["kind"] as? String == "gazelle" && $0["valid"] as? Bool == true
                } == true)
            #expect(
                try await Self.send(
                    client, .post, "/api/v1/enterprises/\(enterpriseID)/certifications", token: own,
                    json: #"{"kind":"listed","certifiedOn":"2026-01-01"}"#
                ).status == .forbidden)
            let audit = try await services.database.sql.select().column("action").from("audit_log").where(
                "entity", .equal, "policy_match"
            )
            .where("after_json", .like, "%登记资质%").all()
            #expect(!audit.isEmpty)
        }
    }
}
