import Foundation

/// One notice to one user, with its in-app and webhook delivery state.
struct OutboxRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64?
    var userId: Int64
    var kind: String
    var subject: String
    var body: String
    var link: String?
    var dedupeKey: String?
    var createdAt: Int64
    var readAt: Int64?
    var webhookState: String
    var attempts: Int
    var nextAttemptAt: Int64?
    var leaseUntil: Int64?
    var lastError: String?
    var deliveredAt: Int64?
}

/// A zone's webhook: where notices of users who chose it are POSTed, with an optional secret header.
struct ZoneWebhookRow: Codable, Sendable {
    var zoneId: Int64
    var url: String
    var headerName: String?
    var headerValue: String?
    var enabled: Bool
    var updatedAt: Int64
}

/// The webhook channel's states of a notice row.
enum WebhookState: String, Sendable, CaseIterable {
    /// Only in-app (the user did not choose the webhook, or the zone has none).
    case inAppOnly = "none"
    case pending
    /// Claimed by a worker until `lease_until`.
    case sending
    case sent
    /// Failed, retried at `next_attempt_at`.
    case failed
    /// Failed on every allowed attempt; kept with its last error.
    case dead

    var label: String {
        switch self {
        case .inAppOnly: "仅站内"
        case .pending: "待发送"
        case .sending: "发送中"
        case .sent: "已送达"
        case .failed: "失败，待重试"
        case .dead: "已放弃"
        }
    }
}

/// What a notice is about; the webhook JSON carries the raw value.
enum NoticeKind: String, Sendable, CaseIterable {
    case policy
    case application
    case deadlineSoon = "deadline_soon"
    case deadlinePassed = "deadline_passed"
    case escalation
    case followUp = "follow_up"
    case pointsReview = "points_review"
    case test

    var label: String {
        switch self {
        case .policy: "政策通知"
        case .application: "申报审核"
        case .deadlineSoon: "时限提醒"
        case .deadlinePassed: "办理超时"
        case .escalation: "超时督办"
        case .followUp: "差评回访"
        case .pointsReview: "积分审核"
        case .test: "测试通知"
        }
    }
}
