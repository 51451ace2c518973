import Foundation
import GaoxinCore
import Hummingbird

/// 管委会总览 and its exports: each table as CSV (UTF-8 with BOM), all of them as one `.xlsx` workbook.
struct StatisticsDashboardRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.statisticsDashboard.pattern, use: dashboard)
        router.get(SiteURL.statisticsDashboardCSV.pattern, use: csv)
        router.get(SiteURL.statisticsDashboardXLSX.pattern, use: xlsx)
    }

    func viewer(_ context: AppRequestContext) throws -> Int64 {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .statistics(zoneID: zoneID))
        return zoneID
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let zoneID = try viewer(context)
        let page = try await StatisticsDashboardPage.load(zoneID: zoneID, db: services.database.sql)
        let home = SiteURL.module(.statistics).path
        return try await services.render(
            "statistics/dashboard", page: page, context: context, title: "管委会总览", path: home,
            breadcrumbs: [.init(title: "统计监测", href: home), .init(title: "管委会总览", href: nil)])
    }

    /// One table of the dashboard (`?table=key`); an unknown key answers 404.
    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let zoneID = try viewer(context)
        let key = request.uri.queryParameters["table"].map(String.init) ?? ""
        guard key.count <= 80,
            let section = try await StatisticsDashboardPage.tables(zoneID: zoneID, db: services.database.sql)
                .first(where: { $0.table.key == key })
        else { throw PageError.notFound }
        return .download(
            try section.table.csv(), contentType: "text/csv; charset=utf-8", filename: "\(key).csv",
            chineseName: section.title + ".csv")
    }

    /// Every table of the dashboard, one sheet each.
    @Sendable func xlsx(_ request: Request, context: AppRequestContext) async throws -> Response {
        let zoneID = try viewer(context)
        let tables = try await StatisticsDashboardPage.tables(zoneID: zoneID, db: services.database.sql).map(\.table)
        return .download(
            try Workbook.xlsx(tables), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename: "dashboard.xlsx", chineseName: "管委会总览.xlsx")
    }
}
