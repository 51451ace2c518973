import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdAuth

/// Login, logout, profile, password change and API tokens. Writes go through `AccountService`.
struct AccountRoutes {
    let services: AppServices
    var service: AccountService { AccountService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.login.pattern) { request, context -> Response in
            if context.identity != nil { return .redirect(to: SiteURL.home) }
            let page = LoginPage(next: request.uri.queryParameters.get("next") ?? "", csrf: context.csrfToken)
            return try await loginPage(page, context: context)
        }
        router.post(SiteURL.login.pattern, use: login)
        router.post(SiteURL.logout.pattern) { _, context -> Response in
            context.sessions.clearSession()
            return .redirect(to: SiteURL.login, flash: Flash(kind: .success, message: "您已安全退出。"))
        }
        router.get(SiteURL.profile.pattern) { _, context -> Response in
            try await profile(context, page: try await ProfilePage.load(context: context, services: services))
        }
        router.post(SiteURL.profilePassword.pattern, use: changePassword)
        router.post(SiteURL.profileTokens.pattern, use: createToken)
        router.post(SiteURL.profileTokenRevoke(0).pattern) { request, context -> Response in
            let name = try await service.revokeToken(user: try context.requireUser(), id: try request.id(context))
            return .redirect(to: SiteURL.profile, flash: Flash(kind: .success, message: "已吊销令牌“\(name)”。"))
        }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.from(request, context: context)
        var page = LoginPage(username: String(form["username"].prefix(60)), next: form["next"], csrf: context.csrfToken)
        return try await services.submit {
            switch try await service.signIn(
                username: form["username"], password: form.raw("password"), address: context.remoteAddress)
            {
            case .refused(let message, let status):
                page.error = message
                return try await loginPage(page, context: context, status: status)
            case .signedIn(let user, let stamp):
                // A new session id on every login, so a planted cookie can't be reused (session fixation).
                context.sessions.createSession(WebSession(userID: user.id, activeZoneID: nil, passwordStamp: stamp))
                return Response.redirect(to: Self.localPath(page.next) ?? SiteURL.home.path, flash: nil)
            }
        } refused: { errors in
            page.errors = errors
            return try await loginPage(page, context: context)
        }
    }

    /// `next` if it is a path on this site, else nil. Browsers drop tabs and newlines from a URL and
    /// read `\\` as `/`, so `/\t/evil.example` would become `//evil.example`, another site: the raw
    /// text must be visible ASCII, and neither it nor its percent-decoded form may hold a control
    /// character or a backslash or start with `//`.
    static func localPath(_ next: String) -> String? {
        func local(_ text: String, printableASCII: Bool) -> Bool {
            text.hasPrefix("/") && !text.hasPrefix("//")
                && text.unicodeScalars.allSatisfy { scalar in
                    scalar.value >= (printableASCII ? 0x21 : 0x20) && scalar.value != 0x7f && scalar != "\\"
                        && (!printableASCII || scalar.value < 0x7f)
                }
        }
        guard next.count <= 2000, local(next, printableASCII: true),
            let decoded = next.removingPercentEncoding, local(decoded, printableASCII: false)
        else { return nil }
        return next
    }

    private func loginPage(
        _ page: LoginPage, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            "accounts/login", page: page, context: context, title: "登录", path: SiteURL.login.path, status: status)
    }

    private func profile(_ context: AppRequestContext, page: ProfilePage) async throws -> Response {
        try await services.render(
            "accounts/profile", page: page, context: context, title: "个人中心", path: SiteURL.profile.path,
            breadcrumbs: [.init(title: "个人中心", href: nil)])
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let form = try await FormData.from(request, context: context)
        return try await services.submit {
            let (stamp, revoked) = try await service.changePassword(
                user: user, current: form.raw("current_password"), new: form.raw("new_password"),
                confirm: form.raw("confirm_password"))
            // This browser stays signed in under the new stamp; every other session has ended.
            context.sessions.createSession(
                WebSession(userID: user.id, activeZoneID: context.sessions.session?.activeZoneID, passwordStamp: stamp))
            let tokens = revoked == 0 ? "" : "，\(revoked) 个 API 令牌已吊销（请重新创建）"
            return .redirect(
                to: SiteURL.profile, flash: Flash(kind: .success, message: "密码已更新。其他设备上的登录已退出\(tokens)。"))
        } refused: { errors in
            var page = try await ProfilePage.load(context: context, services: services)
            page.passwordErrors = errors
            return try await profile(context, page: page)
        }
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let form = try await FormData.from(request, context: context)
        var page = try await ProfilePage.load(context: context, services: services)
        return try await services.submit {
            page.newTokenSecret = try await service.createToken(user: user, name: form["name"], days: form["days"])
            return try await profile(
                context,
                page: try await ProfilePage.load(context: context, services: services, secret: page.newTokenSecret))
        } refused: { errors in
            page.tokenName = form["name"]
            page.tokenDays = Int(form["days"]) ?? APITokenRepository.defaultDays
            page.tokenErrors = errors
            page.selectDays()
            return try await profile(context, page: page)
        }
    }
}
