import Foundation
import GaoxinCore
import Hummingbird

/// The zone admin's page for one user: grids for a grid worker (专职/兼职, party branch), turning
/// the account off and on (never deleting it), and a one-time activation / reset code.
struct UserRoutes {
    let services: AppServices
    var service: UserService { UserService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.adminUser(0).pattern, use: show)
        router.post(SiteURL.adminUserGrids(0).pattern, use: assign)
        router.post(SiteURL.adminUserGridRemove(0, gridID: 0).pattern, use: unassign)
        router.post(SiteURL.adminUserActive(0).pattern, use: toggle)
        router.post(SiteURL.adminUserCode(0).pattern, use: code)
    }

    /// The user of the path, if the caller may administer them (another zone's user is "not found").
    private func target(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, UserRow) {
        let actor = try context.requireUser()
        guard let row = try await UserRepository(db: services.database.sql).find(id: try request.id(context)),
            row.zoneId != nil
        else { throw PageError.notFound }
        try context.authorize(.administer, .user(zoneID: row.zoneId, userID: row.id))
        return (actor, row)
    }

    private func page(
        _ context: AppRequestContext, _ row: UserRow, actor: CurrentUser, errors: FormErrors = FormErrors(),
        code: (String, Int64)? = nil, partyBranch: String = ""
    ) async throws -> Response {
        var page = try await UserShowPage.load(row, viewer: actor, csrf: context.csrfToken, services: services)
        page.errors = errors
        page.partyBranch = partyBranch
        page.code = code?.0
        page.codeExpires = code.map { DisplayTime.format($0.1) }
        return try await services.render(
            "users/user", page: page, context: context, title: row.displayName, path: SiteURL.adminUsers.path,
            breadcrumbs: [.init(title: "用户管理", href: SiteURL.adminUsers.path), .init(title: row.username, href: nil)])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, row) = try await target(request, context)
        return try await page(context, row, actor: actor)
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, row) = try await target(request, context)
        let form = try await FormData.from(request, context: context)
        return try await services.submit {
            let a = try await UserService.assignment(
                gridID: Int64(form["grid_id"]), kind: form["kind"], partyBranch: form["party_branch"],
                zoneID: row.zoneId ?? -1, db: services.database)
            try await service.assign(a, to: row, zoneID: row.zoneId ?? -1, actor: actor)
            return .redirect(to: SiteURL.adminUser(row.id), flash: Flash(kind: .success, message: "已分配网格。"))
        } refused: { errors in
            try await page(context, row, actor: actor, errors: errors, partyBranch: form["party_branch"])
        }
    }

    @Sendable func unassign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, row) = try await target(request, context)
        let gridID = try request.id(context, "grid")
        try await service.unassign(gridID: gridID, from: row, zoneID: row.zoneId ?? -1, actor: actor)
        return .redirect(to: SiteURL.adminUser(row.id), flash: Flash(kind: .success, message: "已移出该网格。"))
    }

    @Sendable func toggle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, row) = try await target(request, context)
        let active = try await FormData.from(request, context: context)["active"] == "1"
        return try await services.submit {
            let revoked = try await service.setActive(row, active: active, actor: actor)
            let message =
                active
                ? "已启用账号 \(row.username)。" : "已停用账号 \(row.username)：登录已退出，\(revoked) 个 API 令牌已吊销，不能再登录。"
            return .redirect(to: SiteURL.adminUser(row.id), flash: Flash(kind: .success, message: message))
        } refused: { errors in
            try await page(context, row, actor: actor, errors: errors)
        }
    }

    @Sendable func code(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (actor, row) = try await target(request, context)
        _ = try await FormData.from(request, context: context)
        let issued = try await service.issueAccountCode(row, actor: actor)
        return try await page(context, row, actor: actor, code: issued)
    }
}
