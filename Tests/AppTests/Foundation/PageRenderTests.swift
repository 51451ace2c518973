import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Renders every page for every role: pages a role may see answer 200 with the shell and no
/// template error; the others refuse cleanly. A broken template fails here, not for a user.
@Suite struct PageRenderTests {
    static let logins = [
        "platform", "admin@foshan", "staff@foshan", "invest@foshan", "grid@foshan", "enterprise@foshan",
        "resident@foshan",
    ]

    static func pages(
        enterpriseID: Int64, itemID: Int64, consultationID: Int64, applicationID: Int64 = 0, applyItemID: Int64 = 0,
        autoGrantItemID: Int64 = 0
    ) -> [(path: String, allowed: Set<String>)] {
        let everyone = Set(logins)
        var pages: [(String, Set<String>)] = [
            ("/", everyone),
            ("/profile", everyone),
            ("/zones", ["platform"]),
            ("/admin/users", ["platform", "admin@foshan"]),
            ("/admin/users/new", ["admin@foshan"]),
            ("/admin/departments", ["admin@foshan", "staff@foshan", "invest@foshan", "grid@foshan"]),
            ("/admin/audit", ["platform", "admin@foshan"]),
            (
                "/m/enterprises/\(enterpriseID)",
                ["admin@foshan", "staff@foshan", "invest@foshan", "grid@foshan", "enterprise@foshan"]
            ),
            (
                "/m/enterprises/\(enterpriseID)/facts",
                ["admin@foshan", "staff@foshan", "invest@foshan", "enterprise@foshan"]
            ),
            ("/m/enterprises/\(enterpriseID)/certifications", ["admin@foshan", "staff@foshan", "invest@foshan"]),
            ("/m/enterprises/import", ["admin@foshan", "staff@foshan", "invest@foshan"]),
            ("/m/enterprises/ladder", ["admin@foshan", "staff@foshan", "invest@foshan"]),
            ("/m/enterprises/candidates", ["admin@foshan", "staff@foshan", "invest@foshan"]),
            ("/m/enterprises/candidates?criterion=little_giant", ["admin@foshan", "staff@foshan", "invest@foshan"]),
            ("/m/enterprises/innovation-points", ["admin@foshan", "staff@foshan", "invest@foshan"]),
            ("/admin/criteria", ["admin@foshan", "staff@foshan", "invest@foshan", "grid@foshan"]),
            ("/admin/criteria/high_tech", ["admin@foshan"]),
            ("/m/policies/items/\(itemID)/ask", ["enterprise@foshan", "resident@foshan"]),
            ("/m/policies/consultations", ["admin@foshan", "staff@foshan"]),
            ("/m/policies/consultations/mine", ["enterprise@foshan", "resident@foshan"]),
            ("/m/policies/consultations/late", ["admin@foshan"]),
            ("/m/policies/consultations/\(consultationID)", ["admin@foshan", "staff@foshan", "enterprise@foshan"]),
            (
                "/m/policies/qa",
                ["admin@foshan", "staff@foshan", "invest@foshan", "enterprise@foshan", "resident@foshan"]
            ),
            ("/m/policies/applications", ["admin@foshan", "staff@foshan", "enterprise@foshan"]),
            ("/m/policies/applications?state=returned", ["admin@foshan", "staff@foshan", "enterprise@foshan"]),
            ("/m/policies/payouts", ["admin@foshan", "staff@foshan", "invest@foshan", "enterprise@foshan"]),
            ("/m/policies/applications/\(applicationID)", ["admin@foshan", "staff@foshan", "enterprise@foshan"]),
            ("/m/policies/items/\(applyItemID)/apply", ["enterprise@foshan"]),
            ("/m/policies/items/\(autoGrantItemID)/auto-grant", ["admin@foshan"]),
        ]
        for slot in ModuleSlot.allCases {
            var roles = Set(
                logins.filter { login in
                    DemoLoader.roleLogins.contains { "\($0.prefix)@foshan" == login && slot.roles.contains($0.role) }
                })
            // the list is for office staff; grid workers open single records
            if slot == .enterprises { roles.remove("grid@foshan") }
            pages.append((SiteURL.module(slot).path, roles))
        }
        return pages
    }

    @Test(arguments: logins)
    func everyPageRendersForTheRolesThatMaySeeIt(login: String) async throws {
        try await withApp { client, services in
            let (own, _, _) = try await PermissionTests.enterpriseIDs(services)
            // A demo consultation asked by enterprise@foshan, on an item of staff@foshan's department.
            let asker = try await UserRepository(db: services.database.sql).find(username: "enterprise@foshan")!
            let consultation = try await services.database.sql.select().column("id").from("cases")
                .where("requester_user_id", .equal, asker.id).where("type_code", .equal, "consultation").orderBy("id")
                .first(decodingColumn: "id", as: Int64.self)!
            let itemID = try await services.database.sql.select().column("policy_item_id").from("consultations")
                .where("case_id", .equal, consultation).first(decodingColumn: "policy_item_id", as: Int64.self)!
            // The demo's returned application of the enterprise login, and a 免申即享 item of another department.
            let zoneID = try await PolicyFixtures.zoneID("foshan", services)
            let application = try #require(
                try await ApplicationRepository(db: services.database.sql).applications(
                    zoneID: zoneID, enterpriseID: own
                ).first)
            let applyItem = try await PolicyFixtures.item("高新技术企业认定奖励", zone: "foshan", services)
            let autoGrant = try await PolicyFixtures.item("创新型中小企业奖励", zone: "foshan", services)
            var browser = Browser(client)
            _ = try await browser.login(login)
            for (path, allowed) in Self.pages(
                enterpriseID: own, itemID: itemID, consultationID: consultation, applicationID: application.id,
                applyItemID: applyItem.id, autoGrantItemID: autoGrant.id)
            {
                let response = try await browser.get(path)
                if allowed.contains(login) {
                    // The enterprise list sends an enterprise user to their own record.
                    if response.status == .seeOther, login == "enterprise@foshan", path == "/m/enterprises" { continue }
                    #expect(response.status == .ok, "\(login) \(path): \(response.status)")
                    #expect(response.text.contains("<main id=\"main\""), "\(login) \(path) has the shell")
                    #expect(!response.text.contains("{{"), "\(login) \(path) has no raw template tags")
                } else if login == "platform" {
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

    @Test func publicSeesLoginPolicyAndServicePagesAndChinese404() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            #expect(try await browser.get("/login").status == .ok)
            #expect(try await browser.get("/m/policies").status == .ok)
            #expect(try await browser.get("/m/services").status == .ok)
            let missing = try await browser.get("/no/such/page")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("页面不存在"))
            let admin = try await browser.get("/admin/users")
            #expect(admin.status == .seeOther)
            #expect(admin.location?.hasPrefix("/login?next=") == true)
        }
    }

    /// A signed-in visitor's 404 and 403 pages keep their header: their name and the sign-out form
    /// (with its token), not the 登录 link a visitor who is not signed in gets.
    @Test func errorPagesKeepTheSignedInHeader() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("admin@foshan")
            for path in ["/m/enterprises/99999999", "/m/no-such-page", "/m/enterprises/abc"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.text.contains("页面不存在"), "\(path)")
                #expect(page.text.contains("退出登录"), "\(path)")
                #expect(!page.text.contains(">登录</a>"), "\(path)")
                #expect(!page.text.contains("name=\"_csrf\" value=\"\""), "\(path): the sign-out form has its token")
            }
            var resident = Browser(client)
            _ = try await resident.login("resident@foshan")
            let forbidden = try await resident.get("/admin/users")
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.text.contains("退出登录"))
            var visitor = Browser(client)
            let missing = try await visitor.get("/m/no-such-page")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains(">登录</a>"))
        }
    }

    @Test func userInputIsEscapedEverywhere() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let response = try await browser.post(
                "/login", form: [("username", "\"><script>alert(1)</script>"), ("password", "x")])
            #expect(!response.text.contains("<script>alert(1)</script>"))
            #expect(response.text.contains("&quot;&gt;&lt;script&gt;"))
        }
    }

    @Test func platformAdminChoosesAZone() async throws {
        try await withApp { client, services in
            let jinan = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first {
                $0.code == "jinan"
            }!
            var browser = Browser(client)
            _ = try await browser.login("platform")
            #expect(try await browser.get("/m/enterprises").location == "/zones")
            let switched = try await browser.post("/zones/switch", form: [("zone_id", String(jinan.id))])
            #expect(switched.status == .seeOther)
            let list = try await browser.get("/m/enterprises")
            #expect(list.status == .ok)
            #expect(list.text.contains("济南高新区"))
            let bad = try await browser.post("/zones/switch", form: [("zone_id", "999999")])
            #expect(bad.status == .seeOther)
        }
    }
}
