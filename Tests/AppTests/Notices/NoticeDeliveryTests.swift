import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The webhook channel against a real receiver on 127.0.0.1: the JSON it gets, retries after a
/// 500 or an unreachable address with back-off, giving up after the last attempt, two workers
/// never sending one notice twice, and a rolled-back write leaving nothing to send.
@Suite(.serialized) struct NoticeDeliveryTests {
    @Test func aDeliveredNoticeCarriesItsContentRecipientAndSecretHeader() async throws {
        try await withApp { _, services in
            try await NoticeReceiver.run { url, receiver in
                try await NoticeFixtures.setWebhook(url, services)
                try await NoticeFixtures.chooseWebhook("staff@yongchuan", services)
                let now = Clock.nowSeconds()
                let row = try await NoticeFixtures.enqueue("送达测试 \(now)", to: "staff@yongchuan", services, now: now)
                #expect(row.webhookState == "pending")
                try await NoticeFixtures.withDelivery(services) { delivery in
                    let report = try await delivery.deliverDue(now: now)
                    #expect(report.sent >= 1)
                }
                let got = try #require(await receiver.find(row.id))
                #expect(got.json["kind"] as? String == "test")
                #expect(got.json["subject"] as? String == "送达测试 \(now)")
                #expect(got.json["body"] as? String == "正文：送达测试 \(now)")
                #expect(got.json["link"] as? String == "/profile/notices")
                #expect(got.json["msgtype"] as? String == "text")
                let recipient = try #require(got.json["recipient"] as? [String: Any])
                #expect(recipient["username"] as? String == "staff@yongchuan")
                #expect(got.token == "s3cret")
                let after = try await NoticeFixtures.row(row.id, services)
                #expect(after.webhookState == "sent")
                #expect(after.attempts == 1)
                #expect(after.deliveredAt == now)
                #expect(after.lastError == nil)
                // Sent once: another round sends nothing more.
                try await NoticeFixtures.withDelivery(services) { delivery in
                    _ = try await delivery.deliverDue(now: now + 3600)
                }
                let received = await receiver.ids()
                #expect(received.filter { $0 == row.id }.count == 1)
            }
        }
    }

    @Test func aReceiverAnswering500GetsTheNoticeOnTheRetryAfterTheBackOff() async throws {
        try await withApp { _, services in
            try await NoticeReceiver.run(failures: 1, marker: "重试测试") { url, receiver in
                try await NoticeFixtures.setWebhook(url, services)
                try await NoticeFixtures.chooseWebhook("staff@yongchuan", services)
                let now = Clock.nowSeconds()
                let row = try await NoticeFixtures.enqueue("重试测试 \(now)", to: "staff@yongchuan", services, now: now)
                try await NoticeFixtures.withDelivery(services) { delivery in
                    _ = try await delivery.deliverDue(now: now)
                    var after = try await NoticeFixtures.row(row.id, services)
                    #expect(after.webhookState == "failed")
                    #expect(after.attempts == 1)
                    #expect(after.lastError == "接收方返回 HTTP 500")
                    #expect(after.nextAttemptAt == now + 60)
                    #expect(await receiver.refused == 1)
                    // Not before the back-off has passed.
                    _ = try await delivery.deliverDue(now: now + 59)
                    #expect(try await NoticeFixtures.row(row.id, services).attempts == 1)
                    _ = try await delivery.deliverDue(now: now + 60)
                    after = try await NoticeFixtures.row(row.id, services)
                    #expect(after.webhookState == "sent")
                    #expect(after.attempts == 2)
                    #expect(after.lastError == nil)
                }
                #expect(await receiver.find(row.id)?.json["subject"] as? String == "重试测试 \(now)")
            }
        }
    }

    @Test func anUnreachableWebhookKeepsTheNoticeAndRetriesUntilItGivesUp() async throws {
        try await withApp { _, services in
            // Nothing listens on port 9 of the loopback address.
            try await NoticeFixtures.setWebhook("http://127.0.0.1:9/hook", services)
            try await NoticeFixtures.chooseWebhook("staff@yongchuan", services)
            let now = Clock.nowSeconds()
            let row = try await NoticeFixtures.enqueue("不可达 \(now)", to: "staff@yongchuan", services, now: now)
            try await NoticeFixtures.withDelivery(services) { delivery in
                _ = try await delivery.deliverDue(now: now)
                var after = try await NoticeFixtures.row(row.id, services)
                #expect(after.webhookState == "failed")
                #expect(after.lastError?.hasPrefix("无法送达") == true)
                #expect(after.nextAttemptAt == now + 60)
                _ = try await delivery.deliverDue(now: now + 60)
                after = try await NoticeFixtures.row(row.id, services)
                #expect(after.attempts == 2)
                #expect(after.nextAttemptAt == now + 60 + 120)
                // The third and last attempt (max 3): given up, kept with its error.
                _ = try await delivery.deliverDue(now: now + 180)
                after = try await NoticeFixtures.row(row.id, services)
                #expect(after.webhookState == "dead")
                #expect(after.attempts == 3)
                #expect(after.lastError?.hasPrefix("无法送达") == true)
                _ = try await delivery.deliverDue(now: now + 100_000)
                #expect(try await NoticeFixtures.row(row.id, services).attempts == 3)
            }
            // Still in the outbox, and in-app all along.
            let staff = try await NoticeFixtures.user("staff@yongchuan", services)
            #expect(try await NoticeFixtures.rows(userID: staff.id, services).contains { $0.id == row.id })
        }
    }

    @Test func aFailedNoticeIsDeliveredOnceTheReceiverComesBack() async throws {
        try await withApp { _, services in
            try await NoticeFixtures.setWebhook("http://127.0.0.1:9/hook", services)
            try await NoticeFixtures.chooseWebhook("staff@yongchuan", services)
            let now = Clock.nowSeconds()
            let row = try await NoticeFixtures.enqueue("恢复后送达 \(now)", to: "staff@yongchuan", services, now: now)
            try await NoticeFixtures.withDelivery(services) { delivery in
                _ = try await delivery.deliverDue(now: now)
                #expect(try await NoticeFixtures.row(row.id, services).webhookState == "failed")
                try await NoticeReceiver.run { url, receiver in
                    try await NoticeFixtures.setWebhook(url, services)
                    _ = try await delivery.deliverDue(now: now + 60)
                    #expect(await receiver.find(row.id) != nil)
                }
            }
            #expect(try await NoticeFixtures.row(row.id, services).webhookState == "sent")
        }
    }

    @Test func aRolledBackWriteEnqueuesNothing() async throws {
        try await withApp { _, services in
            let staff = try await NoticeFixtures.user("staff@yongchuan", services)
            let zoneID = try await NoticeFixtures.zoneID(services)
            // Other suites write notices to this user at the same time, so the test looks for its own
            // subject in the whole table rather than comparing counts.
            let subject = "回滚 \(UUID().uuidString)"
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await services.database.transaction { db in
                    try await Outbox.enqueue(
                        on: db, zoneID: zoneID, to: [.user(staff.id)],
                        Notice(kind: .test, subject: subject, body: "不应出现", link: nil))
                    throw Abort()
                }
            }
            let left = try await services.database.sql.select().from("notice_outbox")
                .where("subject", .equal, subject).countRows()
            #expect(left == 0)
        }
    }

    @Test func twoWorkersRacingSendEachNoticeExactlyOnce() async throws {
        try await withApp { _, services in
            try await NoticeReceiver.run { url, receiver in
                try await NoticeFixtures.setWebhook(url, services)
                try await NoticeFixtures.chooseWebhook("staff@yongchuan", services)
                let now = Clock.nowSeconds()
                var made: [Int64] = []
                for n in 0..<12 {
                    made.append(
                        try await NoticeFixtures.enqueue("并发 \(now)-\(n)", to: "staff@yongchuan", services, now: now).id
                    )
                }
                let ids = made
                try await NoticeFixtures.withDelivery(services) { first in
                    try await NoticeFixtures.withDelivery(services) { second in
                        async let a = first.deliverDue(now: now)
                        async let b = second.deliverDue(now: now)
                        let (ra, rb) = try await (a, b)
                        #expect(ra.sent + rb.sent >= ids.count)
                    }
                }
                let received = await receiver.ids()
                for id in ids { #expect(received.filter { $0 == id }.count == 1, "通知 \(id) 应恰好送达一次") }
                for id in ids { #expect(try await NoticeFixtures.row(id, services).attempts == 1) }
            }
        }
    }

    @Test func aClaimIsExclusiveUntilItsLeaseRunsOut() async throws {
        try await withApp { _, services in
            try await NoticeFixtures.setWebhook("http://127.0.0.1:9/hook", services)
            try await NoticeFixtures.chooseWebhook("staff@yongchuan", services)
            let now = Clock.nowSeconds()
            let row = try await NoticeFixtures.enqueue("租约 \(now)", to: "staff@yongchuan", services, now: now)
            let id = row.id
            func claim(_ at: Int64, until: Int64) async throws -> OutboxRow? {
                try await services.database.transaction { db in
                    try await OutboxRepository(db: db).claim(id: id, now: at, leaseUntil: until)
                }
            }
            func finish(lease: Int64, at: Int64) async throws {
                try await services.database.transaction { db in
                    try await OutboxRepository(db: db).finish(
                        id: id, lease: lease, state: .sent, nextAttemptAt: nil, error: nil, deliveredAt: at)
                }
            }
            #expect(try await claim(now, until: now + 60) != nil)
            // A second server sees it claimed.
            #expect(try await claim(now + 30, until: now + 90) == nil)
            // The first server died: after the lease the row is claimed again (attempt counted).
            let again = try await claim(now + 61, until: now + 121)
            #expect(again?.attempts == 2)
            // The dead server's late answer does not overwrite the new claim.
            try await finish(lease: now + 60, at: now)
            #expect(try await NoticeFixtures.row(row.id, services).webhookState == "sending")
            try await finish(lease: now + 121, at: now + 61)
            #expect(try await NoticeFixtures.row(row.id, services).webhookState == "sent")
        }
    }

    @Test func withoutTheUsersChoiceANoticeStaysInApp() async throws {
        try await withApp { _, services in
            try await NoticeFixtures.setWebhook("http://127.0.0.1:9/hook", services)
            try await NoticeFixtures.chooseWebhook("grid@yongchuan", services, false)
            let now = Clock.nowSeconds()
            let row = try await NoticeFixtures.enqueue("仅站内 \(now)", to: "grid@yongchuan", services, now: now)
            #expect(row.webhookState == "none")
            #expect(row.nextAttemptAt == nil)
            #expect(
                try await OutboxRepository(db: services.database.sql).due(now: now + 10_000_000, limit: 1000)
                    .contains(row.id) == false)
        }
    }
}
