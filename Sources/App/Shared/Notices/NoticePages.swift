import Foundation
import GaoxinCore

/// 我的通知: the user's notices, latest first, with unread ones marked.
struct NoticeInboxPage: Sendable {
    struct Line: Sendable {
        let id: Int64
        let kind: String
        let subject: String
        let body: String
        let href: String?
        let createdAt: String
        let unread: Bool
        let webhook: String?
    }
    let lines: [Line]
    let unread: Int
    let hasUnread: Bool
    let paging: PageLinks
    let readAction = SiteURL.noticesRead.path
    let preferencesHref = SiteURL.noticePreferences.path
    let csrf: String

    static func load(user: CurrentUser, pager: Pager, csrf: String, services: AppServices) async throws
        -> NoticeInboxPage
    {
        let repo = OutboxRepository(db: services.database.sql)
        let paged = try await repo.inbox(userID: user.id, pager: pager)
        let unread = try await repo.unreadCount(userID: user.id)
        return NoticeInboxPage(
            lines: paged.rows.map { row in
                Line(
                    id: row.id, kind: NoticeKind(rawValue: row.kind)?.label ?? row.kind, subject: row.subject,
                    body: row.body, href: row.link, createdAt: DisplayTime.format(row.createdAt),
                    unread: row.readAt == nil,
                    webhook: row.webhookState == WebhookState.inAppOnly.rawValue
                        ? nil : WebhookState(rawValue: row.webhookState)?.label)
            }, unread: unread, hasUnread: unread > 0, paging: paged.links(.notices), csrf: csrf)
    }
}

/// 通知方式: in-app always, and the zone's webhook if the user chooses it (and the zone has one).
struct NoticePreferencesPage: Sendable {
    let webhook: Bool
    let zoneHasWebhook: Bool
    let action = SiteURL.noticePreferences.path
    let inboxHref = SiteURL.notices.path
    let csrf: String

    static func load(user: CurrentUser, csrf: String, services: AppServices) async throws -> NoticePreferencesPage {
        let repo = OutboxRepository(db: services.database.sql)
        var hook: ZoneWebhookRow?
        if let zoneID = user.zoneID { hook = try await repo.webhook(zoneID: zoneID) }
        return NoticePreferencesPage(
            webhook: try await repo.webhookChoice(userID: user.id), zoneHasWebhook: hook?.enabled == true, csrf: csrf)
    }
}

/// 通知渠道 for the zone admin: the webhook form, the test button and the delivery log.
struct NoticeChannelsPage: Sendable {
    struct Delivery: Sendable {
        let id: Int64
        let kind: String
        let subject: String
        let recipient: String
        let createdAt: String
        let state: String
        let failed: Bool
        let attempts: Int
        let lastError: String
        let nextAttempt: String
        let deliveredAt: String
    }
    struct StateOption: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }
    var url: String
    var headerName: String
    let hasSecret: Bool
    var enabled: Bool
    let configured: Bool
    let deliveries: [Delivery]
    let states: [StateOption]
    let paging: PageLinks
    var errors = FormErrors()
    let action = SiteURL.noticeChannels.path
    let testAction = SiteURL.noticeWebhookTest.path
    let maxAttempts: Int
    let csrf: String

    static func load(zoneID: Int64, state: WebhookState?, pager: Pager, csrf: String, services: AppServices)
        async throws -> NoticeChannelsPage
    {
        let repo = OutboxRepository(db: services.database.sql)
        let hook = try await repo.webhook(zoneID: zoneID)
        let paged = try await repo.deliveries(zoneID: zoneID, state: state, pager: pager)
        let names = try await repo.usernames(Array(Set(paged.rows.map(\.userId))))
        let states = WebhookState.allCases.filter { $0 != .inAppOnly }
        return NoticeChannelsPage(
            url: hook?.url ?? "", headerName: hook?.headerName ?? "", hasSecret: hook?.headerValue != nil,
            enabled: hook?.enabled ?? true, configured: hook != nil,
            deliveries: paged.rows.map { row in
                let state = WebhookState(rawValue: row.webhookState)
                return Delivery(
                    id: row.id, kind: NoticeKind(rawValue: row.kind)?.label ?? row.kind, subject: row.subject,
                    recipient: names[row.userId].map { "\($0.displayName)（\($0.username)）" } ?? "—",
                    createdAt: DisplayTime.format(row.createdAt), state: state?.label ?? row.webhookState,
                    failed: state == .failed || state == .dead, attempts: row.attempts,
                    lastError: row.lastError ?? "",
                    nextAttempt: state == .failed || state == .pending ? DisplayTime.format(row.nextAttemptAt) : "—",
                    deliveredAt: DisplayTime.format(row.deliveredAt))
            },
            states: [StateOption(value: "", label: "全部", selected: state == nil)]
                + states.map { StateOption(value: $0.rawValue, label: $0.label, selected: $0 == state) },
            paging: paged.links(.noticeChannels, query: [("state", state?.rawValue ?? "")]),
            maxAttempts: services.config.notices.retry.maxAttempts, csrf: csrf)
    }
}
