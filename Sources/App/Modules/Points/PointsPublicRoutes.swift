import Foundation
import GaoxinCore
import Hummingbird

/// The public boards (积分公示), without login: the published months of a zone, a month's board
/// as published, and the printable notice for the village notice board.
struct PointsPublicRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.publicPoints(zone: "").pattern, use: publicIndex)
        router.get(SiteURL.publicPointsMonth(zone: "", month: "").pattern, use: publicBoard)
        router.get(SiteURL.publicPointsNotice(zone: "", month: "").pattern, use: publicNotice)
    }

    func publicZone(_ context: AppRequestContext) async throws -> ZoneRow {
        guard let code = context.parameters.get("zone"),
            let zone = try await ZoneRepository(db: services.database.sql).zone(code: code)
        else { throw PageError.notFound }
        return zone
    }

    func renderPublic(_ template: String, page: some Sendable, context: AppRequestContext, title: String) async throws
        -> Response
    {
        try await services.render(
            template, page: page, context: context, title: title, path: "/public",
            breadcrumbs: [.init(title: "积分公示", href: nil)])
    }

    @Sendable func publicIndex(_ request: Request, context: AppRequestContext) async throws -> Response {
        let zone = try await publicZone(context)
        let page = try await PublicPointsIndexPage.load(zone: zone, db: services.database.sql)
        return try await renderPublic(
            "points/public-index", page: page, context: context, title: "\(zone.name)居民积分公示")
    }

    /// The month's latest published version, or 404 (an unpublished or malformed month).
    func publicPage(_ context: AppRequestContext) async throws -> (ZoneRow, PublicPointsBoardPage) {
        let zone = try await publicZone(context)
        guard let key = context.parameters.get("month"), let month = Period(key: key), month.kind == .month,
            let page = try await PublicPointsBoardPage.load(zone: zone, month: month, db: services.database.sql)
        else {
            throw PageError.notFound
        }
        return (zone, page)
    }

    @Sendable func publicBoard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (zone, page) = try await publicPage(context)
        return try await renderPublic(
            "points/public-board", page: page, context: context, title: "\(zone.name)\(page.monthLabel)居民积分榜")
    }

    @Sendable func publicNotice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (zone, page) = try await publicPage(context)
        return try await renderPublic(
            "points/notice", page: page, context: context, title: "\(zone.name)\(page.monthLabel)积分公示")
    }
}
