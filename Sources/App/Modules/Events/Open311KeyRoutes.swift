import Foundation
import GaoxinCore
import Hummingbird

/// The zone admin's page for Open311 api keys: the list (name, prefix, last use) and a form that
/// makes a key and shows it once. Office staff may look; only the zone admin makes keys.
struct Open311KeyRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.open311Keys.pattern, use: show)
        router.post(SiteURL.open311Keys.pattern, use: create)
        router.post(SiteURL.open311KeyRevoke(0).pattern, use: revoke)
    }

    private func page(
        zoneID: Int64, user: CurrentUser, context: AppRequestContext, newKey: (name: String, secret: String)? = nil
    ) async throws -> Open311KeysPage {
        try await Open311KeysPage.load(
            zoneID: zoneID, user: user, zone: context.zone, csrf: context.csrfToken, services: services,
            newKey: newKey)
    }

    private func render(_ page: Open311KeysPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await services.render(
            "events/open311-keys", page: page, context: context, title: "Open311 接口密钥",
            path: SiteURL.module(.governance).path,
            breadcrumbs: [
                .init(title: ModuleSlot.governance.title, href: SiteURL.module(.governance).path),
                EventRoutes.crumb, .init(title: "Open311 接口密钥", href: nil),
            ], status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .zoneSettings(zoneID: zoneID))
        return try await render(try await page(zoneID: zoneID, user: user, context: context), context: context)
    }

    /// 停用: the zone admin stops a key (audited); clients using it get 403 from then on.
    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.update, .zoneSettings(zoneID: zoneID))
        let id = try request.id(context)
        return try await services.submit(
            {
                try await EventService(services: services).revokeOpen311Key(id: id, zoneID: zoneID, actor: user)
                return .redirect(to: .open311Keys, flash: Flash(kind: .success, message: "已停用该密钥，使用它的系统将无法再提交事件。"))
            },
            refused: { errors in
                var page = try await page(zoneID: zoneID, user: user, context: context)
                page.errors = errors
                return try await render(page, context: context)
            })
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.update, .zoneSettings(zoneID: zoneID))
        let name = try await FormData.from(request, context: context)["name"]
        return try await services.submit(
            {
                let secret = try await EventService(services: services).createOpen311Key(
                    zoneID: zoneID, name: name, actor: user)
                // Shown in this answer only: the page after a reload lists the prefix, never the key.
                return try await render(
                    try await page(zoneID: zoneID, user: user, context: context, newKey: (name, secret)),
                    context: context)
            },
            refused: { errors in
                var page = try await page(zoneID: zoneID, user: user, context: context)
                page.name = name
                page.errors = errors
                return try await render(page, context: context)
            })
    }
}
