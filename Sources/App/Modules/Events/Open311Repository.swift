import Foundation
import SQLKit

/// All SQL of Open311: the zones' api keys (only the SHA-256 hash is stored, as for API tokens;
/// the plain key is shown once to whoever makes it) and the GeoReport token and media_url a client
/// sent with each request it filed.
struct Open311Repository: Sendable {
    let db: any SQLDatabase

    /// Stores a key for the zone with its audit row; returns its id.
    func insertKey(zoneID: Int64, name: String, secret: String, actor: CurrentUser?) async throws -> Int64 {
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
        return id
    }

    /// Stops a live key of the zone for good, with its audit row; false when there is none such.
    func revokeKey(id: Int64, zoneID: Int64, actor: CurrentUser) async throws -> Bool {
        guard
            let key = try await db.select().columns(
                "id", "zone_id", "name", "prefix", "created_at", "last_used_at", "revoked_at"
            )
            .from("open311_keys").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .where("revoked_at", .is, SQLLiteral.null)
            .row(Open311KeyRow.self)
        else { return false }
        let now = Clock.nowSeconds()
        try await db.update("open311_keys").set("revoked_at", to: now).where("id", .equal, id).run()
        try await AuditLog.record(
            zoneID: zoneID, actor: actor, entity: "open311_key", id: id, action: "revoke",
            before: ["name": key.name, "prefix": key.prefix], after: ["revoked_at": String(now)], on: db)
        return true
    }

    func keys(zoneID: Int64) async throws -> [Open311KeyRow] {
        try await db.select().columns("id", "zone_id", "name", "prefix", "created_at", "last_used_at", "revoked_at")
            .from("open311_keys")
            .where("zone_id", .equal, zoneID).orderBy("id", .descending)
            .rows(Open311KeyRow.self)
    }

    /// The live key with this secret, whatever its zone (the caller compares zones).
    func find(secret: String) async throws -> Open311KeyRow? {
        try await db.select().columns("id", "zone_id", "name", "prefix", "created_at", "last_used_at", "revoked_at")
            .from("open311_keys")
            .where("key_hash", .equal, APITokens.hash(secret)).where("revoked_at", .is, SQLLiteral.null)
            .row(Open311KeyRow.self)
    }

    func touch(keyID: Int64) async throws {
        try await db.update("open311_keys").set("last_used_at", to: Clock.nowSeconds()).where("id", .equal, keyID).run()
    }

    /// The token (and media_url) a GeoReport client filed event `caseID` with.
    func insertRequest(caseID: Int64, zoneID: Int64, token: String, mediaURL: String?, at: Int64) async throws {
        try await db.insert(into: "open311_requests").columns("case_id", "zone_id", "token", "media_url", "created_at")
            .values(SQLBind(caseID), SQLBind(zoneID), SQLBind(token), SQLBind(mediaURL), SQLBind(at))
            .run()
    }

    /// The event filed with `token` in the zone.
    func caseID(token: String, zoneID: Int64) async throws -> Int64? {
        try await db.select().column("case_id").from("open311_requests").where("token", .equal, token)
            .where("zone_id", .equal, zoneID).first(decodingColumn: "case_id", as: Int64.self)
    }

    /// The media_url clients sent with these events.
    func mediaURLs(caseIDs: [Int64]) async throws -> [Int64: String] {
        guard !caseIDs.isEmpty else { return [:] }
        struct Media: Decodable {
            var caseId: Int64
            var mediaUrl: String
        }
        let rows = try await db.select().columns("case_id", "media_url").from("open311_requests")
            .where("case_id", .in, caseIDs).where("media_url", .isNot, SQLLiteral.null)
            .rows(Media.self)
        return Dictionary(rows.map { ($0.caseId, $0.mediaUrl) }, uniquingKeysWith: { a, _ in a })
    }
}
