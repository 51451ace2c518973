import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The pages of the notice outbox: the zone admin's webhook form (validated, other roles refused),
/// the test button and the delivery log; each user's choice, inbox, read marks and home count.
/// In 沈阳 (shenyang), so its webhook is not the one the delivery tests change.
@Suite(.serialized) struct NoticePageTests {
    @Test func theWebhookFormRefusesBadAddressesAndHeadersWithNothingSaved() async throws {
        try await withApp { client, services in
            var admin = Browser(client)
            _ = try await admin.login("admin@shenyang")
            let zoneID = try await NoticeFixtures.zoneID(services, zone: "shenyang")
            try await NoticeFixtures.setWebhook("http://127.0.0.1:9/keep", services, zone: "shenyang")
            let cases: [([(String, String)], String)] = [
                ([("url", "ftp://127.0.0.1/x"), ("enabled", "1")], "地址必须以 http:// 或 https:// 开头"),
                ([("url", ""), ("enabled", "1")], "请填写 webhook 地址"),
                ([("url", "javascript:alert(1)")], "地址必须以 http:// 或 https:// 开头"),
                ([("url", "http://127.0.0.1/" + String(repeating: "a", count: 2100))], "地址不能超过 2000 个字符"),
                (
                    [("url", "http://127.0.0.1:9/ok"), ("header_name", "X Bad"), ("header_value", "v")],
                    "请求头名称只能由英文字母"
                ),
                ([("url", "http://127.0.0.1:9/ok"), ("header_name", "X-Token")], "请填写请求头的值"),
                ([("url", "http://127.0.0.1:9/ok"), ("header_value", "only-a-secret")], "请填写请求头名称"),
            ]
            for (form, message) in cases {
                let response = try await admin.post("/admin/notices", form: form)
                #expect(response.status == .badRequest, "\(form)")
                #expect(response.text.contains(message), "\(form)")
                #expect(response.text.contains("尚未保存任何内容"))
            }
            let hook = try await OutboxRepository(db: services.database.sql).webhook(zoneID: zoneID)
            #expect(hook?.url == "http://127.0.0.1:9/keep")
        }
    }

    @Test func onlyTheZoneAdminSeesAndSetsTheChannels() async throws {
        try await withApp { client, _ in
            for login in ["staff@shenyang", "grid@shenyang", "enterprise@shenyang", "resident@shenyang"] {
                var browser = Browser(client)
                _ = try await browser.login(login)
                #expect(try await browser.get("/admin/notices").status == .forbidden, "\(login)")
                let post = try await browser.post("/admin/notices", form: [("url", "http://127.0.0.1:9/evil")])
                #expect(post.status == .forbidden, "\(login)")
                #expect(try await browser.post("/admin/notices/test", form: []).status == .forbidden, "\(login)")
            }
            var anonymous = Browser(client)
            let page = try await anonymous.get("/admin/notices")
            #expect(page.status == .seeOther || page.status == .found)
        }
    }

    @Test func theTestButtonSendsToTheReceiverAndTheLogShowsIt() async throws {
        try await withApp { client, services in
            try await NoticeReceiver.run { url, receiver in
                var admin = Browser(client)
                _ = try await admin.login("admin@shenyang")
                let saved = try await admin.post(
                    "/admin/notices",
                    form: [
                        ("url", url), ("header_name", "X-Gaoxin-Token"), ("header_value", "page-secret"),
                        ("enabled", "1"),
                    ])
                #expect(saved.status == .seeOther)
                let zoneID = try await NoticeFixtures.zoneID(services, zone: "shenyang")
                let hook = try #require(try await OutboxRepository(db: services.database.sql).webhook(zoneID: zoneID))
                #expect(hook.url == url && hook.headerValue == "page-secret")
                // Saving again with a blank secret keeps it.
                _ = try await admin.post(
                    "/admin/notices", form: [("url", url), ("header_name", "X-Gaoxin-Token"), ("enabled", "1")])
                #expect(
                    try await OutboxRepository(db: services.database.sql).webhook(zoneID: zoneID)?.headerValue
                        == "page-secret")
                let test = try await admin.post("/admin/notices/test", form: [])
                #expect(test.status == .seeOther)
                try await NoticeFixtures.withDelivery(services, zone: "shenyang") { delivery in
                    _ = try await delivery.deliverDue(now: Clock.nowSeconds())
                }
                let all = await receiver.received
                let got = all.last { $0.json["kind"] as? String == "test" }
                #expect(got?.token == "page-secret")
                #expect(got?.json["subject"] as? String == "测试通知")
                let log = try await admin.get("/admin/notices?state=sent")
                #expect(log.status == .ok)
                #expect(log.text.contains("测试通知"))
                #expect(log.text.contains("已送达"))
                #expect(!log.text.contains("page-secret"))
                #expect(try await admin.get("/admin/notices?state=bogus").status == .badRequest)
                #expect(try await admin.get("/admin/notices?page=999999999999").status == .badRequest)
            }
        }
    }

    @Test func aUserChoosesTheWebhookAndReadsNoticesInApp() async throws {
        try await withApp { client, services in
            var resident = Browser(client)
            _ = try await resident.login("resident@shenyang")
            let chosen = try await resident.post("/profile/notices/preferences", form: [("webhook", "1")])
            #expect(chosen.status == .seeOther)
            let user = try await NoticeFixtures.user("resident@shenyang", services)
            #expect(try await OutboxRepository(db: services.database.sql).webhookChoice(userID: user.id))
            #expect(try await resident.get("/profile/notices/preferences").text.contains("checked"))
            _ = try await resident.post("/profile/notices/preferences", form: [])
            #expect(try await OutboxRepository(db: services.database.sql).webhookChoice(userID: user.id) == false)

            let now = Clock.nowSeconds()
            let row = try await NoticeFixtures.enqueue(
                "站内 <b>通知</b> \(now)", to: "resident@shenyang", services, now: now)
            let inbox = try await resident.get("/profile/notices")
            #expect(inbox.status == .ok)
            #expect(inbox.text.contains("站内 &lt;b&gt;通知&lt;/b&gt; \(now)"))
            let home = try await resident.get("/")
            #expect(home.text.contains("条未读"))
            // Another user's notice id is not theirs to mark.
            let other = try await NoticeFixtures.enqueue("他人的 \(now)", to: "grid@shenyang", services, now: now)
            _ = try await resident.post("/profile/notices/read", form: [("id", String(other.id))])
            #expect(try await NoticeFixtures.row(other.id, services).readAt == nil)
            #expect(try await resident.post("/profile/notices/read", form: [("id", "-1")]).status == .notFound)
            _ = try await resident.post("/profile/notices/read", form: [("id", String(row.id))])
            #expect(try await NoticeFixtures.row(row.id, services).readAt != nil)
            _ = try await resident.post("/profile/notices/read", form: [])
            #expect(try await OutboxRepository(db: services.database.sql).unreadCount(userID: user.id) == 0)
            #expect(try await resident.get("/").text.contains("没有未读通知"))
        }
    }
}
