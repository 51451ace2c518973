import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import SQLKit

/// Login, logout, profile, password change and API tokens.
struct AccountRoutes {
    let services: AppServices
    /// Verified against when the username is unknown, so timing doesn't reveal which accounts exist.
    static let dummyHash = Bcrypt.hash("no-such-account", cost: 12)

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.login.pattern) { request, context -> Response in
            if context.identity != nil { return .redirect(to: SiteURL.home) }
            let page = LoginPage(next: request.uri.queryParameters.get("next") ?? "", csrf: context.csrfToken)
            return try await services.render(
                "accounts/login", page: page, context: context, title: "登录", path: SiteURL.login.path)
        }
        router.post(SiteURL.login.pattern, use: login)
        router.post(SiteURL.logout.pattern) { _, context -> Response in
            context.sessions.clearSession()
            return .redirect(to: SiteURL.login, flash: Flash(kind: .success, message: "您已安全退出。"))
        }
        router.get(SiteURL.profile.pattern) { _, context -> Response in
            try await profile(context, page: nil)
        }
        router.post(SiteURL.profilePassword.pattern, use: changePassword)
        router.post(SiteURL.profileTokens.pattern, use: createToken)
        router.post(SiteURL.profileTokenRevoke(0).pattern) { request, context -> Response in
            let user = try context.requireUser()
            let id = try request.id(context)
            let tokens = APITokens(db: services.database.sql)
            // Another user's token id is simply "not found".
            guard let token = try await tokens.find(id: id, userID: user.id) else { throw PageError.notFound }
            if token.revokedAt == nil {
                try await services.database.transaction { db in
                    try await APITokens(db: db).revoke(id: id, userID: user.id)
                    try await AuditLog.record(
                        zoneID: user.homeZoneID, actor: user, entity: "api_token", id: id, action: "revoke",
                        before: ["name": token.name, "prefix": token.prefix], after: String?.none, on: db)
                }
            }
            return .redirect(to: SiteURL.profile, flash: Flash(kind: .success, message: "已吊销令牌“\(token.name)”。"))
        }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.from(request, context: context)
        var page = LoginPage(username: form["username"], next: form["next"], csrf: context.csrfToken)
        if page.username.isEmpty { page.errors.add("username", "用户名：请填写用户名") }
        if form.raw("password").isEmpty { page.errors.add("password", "密码：请填写密码") }
        guard page.errors.isEmpty else { return try await loginPage(page, context: context, status: .badRequest) }

        let address = clientAddress(request, context)
        let db = services.database
        if let wait = try await services.throttle.waitSeconds(username: page.username, address: address, db: db.sql) {
            page.error = LoginThrottle.message(waitSeconds: wait)
            return try await loginPage(page, context: context, status: .tooManyRequests)
        }
        let row = try await UserRepository(db: db.sql).find(username: page.username)
        let ok = try await services.hasher.verify(form.raw("password"), hash: row?.passwordHash ?? Self.dummyHash)
        guard ok, let row, let user = row.currentUser() else {
            let username = page.username
            try await db.transaction { tx in
                try await services.throttle.record(username: username, address: address, succeeded: false, db: tx)
            }
            if let wait = try await services.throttle.waitSeconds(username: page.username, address: address, db: db.sql)
            {
                page.error = LoginThrottle.message(waitSeconds: wait)
                return try await loginPage(page, context: context, status: .tooManyRequests)
            }
            page.error =
                row != nil && ok
                ? "该账号已停用，请联系管理员。" : "用户名或密码错误。连续失败 \(services.throttle.maxFailuresPerAccount) 次将暂时锁定账号。"
            return try await loginPage(page, context: context, status: .unauthorized)
        }
        try await db.transaction { tx in
            try await services.throttle.record(username: user.username, address: address, succeeded: true, db: tx)
            try await AuditLog.record(
                zoneID: user.homeZoneID, actor: user, entity: "session", id: user.id, action: "login",
                after: ["address": address], on: tx)
        }
        // A new session id on every login, so a planted cookie can't be reused (session fixation).
        context.sessions.createSession(WebSession(userID: user.id, activeZoneID: nil))
        let next = page.next
        let safeNext = next.hasPrefix("/") && !next.hasPrefix("//") && !next.hasPrefix("/\\") ? next : SiteURL.home.path
        return Response.redirect(to: safeNext, flash: nil)
    }

    private func loginPage(_ page: LoginPage, context: AppRequestContext, status: HTTPResponse.Status) async throws
        -> Response
    {
        try await services.render(
            "accounts/login", page: page, context: context, title: "登录", path: SiteURL.login.path, status: status)
    }

    private func clientAddress(_ request: Request, _ context: AppRequestContext) -> String {
        if services.config.trustProxy,
            let forwarded = request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").first
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return context.remoteAddress
    }

    private func profile(_ context: AppRequestContext, page: ProfilePage?, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let user = try context.requireUser()
        var model: ProfilePage
        if let page {
            model = page
        } else {
            model = try await profileModel(user, context: context)
        }
        model.tokens = try await APITokens(db: services.database.sql).list(userID: user.id).map {
            .init(
                id: $0.id, name: $0.name, prefix: $0.prefix, created: DisplayTime.format($0.createdAt),
                lastUsed: DisplayTime.format($0.lastUsedAt), revoked: $0.revokedAt != nil,
                revokeHref: SiteURL.profileTokenRevoke($0.id).path)
        }
        return try await services.render(
            "accounts/profile", page: model, context: context, title: "个人中心", path: SiteURL.profile.path,
            breadcrumbs: [.init(title: "个人中心", href: nil)], status: status)
    }

    private func profileModel(_ user: CurrentUser, context: AppRequestContext) async throws -> ProfilePage {
        let zoneName =
            try await user.homeZoneID.asyncMap {
                try await ZoneRepository(db: services.database.sql).zone(id: $0)?.name
            } ?? nil
        return ProfilePage(
            username: user.username, displayName: user.displayName, roleLabel: user.role.label,
            zoneName: zoneName ?? "全部园区", tokens: [], csrf: context.csrfToken)
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let form = try await FormData.from(request, context: context)
        var page = try await profileModel(user, context: context)
        let current = form.raw("current_password")
        let new = form.raw("new_password")
        let confirm = form.raw("confirm_password")
        let repo = UserRepository(db: services.database.sql)
        guard let row = try await repo.find(id: user.id) else { throw PageError.loginRequired }
        if current.isEmpty {
            page.passwordErrors.add("current_password", "当前密码：请填写")
        } else if !(try await services.hasher.verify(current, hash: row.passwordHash)) {
            page.passwordErrors.add("current_password", "当前密码：不正确")
        }
        for problem in PasswordHasher.problems(with: new, username: user.username) {
            page.passwordErrors.add("new_password", "新密码：\(problem)")
        }
        if new != confirm { page.passwordErrors.add("confirm_password", "确认新密码：与新密码不一致") }
        if !current.isEmpty, current == new { page.passwordErrors.add("new_password", "新密码：不能与当前密码相同") }
        guard page.passwordErrors.isEmpty else { return try await profile(context, page: page, status: .badRequest) }

        let hash = try await services.hasher.hash(new)
        try await services.database.transaction { db in
            try await UserRepository(db: db).updatePassword(userID: user.id, hash: hash, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: user.homeZoneID, actor: user, entity: "user", id: user.id, action: "change_password",
                before: String?.none, after: ["password": "（已更改）"], on: db)
        }
        return .redirect(to: SiteURL.profile, flash: Flash(kind: .success, message: "密码已更新。"))
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let form = try await FormData.from(request, context: context)
        var page = try await profileModel(user, context: context)
        page.tokenName = form["name"]
        if page.tokenName.isEmpty { page.tokenErrors.add("name", "令牌名称：请填写，例如“数据对接”") }
        if page.tokenName.count > 60 { page.tokenErrors.add("name", "令牌名称：不能超过 60 个字") }
        guard page.tokenErrors.isEmpty else { return try await profile(context, page: page, status: .badRequest) }
        let name = page.tokenName
        let created = try await services.database.transaction { db in
            let created = try await APITokens(db: db).create(userID: user.id, name: name)
            try await AuditLog.record(
                zoneID: user.homeZoneID, actor: user, entity: "api_token", id: created.id, action: "create",
                after: ["name": name], on: db)
            return created
        }
        page.newTokenSecret = created.secret
        page.tokenName = ""
        return try await profile(context, page: page)
    }
}
