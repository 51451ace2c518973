import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 招商地图 as a table heat map: where the pipeline's projects come from, by province and within it by
/// city, each shaded by its share of the busiest (five levels, also written out, so the heat is not
/// told by colour alone). Terminated projects are left out.
struct OriginsPage: Sendable {
    struct City: Sendable {
        let name: String
        let projects: Int64
        let heat: Int
        let shade: String
    }
    struct Province: Sendable {
        let name: String
        let projects: Int64
        let signed: Int64
        let planned: String
        let heat: Int
        let shade: String
        let cities: [City]
    }
    let provinces: [Province]
    let total: Int64

    /// 1…5 by the share of the largest figure; the cell's background at that strength.
    static func heat(_ value: Int64, of largest: Int64) -> (Int, String) {
        guard largest > 0, value > 0 else { return (0, "transparent") }
        let level = max(1, min(5, Int((Double(value) / Double(largest) * 5).rounded(.up))))
        // At most 35% of the blue, so dark text keeps a contrast above 4.5:1 (the level is also written).
        return (level, "rgba(11, 83, 148, \(String(format: "%.2f", Double(level) * 0.07)))")
    }

    static func load(zoneID: Int64, db: any SQLDatabase) async throws -> OriginsPage {
        let rows = try await InvestmentRepository(db: db).origins(zoneID: zoneID)
        let byProvince = Dictionary(grouping: rows, by: \.originProvince)
        let largestProvince = byProvince.values.map { $0.reduce(0) { $0 + $1.projects } }.max() ?? 0
        let largestCity = rows.map(\.projects).max() ?? 0
        let provinces = byProvince.map { name, cities -> Province in
            let projects = cities.reduce(0) { $0 + $1.projects }
            let (heat, shade) = Self.heat(projects, of: largestProvince)
            return Province(
                name: name, projects: projects, signed: cities.reduce(0) { $0 + ($1.signed ?? 0) },
                planned: TargetProgress.amountText(cities.reduce(0) { $0 + ($1.planned ?? 0) }, kind: .fundsInPlace),
                heat: heat, shade: shade,
                cities: cities.map { c in
                    let (heat, shade) = Self.heat(c.projects, of: largestCity)
                    return City(name: c.originCity, projects: c.projects, heat: heat, shade: shade)
                })
        }
        .sorted { ($0.projects, $1.name) > ($1.projects, $0.name) }
        return OriginsPage(provinces: provinces, total: rows.reduce(0) { $0 + $1.projects })
    }
}

struct InvestmentOriginRoutes {
    let services: AppServices
    var investment: InvestmentRoutes { InvestmentRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.investmentOrigins.pattern, use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try investment.viewer(context)
        let page = try await OriginsPage.load(zoneID: zoneID, db: services.database.sql)
        return try await investment.render("investment/origins", page: page, context: context, title: "招商地图")
    }
}
