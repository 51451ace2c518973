import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// 长辈模式 (issue #18): a plain link sets a cookie, every page (error pages too) then carries the
/// mode, and the link never sends the visitor to another site.
@Suite struct ElderModeTests {
    @Test func theLinkSetsTheCookieAndComesBackToThePage() async throws {
        try await withApp { client, _ in
            // setup
            var browser = Browser(client)
            let before = try await browser.get("/login?next=%2Fprofile")
            #expect(!before.text.contains("class=\"elder\""))
            #expect(before.text.contains("/elder-mode?on=1&amp;next=/login%3Fnext%3D%252Fprofile"))
            // MUT
            let on = try await browser.get("/elder-mode?on=1&next=/login%3Fnext%3D%252Fprofile")
            // validate
            #expect(on.status == .seeOther)
            #expect(on.location == "/login?next=%2Fprofile")
            #expect(browser.cookies[ElderMode.cookieName] == "1")
            let after = try await browser.get("/login")
            #expect(after.text.contains("<html lang=\"zh-CN\" class=\"elder\">"))
            #expect(after.text.contains("退出长辈模式"))
            _ = try await browser.get("/elder-mode?on=0&next=/login")
            #expect(browser.cookies[ElderMode.cookieName] == nil)
            #expect(!(try await browser.get("/login")).text.contains("class=\"elder\""))
        }
    }

    @Test(arguments: ["https://evil.example/", "//evil.example/", "/\\evil.example", ""])
    func anotherSiteIsNeverTheWayBack(next: String) async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let response = try await browser.get("/elder-mode?on=1&next=\(Browser.encode(next))")
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
        }
    }

    /// The not-found page under /m/… has the whole shell (landmarks, viewport) and the mode.
    @Test(arguments: ["/m/no-such-module", "/m/governance/no-such-page", "/no-such-page"])
    func errorPagesHaveTheShellInElderMode(path: String) async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.get("/elder-mode?on=1&next=/")
            let response = try await browser.get(path)
            #expect(response.status == .notFound)
            for part in ["<html lang=\"zh-CN\" class=\"elder\">", "name=\"viewport\"", "<main id=\"main\"", "<header"] {
                #expect(response.text.contains(part), "\(path) lacks \(part)")
            }
        }
    }
}
