import SQLKit

/// The login attempts the lock-out counts (`LoginThrottle`).
struct LoginAttemptRepository: Sendable {
    let db: any SQLDatabase

    func record(username: String, address: String, succeeded: Bool) async throws {
        try await db.insert(into: "login_attempts").columns("username", "address", "at", "succeeded")
            .values(SQLBind(username), SQLBind(address), SQLBind(Clock.nowSeconds()), SQLBind(succeeded)).run()
        if succeeded {
            // A successful login clears the slate for this account and address.
            try await db.delete(from: "login_attempts").where("username", .equal, username)
                .where("address", .equal, address).where("succeeded", .equal, false).run()
        }
    }

    /// Forgets attempts before `before`: the lock-out looks back 15 minutes, so a day is plenty.
    func purge(before: Int64) async throws {
        try await db.delete(from: "login_attempts").where("at", .lessThan, before).run()
    }

    /// Times of failures since `since` from `address`, for `username` when given.
    func failures(since: Int64, username: String? = nil, address: String) async throws -> [Int64] {
        var query = db.select().column("at").from("login_attempts").where("address", .equal, address)
        if let username { query = query.where("username", .equal, username) }
        return try await query.where("at", .greaterThan, since).where("succeeded", .equal, false)
            .all(decodingColumn: "at", as: Int64.self)
    }
}
