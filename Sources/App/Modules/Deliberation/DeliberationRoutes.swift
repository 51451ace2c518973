import Foundation
import GaoxinCore
import Hummingbird

/// 协商议事 pages under 基层治理: the front page here; issues, topics, meetings and actions in their
/// own `Deliberation…Routes`; and the public page of published results (no login).
struct DeliberationRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.deliberation.pattern, use: home)
        DeliberationIssueRoutes(services: services).register(on: router)
        DeliberationTopicRoutes(services: services).register(on: router)
        DeliberationMeetingRoutes(services: services).register(on: router)
        DeliberationActionRoutes(services: services).register(on: router)
        router.get(SiteURL.publicDeliberation(zone: "").pattern, use: publicPage)
    }

    // MARK: - Shared by the deliberation pages

    /// The signed-in user, who may read the zone's deliberation.
    func viewer(_ context: AppRequestContext) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .deliberation(zoneID: zoneID))
        return (user, zoneID)
    }

    /// Every page sits under 基层治理 › 协商议事.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.governance).path,
            breadcrumbs: [
                .init(title: "基层治理", href: SiteURL.module(.governance).path),
                .init(title: "协商议事", href: SiteURL.deliberation.path), .init(title: title, href: nil),
            ],
            status: status)
    }

    // MARK: - Home

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        let channel = request.uri.queryParameters.get("channel").flatMap { DeliberationChannel(rawValue: String($0)) }
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "deliberation-issues", title: "协商议事问题征集",
                headers: ["编号", "问题", "渠道", "反映人", "日期", "附议", "状态"],
                load: {
                    try await DeliberationHomePage.issues(zoneID: zoneID, channel: channel, pager: $0, db: db.sql)
                },
                cells: {
                    [String($0.id), $0.title, $0.channel, $0.raisedBy, $0.raisedOn, String($0.supports), $0.status]
                })
        }
        var page = try await DeliberationHomePage.load(
            user: user, zoneID: zoneID, zoneCode: context.zone?.code ?? "", channel: channel,
            pager: try Pager(query: request.uri.queryParameters.get("page"), size: 50), db: db.sql)
        page.exportHref = ListExport.href(request)
        return try await services.render(
            "deliberation/home", page: page, context: context, title: "协商议事",
            path: SiteURL.module(.governance).path,
            breadcrumbs: [
                .init(title: "基层治理", href: SiteURL.module(.governance).path), .init(title: "协商议事", href: nil),
            ])
    }

    // MARK: - Public

    @Sendable func publicPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let code = context.parameters.get("zone"),
            let zone = try await ZoneRepository(db: db.sql).zone(code: code)
        else {
            throw PageError.notFound
        }
        let page = try await PublicDeliberationPage.load(zone: zone, db: db.sql)
        return try await services.render(
            "deliberation/public", page: page, context: context, title: "\(zone.name)协商议事公开公示",
            path: "/public", breadcrumbs: [.init(title: "协商议事公示", href: nil)])
    }
}
