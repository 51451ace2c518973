import Crypto
import Foundation
import Logging
import SQLKit

/// A zone's Open311 api key as lists show it (never the key itself).
struct Open311KeyRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var name: String
    var prefix: String
    var createdAt: Int64
    var lastUsedAt: Int64?
    var revokedAt: Int64?
}

/// Api keys for GeoReport clients that file events (POST requests). Only the SHA-256 hash is
/// stored, as for API tokens; the plain key is shown once to whoever makes it.
struct Open311Keys: Sendable {
    let db: any SQLDatabase

    static func newSecret() -> String { APITokens.newSecret(prefix: "o311_", bytes: 24) }

    /// Makes a key for the zone, with its audit row; returns the plain key.
    func create(zoneID: Int64, name: String, actor: CurrentUser?) async throws -> (id: Int64, secret: String) {
        let secret = Self.newSecret()
        let id =
            try await db.insert(into: "open311_keys").columns(
                "zone_id", "name", "key_hash", "prefix", "created_by", "created_at"
            )
            .values(
                SQLBind(zoneID), SQLBind(name), SQLBind(APITokens.hash(secret)), SQLBind(String(secret.prefix(9))),
                SQLBind(actor?.id),
                SQLBind(Clock.nowSeconds())
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await AuditLog.record(
            zoneID: zoneID, actor: actor, entity: "open311_key", id: id, action: "create",
            after: ["name": name, "prefix": String(secret.prefix(9))], on: db)
        return (id, secret)
    }

    func list(zoneID: Int64) async throws -> [Open311KeyRow] {
        try await db.select().columns("id", "zone_id", "name", "prefix", "created_at", "last_used_at", "revoked_at")
            .from("open311_keys")
            .where("zone_id", .equal, zoneID).orderBy("id", .descending)
            .all(decoding: Open311KeyRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The live key with this secret, whatever its zone (the caller compares zones).
    func find(secret: String) async throws -> Open311KeyRow? {
        try await db.select().columns("id", "zone_id", "name", "prefix", "created_at", "last_used_at", "revoked_at")
            .from("open311_keys")
            .where("key_hash", .equal, APITokens.hash(secret)).where("revoked_at", .is, SQLLiteral.null)
            .first(decoding: Open311KeyRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func touch(id: Int64) async throws {
        try await db.update("open311_keys").set("last_used_at", to: Clock.nowSeconds()).where("id", .equal, id).run()
    }
}

/// `gaoxin open311 key --zone jinan --name …`: makes a key from the command line; returns it.
public func createOpen311Key(config: AppConfig, zoneCode: String, name: String, logger: Logger) async throws -> String {
    let database = try await Database.open(config.database, logger: logger)
    do {
        try await MigrationRunner(database: database, logger: logger).run()
        guard let zone = try await ZoneRepository(db: database.sql).zone(code: zoneCode) else {
            throw ConfigError("没有找到园区：\(zoneCode)")
        }
        let trimmed = name.trimmed
        guard !trimmed.isEmpty, trimmed.count <= 60 else { throw ConfigError("密钥名称不能为空，且不超过 60 个字") }
        let secret = try await database.transaction { db in
            try await Open311Keys(db: db).create(zoneID: zone.id, name: trimmed, actor: nil).secret
        }
        try await database.shutdown()
        return secret
    } catch {
        try? await database.shutdown()
        throw error
    }
}
