import Foundation
import SQLKit

/// One row of the audit log, for the browse page and the API.
struct AuditRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64?
    var actorUserId: Int64?
    var actorName: String
    var at: Int64
    var entity: String
    var entityId: String
    var action: String
    var beforeJson: String?
    var afterJson: String?
    var requestId: String?
}

struct AuditFilter: Sendable {
    var entity: String?
    var action: String?
    var actor: String?
    var from: Int64?
    var to: Int64?
}

struct AuditRepository: Sendable {
    let db: any SQLDatabase

    func insert(_ entry: AuditLog.Entry, requestID: String?) async throws {
        try await db.insert(into: "audit_log")
            .columns(
                "zone_id", "actor_user_id", "actor_name", "at", "entity", "entity_id", "action",
                "before_json", "after_json", "request_id"
            )
            .values(
                SQLBind(entry.zoneID), SQLBind(entry.actor?.id),
                SQLBind(entry.actor.map { "\($0.displayName)（\($0.username)）" } ?? "系统"),
                SQLBind(Clock.nowSeconds()), SQLBind(entry.entity), SQLBind(entry.entityID), SQLBind(entry.action),
                SQLBind(entry.before), SQLBind(entry.after), SQLBind(requestID)
            )
            .run()
    }

    func page(scope: ZoneScope, filter: AuditFilter, pager: Pager) async throws -> Paged<AuditRow> {
        func apply(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
            var q = q
            if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
            if let e = filter.entity, !e.isEmpty { q = q.where("entity", .equal, e) }
            if let a = filter.action, !a.isEmpty { q = q.where("action", .equal, a) }
            if let actor = filter.actor, !actor.isEmpty { q = q.where("actor_name", .like, "%\(actor)%") }
            if let from = filter.from { q = q.where("at", .greaterThanOrEqual, from) }
            if let to = filter.to { q = q.where("at", .lessThan, to) }
            return q
        }
        let total = try await apply(db.select().from("audit_log")).countRows()
        let rows = try await apply(db.select().column("*").from("audit_log"))
            .orderBy("id", .descending).page(pager)
            .rows(AuditRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func entities(scope: ZoneScope) async throws -> [String] {
        var q = db.select().distinct().column("entity").from("audit_log")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        return try await q.orderBy("entity").all(decodingColumn: "entity", as: String.self)
    }
}
