import Foundation
import GaoxinCore
import Hummingbird

/// The enterprise registry pages: list and search, one enterprise, CSV import and export, and the
/// cultivation ladder. An enterprise user lands on their own enterprise; staff see the zone's.
struct EnterpriseRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.enterprises).pattern, use: list)
        router.get(SiteURL.enterprise(0).pattern, use: show)
        router.get(SiteURL.enterpriseImport.pattern, use: importForm)
        router.post(SiteURL.enterpriseImport.pattern, use: importFile)
        router.get(SiteURL.enterpriseExport.pattern, use: export)
        router.get(SiteURL.enterpriseLadder.pattern, use: ladder)
    }

    /// Renders a page of the module under "企业", with `crumbs` after it.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.enterprises).path,
            breadcrumbs: [.init(title: "企业", href: SiteURL.module(.enterprises).path)] + crumbs, status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.enterprises, zoneID: zoneID))
        if let own = EnterpriseDesk.enterprise(of: user, zoneID: zoneID) {
            return .redirect(to: SiteURL.enterprise(own))
        }
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let q = request.uri.queryParameters
        let model = try await EnterpriseListPage.load(
            zoneID: zoneID, search: String((q.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(60)),
            pager: try Pager(query: q.get("page"), size: EnterpriseListPage.pageSize),
            canImport: Permissions.decide(user, .create, .enterpriseList(zoneID: zoneID)) == .allow, db: db)
        return try await services.render(
            "enterprises/index", page: model, context: context, title: "企业", path: SiteURL.module(.enterprises).path,
            breadcrumbs: [.init(title: "企业", href: nil)])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        // Rows of other zones are "not found" by construction: the query names the zone.
        guard let row = try await EnterpriseRepository(db: db.sql).find(id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(.view, .enterprise(zoneID: row.zoneId, enterpriseID: row.id))
        let model = try await EnterpriseShowPage.load(
            row, zone: context.zone, user: context.identity, db: db, views: services.assessmentViews)
        return try await render(
            "enterprises/show", page: model, context: context, title: row.name,
            crumbs: [.init(title: row.name, href: nil)])
    }

    private func importPage(_ page: EnterpriseImportPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await render(
            "enterprises/import", page: page, context: context, title: "导入企业", crumbs: [.init(title: "导入", href: nil)],
            status: status)
    }

    @Sendable func importForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.create, .enterpriseList(zoneID: zoneID))
        return try await importPage(EnterpriseImportPage(csrf: context.csrfToken), context: context)
    }

    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .enterpriseList(zoneID: zoneID))
        var page = EnterpriseImportPage(csrf: context.csrfToken)
        guard let form = try await MultipartForm.from(request, context: context), let file = form.files["file"]?.data,
            !file.isEmpty
        else {
            page.fileError = "文件：请选择要上传的 CSV 文件"
            return try await importPage(page, context: context, status: .badRequest)
        }
        let parks = Dictionary(
            try await ZoneRepository(db: db.sql).parks(zoneID: zoneID).map { ($0.name, $0.id) },
            uniquingKeysWith: { a, _ in a })
        switch EnterpriseCSV.parse(file, parks: parks, today: Clock.today) {
        case .refused(let problems):
            page.problems = problems.prefix(500).map {
                .init(line: $0.line == 0 ? "—" : "第 \($0.line) 行", column: $0.column, message: $0.message)
            }
            page.fileError =
                "文件未导入：发现 \(problems.count) 处问题\(problems.count > 500 ? "（仅列出前 500 处）" : "")，请全部改正后重新上传。没有写入任何数据。"
            return try await importPage(page, context: context, status: .unprocessableContent)
        case .valid(let rows):
            let summary = try await EnterpriseService(database: db, user: user).importRows(rows, zoneID: zoneID)
            let done = "导入完成：新增 \(summary.created) 家、更新 \(summary.updated) 家企业，共 \(summary.years) 条年度数据。"
            let warnings = ImpossibleHistory.warnings(
                rows.map { .init(line: $0.line, name: $0.name, foundedOn: $0.foundedOn, year: $0.facts.year) })
            guard warnings.isEmpty else {
                // Imported, but some histories cannot be true: show them instead of moving on.
                page.summary = done
                page.warnings = warnings.prefix(500).map {
                    .init(line: "第 \($0.line) 行", column: "年度", message: $0.message)
                }
                return try await importPage(page, context: context)
            }
            return .redirect(to: SiteURL.module(.enterprises), flash: Flash(kind: .success, message: done))
        }
    }

    /// The whole registry (matching the list's search) as CSV: an export may read every row.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let repo = EnterpriseRepository(db: db.sql)
        let rows = try await repo.all(zoneID: zoneID, search: request.uri.queryParameters.get("q") ?? "")
        let facts = try await repo.facts(zoneID: zoneID)
        let parks = try await EnterpriseParks.names(zoneID: zoneID, db: db)
        let data = try EnterpriseCSV.export(rows.map { ($0, $0.parkId.flatMap { parks[$0] }, facts[$0.id] ?? []) })
        var response = Response(
            status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentDisposition] =
            "attachment; filename=\"enterprises.csv\"; filename*=UTF-8''%E4%BC%81%E4%B8%9A%E5%90%8D%E5%BD%95.csv"
        return response
    }

    @Sendable func ladder(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        return try await render(
            "enterprises/ladder", page: try await LadderPage.load(zoneID: zoneID, db: db), context: context,
            title: "梯度培育", crumbs: [.init(title: "梯度培育", href: nil)])
    }
}
