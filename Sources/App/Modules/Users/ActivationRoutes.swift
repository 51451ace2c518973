import Foundation
import GaoxinCore
import Hummingbird

/// Resident logins from resident records: the zone admin (or the grid worker of the resident's
/// grid, as `Permissions` says) issues a one-time code on the record; the resident redeems it on
/// the public activation page with the last 6 characters of their 身份证号 and a new password.
struct ActivationRoutes {
    let services: AppServices
    var service: UserService { UserService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.residentActivation(0).pattern) { request, context -> Response in
            let (row, _) = try await resident(request, context, .view)
            return try await codePage(context, row)
        }
        router.post(SiteURL.residentActivation(0).pattern, use: issue)
        router.get(SiteURL.activate.pattern) { request, context -> Response in
            if context.identity != nil { return .redirect(to: SiteURL.home) }
            let code = String((request.uri.queryParameters.get("code") ?? "").prefix(40))
            return try await activatePage(context, ActivatePage(code: code, csrf: context.csrfToken))
        }
        router.post(SiteURL.activate.pattern, use: activate)
    }

    /// The resident record of the path in the caller's zone, once `action` on its code is allowed.
    private func resident(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        ResidentRow, CurrentUser
    ) {
        let (user, zoneID) = try context.requireZone()
        guard
            let row = try await ResidentRepository(db: services.database.sql).find(
                personID: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(.view, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId))
        try context.authorize(action, .residentActivation(zoneID: zoneID, gridID: row.gridId))
        return (row, user)
    }

    private func codePage(_ context: AppRequestContext, _ row: ResidentRow, code: (String, Int64)? = nil)
        async throws -> Response
    {
        var page = try await ResidentActivationPage.load(row, csrf: context.csrfToken, db: services.database.sql)
        page.code = code?.0
        page.codeExpires = code.map { DisplayTime.format($0.1) }
        return try await services.render(
            "users/resident-activation", page: page, context: context, title: "居民账号激活码",
            path: SiteURL.governanceResidents.path,
            breadcrumbs: [
                .init(title: "居民", href: SiteURL.governanceResidents.path),
                .init(title: row.name, href: SiteURL.governanceResident(row.personId).path),
                .init(title: "激活码", href: nil),
            ])
    }

    @Sendable func issue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (row, user) = try await resident(request, context, .create)
        _ = try await FormData.from(request, context: context)
        let issued = try await service.issueResidentCode(personID: row.personId, zoneID: row.zoneId, actor: user)
        return try await codePage(context, row, code: issued)
    }

    private func activatePage(_ context: AppRequestContext, _ page: ActivatePage, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await services.render(
            "users/activate", page: page, context: context, title: "账号激活", path: SiteURL.activate.path,
            status: status)
    }

    @Sendable func activate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.from(request, context: context)
        let input = UserService.Activation(form)
        return try await services.submit {
            let username = try await service.activate(input, address: context.remoteAddress)
            return .redirect(
                to: SiteURL.login.with(query: [("next", "")]),
                flash: Flash(kind: .success, message: "账号 \(username) 已激活，请用新密码登录。"))
        } refused: { errors in
            try await activatePage(
                context,
                ActivatePage(code: input.code, username: input.username, errors: errors, csrf: context.csrfToken))
        }
    }
}
