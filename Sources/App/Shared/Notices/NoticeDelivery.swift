import AsyncHTTPClient
import Foundation
import GaoxinCore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Sends due webhook deliveries: claims each row with a lease (so two servers never send one
/// notice twice), POSTs the JSON with the zone's secret header, and records the outcome — sent,
/// or failed with its error and the next try after the back-off, or given up after the last attempt.
struct NoticeDelivery: Sendable {
    let database: Database
    let client: HTTPClient
    let settings: NoticeSettings

    /// An HTTP client for webhooks: no redirects followed, the configured time limits.
    static func makeClient(_ settings: NoticeSettings) -> HTTPClient {
        HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(
                redirectConfiguration: .disallow,
                timeout: .init(
                    connect: .seconds(settings.timeoutSeconds), read: .seconds(settings.timeoutSeconds))))
    }

    /// Runs `body` with a delivery over its own HTTP client, closed afterwards.
    static func with<T>(
        database: Database, settings: NoticeSettings, _ body: (NoticeDelivery) async throws -> T
    ) async throws -> T {
        let client = makeClient(settings)
        do {
            let value = try await body(NoticeDelivery(database: database, client: client, settings: settings))
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    struct Report: Sendable, Equatable {
        var sent = 0
        var failed = 0
    }

    /// One round: every row due at `now` (up to `limit`; of one zone, or all) is claimed and attempted once.
    @discardableResult
    func deliverDue(now: Int64 = Clock.nowSeconds(), zoneID: Int64? = nil, limit: Int = 100) async throws -> Report {
        let repo = OutboxRepository(db: database.sql)
        var report = Report()
        for id in try await repo.due(now: now, zoneID: zoneID, limit: limit) {
            let lease = now + settings.timeoutSeconds * 3 + 30
            // Claims and outcomes are writes: each in its own short transaction, never around the POST.
            let claimed = try await database.transaction { db in
                try await OutboxRepository(db: db).claim(id: id, now: now, leaseUntil: lease)
            }
            guard let row = claimed else { continue }
            let error = await attempt(row)
            let next = error == nil ? nil : settings.retry.nextAttempt(afterFailedAttempts: row.attempts, now: now)
            let state: WebhookState = error == nil ? .sent : next == nil ? .dead : .failed
            try await database.transaction { db in
                try await OutboxRepository(db: db).finish(
                    id: id, lease: lease, state: state, nextAttemptAt: next, error: error,
                    deliveredAt: error == nil ? now : nil)
            }
            if error == nil { report.sent += 1 } else { report.failed += 1 }
        }
        return report
    }

    /// POSTs one notice; nil when the receiver answered 2xx, otherwise what went wrong (in Chinese).
    private func attempt(_ row: OutboxRow) async -> String? {
        let repo = OutboxRepository(db: database.sql)
        do {
            guard let zoneID = row.zoneId, let hook = try await repo.webhook(zoneID: zoneID), hook.enabled else {
                return "园区未配置或已停用 webhook"
            }
            let user = try await repo.usernames([row.userId])[row.userId]
            var request = HTTPClientRequest(url: hook.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "User-Agent", value: "Gaoxin-Notices/1")
            if let name = hook.headerName, let value = hook.headerValue, !name.isEmpty {
                request.headers.add(name: name, value: value)
            }
            let payload = WebhookPayload(row, user: user, publicURL: settings.publicURL)
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder.webhook.encode(payload)))
            let response = try await client.execute(request, timeout: .seconds(settings.timeoutSeconds))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(Int(response.status.code)) else {
                return "接收方返回 HTTP \(response.status.code)"
            }
            return nil
        } catch {
            return "无法送达：\(String(describing: error).prefix(300))"
        }
    }
}

/// The JSON a webhook receives. `msgtype`/`text` make it a text message for a 企业微信 or 钉钉
/// group bot as it is; an SMS gateway reads `subject`, `body` and `recipient`.
struct WebhookPayload: Codable, Sendable {
    struct Recipient: Codable, Sendable {
        let id: Int64
        let username: String
        let name: String
    }
    struct Text: Codable, Sendable {
        let content: String
    }
    let id: Int64
    let kind: String
    let subject: String
    let body: String
    let link: String?
    let recipient: Recipient
    let createdAt: Int64
    let msgtype: String
    let text: Text

    init(_ row: OutboxRow, user: (username: String, displayName: String)?, publicURL: String?) {
        id = row.id
        kind = row.kind
        subject = row.subject
        body = row.body
        link = row.link.map { (publicURL ?? "") + $0 }
        recipient = Recipient(id: row.userId, username: user?.username ?? "", name: user?.displayName ?? "")
        createdAt = row.createdAt
        msgtype = "text"
        let to = user.map { "（致 \($0.displayName)）" } ?? ""
        text = Text(content: "【\(row.subject)】\(to)\n\(row.body)" + (link.map { "\n\($0)" } ?? ""))
    }
}

extension JSONEncoder {
    static var webhook: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// The background worker: sends due webhook deliveries every `deliverEvery` and runs the
/// deadline-reminder sweep every `remindEvery`, while the server runs.
struct NoticeWorker: Service {
    let services: AppServices
    let every: Duration

    func run() async throws {
        let settings = services.config.notices
        let client = NoticeDelivery.makeClient(settings)
        let delivery = NoticeDelivery(database: services.database, client: client, settings: settings)
        var lastSweep: ContinuousClock.Instant?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if lastSweep.map({ ContinuousClock.now - $0 >= settings.remindEvery }) ?? true {
                lastSweep = .now
                do {
                    let added = try await DeadlineReminders(services: services).run(today: Clock.today)
                    if added > 0 { services.logger.info("时限提醒：已加入 \(added) 条通知") }
                } catch {
                    services.logger.warning("时限提醒失败：\(error)")
                }
            }
            do {
                let report = try await delivery.deliverDue()
                if report.failed > 0 {
                    services.logger.warning("webhook 通知：\(report.sent) 条送达，\(report.failed) 条失败待重试")
                }
            } catch {
                services.logger.warning("webhook 通知发送失败：\(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: every) }
        }
        try? await client.shutdown()
    }
}
