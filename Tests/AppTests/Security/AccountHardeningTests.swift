import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

@testable import App

/// Issue #11's findings on accounts, cookies, headers and bodies: each test failed before its fix.
@Suite struct AccountHardeningTests {
    // MARK: Open redirect after login

    @Test(arguments: [
        "/%09/evil.example", "/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example",
        "/%5Cevil.example", "/%2F/evil.example", "/\n/evil.example",
    ])
    func loginNeverRedirectsToAnotherSite(next: String) async throws {
        #expect(AccountRoutes.localPath(next) == nil)
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.get(SiteURL.login.path)
            let response = try await browser.post(
                SiteURL.login.path,
                form: [("username", "staff@xian"), ("password", DemoLoader.password), ("next", next)])
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
        }
    }

    @Test func loginReturnsToAPageOfThisSite() {
        #expect(
            AccountRoutes.localPath("/m/policies?q=%E7%A7%91%E6%8A%80&page=2")
                == "/m/policies?q=%E7%A7%91%E6%8A%80&page=2")
        #expect(AccountRoutes.localPath("/m/enterprises/12") == "/m/enterprises/12")
    }

    // MARK: Lock-out behind a proxy

    @Test func theClientAddressIsTheOneTheTrustedProxyWrote() {
        #expect(ClientAddressMiddleware.client(["1.2.3.4"], hops: 1) == "1.2.3.4")
        // The client wrote "6.6.6.6"; our proxy appended the address it saw.
        #expect(ClientAddressMiddleware.client(["6.6.6.6", "10.1.1.1"], hops: 1) == "10.1.1.1")
        #expect(ClientAddressMiddleware.client(["6.6.6.6", "10.1.1.1", "192.168.0.2"], hops: 2) == "10.1.1.1")
        // Shorter than the chain: not from behind our proxies; the peer address stands.
        #expect(ClientAddressMiddleware.client(["10.1.1.1"], hops: 2) == nil)
    }

    @Test func aChangingForwardedForDoesNotEscapeTheLockOut() async throws {
        try await withApp { client, _ in
            let real = "10.77.\(UInt8.random(in: 0...255)).\(UInt8.random(in: 1...254))"
            var last: TestResponse?
            for attempt in 1...6 {
                // The attacker puts a fresh address first each time; the proxy appends the real one.
                let headers: HTTPFields = [
                    .contentType: "application/x-www-form-urlencoded",
                    Browser.forwardedFor: "203.0.113.\(attempt), \(real)",
                ]
                var probe = Browser(client)
                _ = try await probe.get(SiteURL.login.path)
                var fields = headers
                fields[.cookie] = probe.cookieHeader
                let body = "username=invest%40xian&password=wrong-\(attempt)&_csrf=\(probe.cookies["gx_csrf"] ?? "")"
                last = try await client.execute(
                    uri: SiteURL.login.path, method: .post, headers: fields, body: ByteBuffer(string: body))
            }
            #expect(last?.status == .tooManyRequests)
        }
    }

    @Test func anOverlongUsernameIsRefusedBeforeTheLockOutTable() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            let name = String(repeating: "a", count: 5000)
            let response = try await browser.login(name, password: "x")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("不超过 60 个字符"))
            let stored = try await services.database.sql.select().from("login_attempts")
                .where("username", .equal, name).countRows()
            #expect(stored == 0)
        }
    }

    @Test func dayOldLoginAttemptsArePurged() async throws {
        let services = try await TestDatabase.services()
        let name = "purge-\(UInt32.random(in: 0...UInt32.max))"
        let now = Clock.nowSeconds()
        try await Clock.$fixedNow.withValue(now - 2 * 86_400) {
            try await services.database.transaction { db in
                try await LoginAttemptRepository(db: db).record(username: name, address: "10.0.0.9", succeeded: false)
            }
        }
        try await services.database.transaction { db in
            try await LoginAttemptRepository(db: db).record(username: name, address: "10.0.0.9", succeeded: false)
            try await LoginAttemptRepository(db: db).purge(before: now - 86_400)
        }
        let left = try await services.database.sql.select().from("login_attempts").where("username", .equal, name)
            .countRows()
        #expect(left == 1)
    }

    // MARK: Headers

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            for path in ["/", "/m/policies", "/no-such-page", "/api/v1/me", "/healthz"] {
                let response = try await browser.get(path)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(csp.contains("default-src 'none'"), "\(path)")
                #expect(!csp.contains("script-src"), "\(path): no script is ever allowed")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(path)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(path)")
                #expect(response.headers[.strictTransportSecurity] == nil, "\(path): no HTTPS in tests")
            }
        }
    }

    @Test func behindHTTPSCookiesAreSecureAndHSTSIsSent() async throws {
        let shared = try await TestDatabase.services()
        var config = shared.config
        config.secureCookies = true
        let services = AppServices(
            config: config, database: shared.database, pages: shared.pages, cases: shared.cases, logger: shared.logger)
        let app = try await buildApplication(services: services)
        try await app.test(.router) { client in
            var browser = Browser(client)
            let page = try await browser.get(SiteURL.login.path)
            #expect(page.headers[.strictTransportSecurity]?.contains("max-age=") == true)
            #expect(page.headers[values: .setCookie].contains { $0.hasPrefix("gx_csrf=") && $0.contains("Secure") })
            let wrong = try await browser.login("staff@xian", password: "wrong-one-1")
            #expect(wrong.status == .unauthorized)
            let out = try await browser.post(SiteURL.logout.path, form: [])
            let cookies = out.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("gx_flash=") })
            #expect(cookies.filter { $0.hasPrefix("gx_flash=") }.allSatisfy { $0.contains("; Secure") })
        }
    }

    // MARK: Password changes end other sessions and tokens; tokens expire

    @Test func changingThePasswordSignsOutOtherSessionsAndRevokesTokens() async throws {
        try await withApp { client, services in
            // setup: a throwaway account signed in twice, with a token
            let username = "pw-\(UInt32.random(in: 0...UInt32.max))@xian"
            let password = "Start@2026pw"
            try await Self.makeUser(username, password: password, services: services)
            var laptop = Browser(client)
            var phone = Browser(client)
            #expect(try await laptop.login(username, password: password).status == .seeOther)
            #expect(try await phone.login(username, password: password).status == .seeOther)
            let user = try #require(try await UserRepository(db: services.database.sql).find(username: username))
            let token = try await services.database.transaction { db in
                try await APITokenRepository(db: db).create(userID: user.id, name: "脚本")
            }.secret
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer).status == .ok)
            // MUT
            let changed = try await laptop.post(
                SiteURL.profilePassword.path,
                form: [
                    ("current_password", password), ("new_password", "Changed@2026pw"),
                    ("confirm_password", "Changed@2026pw"),
                ])
            // validate
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get(SiteURL.profile.path).status == .ok, "the session that changed it stays")
            let other = try await phone.get(SiteURL.profile.path)
            #expect(other.status == .found || other.status == .seeOther, "the other device is signed out")
            #expect(other.location?.hasPrefix(SiteURL.login.path) == true)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer).status == .unauthorized)
        }
    }

    @Test func tokensExpire() async throws {
        try await withApp { client, services in
            let user = try #require(try await UserRepository(db: services.database.sql).find(username: "staff@xian"))
            let token = try await services.database.transaction { db in
                try await APITokenRepository(db: db).create(userID: user.id, name: "短期", days: 30)
            }.secret
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer).status == .ok)
            let later = Clock.nowSeconds() + 31 * 86_400
            let expired = try await Clock.$fixedNow.withValue(later) {
                try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer)
            }
            #expect(expired.status == .unauthorized)
        }
    }

    // MARK: Bodies

    @Test func anOversizedAPIBodyIsRefusedBeforeAuthentication() async throws {
        try await withApp { client, _ in
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: 2 * 1024 * 1024)
            let response = try await client.execute(
                uri: "/api/v1/policies", method: .post, headers: [.contentType: "application/json"], body: big)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
        }
    }

    @Test func strangersCannotSendUploadSizedBodies() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.get(SiteURL.login.path)
            var headers: HTTPFields = [
                .contentType: "multipart/form-data; boundary=x", .cookie: browser.cookieHeader,
                Browser.forwardedFor: browser.address,
            ]
            headers[.contentLength] = String(15 * 1024 * 1024)
            let response = try await client.execute(
                uri: SiteURL.enterpriseImport.path, method: .post, headers: headers,
                body: ByteBuffer(string: "--x--"))
            #expect(response.status == .seeOther || response.status == .found)
            #expect(response.location?.hasPrefix(SiteURL.login.path) == true)
        }
    }

    static func makeUser(_ username: String, password: String, services: AppServices) async throws {
        let hash = try await services.hasher.hash(password)
        let zone = try #require(try await ZoneRepository(db: services.database.sql).zone(code: "xian"))
        let now = Clock.nowSeconds()
        _ = try await services.database.transaction { db in
            try await UserRepository(db: db).insert(
                UserRow(
                    id: 0, zoneId: zone.id, username: username, displayName: "测试", role: "investment_officer",
                    passwordHash: hash, departmentId: nil, enterpriseId: nil, personId: nil, isActive: true,
                    createdAt: now, passwordChangedAt: now))
        }
    }
}
