import Foundation
import GaoxinCore
import Hummingbird

/// 基层治理's grid pages: the module's front page, the area tree with counts, one grid, and the
/// GeoJSON import of grid boundaries (zone admin). Residents and the map have their own routes.
struct GridRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.governance).pattern, use: hub)
        router.get(SiteURL.governanceGrids.pattern, use: tree)
        router.get(SiteURL.governanceGridImport.pattern, use: importForm)
        router.post(SiteURL.governanceGridImport.pattern, use: importFile)
        router.get(SiteURL.governanceGrid(0).pattern, use: show)
    }

    /// Every governance page sits under 基层治理 in the navigation and the breadcrumbs.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let module = SiteURL.module(.governance)
        let name = ModuleSlot.governance.title
        let trail: [LayoutModel.Crumb] =
            crumbs.isEmpty ? [.init(title: name, href: nil)] : [.init(title: name, href: module.path)] + crumbs
        return try await services.render(
            template, page: page, context: context, title: title, path: module.path, breadcrumbs: trail, status: status)
    }

    @Sendable func hub(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.governance, zoneID: zoneID))
        let page = try await GridHubPage.load(user: user, zoneID: zoneID, db: db.sql)
        return try await render("grids/hub", page: page, context: context, title: ModuleSlot.governance.title)
    }

    @Sendable func tree(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .gridList(zoneID: zoneID))
        let page = try await GridTreePage.load(
            user: user, zoneID: zoneID, pager: try Pager(query: request.uri.queryParameters.get("page"), size: 20),
            db: db.sql)
        return try await render(
            "grids/tree", page: page, context: context, title: "网格", crumbs: [.init(title: "网格", href: nil)])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        let id = try request.id(context)
        // Another zone's grid id answers "not found": the query names the zone.
        guard let grid = try await GridRepository(db: db.sql).grid(id: id, zoneID: zoneID) else {
            throw PageError.notFound
        }
        try context.authorize(.view, .grid(zoneID: zoneID, gridID: grid.id))
        let page = try await GridShowPage.load(grid, user: user, db: db.sql)
        return try await render(
            "grids/grid", page: page, context: context, title: grid.name,
            crumbs: [.init(title: "网格", href: SiteURL.governanceGrids.path), .init(title: grid.name, href: nil)])
    }

    @Sendable func importForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.create, .gridList(zoneID: zoneID))
        return try await importPage(GridImportPage(csrf: context.csrfToken), context: context)
    }

    private func importPage(_ page: GridImportPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await render(
            "grids/import", page: page, context: context, title: "导入网格边界",
            crumbs: [.init(title: "网格", href: SiteURL.governanceGrids.path), .init(title: "导入", href: nil)],
            status: status)
    }

    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .gridList(zoneID: zoneID))
        var page = GridImportPage(csrf: context.csrfToken)
        guard let form = try await MultipartForm.from(request, context: context), let file = form.files["file"]?.data,
            !file.isEmpty
        else {
            page.fileError = "文件：请选择要上传的 GeoJSON 文件"
            return try await importPage(page, context: context, status: .badRequest)
        }
        switch try await GridService(database: db).importGrids(Array(file), zoneID: zoneID, actor: user) {
        case .refused(let problems):
            page.problems = problems.prefix(500).map { .init(place: $0.place, message: $0.message) }
            page.fileError =
                "文件未导入：发现 \(problems.count) 处问题\(problems.count > 500 ? "（仅列出前 500 处）" : "")，请全部改正后重新上传。没有写入任何数据。"
            return try await importPage(page, context: context, status: .unprocessableContent)
        case .imported(let summary):
            return .redirect(
                to: .governanceGrids,
                flash: Flash(
                    kind: .success,
                    message:
                        "导入完成：新增 \(summary.created) 个、更新 \(summary.updated) 个网格\(summary.areasCreated > 0 ? "，新建 \(summary.areasCreated) 个街道/镇或村/社区" : "")。"
                ))
        }
    }
}
