import Foundation
import Hummingbird
import SQLKit

/// The sessions repository: hummingbird-auth's session storage backed by the `sessions` table, so sessions survive a
/// restart and are shared by every app instance on the same database.
struct SessionRepository: PersistDriver {
    let database: Database

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        if try await get(key: key, as: Object.self) != nil { throw PersistError.duplicate }
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let expiresAt = expires.map { Clock.nowSeconds() + $0.components.seconds }
        try await database.transaction { db in
            let existing = try await db.select().column("expires_at").from("sessions").where("key", .equal, key).first()
            if let existing {
                // Keep the original expiry when none is given (PersistDriver's contract).
                let keep =
                    try existing.decodeNil(column: "expires_at")
                    ? nil : try existing.decode(column: "expires_at", as: Int64.self)
                try await db.update("sessions").set("value", to: json).set("expires_at", to: expiresAt ?? keep)
                    .where("key", .equal, key).run()
            } else {
                try await db.insert(into: "sessions").columns("key", "value", "expires_at")
                    .values(SQLBind(key), SQLBind(json), SQLBind(expiresAt)).run()
            }
        }
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (
        object: Object, ttl: Duration?
    )? {
        guard
            let row = try await database.sql.select().columns("value", "expires_at").from("sessions")
                .where("key", .equal, key).row(SessionRow.self)
        else { return nil }
        let now = Clock.nowSeconds()
        if let expiresAt = row.expiresAt, expiresAt <= now { return nil }
        guard let object = try? JSONDecoder().decode(Object.self, from: Data(row.value.utf8)) else { return nil }
        return (object, row.expiresAt.map { .seconds($0 - now) })
    }

    func remove(key: String) async throws {
        try await database.transaction { db in try await db.delete(from: "sessions").where("key", .equal, key).run() }
    }

    /// Drops expired sessions; called now and then so the table doesn't grow forever.
    func purgeExpired() async throws {
        let now = Clock.nowSeconds()
        try await database.transaction { db in
            try await db.delete(from: "sessions").where("expires_at", .lessThanOrEqual, now).run()
        }
    }
}

private struct SessionRow: Decodable {
    var value: String
    var expiresAt: Int64?
}
