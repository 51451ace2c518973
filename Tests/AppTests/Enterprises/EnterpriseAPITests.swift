import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import App

@Suite struct EnterpriseAPITests {
    static func put(_ client: any TestClientProtocol, _ path: String, token: String, json: String) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: path, method: .put, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: ByteBuffer(string: json))
    }

    @Test func enterpriseReportsFiguresThroughTheAPIWithFieldErrors() async throws {
        try await withApp { client, services in
            let (own, other, _) = try await PermissionTests.enterpriseIDs(services)
            let token = try await APITests.token("enterprise@foshan", services)
            let bad = try await Self.put(
                client, "/api/v1/enterprises/\(own)/facts/2019", token: token,
                json: #"{"staff": 10, "techStaff": 20, "debtRatio": 1.5}"#)
            #expect(bad.status == .badRequest)
            let fields = (try APITests.json(bad)["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] }
            #expect(fields.contains("techStaff"))
            #expect(fields.contains("debtRatio"))
            #expect(
                try await EnterpriseRepository(db: services.database.sql).facts(enterpriseID: own).first {
                    $0.year == 2019
                } == nil)

            let good = try await Self.put(
                client, "/api/v1/enterprises/\(own)/facts/2019", token: token,
                json: #"{"revenue": 2500, "staff": 40, "techStaff": 9}"#)
            #expect(good.status == .ok)
            let list = try APITests.json(
                try await APITests.get(client, "/api/v1/enterprises/\(own)/facts", token: token))
            let years = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["year"] as? Int }
            #expect(years.contains(2019))
            // Another enterprise's figures don't exist as far as this user can tell.
            #expect(
                try await Self.put(client, "/api/v1/enterprises/\(other)/facts/2019", token: token, json: "{}").status
                    == .notFound)
            #expect(
                try await APITests.get(client, "/api/v1/enterprises/\(other)/facts", token: token).status == .notFound)
        }
    }

    @Test func assessmentAndCandidatesExplainTheCriteria() async throws {
        try await withApp { client, services in
            let (own, _, _) = try await PermissionTests.enterpriseIDs(services)
            let token = try await APITests.token("staff@foshan", services)
            let assessment = try APITests.json(
                try await APITests.get(client, "/api/v1/enterprises/\(own)/assessment", token: token))
            let criteria = assessment["criteria"] as? [[String: Any]] ?? []
            #expect(criteria.contains { $0["code"] as? String == "high_tech" })
            let candidates = try APITests.json(
                try await APITests.get(client, "/api/v1/criteria/high_tech/candidates?per_page=5", token: token))
            let items = candidates["items"] as? [[String: Any]] ?? []
            #expect(items.count == 5)
            // The stored ranking keeps numbers; what each still lacks is written for the rows shown.
            #expect(items.allSatisfy { !(($0["shortfalls"] as? [String]) ?? []).isEmpty })
            // One line per unmet part, each "what：how far".
            #expect(items.allSatisfy { (($0["shortfalls"] as? [String]) ?? []).allSatisfy { $0.contains("：") } })
            let closeness = items.compactMap { $0["closeness"] as? Double }
            #expect(closeness == closeness.sorted(by: >))
            #expect(
                try await APITests.get(client, "/api/v1/criteria/no_such/candidates", token: token).status == .notFound)
            let enterpriseToken = try await APITests.token("enterprise@foshan", services)
            #expect(
                try await APITests.get(client, "/api/v1/criteria/high_tech/candidates", token: enterpriseToken).status
                    == .forbidden)
        }
    }
}
