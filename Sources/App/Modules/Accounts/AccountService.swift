import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdBcrypt

/// The account's writes: signing in (with the lock-out), changing the password, making and
/// revoking API tokens. Field problems are a `Refusal`; nothing is written unless all is right.
struct AccountService: Sendable {
    let services: AppServices
    /// Verified against when the username is unknown, so timing doesn't reveal which accounts exist.
    static let dummyHash = Bcrypt.hash("no-such-account", cost: 12)

    /// How a sign-in ended: the user and the password stamp for the session, or a message about
    /// the attempt as a whole with its status (401 wrong, 429 locked out).
    enum SignIn: Sendable {
        case signedIn(CurrentUser, passwordStamp: Int64)
        case refused(String, status: HTTPResponse.Status)
    }

    func signIn(username: String, password: String, address: String) async throws -> SignIn {
        var errors = FormErrors()
        if username.isEmpty {
            errors.add("username", "用户名：请填写用户名")
        } else if username.count > 60 {
            // No account has a longer name; refused before it reaches the lock-out table.
            errors.add("username", "用户名：不超过 60 个字符")
        }
        if password.isEmpty { errors.add("password", "密码：请填写密码") }
        try Refusal.check(errors)

        let db = services.database
        let throttle = services.throttle
        if let wait = try await throttle.waitSeconds(username: username, address: address, db: db.sql) {
            return .refused(LoginThrottle.message(waitSeconds: wait), status: .tooManyRequests)
        }
        let row = try await UserRepository(db: db.sql).find(username: username)
        let ok = try await services.hasher.verify(password, hash: row?.passwordHash ?? Self.dummyHash)
        guard ok, let row, let user = row.currentUser() else {
            try await db.transaction { tx in
                try await throttle.record(username: username, address: address, succeeded: false, db: tx)
            }
            if let wait = try await throttle.waitSeconds(username: username, address: address, db: db.sql) {
                return .refused(LoginThrottle.message(waitSeconds: wait), status: .tooManyRequests)
            }
            let message =
                row != nil && ok
                ? "该账号已停用，请联系管理员。" : "用户名或密码错误。连续失败 \(throttle.maxFailuresPerAccount) 次将暂时锁定账号。"
            return .refused(message, status: .unauthorized)
        }
        try await db.transaction { tx in
            try await throttle.record(username: user.username, address: address, succeeded: true, db: tx)
            try await AuditLog.record(
                zoneID: user.homeZoneID, actor: user, entity: "session", id: user.id, action: "login",
                after: ["address": address], on: tx)
        }
        return .signedIn(user, passwordStamp: row.passwordChangedAt)
    }

    /// Sets a new password. It also ends every other session and revokes every API token:
    /// whoever knew the old password may have signed in or made a token with it. Returns the new
    /// password stamp (for the session that made the change) and how many tokens were revoked.
    func changePassword(user: CurrentUser, current: String, new: String, confirm: String) async throws -> (
        stamp: Int64, revokedTokens: Int
    ) {
        guard let row = try await UserRepository(db: services.database.sql).find(id: user.id) else {
            throw PageError.loginRequired
        }
        var errors = FormErrors()
        if current.isEmpty {
            errors.add("current_password", "当前密码：请填写")
        } else if !(try await services.hasher.verify(current, hash: row.passwordHash)) {
            errors.add("current_password", "当前密码：不正确")
        }
        for problem in PasswordHasher.problems(with: new, username: user.username) {
            errors.add("new_password", "新密码：\(problem)")
        }
        if new != confirm { errors.add("confirm_password", "确认新密码：与新密码不一致") }
        if !current.isEmpty, current == new { errors.add("new_password", "新密码：不能与当前密码相同") }
        try Refusal.check(errors)

        let hash = try await services.hasher.hash(new)
        let now = Clock.nowSeconds()
        return try await services.database.transaction { db in
            let stamp = try await UserRepository(db: db).updatePassword(userID: user.id, hash: hash, at: now)
            let revoked = try await APITokenRepository(db: db).revokeAll(userID: user.id)
            try await AuditLog.record(
                zoneID: user.homeZoneID, actor: user, entity: "user", id: user.id, action: "change_password",
                before: String?.none, after: ["password": "（已更改）", "revoked_tokens": String(revoked)], on: db)
            return (stamp, revoked)
        }
    }

    /// Makes a token; returns the plain secret, shown once.
    func createToken(user: CurrentUser, name: String, days: String) async throws -> String {
        var errors = FormErrors()
        if name.isEmpty { errors.add("name", "令牌名称：请填写，例如“数据对接”") }
        if name.count > 60 { errors.add("name", "令牌名称：不能超过 60 个字") }
        let lifetime = days.isEmpty ? APITokenRepository.defaultDays : Int(days) ?? 0
        if !ProfilePage.tokenDays.contains(lifetime) {
            errors.add("days", "有效期：请选择 \(ProfilePage.tokenDays.map(String.init).joined(separator: "、")) 天之一")
        }
        try Refusal.check(errors)
        return try await services.database.transaction { db in
            let created = try await APITokenRepository(db: db).create(userID: user.id, name: name, days: lifetime)
            try await AuditLog.record(
                zoneID: user.homeZoneID, actor: user, entity: "api_token", id: created.id, action: "create",
                after: ["name": name, "days": String(lifetime)], on: db)
            return created.secret
        }
    }

    /// Revokes one of the user's own tokens; another user's token id is "not found". Returns its name.
    func revokeToken(user: CurrentUser, id: Int64) async throws -> String {
        guard let token = try await APITokenRepository(db: services.database.sql).find(id: id, userID: user.id) else {
            throw PageError.notFound
        }
        if token.revokedAt == nil {
            try await services.database.transaction { db in
                try await APITokenRepository(db: db).revoke(id: id, userID: user.id)
                try await AuditLog.record(
                    zoneID: user.homeZoneID, actor: user, entity: "api_token", id: id, action: "revoke",
                    before: ["name": token.name, "prefix": token.prefix], after: String?.none, on: db)
            }
        }
        return token.name
    }
}
