import Foundation
import GaoxinCore
import SQLKit
import Testing

@testable import App

/// Look-ups and helpers for the notice tests, which work in 永川 (yongchuan).
enum NoticeFixtures {
    static let zone = "yongchuan"

    static func user(_ username: String, _ services: AppServices) async throws -> UserRow {
        try await UserRepository(db: services.database.sql).find(username: username)!
    }

    static func zoneID(_ services: AppServices, zone: String = zone) async throws -> Int64 {
        try await PolicyFixtures.zoneID(zone, services)
    }

    /// A delivery worker for one zone's rows (suites run in parallel, each in its own zone).
    struct ZoneDelivery: Sendable {
        let delivery: NoticeDelivery
        let zoneID: Int64

        @discardableResult
        func deliverDue(now: Int64) async throws -> NoticeDelivery.Report {
            try await delivery.deliverDue(now: now, zoneID: zoneID)
        }
    }

    /// Runs `body` with a delivery worker (its own HTTP client, short timeout) for `zone`, then closes it.
    static func withDelivery(
        _ services: AppServices, zone: String = zone, _ body: (ZoneDelivery) async throws -> Void
    ) async throws {
        var settings = NoticeSettings()
        settings.timeoutSeconds = 2
        settings.retry = RetrySchedule(baseSeconds: 60, maxWaitSeconds: 3600, maxAttempts: 3)
        let zoneID = try await zoneID(services, zone: zone)
        try await NoticeDelivery.with(database: services.database, settings: settings) { delivery in
            try await body(ZoneDelivery(delivery: delivery, zoneID: zoneID))
        }
    }

    /// Saves the zone's webhook directly (the page test saves it through the form).
    static func setWebhook(
        _ url: String, token: String? = "s3cret", _ services: AppServices, zone: String = zone
    ) async throws {
        let row = ZoneWebhookRow(
            zoneId: try await zoneID(services, zone: zone), url: url, headerName: token == nil ? nil : "X-Gaoxin-Token",
            headerValue: token, enabled: true, updatedAt: Clock.nowSeconds())
        try await services.database.transaction { db in try await OutboxRepository(db: db).saveWebhook(row) }
    }

    static func chooseWebhook(_ username: String, _ services: AppServices, _ on: Bool = true) async throws {
        let user = try await user(username, services)
        try await services.database.transaction { db in
            try await OutboxRepository(db: db).saveWebhookChoice(userID: user.id, webhook: on, at: Clock.nowSeconds())
        }
    }

    /// Enqueues one notice to `username` in its own transaction; returns the new row.
    static func enqueue(_ subject: String, to username: String, _ services: AppServices, now: Int64) async throws
        -> OutboxRow
    {
        let user = try await user(username, services)
        let zoneID = try #require(user.zoneId)
        try await services.database.transaction { db in
            try await Outbox.enqueue(
                on: db, zoneID: zoneID, to: [.user(user.id)],
                Notice(kind: .test, subject: subject, body: "正文：\(subject)", link: .notices), now: now)
        }
        return try await rows(userID: user.id, services).first { $0.subject == subject }!
    }

    static func rows(userID: Int64, _ services: AppServices) async throws -> [OutboxRow] {
        try await OutboxRepository(db: services.database.sql).inbox(
            userID: userID, pager: try Pager(page: 1, size: 100)
        )
        .rows
    }

    static func row(_ id: Int64, _ services: AppServices) async throws -> OutboxRow {
        try await OutboxRepository(db: services.database.sql).find(id: id)!
    }
}

extension NoticeFixtures {
    /// Closes a test's case so later sweeps of other tests leave it alone.
    static func close(caseID: Int64, at: Int64, _ services: AppServices) async throws {
        try await services.database.transaction { db in
            try await db.update("cases").set("closed_at", to: at).where("id", .equal, caseID).run()
        }
    }
}
