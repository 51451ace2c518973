import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import App

@Suite struct LoginTests {
    /// Each demo role signs in and sees its own navigation (and not the others').
    @Test(arguments: [
        ("admin@foshan", ["企业", "惠企政策", "招商引资", "用户", "审计日志"], ["全部园区"]),
        ("staff@foshan", ["企业", "惠企政策", "统计监测"], ["用户", "审计日志"]),
        ("invest@foshan", ["招商引资", "企业"], ["基层治理", "用户"]),
        ("grid@foshan", ["基层治理", "政务服务"], ["企业", "招商引资", "用户"]),
        ("enterprise@foshan", ["企业", "惠企政策", "助企服务"], ["招商引资", "基层治理", "用户"]),
        ("resident@foshan", ["基层治理", "惠企政策"], ["企业", "招商引资", "用户"]),
        ("platform", ["全部园区", "用户", "审计日志"], []),
    ])
    func eachRoleSeesItsNavigation(username: String, shows: [String], hides: [String]) async throws {
        try await withApp { client, _ in
            // setup
            var browser = Browser(client)
            // MUT
            let login = try await browser.login(username)
            // validate
            #expect(login.status == .seeOther)
            #expect(login.location == "/")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            let nav = Self.navigation(home.text)
            for item in shows { #expect(nav.contains(">\(item)</a>"), "\(username) should see \(item)") }
            for item in hides { #expect(!nav.contains(">\(item)</a>"), "\(username) should not see \(item)") }
        }
    }

    static func navigation(_ html: String) -> String {
        guard let start = html.range(of: "aria-label=\"主导航\""),
            let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex)
        else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func wrongPasswordShowsTheErrorAndKeepsTheUsername() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let response = try await browser.login("staff@jinan", password: "wrong-password-1")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("用户名或密码错误"))
            #expect(response.text.contains("value=\"staff@jinan\""))
            #expect(browser.cookies["gx_session"] == nil)
        }
    }

    @Test func fiveWrongPasswordsLockTheAccountWithTimeToWait() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            for _ in 1...4 { _ = try await browser.login("invest@baoji", password: "nope-nope-1") }
            let fifth = try await browser.login("invest@baoji", password: "nope-nope-1")
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.text.contains("账号已暂时锁定"))
            #expect(fifth.text.contains("15 分钟后再试"))
            // Even the right password is refused while locked.
            let right = try await browser.login("invest@baoji")
            #expect(right.status == .tooManyRequests)
            // After the lock-out passes, the right password works again.
            let later = Clock.nowSeconds() + 16 * 60
            let unlocked = try await Clock.$fixedNow.withValue(later) { try await browser.login("invest@baoji") }
            #expect(unlocked.status == .seeOther)
        }
    }

    @Test func emptyFieldsAreNamedInline() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let response = try await browser.post("/login", form: [("username", ""), ("password", "")])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("用户名：请填写用户名"))
            #expect(response.text.contains("密码：请填写密码"))
        }
    }

    @Test func formWithoutCSRFTokenIsRefused() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let response = try await browser.post(
                "/login", form: [("username", "admin@foshan"), ("password", DemoLoader.password)], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("表单已过期"))
        }
    }

    @Test func sessionSurvivesARestartAndLogoutEndsIt() async throws {
        let services = try await TestDatabase.services()
        let signedIn = Mutex<[String: String]>([:])
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("admin@xiangtan")
            let cookies = browser.cookies
            signedIn.withLock { $0 = cookies }
        }
        let cookies = signedIn.withLock { $0 }
        // A second app instance over the same database knows the session.
        let second = try await buildApplication(services: services)
        try await second.test(.router) { client in
            var browser = Browser(client)
            browser.cookies = cookies
            let home = try await browser.get("/")
            #expect(home.text.contains("湘潭高新区管委会管理员"))
            let out = try await browser.post("/logout", form: [])
            #expect(out.status == .seeOther)
            let after = try await browser.get("/admin/users")
            #expect(after.status == .seeOther)
            #expect(after.location?.hasPrefix("/login") == true)
        }
    }

    @Test func expiredSessionSendsToLogin() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("admin@zhaoqing")
            let later = Clock.nowSeconds() + 9 * 3600
            let response = try await Clock.$fixedNow.withValue(later) { try await browser.get("/admin/users") }
            #expect(response.status == .seeOther)
            #expect(response.location?.hasPrefix("/login?next=") == true)
        }
    }

    @Test func loginRedirectsOnlyToLocalPaths() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let response = try await browser.post(
                "/login",
                form: [("username", "staff@xiangtan"), ("password", DemoLoader.password), ("next", "//evil.example/x")])
            #expect(response.location == "/")
        }
    }
}
