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
        try await AuditRepository(db: db).insert(entry, requestID: requestID)
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
