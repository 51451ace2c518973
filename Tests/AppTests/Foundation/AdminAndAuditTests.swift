import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

@Suite struct AdminAndAuditTests {
    @Test func creatingAUserIsValidatedThenAudited() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("admin@baoji")
            // Everything wrong at once: each field named, nothing written.
            let bad = try await browser.post(
                "/admin/users/new",
                form: [
                    ("username", "bad name!"), ("display_name", ""), ("role", "platform_admin"), ("password", "short"),
                ])
            #expect(bad.status == .badRequest)
            for message in ["用户名：只能包含", "姓名：请填写", "角色：请选择一个有效角色", "初始密码：密码至少 10 个字符"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            let username = "li.ming.\(UInt32.random(in: 1000...999_999))@baoji"
            #expect(try await UserRepository(db: services.database.sql).find(username: username) == nil)

            let good = try await browser.post(
                "/admin/users/new",
                form: [
                    ("username", username), ("display_name", "李明"), ("role", "investment_officer"),
                    ("password", "Strong-pass-2026"),
                ])
            #expect(good.status == .seeOther)
            // The audit row carries the request ID the user was shown, on either database.
            let requestID = try #require(good.headers[.init("X-Request-Id")!])
            let created = try #require(try await UserRepository(db: services.database.sql).find(username: username))
            #expect(created.role == "investment_officer")

            let audit = try await services.database.sql.select().column("*").from("audit_log")
                .where("entity", .equal, "user").where("entity_id", .equal, String(created.id)).where(
                    "action", .equal, "create"
                )
                .row(AuditRow.self)
            let row = try #require(audit)
            #expect(row.actorName.contains("admin@baoji"))
            #expect(row.afterJson?.contains("李明") == true)
            #expect(row.afterJson?.contains("password") == false)  // never the hash
            #expect(row.zoneId == created.zoneId)
            #expect(row.requestId == requestID)

            // The admin can find it by filtering the audit page.
            let page = try await browser.get("/admin/audit?entity=user&action=create")
            #expect(page.text.contains("李明"))

            // The new user can sign in with the password they were given.
            var newcomer = Browser(client)
            #expect(try await newcomer.login(username, password: "Strong-pass-2026").status == .seeOther)
        }
    }

    @Test func auditLogCannotBeEditedOrDeleted() async throws {
        let services = try await TestDatabase.services()
        let db = services.database
        await #expect(throws: (any Error).self) {
            try await db.transaction { tx in try await tx.raw("UPDATE audit_log SET action = 'x'").run() }
        }
        await #expect(throws: (any Error).self) {
            try await db.transaction { tx in try await tx.raw("DELETE FROM audit_log").run() }
        }
        let count =
            try await db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        #expect(count > 0)
    }

    @Test func zoneAdminSeesOnlyTheirZonesAudit() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login("admin@zhaoqing")
            let page = try await browser.get("/admin/audit?entity=zone")
            #expect(page.text.contains("肇庆高新区"))
            #expect(!page.text.contains("佛山高新区"))
        }
    }

    @Test func passwordChangeChecksEveryRuleAndTokensAreShownOnce() async throws {
        try await withApp { client, services in
            // A throwaway user, so the demo password stays valid for other tests.
            let username = "pw.\(UInt32.random(in: 1000...999_999))@foshan"
            let zone = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first {
                $0.code == "foshan"
            }!
            let now = Clock.nowSeconds()
            let hash = try await services.hasher.hash("Original-pass-1")
            _ = try await services.database.transaction { db in
                try await UserRepository(db: db).insert(
                    UserRow(
                        id: 0, zoneId: zone.id, username: username, displayName: "测试", role: "department_staff",
                        passwordHash: hash, isActive: true, createdAt: now, passwordChangedAt: now))
            }
            var browser = Browser(client)
            _ = try await browser.login(username, password: "Original-pass-1")
            let bad = try await browser.post(
                "/profile/password",
                form: [("current_password", "wrong"), ("new_password", "abc"), ("confirm_password", "abd")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("当前密码：不正确"))
            #expect(bad.text.contains("确认新密码：与新密码不一致"))
            let good = try await browser.post(
                "/profile/password",
                form: [
                    ("current_password", "Original-pass-1"), ("new_password", "Changed-pass-2"),
                    ("confirm_password", "Changed-pass-2"),
                ])
            #expect(good.status == .seeOther)
            var again = Browser(client)
            #expect(try await again.login(username, password: "Changed-pass-2").status == .seeOther)

            let created = try await browser.post("/profile/tokens", form: [("name", "数据对接")])
            #expect(created.status == .ok)
            let secret = try #require(created.text.firstMatch(of: /gx_[0-9a-f]{64}/)).output
            let me = try await APITests.get(client, "/api/v1/me", token: String(secret))
            #expect(me.status == .ok)
            // Listed afterwards by prefix only.
            let profile = try await browser.get("/profile")
            #expect(!profile.text.contains(String(secret)))
            #expect(profile.text.contains(String(secret.prefix(10))))
        }
    }

    @Test func oversizeFormIsRefusedWithAChineseMessage() async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            let big = String(repeating: "a", count: 2 * 1024 * 1024)
            let response = try await browser.post("/login", form: [("username", big), ("password", "x")])
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("提交的内容过大"))
        }
    }
}
