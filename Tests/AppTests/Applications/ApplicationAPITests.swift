import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The application and payout operations of `/api/v1`.
@Suite struct ApplicationAPITests {
    @Test func createReviewPayAndReadThroughTheAPI() async throws {
        try await withApp { client, services in
            let item = try await ApplicationFixtures.item(services)
            let enterprise = try await APITests.token("enterprise@foshan", services)
            let staff = try await APITests.token("staff@foshan", services)

            let missing = try await ApplicationFixtures.post(
                client, "/api/v1/applications", token: enterprise,
                json: #"{"itemId": \#(item.id), "requestedAmount": 30, "materials": ["申请表"]}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let problem = try APITests.json(missing)
            let messages = (problem["errors"] as? [[String: Any]])?.compactMap { $0["message"] as? String } ?? []
            #expect(messages.contains("缺少必需材料“营业执照复印件”，请上传"))
            #expect(messages.contains("申请金额 30 万元超过本条款上限 20 万元"))
            #expect(try await ApplicationFixtures.applications(item: item.id, services).isEmpty)

            let created = try await ApplicationFixtures.post(
                client, "/api/v1/applications", token: enterprise,
                json:
                    #"{"itemId": \#(item.id), "requestedAmount": 12.5, "materials": ["申请表", "营业执照复印件"], "note": "接口申报"}"#
            )
            #expect(created.status == .created)
            let body = try APITests.json(created)
            let id = try #require(body["id"] as? Int)
            #expect(body["state"] as? String == "submitted")
            #expect(body["stateLabel"] as? String == "已提交")
            #expect((body["materials"] as? [[String: Any]])?.count == 2)

            let read = try await APITests.get(client, "/api/v1/applications/\(id)", token: enterprise)
            #expect(read.status == .ok)
            #expect(
                try await APITests.get(
                    client, "/api/v1/applications/\(id)",
                    token: try await APITests.token("enterprise@xiangtan", services)
                ).status == .notFound)
            #expect(
                try await APITests.get(
                    client, "/api/v1/applications/\(id)", token: try await APITests.token("invest@foshan", services)
                ).status == .forbidden)

            let selfReview = try await ApplicationFixtures.post(
                client, "/api/v1/applications/\(id)/review", token: enterprise,
                json: #"{"decision": "approve", "approvedAmount": 10}"#)
            #expect(selfReview.status == .forbidden)
            let badDecision = try await ApplicationFixtures.post(
                client, "/api/v1/applications/\(id)/review", token: staff, json: #"{"decision": "maybe"}"#)
            #expect(badDecision.status == .badRequest)
            let noReason = try await ApplicationFixtures.post(
                client, "/api/v1/applications/\(id)/review", token: staff, json: #"{"decision": "reject"}"#)
            #expect(noReason.status == .badRequest)
            let approved = try await ApplicationFixtures.post(
                client, "/api/v1/applications/\(id)/review", token: staff,
                json: #"{"decision": "approve", "approvedAmount": 10}"#)
            #expect(approved.status == .ok)
            #expect(try APITests.json(approved)["approvedAmount"] as? Double == 10)

            let today = Clock.today.description
            let over = try await ApplicationFixtures.post(
                client, "/api/v1/applications/\(id)/payouts", token: staff,
                json: #"{"amount": 11, "paidOn": "\#(today)", "voucherNo": "API-1"}"#)
            #expect(over.status == .badRequest)
            let paid = try await ApplicationFixtures.post(
                client, "/api/v1/applications/\(id)/payouts", token: staff,
                json: #"{"amount": 10, "paidOn": "\#(today)", "voucherNo": "API-1"}"#)
            #expect(paid.status == .created)
            #expect(try APITests.json(paid)["cases"] as? Int == 1)
            #expect(
                try APITests.json(try await APITests.get(client, "/api/v1/applications/\(id)", token: enterprise))[
                    "state"] as? String == "paid")

            let list = try APITests.json(
                try await APITests.get(client, "/api/v1/applications?state=paid&per_page=100", token: enterprise))
            #expect((list["items"] as? [[String: Any]])?.contains { $0["id"] as? Int == id } == true)
            #expect(
                try await APITests.get(client, "/api/v1/applications?state=bogus", token: enterprise).status
                    == .badRequest)
            #expect(
                try await APITests.get(
                    client, "/api/v1/applications", token: try await APITests.token("grid@foshan", services)
                ).status == .forbidden)
            #expect(try await APITests.get(client, "/api/v1/applications", token: nil).status == .unauthorized)

            let payouts = try await APITests.get(
                client, "/api/v1/payouts?year=\(Clock.today.year)&per_page=100", token: enterprise)
            #expect(payouts.status == .ok)
            #expect(try await APITests.get(client, "/api/v1/payouts?year=1", token: enterprise).status == .badRequest)
        }
    }

    @Test func totalsMatchTheSeedAndEnterprisesSeeTheirOwn() async throws {
        try await withApp { client, services in
            let admin = try await APITests.token("admin@xiangtan", services)
            let response = try await APITests.get(client, "/api/v1/payouts/totals", token: admin)
            #expect(response.status == .ok)
            let body = try APITests.json(response)
            #expect(body["count"] as? Int == 1790)
            #expect(body["amount"] as? Double == 2632.4)
            #expect(body["sentence"] as? String == "兑现 1790 件、金额 2632.4 万元")
            let enterprise = try await APITests.token("enterprise@xiangtan", services)
            let own = try APITests.json(try await APITests.get(client, "/api/v1/payouts/totals", token: enterprise))
            #expect((own["count"] as? Int ?? 0) < 1790)
            #expect(
                try await APITests.get(
                    client, "/api/v1/payouts/totals", token: try await APITests.token("resident@xiangtan", services)
                ).status == .forbidden)
        }
    }
}
