import Foundation
import GaoxinCore
import Hummingbird

/// The grid map (`/m/governance/map`): every grid of the zone drawn from its polygon and coloured
/// by its open events, or with `?by=overdue` by its overdue ones; the same figures follow as a
/// table for screen readers and print.
struct GridMapRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.governanceMap.pattern, use: map)
    }

    @Sendable func map(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .gridList(zoneID: zoneID))
        let measure = GridMapMeasure(rawValue: request.uri.queryParameters.get("by") ?? "open") ?? .open
        let page = try await GridMapPage.load(
            zoneID: zoneID, zoneName: context.zone?.name ?? "", measure: measure, db: services.database.sql)
        return try await GridRoutes(services: services).render(
            "grids/map", page: page, context: context, title: "网格地图", crumbs: [.init(title: "地图", href: nil)])
    }
}
