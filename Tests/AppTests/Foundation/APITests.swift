import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

@Suite struct APITests {
    /// A fresh API token for a demo user, made the way the profile page makes one.
    static func token(_ username: String, _ services: AppServices) async throws -> String {
        let user = try await UserRepository(db: services.database.sql).find(username: username)!
        return try await services.database.transaction { db in
            try await APITokenRepository(db: db).create(userID: user.id, name: "测试").secret
        }
    }

    static func get(_ client: any TestClientProtocol, _ path: String, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: path, method: .get, headers: headers, body: nil)
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    @Test func meAnswersWithTheTokensUser() async throws {
        try await withApp { client, services in
            let token = try await Self.token("staff@foshan", services)
            let response = try await Self.get(client, "/api/v1/me", token: token)
            #expect(response.status == .ok)
            let body = try Self.json(response)
            #expect(body["username"] as? String == "staff@foshan")
            #expect(body["role"] as? String == "department_staff")
        }
    }

    @Test func missingOrRevokedTokenIs401ProblemJSON() async throws {
        try await withApp { client, services in
            let none = try await Self.get(client, "/api/v1/me", token: nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try Self.json(none)["status"] as? Int == 401)

            let user = try await UserRepository(db: services.database.sql).find(username: "grid@foshan")!
            let created = try await services.database.transaction { db in
                try await APITokenRepository(db: db).create(userID: user.id, name: "临时")
            }
            #expect(try await Self.get(client, "/api/v1/me", token: created.secret).status == .ok)
            try await services.database.transaction { db in
                try await APITokenRepository(db: db).revoke(id: created.id, userID: user.id)
            }
            #expect(try await Self.get(client, "/api/v1/me", token: created.secret).status == .unauthorized)
        }
    }

    @Test func enterpriseUserAskingForAnotherEnterpriseGets404() async throws {
        try await withApp { client, services in
            let (own, other, foreign) = try await PermissionTests.enterpriseIDs(services)
            let token = try await Self.token("enterprise@foshan", services)
            #expect(try await Self.get(client, "/api/v1/enterprises/\(own)", token: token).status == .ok)
            let response = try await Self.get(client, "/api/v1/enterprises/\(other)", token: token)
            #expect(response.status == .notFound)
            #expect(try Self.json(response)["title"] as? String == "记录不存在")
            #expect(try await Self.get(client, "/api/v1/enterprises/\(foreign)", token: token).status == .notFound)
            // Their list holds their own enterprise only.
            let list = try Self.json(try await Self.get(client, "/api/v1/enterprises", token: token))
            #expect(list["total"] as? Int == 1)
        }
    }

    @Test func staffListIsTheirZoneOnlyAndPaged() async throws {
        try await withApp { client, services in
            let token = try await Self.token("admin@jinan", services)
            let body = try Self.json(try await Self.get(client, "/api/v1/enterprises?per_page=2", token: token))
            let jinan = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first {
                $0.code == "jinan"
            }!
            #expect(
                body["total"] as? Int
                    == (try await EnterpriseRepository(db: services.database.sql).count(zoneID: jinan.id)))
            #expect((body["items"] as? [Any])?.count == 2)
            let zones = try Self.json(try await Self.get(client, "/api/v1/zones", token: token))
            #expect(zones["total"] as? Int == 1)
        }
    }

    @Test func badPagingIsAFieldLevelProblem() async throws {
        try await withApp { client, services in
            let token = try await Self.token("admin@jinan", services)
            let response = try await Self.get(client, "/api/v1/enterprises?page=0&per_page=500", token: token)
            #expect(response.status == .badRequest)
            let errors = try #require(try Self.json(response)["errors"] as? [[String: String]])
            #expect(errors.map { $0["field"] } == ["page", "per_page"])
            let garbage = try await Self.get(client, "/api/v1/enterprises?page=abc", token: token)
            #expect(garbage.status == .badRequest)
        }
    }

    @Test func residentCannotReadTheAuditLog() async throws {
        try await withApp { client, services in
            let token = try await Self.token("resident@jinan", services)
            #expect(try await Self.get(client, "/api/v1/audit-log", token: token).status == .forbidden)
            let admin = try await Self.token("admin@jinan", services)
            #expect(try await Self.get(client, "/api/v1/audit-log", token: admin).status == .ok)
        }
    }

    @Test func documentIsServedAndUndeclaredMethodsAre405() async throws {
        try await withApp { client, _ in
            let doc = try await client.execute(uri: "/api/v1/openapi.json", method: .get, headers: [:], body: nil)
            #expect(doc.status == .ok)
            let body = try Self.json(doc)
            #expect(body["openapi"] as? String == "3.1.0")
            #expect((body["paths"] as? [String: Any])?["/enterprises/{enterpriseId}"] != nil)
            let post = try await client.execute(uri: "/api/v1/me", method: .post, headers: [:], body: nil)
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET")
            let unknown = try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: [:], body: nil)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType]?.hasPrefix("application/problem+json") == true)
        }
    }
}
