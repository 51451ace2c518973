import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import App

/// The 助企 and 共享法庭 operations of `/api/v1`.
@Suite struct EnterpriseHelpAPITests {
    static func send(_ client: any TestClientProtocol, _ path: String, token: String, json: String) async throws
        -> TestResponse
    {
        try await ConsultationAPITests.send(client, path, token: token, json: json)
    }

    static func fields(_ response: TestResponse) throws -> [String] {
        ((try APITests.json(response)["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
    }

    @Test func aDemandGoesRoundTheLoopThroughTheAPI() async throws {
        try await withApp { client, services in
            let enterprise = try await APITests.token("enterprise@shenyang", services)
            let admin = try await APITests.token("admin@shenyang", services)
            let staff = try await APITests.token("staff@shenyang", services)
            let foreign = try await APITests.token("enterprise@jinan", services)
            let staffRow = try await UserRepository(db: services.database.sql).find(username: "staff@shenyang")!

            let bad = try await Self.send(
                client, "/api/v1/help/demands", token: enterprise, json: #"{"category": "financing", "text": "短"}"#)
            #expect(bad.status == .badRequest)
            #expect(try Self.fields(bad) == ["demand_text"])
            let other = try await Self.send(
                client, "/api/v1/help/demands", token: enterprise,
                json: #"{"enterpriseId": 1, "category": "financing", "text": "为别的企业提出的诉求"}"#)
            #expect(other.status == .badRequest)
            #expect(try Self.fields(other) == ["enterprise"])

            let created = try await Self.send(
                client, "/api/v1/help/demands", token: enterprise,
                json: #"{"category": "approval", "text": "API 测试：厂房竣工验收排期，希望加快"}"#)
            #expect(created.status == .created)
            let id = try #require(try APITests.json(created)["id"] as? Int)
            #expect(try APITests.json(created)["state"] as? String == "submitted")
            #expect(try await APITests.get(client, "/api/v1/help/demands/\(id)", token: foreign).status == .notFound)

            let routed = try await Self.send(
                client, "/api/v1/help/demands/\(id)/steps", token: admin,
                json: #"{"transition": "route", "departmentId": \#(staffRow.departmentId!)}"#)
            #expect(routed.status == .ok)
            #expect(
                try await Self.send(
                    client, "/api/v1/help/demands/\(id)/steps", token: enterprise,
                    json: #"{"transition": "answer", "note": "自答"}"#
                ).status == .forbidden)
            let answered = try await Self.send(
                client, "/api/v1/help/demands/\(id)/steps", token: staff,
                json: #"{"transition": "answer", "note": "已协调住建部门，本周内验收。"}"#)
            #expect(try APITests.json(answered)["state"] as? String == "answered")
            let confirmed = try await Self.send(
                client, "/api/v1/help/demands/\(id)/steps", token: enterprise, json: #"{"transition": "confirm"}"#)
            #expect(try APITests.json(confirmed)["state"] as? String == "confirmed")
            let rated = try await Self.send(
                client, "/api/v1/help/demands/\(id)/rating", token: enterprise, json: #"{"level": "satisfied"}"#)
            #expect(try APITests.json(rated)["rating"] as? String == "satisfied")
            let again = try await Self.send(
                client, "/api/v1/help/demands/\(id)/rating", token: enterprise, json: #"{"level": "satisfied"}"#)
            #expect(again.status == .badRequest)

            let list = try APITests.json(try await APITests.get(client, "/api/v1/help/demands", token: enterprise))
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(items.contains { $0["id"] as? Int == id })
            let own = try await UserRepository(db: services.database.sql).find(username: "enterprise@shenyang")!
            #expect(items.allSatisfy { ($0["enterpriseId"] as? Int).map(Int64.init) == own.enterpriseId })
        }
    }

    @Test func aVisitByAPairedCadreAndAMediationCaseThroughTheAPI() async throws {
        try await withApp { client, services in
            let zoneID = try await PolicyFixtures.zoneID("shenyang", services)
            let staffRow = try await UserRepository(db: services.database.sql).find(username: "staff@shenyang")!
            let repo = EnterpriseHelpRepository(db: services.database.sql)
            let mine = try await repo.pairings(zoneID: zoneID, activeOnly: true, cadreID: staffRow.id).first!
            let staff = try await APITests.token("staff@shenyang", services)
            let visit = try await Self.send(
                client, "/api/v1/help/visits", token: staff,
                json: #"""
                    {"enterpriseId": \#(mine.enterpriseId), "visitedOn": "\#(Clock.today)", "peopleMet": "厂长",
                     "findings": "API 测试走访", "demandCategory": "land", "demandText": "二期用地需要协调"}
                    """#)
            #expect(visit.status == .created)
            #expect((try APITests.json(visit)["demandIds"] as? [Int])?.count == 1)
            let visits = try await APITests.get(client, "/api/v1/help/visits", token: staff)
            #expect(visits.status == .ok)
            let enterprise = try await APITests.token("enterprise@shenyang", services)
            #expect(try await APITests.get(client, "/api/v1/help/visits", token: enterprise).status == .forbidden)

            let resident = try await APITests.token("resident@jinan", services)
            let office = try await APITests.token("staff@jinan", services)
            let bad = try await Self.send(
                client, "/api/v1/mediation/cases", token: resident,
                json: #"{"kind": "consumer", "claim": "退款", "respondent": "某商家", "amount": -1}"#)
            #expect(bad.status == .badRequest)
            let filed = try await Self.send(
                client, "/api/v1/mediation/cases", token: resident,
                json: #"{"kind": "consumer", "claim": "API 测试：退款 59 元", "respondent": "某商家", "amount": 59}"#)
            #expect(filed.status == .created)
            let id = try #require(try APITests.json(filed)["id"] as? Int)
            for step in [
                #"{"transition": "accept"}"#,
                #"{"transition": "schedule", "sessionAt": "2026-12-01 10:00", "sessionLink": "https://court.example.cn/r/1", "participants": "双方"}"#,
                #"{"transition": "agree", "agreement": "商家退款 59 元。", "agreementAmount": 59}"#,
            ] {
                #expect(
                    try await Self.send(client, "/api/v1/mediation/cases/\(id)/steps", token: office, json: step).status
                        == .ok)
            }
            let parties =
                try APITests.json(try await APITests.get(client, "/api/v1/mediation/cases/\(id)", token: office))[
                    "parties"] as? [[String: Any]] ?? []
            let respondent = try #require(parties.first { $0["side"] as? String == "respondent" }?["id"] as? Int)
            // A party may not confirm for the other side; the office records the respondent's confirmation.
            let wrong = try await Self.send(
                client, "/api/v1/mediation/cases/\(id)/confirmation", token: resident,
                json: #"{"partyId": \#(respondent)}"#)
            #expect(wrong.status == .badRequest)
            #expect(
                try await Self.send(
                    client, "/api/v1/mediation/cases/\(id)/confirmation", token: office,
                    json: #"{"partyId": \#(respondent)}"#
                ).status == .ok)
            let done = try await Self.send(
                client, "/api/v1/mediation/cases/\(id)/confirmation", token: resident, json: "{}")
            #expect(try APITests.json(done)["state"] as? String == "settled")
            #expect(try APITests.json(done)["onTarget"] as? Bool == true)
            let stranger = try await APITests.token("enterprise@jinan", services)
            #expect(
                try await APITests.get(client, "/api/v1/mediation/cases/\(id)", token: stranger).status == .notFound)
        }
    }
}
