import Foundation
import SQLKit

/// Who a notice goes to; resolved to the active users behind it when it is enqueued.
enum NoticeRecipient: Sendable, Hashable {
    case user(Int64)
    /// Every user of the enterprise.
    case enterprise(Int64)
    /// The login of a resident's person record.
    case person(Int64)
    /// Every staff member of the department.
    case department(Int64)
    /// The grid's workers who have a login.
    case grid(Int64)
    case zoneAdmins(zoneID: Int64)
    /// A case assignee id ("user:7", "department:3", "grid:12"); anything else reaches nobody.
    case assignee(String)
}

/// What a notice says; `dedupeKey` makes a repeated enqueue (a sweep run twice, two servers)
/// add nothing for a user who already has it.
struct Notice: Sendable {
    var kind: NoticeKind
    var subject: String
    var body: String
    var link: SiteURL?
    var dedupeKey: String? = nil
}

/// The one way a notice leaves a module: `enqueue(on: tx, …)` inside the module's write
/// transaction, so a notice exists exactly when the write commits. The in-app channel reads the
/// rows at once; `NoticeDeliverer` sends the webhook channel afterwards with retries.
enum Outbox {
    /// Enqueues `notice` for every active user behind `recipients` (each once); the webhook channel
    /// is pending for users who chose it when the zone has an enabled webhook (`forceWebhook` for
    /// the zone admin's test notice). Returns how many rows were added.
    @discardableResult
    static func enqueue(
        on db: any SQLDatabase, zoneID: Int64?, to recipients: [NoticeRecipient], _ notice: Notice,
        forceWebhook: Bool = false, now: Int64 = Clock.nowSeconds()
    ) async throws -> Int {
        let repo = OutboxRepository(db: db)
        let users = try await resolve(recipients, repo: repo)
        guard !users.isEmpty else { return 0 }
        var hook: ZoneWebhookRow?
        if let zoneID { hook = try await repo.webhook(zoneID: zoneID) }
        let choosers: Set<Int64> =
            hook?.enabled == true ? (forceWebhook ? Set(users) : try await repo.webhookChoosers(users)) : []
        var added = 0
        for user in users {
            let viaHook = choosers.contains(user)
            let row = OutboxRow(
                id: 0, zoneId: zoneID, userId: user, kind: notice.kind.rawValue,
                subject: String(notice.subject.prefix(200)),
                body: String(notice.body.prefix(2000)), link: notice.link?.path, dedupeKey: notice.dedupeKey,
                createdAt: now, readAt: nil,
                webhookState: (viaHook ? WebhookState.pending : .inAppOnly).rawValue, attempts: 0,
                nextAttemptAt: viaHook ? now : nil, leaseUntil: nil, lastError: nil, deliveredAt: nil)
            if try await repo.insert(row) { added += 1 }
        }
        return added
    }

    /// The active users behind the recipients, each once, in a stable order.
    static func resolve(_ recipients: [NoticeRecipient], repo: OutboxRepository) async throws -> [Int64] {
        var ids: [Int64] = []
        for recipient in recipients {
            switch recipient {
            case .user(let id): ids.append(id)
            case .enterprise(let id): ids += try await repo.activeUsers(column: "enterprise_id", equals: id)
            case .department(let id): ids += try await repo.activeUsers(column: "department_id", equals: id)
            case .person(let id): ids += try await repo.activeUsers(column: "person_id", equals: id)
            case .grid(let id): ids += try await repo.gridWorkerUsers(gridID: id)
            case .zoneAdmins(let zoneID): ids += try await repo.zoneAdmins(zoneID: zoneID)
            case .assignee(let text):
                if let next = parseAssignee(text) { ids += try await resolve([next], repo: repo) }
            }
        }
        let unique = Array(Set(ids)).sorted()
        return try await repo.activeUsers(ids: unique).sorted()
    }

    static func parseAssignee(_ text: String) -> NoticeRecipient? {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = Int64(parts[1]), id > 0 else { return nil }
        switch parts[0] {
        case "user": return .user(id)
        case "department": return .department(id)
        case "grid": return .grid(id)
        default: return nil
        }
    }
}
