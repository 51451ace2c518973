import Foundation
import SQLKit

/// Writes the audit trail. Always called inside the same transaction as the change it records,
/// so there is never a change without its row (or a row without its change).
struct AuditLog: Sendable {
    struct Entry: Sendable {
        var zoneID: Int64?
        var actor: CurrentUser?
        var entity: String
        var entityID: String
        var action: String
        var before: String?
        var after: String?
    }

    /// Who did it and in which request: set by the request context, read by `record`.
    @TaskLocal static var requestID: String?

    static func json(_ value: (some Encodable)?) -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func record(_ entry: Entry, on db: any SQLDatabase) async throws {
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

    /// Shorthand for the common case: one entity changed from `before` to `after`.
    static func record(
        zoneID: Int64?, actor: CurrentUser?, entity: String, id: some CustomStringConvertible, action: String,
        before: (some Encodable)? = String?.none, after: (some Encodable)? = String?.none, on db: any SQLDatabase
    ) async throws {
        try await record(
            Entry(
                zoneID: zoneID, actor: actor, entity: entity, entityID: id.description, action: action,
                before: json(before), after: json(after)),
            on: db)
    }
}

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

    func page(scope: ZoneScope, filter: AuditFilter, page: Int, perPage: Int) async throws -> (
        rows: [AuditRow], total: Int
    ) {
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
            .orderBy("id", .descending).limit(perPage).offset((page - 1) * perPage)
            .all(decoding: AuditRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (rows, total)
    }

    func entities(scope: ZoneScope) async throws -> [String] {
        var q = db.select().distinct().column("entity").from("audit_log")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        return try await q.orderBy("entity").all(decodingColumn: "entity", as: String.self)
    }
}
