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
        let attempts = LoginAttemptRepository(db: db)
        let pair = try await attempts.failures(since: since, username: username, address: address)
        let fromAddress = try await attempts.failures(since: since, address: address)
        var wait: Int64? = nil
        if pair.count >= maxFailuresPerAccount, let last = pair.max() { wait = max(wait ?? 0, last + lockout - now) }
        if fromAddress.count >= maxFailuresPerAddress, let last = fromAddress.max() {
            wait = max(wait ?? 0, last + lockout - now)
        }
        return wait.flatMap { $0 > 0 ? $0 : nil }
    }

    func record(username: String, address: String, succeeded: Bool, db: any SQLDatabase) async throws {
        try await LoginAttemptRepository(db: db).record(username: username, address: address, succeeded: succeeded)
    }

    static func message(waitSeconds: Int64) -> String {
        let minutes = (waitSeconds + 59) / 60
        return "登录失败次数过多，账号已暂时锁定。请在 \(minutes) 分钟后再试，或联系管理员。"
    }
}
