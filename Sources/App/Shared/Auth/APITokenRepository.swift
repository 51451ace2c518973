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
    var expiresAt: Int64?
}

/// Bearer tokens for the JSON API, kept per user.
struct APITokenRepository: Sendable {
    let db: any SQLDatabase

    /// Creates a token and returns its id and the plain secret (shown to the user once).
    /// How long a token lives unless the user picks otherwise.
    static let defaultDays = 90

    func create(userID: Int64, name: String, days: Int = defaultDays) async throws -> (id: Int64, secret: String) {
        let secret = APITokens.newSecret()
        let id =
            try await db.insert(into: "api_tokens")
            .columns("user_id", "name", "token_hash", "prefix", "created_at", "expires_at")
            .values(
                SQLBind(userID), SQLBind(name), SQLBind(APITokens.hash(secret)), SQLBind(String(secret.prefix(10))),
                SQLBind(Clock.nowSeconds()), SQLBind(Clock.nowSeconds() + Int64(days) * 86_400)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        return (id, secret)
    }

    func list(userID: Int64) async throws -> [APITokenRow] {
        try await db.select().columns(
            "id", "user_id", "name", "prefix", "created_at", "last_used_at", "revoked_at", "expires_at"
        )
        .from("api_tokens").where("user_id", .equal, userID).orderBy("id", .descending)
        .rows(APITokenRow.self)
    }

    func find(id: Int64, userID: Int64) async throws -> APITokenRow? {
        try await db.select().columns(
            "id", "user_id", "name", "prefix", "created_at", "last_used_at", "revoked_at", "expires_at"
        )
        .from("api_tokens").where("id", .equal, id).where("user_id", .equal, userID)
        .row(APITokenRow.self)
    }

    func revoke(id: Int64, userID: Int64) async throws {
        try await db.update("api_tokens").set("revoked_at", to: Clock.nowSeconds())
            .where("id", .equal, id).where("user_id", .equal, userID).run()
    }

    /// Revokes every live token of a user (a changed password); returns how many.
    func revokeAll(userID: Int64) async throws -> Int {
        let live = try await db.select().from("api_tokens").where("user_id", .equal, userID)
            .where("revoked_at", .is, SQLLiteral.null).countRows()
        try await db.update("api_tokens").set("revoked_at", to: Clock.nowSeconds())
            .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).run()
        return live
    }

    /// The user a live token belongs to, read with the token in one query. Every API request asks,
    /// so the statement is written out rather than built: SQLKit's builder spent a tenth of the
    /// one-row API read's CPU serialising its expressions.
    func user(forSecret secret: String) async throws -> UserRow? {
        try await db.raw(
            """
            SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = \(bind: APITokens.hash(secret))
            AND t.revoked_at IS NULL AND t.expires_at > \(bind: Clock.nowSeconds())
            """
        ).row(UserRow.self)
    }
}
