import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

@testable import App

/// A browser in a test: keeps cookies, sends the CSRF token with every form, follows nothing
/// automatically (tests look at redirects themselves).
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// Each browser comes from its own address (sent as X-Forwarded-For, which the test config
    /// trusts), so one test's wrong passwords can't trip another test's per-address lock-out.
    let address = "10.\(UInt8.random(in: 0...255)).\(UInt8.random(in: 0...255)).\(UInt8.random(in: 1...254))"

    init(_ client: any TestClientProtocol) { self.client = client }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    mutating func remember(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0])
            let value = String(pair[1])
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    mutating func get(_ path: String) async throws -> TestResponse {
        var headers: HTTPFields = [Self.forwardedFor: address]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        remember(response)
        return response
    }

    /// Posts a form with the CSRF token (fetching one first if this browser has none yet).
    mutating func post(_ path: String, form: [(String, String)], csrf: Bool = true) async throws -> TestResponse {
        if csrf, cookies[CSRFMiddleware.cookieName] == nil { _ = try await get(SiteURL.login.path) }
        var fields = form
        if csrf { fields.append((CSRFMiddleware.fieldName, cookies[CSRFMiddleware.cookieName] ?? "")) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", Self.forwardedFor: address]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Signs in and checks the redirect.
    mutating func login(_ username: String, password: String = DemoLoader.password) async throws -> TestResponse {
        try await post(SiteURL.login.path, form: [("username", username), ("password", password)])
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}

/// Builds the real application over the shared test database and runs `body` against it.
func withApp(_ body: @escaping @Sendable (any TestClientProtocol, AppServices) async throws -> Void) async throws {
    let services = try await TestDatabase.services()
    let app = try await buildApplication(services: services)
    try await app.test(.router) { client in try await body(client, services) }
}
