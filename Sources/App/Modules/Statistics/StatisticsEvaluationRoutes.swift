import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 评价: the schemes, a scheme's page with its runs and the compute form, a run's ranked results
/// and their CSV. The zone admin loads schemes and computes; the statistics readers read.
struct StatisticsEvaluationRoutes {
    let services: AppServices
    var service: StatisticsService { StatisticsService(database: services.database) }
    var db: any SQLDatabase { services.database.sql }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.statisticsEvaluations.pattern, use: list)
        router.post(SiteURL.statisticsEvaluations.pattern, use: create)
        router.get(SiteURL.statisticsEvaluation(0).pattern, use: scheme)
        router.post(SiteURL.statisticsEvaluation(0).pattern, use: compute)
        router.get(SiteURL.statisticsEvaluationRun(0, run: 0).pattern, use: run)
        router.get(SiteURL.statisticsEvaluationRun(0, run: 0, csv: true).pattern, use: csv)
    }

    func viewer(_ context: AppRequestContext) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .statistics(zoneID: zoneID))
        return (user, zoneID)
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let home = SiteURL.module(.statistics).path
        let list = SiteURL.statisticsEvaluations.path
        return try await services.render(
            template, page: page, context: context, title: title, path: home,
            breadcrumbs: [.init(title: "统计监测", href: home)]
                + (crumbs.isEmpty ? [.init(title: "评价", href: nil)] : [.init(title: "评价", href: list)] + crumbs),
            status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        let page = try await EvaluationListPage.load(user: user, zoneID: zoneID, csrf: context.csrfToken, db: db)
        return try await render("statistics/evaluations", page: page, context: context, title: "评价")
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        try context.authorize(.administer, .statistics(zoneID: zoneID))
        let form = try await MultipartForm.from(request, context: context)
        return try await services.submit(
            {
                let id = try await service.createScheme(
                    name: form?["name"] ?? "", table: form?.files["table"]?.data, units: form?.files["units"]?.data,
                    user: user, zoneID: zoneID)
                return .redirect(
                    to: .statisticsEvaluation(id), flash: Flash(kind: .success, message: "已新建评价方案。"))
            },
            refused: { errors in
                var page = try await EvaluationListPage.load(
                    user: user, zoneID: zoneID, csrf: context.csrfToken, db: db)
                page.errors = errors
                page.name = form?["name"] ?? ""
                return try await render("statistics/evaluations", page: page, context: context, title: "评价")
            })
    }

    func loaded(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, EvalSchemeRow) {
        let (user, zoneID) = try viewer(context)
        guard
            let row = try await StatisticsEvaluationRepository(db: db).scheme(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        return (user, row)
    }

    @Sendable func scheme(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, row) = try await loaded(request, context)
        let page = try await EvaluationSchemePage.load(user: user, scheme: row, csrf: context.csrfToken, db: db)
        return try await render(
            "statistics/evaluation", page: page, context: context, title: row.name,
            crumbs: [.init(title: row.name, href: nil)])
    }

    @Sendable func compute(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, row) = try await loaded(request, context)
        try context.authorize(.administer, .statistics(zoneID: row.zoneId))
        let form = try await MultipartForm.from(request, context: context)
        return try await services.submit(
            {
                let id = try await service.compute(
                    scheme: row, period: form?["period"] ?? "", normalisation: form?["normalisation"] ?? "",
                    rule: form?["rule"] ?? "", excellent: form?["excellent"] ?? "", good: form?["good"] ?? "",
                    values: form?.files["values"]?.data, user: user)
                return .redirect(
                    to: .statisticsEvaluationRun(row.id, run: id),
                    flash: Flash(kind: .success, message: "评价已计算，结果已保存。"))
            },
            refused: { errors in
                var page = try await EvaluationSchemePage.load(
                    user: user, scheme: row, csrf: context.csrfToken, db: db)
                page.errors = errors
                page.fill(Dictionary(uniqueKeysWithValues: page.form.keys.map { ($0, form?[$0] ?? "") }))
                return try await render(
                    "statistics/evaluation", page: page, context: context, title: row.name,
                    crumbs: [.init(title: row.name, href: nil)])
            })
    }

    func loadedRun(_ request: Request, _ context: AppRequestContext) async throws -> (EvalSchemeRow, EvalRunRow) {
        let (_, row) = try await loaded(request, context)
        guard
            let run = try await StatisticsEvaluationRepository(db: db).run(
                id: try request.id(context, "run"), zoneID: row.zoneId), run.schemeId == row.id
        else { throw PageError.notFound }
        return (row, run)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (row, run) = try await loadedRun(request, context)
        let page = try await EvaluationRunPage.load(scheme: row, run: run, db: db)
        return try await render(
            "statistics/evaluation-run", page: page, context: context, title: "\(row.name) \(page.period)",
            crumbs: [
                .init(title: row.name, href: SiteURL.statisticsEvaluation(row.id).path),
                .init(title: page.period, href: nil),
            ])
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (row, run) = try await loadedRun(request, context)
        let page = try await EvaluationRunPage.load(scheme: row, run: run, db: db)
        return .download(
            try page.table.csv(), contentType: "text/csv; charset=utf-8", filename: "evaluation-\(run.period).csv",
            chineseName: "\(row.name)\(page.period)评价结果.csv")
    }
}
