import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit

@testable import App

/// A zone of the test's own (EventFixtures.ownZone: admin@, staff@, grid@, resident@ its code) with
/// grids made by the test, CSV uploads and the one-time codes pages show.
enum UserFixtures {
    static func user(_ username: String, _ services: AppServices) async throws -> UserRow {
        try await UserRepository(db: services.database.sql).find(username: username)!
    }

    static func grid(_ id: Int64, zoneID: Int64, _ services: AppServices) async throws -> GridRow {
        try await GridRepository(db: services.database.sql).grid(id: id, zoneID: zoneID)!
    }

    /// Posts a CSV file as the import forms do (multipart, with the CSRF token).
    static func upload(_ browser: inout Browser, _ path: String, csv: String) async throws -> TestResponse {
        if browser.cookies[CSRFMiddleware.cookieName] == nil { _ = try await browser.get("/login") }
        let boundary = "----gaoxin-users-\(UInt32.random(in: 0...UInt32.max))"
        var body = Data()
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(CSRFMiddleware.fieldName)\"\r\n\r\n\(browser.cookies[CSRFMiddleware.cookieName] ?? "")\r\n"
                    .utf8))
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    .utf8))
        body.append(Data(csv.utf8))
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        let response = try await browser.client.execute(
            uri: path, method: .post,
            headers: [
                .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: browser.cookieHeader,
                Browser.forwardedFor: browser.address,
            ], body: ByteBuffer(bytes: body))
        browser.remember(response)
        return response
    }

    /// The one-time codes a page shows, in order.
    static func codes(_ html: String) -> [String] {
        html.matches(of: /class="activation-code">([0-9A-Z-]+)</).map { String($0.output.1) }
    }

    /// A valid 身份证号 no other test uses.
    static func idNumber() -> String {
        let serial = String(format: "%03d", Int.random(in: 0...999))
        let day = String(format: "%02d", Int.random(in: 1...28))
        let month = String(format: "%02d", Int.random(in: 1...12))
        let year = String(Int.random(in: 1950...2000))
        let area = String(Int.random(in: 110_101...659_000))
        return DemoLoader.residentID(body: "\(area)\(year)\(month)\(day)\(serial)")
    }

    static func count(_ table: String, zoneID: Int64, _ services: AppServices) async throws -> Int {
        try await PolicyFixtures.count(table, services, where: "zone_id", zoneID)
    }

    /// Creates an API token for a user (as 个人中心 does); the plain secret.
    static func token(_ userID: Int64, _ services: AppServices) async throws -> String {
        try await services.database.transaction { db in
            try await APITokenRepository(db: db).create(userID: userID, name: "测试").secret
        }
    }

    static func api(
        _ client: any TestClientProtocol, _ path: String, token: String, method: HTTPRequest.Method = .get,
        json: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(
            uri: "/api/v1" + path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}
