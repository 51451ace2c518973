import Crypto
import Foundation
import SQLKit

/// Bearer tokens for the JSON API. Only a SHA-256 hash is stored: a leaked database doesn't leak
/// usable tokens. The plain token is shown once, when it is created.
struct APITokenRow: Codable, Sendable {
    var id: Int64
    var userId: Int64
    var name: String
    var prefix: String
    var createdAt: Int64
    var lastUsedAt: Int64?
    var revokedAt: Int64?
}

struct APITokens: Sendable {
    let db: any SQLDatabase

    /// A random secret (system random generator), hex after a prefix that says what it is for.
    static func newSecret(prefix: String = "gx_", bytes count: Int = 32) -> String {
        prefix + (0..<count).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a token and returns its id and the plain secret (shown to the user once).
    func create(userID: Int64, name: String) async throws -> (id: Int64, secret: String) {
        let secret = Self.newSecret()
        let id =
            try await db.insert(into: "api_tokens")
            .columns("user_id", "name", "token_hash", "prefix", "created_at")
            .values(
                SQLBind(userID), SQLBind(name), SQLBind(Self.hash(secret)), SQLBind(String(secret.prefix(10))),
                SQLBind(Clock.nowSeconds())
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        return (id, secret)
    }

    func list(userID: Int64) async throws -> [APITokenRow] {
        try await db.select().columns("id", "user_id", "name", "prefix", "created_at", "last_used_at", "revoked_at")
            .from("api_tokens").where("user_id", .equal, userID).orderBy("id", .descending)
            .all(decoding: APITokenRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func find(id: Int64, userID: Int64) async throws -> APITokenRow? {
        try await db.select().columns("id", "user_id", "name", "prefix", "created_at", "last_used_at", "revoked_at")
            .from("api_tokens").where("id", .equal, id).where("user_id", .equal, userID)
            .first(decoding: APITokenRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func revoke(id: Int64, userID: Int64) async throws {
        try await db.update("api_tokens").set("revoked_at", to: Clock.nowSeconds())
            .where("id", .equal, id).where("user_id", .equal, userID).run()
    }

    /// The user id a live token belongs to.
    func userID(forSecret secret: String) async throws -> Int64? {
        let row = try await db.select().columns("id", "user_id").from("api_tokens")
            .where("token_hash", .equal, Self.hash(secret)).where("revoked_at", .is, SQLLiteral.null).first()
        return try row?.decode(column: "user_id", as: Int64.self)
    }
}
