import Foundation
import SQLKit

/// Every SQL statement of the notice outbox: recipients, rows, claims, the delivery log, the
/// zone's webhook and the users' choices.
struct OutboxRepository: Sendable {
    let db: any SQLDatabase

    // MARK: - Recipients

    /// Active users among `ids`, of the zone's users that the recipient clauses name.
    func activeUsers(ids: [Int64]) async throws -> [Int64] {
        guard !ids.isEmpty else { return [] }
        return try await db.select().column("id").from("users").where("id", .in, ids).where("is_active", .equal, true)
            .all(decodingColumn: "id", as: Int64.self)
    }

    func activeUsers(column: String, equals value: Int64) async throws -> [Int64] {
        try await db.select().column("id").from("users").where(SQLColumn(column), .equal, SQLBind(value))
            .where("is_active", .equal, true).all(decodingColumn: "id", as: Int64.self)
    }

    func zoneAdmins(zoneID: Int64) async throws -> [Int64] {
        try await db.select().column("id").from("users").where("zone_id", .equal, zoneID)
            .where("role", .equal, "zone_admin").where("is_active", .equal, true)
            .all(decodingColumn: "id", as: Int64.self)
    }

    func gridWorkerUsers(gridID: Int64) async throws -> [Int64] {
        try await db.select().column("user_id").from("grid_workers").where("grid_id", .equal, gridID)
            .where("user_id", .isNot, SQLLiteral.null).all(decodingColumn: "user_id", as: Int64.self)
    }

    /// Users who chose the webhook channel, among `ids`.
    func webhookChoosers(_ ids: [Int64]) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return Set(
            try await db.select().column("user_id").from("notice_preferences").where("user_id", .in, ids)
                .where("webhook", .equal, true).all(decodingColumn: "user_id", as: Int64.self))
    }

    // MARK: - Rows

    /// Inserts a notice; with a dedupe key, a second insert for the same user changes nothing.
    /// Returns whether a row was added.
    @discardableResult
    func insert(_ row: OutboxRow) async throws -> Bool {
        var q = db.insert(into: "notice_outbox")
            .columns(
                "zone_id", "user_id", "kind", "subject", "body", "link", "dedupe_key", "created_at", "webhook_state",
                "attempts", "next_attempt_at"
            )
            .values(
                SQLBind(row.zoneId), SQLBind(row.userId), SQLBind(row.kind), SQLBind(row.subject), SQLBind(row.body),
                SQLBind(row.link), SQLBind(row.dedupeKey), SQLBind(row.createdAt), SQLBind(row.webhookState),
                SQLBind(row.attempts), SQLBind(row.nextAttemptAt))
        if row.dedupeKey != nil { q = q.ignoringConflicts(with: ["user_id", "dedupe_key"]) }
        return try await q.returning("id").first() != nil
    }

    func find(id: Int64) async throws -> OutboxRow? {
        try await db.select().column("*").from("notice_outbox").where("id", .equal, id)
            .row(OutboxRow.self)
    }

    /// One page of a user's notices, latest first.
    func inbox(userID: Int64, pager: Pager) async throws -> Paged<OutboxRow> {
        let total = try await db.select().from("notice_outbox").where("user_id", .equal, userID).countRows()
        let rows = try await db.select().column("*").from("notice_outbox").where("user_id", .equal, userID)
            .orderBy("id", .descending).page(pager)
            .rows(OutboxRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func unreadCount(userID: Int64) async throws -> Int {
        try await db.select().from("notice_outbox").where("user_id", .equal, userID)
            .where("read_at", .is, SQLLiteral.null).countRows()
    }

    /// Marks the user's unread notices read (one, or all with nil); returns how many.
    func markRead(userID: Int64, id: Int64?, at: Int64) async throws -> Int {
        var q = db.update("notice_outbox").set("read_at", to: at).where("user_id", .equal, userID)
            .where("read_at", .is, SQLLiteral.null)
        if let id { q = q.where("id", .equal, id) }
        return try await q.returning("id").all().count
    }

    /// One page of a zone's webhook deliveries, latest first (rows that only went in-app are left out).
    func deliveries(zoneID: Int64, state: WebhookState?, pager: Pager) async throws -> Paged<OutboxRow> {
        func filtered(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
            let q = q.from("notice_outbox").where("zone_id", .equal, zoneID)
            return state.map { q.where("webhook_state", .equal, $0.rawValue) }
                ?? q.where("webhook_state", .notEqual, WebhookState.inAppOnly.rawValue)
        }
        let total = try await filtered(db.select()).countRows()
        let rows = try await filtered(db.select().column("*")).orderBy("id", .descending).page(pager)
            .rows(OutboxRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func usernames(_ ids: [Int64]) async throws -> [Int64: (username: String, displayName: String)] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: (String, String)] = [:]
        for row in try await db.select().columns("id", "username", "display_name").from("users").where("id", .in, ids)
            .all()
        {
            result[try row.decode(column: "id", as: Int64.self)] = (
                try row.decode(column: "username", as: String.self),
                try row.decode(column: "display_name", as: String.self)
            )
        }
        return result
    }

    // MARK: - Claims (two servers never send one notice twice)

    /// Due for an attempt at `now`: pending or failed and due, or claimed by a worker whose lease ran out.
    private func claimable<B: SQLPredicateBuilder>(_ q: B, now: Int64) -> B {
        q.where { w in
            w.where("webhook_state", .in, [WebhookState.pending.rawValue, WebhookState.failed.rawValue])
                .orWhere("webhook_state", .equal, WebhookState.sending.rawValue)
        }
        .where("next_attempt_at", .lessThanOrEqual, now)
        .where { w in w.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThan, now) }
    }

    /// Ids due for a webhook attempt (oldest first): pending, failed and due, or claimed by a
    /// worker whose lease ran out.
    func due(now: Int64, zoneID: Int64? = nil, limit: Int) async throws -> [Int64] {
        var q = claimable(db.select().column("id").from("notice_outbox"), now: now)
        if let zoneID { q = q.where("zone_id", .equal, zoneID) }
        return try await q.orderBy("id").limit(limit).all(decodingColumn: "id", as: Int64.self)
    }

    /// Claims one row for an attempt until `leaseUntil`, counting the attempt: one UPDATE whose
    /// WHERE repeats the due test, so of two workers racing for a row exactly one gets it.
    func claim(id: Int64, now: Int64, leaseUntil: Int64) async throws -> OutboxRow? {
        let update = db.update("notice_outbox")
            .set("webhook_state", to: WebhookState.sending.rawValue).set("lease_until", to: leaseUntil)
            .set(
                SQLIdentifier("attempts"), to: SQLBinaryExpression(SQLColumn("attempts"), .add, SQLLiteral.numeric("1"))
            )
            .where("id", .equal, id)
        let claimed = try await claimable(update, now: now).returning("id").all()
        guard !claimed.isEmpty else { return nil }
        return try await find(id: id)
    }

    /// Records an attempt's outcome, only if the claim is still ours (the lease we set).
    func finish(
        id: Int64, lease: Int64, state: WebhookState, nextAttemptAt: Int64?, error: String?, deliveredAt: Int64?
    ) async throws {
        try await db.update("notice_outbox").set("webhook_state", to: state.rawValue)
            .set("lease_until", to: SQLLiteral.null).set("next_attempt_at", to: SQLBind(nextAttemptAt))
            .set("last_error", to: SQLBind(error)).set("delivered_at", to: SQLBind(deliveredAt))
            .where("id", .equal, id).where("webhook_state", .equal, WebhookState.sending.rawValue)
            .where("lease_until", .equal, lease).run()
    }

    // MARK: - Zone webhook and preferences

    func webhook(zoneID: Int64) async throws -> ZoneWebhookRow? {
        try await db.select().column("*").from("zone_webhooks").where("zone_id", .equal, zoneID)
            .row(ZoneWebhookRow.self)
    }

    func saveWebhook(_ row: ZoneWebhookRow) async throws {
        try await db.delete(from: "zone_webhooks").where("zone_id", .equal, row.zoneId).run()
        try await db.insert(into: "zone_webhooks")
            .columns("zone_id", "url", "header_name", "header_value", "enabled", "updated_at")
            .values(
                SQLBind(row.zoneId), SQLBind(row.url), SQLBind(row.headerName), SQLBind(row.headerValue),
                SQLBind(row.enabled), SQLBind(row.updatedAt)
            ).run()
    }

    func webhookChoice(userID: Int64) async throws -> Bool {
        try await db.select().column("webhook").from("notice_preferences").where("user_id", .equal, userID)
            .first(decodingColumn: "webhook", as: Bool.self) ?? false
    }

    func saveWebhookChoice(userID: Int64, webhook: Bool, at: Int64) async throws {
        try await db.delete(from: "notice_preferences").where("user_id", .equal, userID).run()
        try await db.insert(into: "notice_preferences").columns("user_id", "webhook", "updated_at")
            .values(SQLBind(userID), SQLBind(webhook), SQLBind(at)).run()
    }

    // MARK: - Deadline reminders

    /// Open cases with a deadline in [from, to] that are not overdue: what the reminder sweep reads.
    func openCases(deadlineFrom from: String, to: String) async throws -> [CaseRow] {
        try await db.select().column("*").from("cases").where("closed_at", .is, SQLLiteral.null)
            .where("overdue", .equal, false).where("deadline_day", .greaterThanOrEqual, from)
            .where("deadline_day", .lessThanOrEqual, to).orderBy("id")
            .rows(CaseRow.self)
    }
}
