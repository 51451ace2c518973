import Foundation
import GaoxinCore
import Hummingbird

/// The item list (正负积分事项清单): everyone in governance reads it; the committee adds and edits items.
struct PointsItemRoutes {
    let services: AppServices
    var points: PointsRoutes { PointsRoutes(services: services) }
    var service: PointsService { PointsService(database: services.database) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.pointsItems.pattern, use: items)
        router.post(SiteURL.pointsItems.pattern, use: addItem)
        router.get(SiteURL.pointsItem(0).pattern, use: editItem)
        router.post(SiteURL.pointsItem(0).pattern, use: updateItem)
    }

    static func itemForm(_ form: FormData) -> PointsService.ItemForm {
        .init(
            name: form["name"], category: form["category"], points: form["points"], capPoints: form["cap_points"],
            capPer: form["cap_per"], isActive: form["is_active"] == "1")
    }

    func itemsPage(_ access: PointsAccess, _ request: Request, context: AppRequestContext) async throws
        -> PointsItemsPage
    {
        try await PointsItemsPage.load(
            access, pager: try Pager(query: request.uri.queryParameters.get("page"), size: 50),
            csrf: context.csrfToken, db: services.database.sql)
    }

    @Sendable func items(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.access(context)
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "points-items", title: "积分事项清单", headers: ["编号", "类别", "事项", "分值", "上限", "状态"],
                load: {
                    let m = try await PointsItemsPage.load(
                        access, pager: $0, csrf: "", db: services.database.sql)
                    return (m.lines, m.total)
                },
                cells: { [$0.code, $0.category, $0.name, $0.points, $0.cap, $0.active ? "启用" : "停用"] })
        }
        var page = try await itemsPage(access, request, context: context)
        page.exportHref = ListExport.href(request)
        return try await points.render("points/items", page: page, context: context, title: "积分事项清单")
    }

    @Sendable func addItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.committeeAccess(context)
        let f = Self.itemForm(try await FormData.from(request, context: context))
        return try await services.submit(
            {
                _ = try await service.addItem(f, access: access)
                return .redirect(to: .pointsItems, flash: Flash(kind: .success, message: "已新增积分事项“\(f.name)”。"))
            },
            refused: { errors in
                var page = try await itemsPage(access, request, context: context)
                page.form.fill(f)
                page.form.errors = errors
                return try await points.render("points/items", page: page, context: context, title: "积分事项清单")
            })
    }

    func loadedItem(_ request: Request, _ context: AppRequestContext) async throws -> (PointsAccess, PointsItemRow) {
        let access = try await points.committeeAccess(context)
        guard
            let row = try await PointsRepository(db: services.database.sql).item(
                id: try request.id(context), zoneID: access.zoneID)
        else { throw PageError.notFound }
        return (access, row)
    }

    @Sendable func editItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (access, row) = try await loadedItem(request, context)
        return try await points.render(
            "points/item", page: PointsItemEditPage(row, access: access, csrf: context.csrfToken), context: context,
            title: "修改积分事项")
    }

    @Sendable func updateItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (access, row) = try await loadedItem(request, context)
        let f = Self.itemForm(try await FormData.from(request, context: context))
        return try await services.submit(
            {
                try await service.updateItem(row, f, access: access)
                return .redirect(
                    to: .pointsItems, flash: Flash(kind: .success, message: "已保存“\(f.name)”。已有记录保留原分值，新上限从现在起适用。"))
            },
            refused: { errors in
                var page = PointsItemEditPage(row, access: access, csrf: context.csrfToken)
                page.form.fill(f)
                page.form.errors = errors
                return try await points.render("points/item", page: page, context: context, title: "修改积分事项")
            })
    }
}
