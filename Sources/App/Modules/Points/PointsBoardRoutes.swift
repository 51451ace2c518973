import Foundation
import GaoxinCore
import Hummingbird

/// 一月一公开: the committee's live board of a month and its publication as a frozen snapshot.
struct PointsBoardRoutes {
    let services: AppServices
    var points: PointsRoutes { PointsRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.pointsBoards.pattern, use: boards)
        router.post(SiteURL.pointsPublish.pattern, use: publish)
    }

    func boardsPage(_ access: PointsAccess, monthKey: String?, page: String? = nil, context: AppRequestContext)
        async throws -> PointsBoardsPage
    {
        try await PointsBoardsPage.load(
            access, monthKey: monthKey, pager: try Pager(query: page, size: PointsBoardsPage.pageSize),
            zoneCode: context.zone?.code ?? "", csrf: context.csrfToken, db: services.database.sql)
    }

    @Sendable func boards(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.committeeAccess(context)
        let monthKey = request.uri.queryParameters.get("month")
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "points-boards", title: "积分榜",
                headers: ["榜单", "名次", "居民/户", "本月积分", "年度累计", "扣分", "次数", "事项"],
                load: {
                    let m = try await PointsBoardsPage.load(
                        access, monthKey: monthKey, pager: $0, zoneCode: "", csrf: "", db: services.database.sql)
                    let rows =
                        m.positive.map {
                            [
                                "\(m.monthLabel)正向激励榜", String($0.rank), $0.name, String($0.periodPoints),
                                String($0.balance), "", "", "",
                            ]
                        }
                        + m.negative.map {
                            [
                                "\(m.monthLabel)反向曝光榜", String($0.rank), $0.name, "", "", String($0.points),
                                String($0.count), $0.items,
                            ]
                        }
                    return (rows, m.boardTotal)
                },
                cells: { $0 })
        }
        var page = try await boardsPage(
            access, monthKey: monthKey, page: request.uri.queryParameters.get("page"), context: context)
        page.exportHref = ListExport.href(request)
        return try await points.render("points/boards", page: page, context: context, title: "积分榜与公布")
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.committeeAccess(context)
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                guard let month = Period(key: form["month"]), month.kind == .month else {
                    throw Refusal("month", "请选择要公布的月份")
                }
                let p = try await PointsService(database: services.database).publish(
                    month: month, reason: form["reason"], access: access)
                return .redirect(
                    to: SiteURL.pointsBoards.with(query: [("month", month.key)]),
                    flash: Flash(kind: .success, message: "已公布\(month.label)积分榜（第 \(p.version) 版），公开页面和公示栏通知已生成。"))
            },
            refused: { errors in
                var page = try await boardsPage(access, monthKey: form["month"], context: context)
                page.errors = errors
                return try await points.render("points/boards", page: page, context: context, title: "积分榜与公布")
            })
    }
}
