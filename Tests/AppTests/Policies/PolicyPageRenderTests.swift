import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// Renders every policy page for every role, like `PageRenderTests`: the roles that may see a page
/// get it whole (shell, no template tags left), the others a clean refusal.
@Suite struct PolicyPageRenderTests {
    static let logins = PageRenderTests.logins

    static func pages(_ services: AppServices) async throws -> [(path: String, allowed: Set<String>)] {
        let science = try await PolicyFixtures.policy(PolicyFixtures.foshanHighTech, services)
        let item = try await PolicyFixtures.item("高新技术企业认定奖励", zone: "foshan", services)
        let own = try await PolicyFixtures.enterpriseID(of: "enterprise@foshan", services)
        let everyone = Set(logins)
        let module = Set(
            logins.filter { login in
                DemoLoader.roleLogins.contains {
                    "\($0.prefix)@foshan" == login && ModuleSlot.policies.roles.contains($0.role)
                }
            })
        let ledger: Set<String> = ["admin@foshan", "staff@foshan", "invest@foshan"]
        let editors: Set<String> = ["admin@foshan", "staff@foshan"]
        return [
            ("/m/policies", module),
            ("/m/policies/spokespersons", module),
            ("/m/policies/documents/\(science.id)", everyone),
            ("/m/policies/items/\(item.id)", everyone),
            ("/m/policies/ledger", ledger),
            ("/m/policies/documents/new", editors),
            ("/m/policies/documents/\(science.id)/edit", editors),
            ("/m/policies/documents/\(science.id)/items/new", editors),
            ("/m/policies/items/\(item.id)/edit", editors),
            ("/m/policies/items/\(item.id)/eligible", ledger),
            ("/m/policies/enterprises/\(own)", ledger.union(["enterprise@foshan"])),
            ("/m/policies/notices", ["enterprise@foshan"]),
            (
                "/m/enterprises/\(own)",
                ["admin@foshan", "staff@foshan", "invest@foshan", "grid@foshan", "enterprise@foshan"]
            ),
        ]
    }

    @Test(arguments: logins)
    func everyPolicyPageRendersForTheRolesThatMaySeeIt(login: String) async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login(login)
            for (path, allowed) in try await Self.pages(services) {
                let response = try await browser.get(path)
                if allowed.contains(login) {
                    #expect(response.status == .ok, "\(login) \(path): \(response.status)")
                    #expect(response.text.contains("<main id=\"main\""), "\(login) \(path) has the shell")
                    #expect(!response.text.contains("{{"), "\(login) \(path) has no raw template tags")
                } else if login == "platform" {
                    // Without a chosen zone the platform admin is sent to choose one.
                    #expect(
                        response.status == .ok || response.status == .seeOther, "\(login) \(path): \(response.status)")
                } else {
                    #expect(
                        response.status == .forbidden || response.status == .notFound,
                        "\(login) \(path): \(response.status)")
                }
            }
        }
    }

    @Test func thePublicSeesThePublicPagesWithoutLoggingIn() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            for (path, allowed) in try await Self.pages(services) {
                let response = try await browser.get(path)
                if allowed == Set(Self.logins) || path == "/m/policies" || path == "/m/policies/spokespersons" {
                    #expect(response.status == .ok, "\(path): \(response.status)")
                    #expect(!response.text.contains("{{"), "\(path)")
                } else {
                    #expect(response.status == .seeOther, "\(path): \(response.status)")
                    #expect(response.location?.hasPrefix("/login?next=") == true, "\(path)")
                }
            }
        }
    }
}
