import Foundation
import GaoxinCore
import Hummingbird

/// Resident points pages (积分制) under 基层治理: one's own points here; declaring with evidence,
/// the weekly review (一周一定), monthly boards and their publication (一月一公开), quarterly
/// rewards (一季一奖励), the item list and the committee in their own `Points…Routes`; and the
/// public boards, without login, in `PointsPublicRoutes`.
struct PointsRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.points.pattern, use: home)
        PointsItemRoutes(services: services).register(on: router)
        PointsDeclareRoutes(services: services).register(on: router)
        PointsReviewRoutes(services: services).register(on: router)
        PointsBoardRoutes(services: services).register(on: router)
        PointsRewardRoutes(services: services).register(on: router)
        PointsCommitteeRoutes(services: services).register(on: router)
        PointsPublicRoutes(services: services).register(on: router)
    }

    // MARK: - Shared by the points pages

    /// The signed-in user's part in the zone's scheme; the governance module is theirs.
    func access(_ context: AppRequestContext) async throws -> PointsAccess {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.governance, zoneID: zoneID))
        return try await PointsAccess.load(user, zoneID: zoneID, db: db.sql)
    }

    /// The same, for the committee's pages only (members and the zone admin).
    func committeeAccess(_ context: AppRequestContext) async throws -> PointsAccess {
        let access = try await access(context)
        try context.authorize(.view, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember))
        return access
    }

    /// Every points page sits under 基层治理 › 居民积分.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.governance).path,
            breadcrumbs: [
                .init(title: "基层治理", href: SiteURL.module(.governance).path),
                .init(title: "居民积分", href: SiteURL.points.path), .init(title: title, href: nil),
            ],
            status: status)
    }

    // MARK: - My points

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        let today = Clock.today
        let yearNumber = Int(request.uri.queryParameters.get("year") ?? "") ?? today.year
        guard (2000...today.year).contains(yearNumber) else { throw PageError.notFound }
        if ListExport.isRequested(request) {
            // Each own account's records (本人, 本户) one after another, a page of each at a time.
            return try await ListExport.csv(
                filename: "points-records-\(yearNumber)", title: "\(yearNumber)年积分记录",
                headers: ["账户", "编号", "日期", "事项", "分值", "状态", "来源", "事由", "审核意见"],
                load: {
                    let m = try await PointsHomePage.load(
                        access, yearNumber: yearNumber, pager: $0, zoneCode: "", db: db.sql)
                    let rows = m.own.flatMap { s in s.entries.map { (s.name, $0) } }
                    return (rows, m.own.reduce(0) { $0 + $1.entryTotal })
                },
                cells: { row in
                    let (name, e) = row
                    return [
                        name, String(e.id), e.day, e.item, e.points, e.status, e.origin, e.evidence,
                        [e.reason, e.decidedBy.map { "（\($0)）" }].compactMap { $0 }.joined(),
                    ]
                })
        }
        let pager = try Pager(query: request.uri.queryParameters.get("page"), size: PointsHomePage.pageSize)
        var page = try await PointsHomePage.load(
            access, yearNumber: yearNumber, pager: pager, zoneCode: context.zone?.code ?? "", db: db.sql)
        page.exportHref = ListExport.href(request)
        return try await render("points/home", page: page, context: context, title: "我的积分")
    }
}
