import Foundation
import GaoxinCore
import Hummingbird

/// 助企服务 (`/m/enterprise-help`): the front page with the live totals and the pairings (包联) here;
/// visits, demands and 楼委会 in their own `EnterpriseHelp…Routes`.
struct EnterpriseHelpRoutes {
    let services: AppServices
    var service: EnterpriseHelpService { EnterpriseHelpService(services: services) }
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.enterpriseHelp).pattern, use: home)
        router.get(SiteURL.help(.pairings).pattern, use: pairings)
        router.post(SiteURL.help(.pairings).pattern, use: pair)
        router.post(SiteURL.help(.pairingEnd(0)).pattern, use: endPairing)
        EnterpriseHelpVisitRoutes(services: services).register(on: router)
        EnterpriseHelpDemandRoutes(services: services).register(on: router)
        EnterpriseHelpBuildingRoutes(services: services).register(on: router)
        EnterpriseHelpMeetingRoutes(services: services).register(on: router)
        EnterpriseHelpFinanceRoutes(services: services).register(on: router)
    }

    /// The signed-in office user who may read the zone's 助企 work.
    func viewer(_ context: AppRequestContext) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseHelp(zoneID: zoneID))
        return (user, zoneID)
    }

    /// Every page sits under 助企服务.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.enterpriseHelp).path,
            breadcrumbs: [
                .init(title: "助企服务", href: SiteURL.module(.enterpriseHelp).path), .init(title: title, href: nil),
            ],
            status: status)
    }

    /// The office sees the totals and links; an enterprise sees its own demands.
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.enterpriseHelp, zoneID: zoneID))
        if user.role == .enterpriseUser {
            return try await EnterpriseHelpDemandRoutes(services: services).list(request, context: context)
        }
        try context.authorize(.view, .enterpriseHelp(zoneID: zoneID))
        let totals = try await EnterpriseHelpRepository(db: db.sql).totals(zoneID: zoneID)
        let page = HelpHomePage(
            totals: totals, canPair: Permissions.decide(user, .update, .enterpriseHelp(zoneID: zoneID)) == .allow,
            solvedPercent: totals.solvedPercent, onTimePercent: totals.onTimePercent)
        return try await services.render(
            "enterprise-help/home", page: page, context: context, title: "助企服务",
            path: SiteURL.module(.enterpriseHelp).path, breadcrumbs: [.init(title: "助企服务", href: nil)])
    }

    @Sendable func pairings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        let pager = try Pager(query: request.uri.queryParameters.get("page"), size: 50)
        let page = try await HelpPairingsPage.load(
            zoneID: zoneID, user: user, form: .init(on: Clock.today.description), pager: pager, csrf: context.csrfToken,
            db: db.sql)
        return try await render("enterprise-help/pairings", page: page, context: context, title: "干部包联")
    }

    @Sendable func pair(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.update, .enterpriseHelp(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        let form = EnterpriseHelpService.PairingForm(
            enterprise: f["enterprise"], cadre: f["cadre"], rank: f["rank"], on: f["on"])
        return try await services.submit(
            {
                _ = try await service.pair(form, zoneID: zoneID, user: user)
                return .redirect(to: .help(.pairings), flash: Flash(kind: .success, message: "已建立包联关系。"))
            },
            refused: { errors in
                var page = try await HelpPairingsPage.load(
                    zoneID: zoneID, user: user, form: form, pager: try Pager(page: 1, size: 50),
                    csrf: context.csrfToken, db: db.sql)
                page.errors = errors
                return try await render("enterprise-help/pairings", page: page, context: context, title: "干部包联")
            })
    }

    @Sendable func endPairing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.update, .enterpriseHelp(zoneID: zoneID))
        guard
            let p = try await EnterpriseHelpRepository(db: db.sql).pairing(id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        let form = try await FormData.from(request, context: context)
        return try await services.act(returningTo: .help(.pairings)) {
            try await Refusal.worded("结束包联未保存：") { try await service.endPairing(p, reason: form["reason"], user: user) }
            return "已结束包联，记录保留在包联历史中。"
        }
    }
}
