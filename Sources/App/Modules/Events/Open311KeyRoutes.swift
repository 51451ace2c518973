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
    }

    private func page(zoneID: Int64, user: CurrentUser, context: AppRequestContext, newKey: (String, String)? = nil)
        async throws -> Open311KeysPage
    {
        let keys = try await Open311Keys(db: services.database.sql).list(zoneID: zoneID)
        let zone = try await ZoneRepository(db: services.database.sql).zone(id: zoneID)
        return Open311KeysPage(
            keys: keys.map {
                .init(
                    name: $0.name, prefix: $0.prefix + "…", createdAt: DisplayTime.format($0.createdAt),
                    lastUsedAt: $0.lastUsedAt.map { DisplayTime.format($0) } ?? "从未使用", revoked: $0.revokedAt != nil)
            },
            newKey: newKey?.1, newKeyName: newKey?.0, zoneCode: zone?.code ?? "", endpoint: SiteURL.open311Root.path,
            canCreate: Permissions.decide(user, .update, .zoneSettings(zoneID: zoneID)) == .allow,
            csrf: context.csrfToken)
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

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.update, .zoneSettings(zoneID: zoneID))
        let form = try await FormData.from(request, context: context)
        let name = form["name"]
        var errors = FormErrors()
        if name.isEmpty {
            errors.add("name", "密钥名称：请写明给谁用，例如“12345 热线平台”")
        } else if name.count > 60 {
            errors.add("name", "密钥名称：不能超过 60 个字")
        }
        guard errors.isEmpty else {
            var page = try await page(zoneID: zoneID, user: user, context: context)
            page.name = name
            page.errors = errors
            return try await render(page, context: context, status: .badRequest)
        }
        let secret = try await services.database.transaction { db in
            try await Open311Keys(db: db).create(zoneID: zoneID, name: name, actor: user).secret
        }
        // Shown in this answer only: the page after a reload lists the prefix, never the key.
        return try await render(
            try await page(zoneID: zoneID, user: user, context: context, newKey: (name, secret)), context: context)
    }
}
