import SQLKit

/// Lock-out after repeated failed logins. Counted per account and address (so someone guessing
/// one account from one place is stopped, without letting a stranger lock a colleague out from
/// everywhere), and per address across accounts (so one machine can't sweep many accounts).
struct LoginThrottle: Sendable {
    var maxFailuresPerAccount = 5
    var maxFailuresPerAddress = 20
    var window: Int64 = 15 * 60
    var lockout: Int64 = 15 * 60

    /// Seconds the caller must wait before trying again, or nil when they may try now.
    func waitSeconds(username: String, address: String, db: any SQLDatabase) async throws -> Int64? {
        let now = Clock.nowSeconds()
        let since = now - window
        let pair = try await failures(db: db, since: since) {
            $0.where("username", .equal, username).where("address", .equal, address)
        }
        let fromAddress = try await failures(db: db, since: since) { $0.where("address", .equal, address) }
        var wait: Int64? = nil
        if pair.count >= maxFailuresPerAccount, let last = pair.max() { wait = max(wait ?? 0, last + lockout - now) }
        if fromAddress.count >= maxFailuresPerAddress, let last = fromAddress.max() {
            wait = max(wait ?? 0, last + lockout - now)
        }
        return wait.flatMap { $0 > 0 ? $0 : nil }
    }

    func record(username: String, address: String, succeeded: Bool, db: any SQLDatabase) async throws {
        try await db.insert(into: "login_attempts").columns("username", "address", "at", "succeeded")
            .values(SQLBind(username), SQLBind(address), SQLBind(Clock.nowSeconds()), SQLBind(succeeded)).run()
        if succeeded {
            // A successful login clears the slate for this account and address.
            try await db.delete(from: "login_attempts").where("username", .equal, username)
                .where("address", .equal, address).where("succeeded", .equal, false).run()
        }
    }

    /// Times of failures since `since` (only failures after the last success count).
    private func failures(db: any SQLDatabase, since: Int64, filter: (SQLSelectBuilder) -> SQLSelectBuilder)
        async throws -> [Int64]
    {
        try await filter(db.select().column("at").from("login_attempts"))
            .where("at", .greaterThan, since).where("succeeded", .equal, false)
            .all(decodingColumn: "at", as: Int64.self)
    }

    static func message(waitSeconds: Int64) -> String {
        let minutes = (waitSeconds + 59) / 60
        return "登录失败次数过多，账号已暂时锁定。请在 \(minutes) 分钟后再试，或联系管理员。"
    }
}
