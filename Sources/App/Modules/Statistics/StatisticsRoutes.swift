import CSV
import Foundation
import GaoxinCore
import Hummingbird

/// 统计监测 (`/m/statistics`): the indicators with 同比 and completion, one indicator's figures,
/// entering a figure, the all-or-nothing CSV import and the export that re-imports as it is.
struct StatisticsRoutes {
    let services: AppServices
    var service: StatisticsService { StatisticsService(database: services.database) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.statistics).pattern, use: home)
        router.post(SiteURL.statisticsIndicators.pattern, use: addIndicator)
        router.get(SiteURL.statisticsIndicator(0).pattern, use: indicator)
        router.post(SiteURL.statisticsIndicator(0).pattern, use: record)
        router.post(SiteURL.statisticsImport.pattern, use: importFile)
        router.get(SiteURL.statisticsExport.pattern, use: export)
        StatisticsDashboardRoutes(services: services).register(on: router)
        StatisticsOwnDashboardRoutes(services: services).register(on: router)
        StatisticsEvaluationRoutes(services: services).register(on: router)
        StatisticsContractRoutes(services: services).register(on: router)
    }

    /// The signed-in user, who may read the zone's statistics.
    func viewer(_ context: AppRequestContext) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .statistics(zoneID: zoneID))
        return (user, zoneID)
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String, sub: Bool = true,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let home = SiteURL.module(.statistics).path
        return try await services.render(
            template, page: page, context: context, title: title, path: home,
            breadcrumbs: sub
                ? [.init(title: "统计监测", href: home), .init(title: title, href: nil)]
                : [.init(title: "统计监测", href: nil)],
            status: status)
    }

    func homePage(_ user: CurrentUser, _ zoneID: Int64, _ context: AppRequestContext) async throws
        -> StatisticsHomePage
    {
        try await StatisticsHomePage.load(
            user: user, zoneID: zoneID, csrf: context.csrfToken, db: services.database.sql)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        return try await render(
            "statistics/home", page: try await homePage(user, zoneID, context), context: context, title: "统计监测",
            sub: false)
    }

    @Sendable func addIndicator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.administer, .statistics(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                let id = try await service.addIndicator(
                    code: f["code"], name: f["name"], unit: f["unit"], user: user, zoneID: zoneID)
                return .redirect(
                    to: .statisticsIndicator(id), flash: Flash(kind: .success, message: "已新增指标“\(f["name"])”。"))
            },
            refused: { errors in
                var page = try await homePage(user, zoneID, context)
                page.errors = errors
                return try await render("statistics/home", page: page, context: context, title: "统计监测", sub: false)
            })
    }

    func loaded(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, StatIndicatorRow) {
        let (user, zoneID) = try viewer(context)
        guard
            let row = try await StatisticsRepository(db: services.database.sql).indicator(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        return (user, row)
    }

    @Sendable func indicator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, row) = try await loaded(request, context)
        let page = try await StatisticsIndicatorPage.load(
            user: user, indicator: row, csrf: context.csrfToken, db: services.database.sql)
        return try await render("statistics/indicator", page: page, context: context, title: row.name)
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, row) = try await loaded(request, context)
        try context.authorize(.update, .statistics(zoneID: row.zoneId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.record(
                    indicatorID: row.id, period: f["period"], value: f["value"], growth: f["growth"],
                    target: f["target"], source: f["source"], user: user, zoneID: row.zoneId)
                let label = ReportingPeriod(key: f["period"])?.label ?? f["period"]
                return .redirect(
                    to: .statisticsIndicator(row.id), flash: Flash(kind: .success, message: "已保存\(label)的数据。"))
            },
            refused: { errors in
                var page = try await StatisticsIndicatorPage.load(
                    user: user, indicator: row, csrf: context.csrfToken, db: services.database.sql)
                page.errors = errors
                for key in page.form.keys { page.form[key] = f[key] }
                return try await render("statistics/indicator", page: page, context: context, title: row.name)
            })
    }

    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.update, .statistics(zoneID: zoneID))
        var page = try await homePage(user, zoneID, context)
        guard let form = try await MultipartForm.from(request, context: context), let file = form.files["file"]?.data,
            !file.isEmpty
        else {
            page.fileError = "文件：请选择要上传的 CSV 文件"
            return try await render(
                "statistics/home", page: page, context: context, title: "统计监测", sub: false, status: .badRequest)
        }
        switch try await service.importFile(file, user: user, zoneID: zoneID) {
        case .failure(let list):
            page.problems = list.problems.prefix(500).map {
                .init(line: $0.line == 0 ? "—" : "第 \($0.line) 行", column: $0.column, message: $0.message)
            }
            page.fileError =
                "文件未导入：发现 \(list.problems.count) 处问题\(list.problems.count > 500 ? "（仅列出前 500 处）" : "")，请全部改正后重新上传。没有写入任何数据。"
            return try await render(
                "statistics/home", page: page, context: context, title: "统计监测", sub: false,
                status: .unprocessableContent)
        case .success(let count):
            return .redirect(
                to: SiteURL.module(.statistics), flash: Flash(kind: .success, message: "导入完成：写入 \(count) 条数据。"))
        }
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try viewer(context)
        let repo = StatisticsRepository(db: services.database.sql)
        let indicators = Dictionary(uniqueKeysWithValues: try await repo.indicators(zoneID: zoneID).map { ($0.id, $0) })
        var response = Response(
            status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
            body: .init(
                byteBuffer: ByteBuffer(
                    bytes: try StatisticsCSV.export(try await repo.figures(zoneID: zoneID), indicators: indicators))))
        response.headers[.contentDisposition] =
            "attachment; filename=\"statistics.csv\"; filename*=UTF-8''%E7%BB%9F%E8%AE%A1%E6%8C%87%E6%A0%87.csv"
        return response
    }
}

/// The export: the import's columns, one line per figure, UTF-8 with a BOM so Excel opens it.
enum StatisticsCSV {
    static func export(_ figures: [StatFigureRow], indicators: [Int64: StatIndicatorRow]) throws -> Data {
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: StatisticsService.columns.map(\.header))
        for f in byPeriod(figures) {
            guard let i = indicators[f.indicatorId] else { continue }
            try writer.write(row: [
                i.code, inert(i.name), inert(i.unit), f.period, f.value.map(number) ?? "",
                f.statedGrowth.map { number(($0 * 100 * 1e9).rounded() / 1e9) } ?? "", f.target.map(number) ?? "",
                inert(f.source),
            ])
        }
        writer.stream.close()
        return Data([0xEF, 0xBB, 0xBF])
            + (writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data())
    }

    /// The shortest text that reads back as the same number (no exponent).
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(format: "%.0f", v) }
        return String(format: "%.10f", v).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
    }

    /// A typed text that a spreadsheet would run as a formula (=, +, -, @) is kept as text.
    static func inert(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}
