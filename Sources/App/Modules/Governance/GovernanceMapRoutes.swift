import Foundation
import GaoxinCore
import Hummingbird

/// The grid map (`/m/governance/map`): every grid of the zone drawn from its polygon and coloured
/// by its open events, or with `?by=overdue` by its overdue ones; the same figures follow as a
/// table for screen readers and print.
struct GovernanceMapRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.governanceMap.pattern, use: map)
    }

    @Sendable func map(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, GridRoutes.zoneGrids(zoneID))
        let measure = GovernanceMapMeasure(rawValue: request.uri.queryParameters.get("by") ?? "open") ?? .open
        let repo = GridRepository(db: db.sql)
        let grids = try await repo.grids(zoneID: zoneID)
        let counts = try await repo.openEventCounts(zoneID: zoneID, overdueOnly: measure == .overdue)
        let areas = Dictionary(uniqueKeysWithValues: try await repo.areas(zoneID: zoneID).map { ($0.id, $0.name) })
        let drawable = grids.compactMap { g in g.shape.map { (row: g, shape: $0, count: counts[g.id] ?? 0) } }
        let zoneName = try await ZoneRepository(db: db.sql).zone(id: zoneID)?.name ?? ""
        let total = counts.values.reduce(0, +)
        let drawing = GovernanceMapDrawing(
            grids: drawable, measure: measure,
            label: "\(zoneName)网格地图：共 \(grids.count) 个网格，按\(measure.label)着色，合计 \(total) 件；各网格数字见下表。")
        let page = GovernanceMapPage(
            measure: measure.label, drawing: drawing,
            choices: [GovernanceMapMeasure.open, .overdue].map { m in
                .init(
                    label: "按\(m.label)",
                    href: m == .open
                        ? SiteURL.governanceMap.path : SiteURL.governanceMap.with(query: [("by", m.rawValue)]),
                    current: m == measure)
            },
            rows: grids.map {
                .init(
                    code: $0.code, name: $0.name, area: areas[$0.areaId] ?? "—", count: counts[$0.id] ?? 0,
                    href: SiteURL.governanceGrid($0.id).path)
            },
            total: total)
        return try await GridRoutes(services: services).render(
            "governance/map", page: page, context: context, title: "网格地图",
            crumbs: [.init(title: "地图", href: nil)])
    }
}
