import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import App

/// The consultation operations of `/api/v1`.
@Suite struct ConsultationAPITests {
    static func send(_ client: any TestClientProtocol, _ path: String, token: String, json: String) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: path, method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: ByteBuffer(string: json))
    }

    @Test func askAnswerRateAndListThroughTheAPI() async throws {
        try await withApp { client, services in
            let item = try await ConsultationFixtures.item(zone: "shenyang", services)
            let enterprise = try await APITests.token("enterprise@shenyang", services)
            let staff = try await APITests.token("staff@shenyang", services)
            let other = try await APITests.token("enterprise@jinan", services)

            let invalid = try await Self.send(
                client, "/api/v1/consultations", token: enterprise,
                json: #"{"policyItemId": \#(item.id), "question": "问"}"#)
            #expect(invalid.status == .badRequest)
            let problem = try APITests.json(invalid)
            #expect((problem["errors"] as? [[String: Any]])?.first?["field"] as? String == "question")
            #expect(
                try await Self.send(
                    client, "/api/v1/consultations", token: staff,
                    json: #"{"policyItemId": \#(item.id), "question": "工作人员能提问吗？"}"#
                ).status == .forbidden)
            #expect(
                try await Self.send(
                    client, "/api/v1/consultations", token: other,
                    json: #"{"policyItemId": \#(item.id), "question": "其他园区的企业提问"}"#
                ).status == .notFound)

            let created = try await Self.send(
                client, "/api/v1/consultations", token: enterprise,
                json: #"{"policyItemId": \#(item.id), "question": "申报截止后还能补交材料吗？"}"#)
            #expect(created.status == .created)
            let body = try APITests.json(created)
            let id = try #require((body["id"] as? Int).map(Int64.init))
            #expect(body["state"] as? String == "submitted")
            #expect(body["stateLabel"] as? String == "待答复")
            #expect(body["deadline"] as? String != nil)
            #expect(body["overdue"] as? Bool == false)

            let mine = try APITests.json(try await APITests.get(client, "/api/v1/me/consultations", token: enterprise))
            #expect((mine["items"] as? [[String: Any]])?.contains { $0["id"] as? Int == Int(id) } == true)
            let inbox = try APITests.json(
                try await APITests.get(client, "/api/v1/consultations?state=submitted", token: staff))
            #expect((inbox["items"] as? [[String: Any]])?.contains { $0["id"] as? Int == Int(id) } == true)
            let badState = try await APITests.get(client, "/api/v1/consultations?state=done", token: staff)
            #expect(badState.status == .badRequest)
            #expect(
                try APITests.json(badState)["detail"] as? String == "state：状态只能是 submitted、answered、withdrawn，收到“done”")
            #expect(try await APITests.get(client, "/api/v1/consultations", token: enterprise).status == .forbidden)
            #expect(try await APITests.get(client, "/api/v1/me/consultations", token: staff).status == .forbidden)

            #expect(
                try await Self.send(
                    client, "/api/v1/consultations/\(id)/answer", token: enterprise, json: #"{"answer": "自答"}"#
                ).status == .forbidden)
            #expect(
                try await Self.send(
                    client, "/api/v1/consultations/\(id)/answer", token: other, json: #"{"answer": "外区"}"#
                ).status == .notFound)
            let answered = try await Self.send(
                client, "/api/v1/consultations/\(id)/answer", token: staff, json: #"{"answer": "截止后不再受理补交。"}"#)
            #expect(answered.status == .ok)
            #expect(try APITests.json(answered)["answer"] as? String == "截止后不再受理补交。")
            let twice = try await Self.send(
                client, "/api/v1/consultations/\(id)/answer", token: staff, json: #"{"answer": "再答一次"}"#)
            #expect(twice.status == .badRequest)

            let rated = try await Self.send(
                client, "/api/v1/consultations/\(id)/rating", token: enterprise,
                json: #"{"level": "very_dissatisfied", "comment": "不能补交太严格"}"#)
            #expect(rated.status == .ok)
            let ratedBody = try APITests.json(rated)
            #expect(ratedBody["rating"] as? String == "very_dissatisfied")
            #expect((ratedBody["followUpCaseIds"] as? [Int])?.count == 1)
            let again = try await Self.send(
                client, "/api/v1/consultations/\(id)/rating", token: enterprise, json: #"{"level": "satisfied"}"#)
            #expect(again.status == .badRequest)
            #expect(try APITests.json(again)["detail"] as? String == "level：该案件已评价过，每件只能评价一次")
            #expect(
                try await Self.send(
                    client, "/api/v1/consultations/\(id)/rating", token: enterprise, json: #"{"level": "good"}"#
                ).status == .badRequest)
            #expect(
                try await Self.send(
                    client, "/api/v1/consultations/999999/rating", token: enterprise, json: #"{"level": "satisfied"}"#
                ).status == .notFound)
        }
    }
}
