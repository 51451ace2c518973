import Foundation
import GaoxinCore

/// The one write service of notices: a user's channel choice and reading, the zone admin's
/// webhook and test notice. Every field is checked first; each write is one transaction with its
/// audit row.
struct NoticeService {
    let services: AppServices

    /// Saves the zone's webhook (http(s) address, optional secret header, on or off).
    func saveWebhook(zoneID: Int64, form: FormData, actor: CurrentUser) async throws {
        let url = form["url"].trimmingCharacters(in: .whitespaces)
        let headerName = form["header_name"].trimmingCharacters(in: .whitespaces)
        let headerValue = form["header_value"]
        let enabled = form["enabled"] == "1"
        var errors = FormErrors()
        if let problem = WebhookURL.check(url) { errors.add("url", problem) }
        let before = try await OutboxRepository(db: services.database.sql).webhook(zoneID: zoneID)
        // A blank secret keeps the stored one (it is never shown again).
        let keepSecret = headerValue.isEmpty && headerName == before?.headerName && before?.headerValue != nil
        let value = keepSecret ? before?.headerValue ?? "" : headerValue
        if let problem = WebhookURL.checkHeader(name: headerName, value: value) {
            errors.add(problem.field, problem.message)
        }
        try Refusal.check(errors)
        let row = ZoneWebhookRow(
            zoneId: zoneID, url: url, headerName: headerName.isEmpty ? nil : headerName,
            headerValue: headerName.isEmpty ? nil : value, enabled: enabled, updatedAt: Clock.nowSeconds())
        try await services.database.transaction { db in
            try await OutboxRepository(db: db).saveWebhook(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "zone_webhook", id: zoneID, action: "save",
                before: before.map(Self.audited), after: Self.audited(row), on: db)
        }
    }

    /// What the audit log keeps of a webhook: never the secret.
    static func audited(_ row: ZoneWebhookRow) -> [String: String] {
        ["url": row.url, "header_name": row.headerName ?? "", "enabled": row.enabled ? "1" : "0"]
    }

    /// Enqueues a test notice to the zone admin through the zone's webhook (whatever their own choice).
    func sendTest(zoneID: Int64, actor: CurrentUser) async throws {
        let repo = OutboxRepository(db: services.database.sql)
        guard let hook = try await repo.webhook(zoneID: zoneID), hook.enabled else {
            throw Refusal("url", "请先保存并启用 webhook 地址，再发送测试通知")
        }
        try await services.database.transaction { db in
            try await Outbox.enqueue(
                on: db, zoneID: zoneID, to: [.user(actor.id)],
                Notice(
                    kind: .test, subject: "测试通知",
                    body: "这是一条来自高新区综合服务平台的测试通知，收到即说明 webhook 配置可用。", link: .noticeChannels),
                forceWebhook: true)
            try await AuditLog.record(
                zoneID: zoneID, actor: actor, entity: "zone_webhook", id: zoneID, action: "test", on: db)
        }
    }

    /// Whether the user's notices also go to the zone's webhook.
    func saveChoice(webhook: Bool, user: CurrentUser) async throws {
        try await services.database.transaction { db in
            try await OutboxRepository(db: db).saveWebhookChoice(
                userID: user.id, webhook: webhook, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: user.zoneID, actor: user, entity: "notice_preferences", id: user.id, action: "save",
                after: ["webhook": webhook ? "1" : "0"], on: db)
        }
    }

    /// Marks one of the user's notices (or all with nil) read; returns how many changed.
    func markRead(id: Int64?, user: CurrentUser) async throws -> Int {
        try await services.database.transaction { db in
            try await OutboxRepository(db: db).markRead(userID: user.id, id: id, at: Clock.nowSeconds())
        }
    }
}
