import Foundation
import GaoxinCore
import Hummingbird

/// 一季一奖励: the reward levels and the quarter's rewards, recorded by the committee.
struct PointsRewardRoutes {
    let services: AppServices
    var points: PointsRoutes { PointsRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.pointsRewards.pattern, use: rewards)
        router.post(SiteURL.pointsRewards.pattern, use: recordRewards)
    }

    func rewardsPage(_ access: PointsAccess, quarterKey: String?, context: AppRequestContext) async throws
        -> PointsRewardsPage
    {
        try await PointsRewardsPage.load(
            access, quarterKey: quarterKey, csrf: context.csrfToken, db: services.database.sql)
    }

    @Sendable func rewards(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.committeeAccess(context)
        var page = try await rewardsPage(
            access, quarterKey: request.uri.queryParameters.get("quarter"), context: context)
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "points-rewards-\(page.quarterKey)", title: page.quarterLabel + "积分奖励名单",
                headers: ["名次", "居民/户", "季度积分", "档次", "奖品"], rows: page.lines,
                cells: { [String($0.rank), $0.name, String($0.points), $0.tier, $0.prize] })
        }
        page.exportHref = ListExport.href(request)
        return try await points.render("points/rewards", page: page, context: context, title: "季度奖励")
    }

    @Sendable func recordRewards(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await points.committeeAccess(context)
        let form = try await FormData.from(request, context: context)
        let quarterKey = request.uri.queryParameters.get("quarter") ?? form["quarter"]
        let service = PointsService(database: services.database)
        return try await services.submit(
            {
                if form["action"] == "tiers" {
                    try await service.setRewardTiers(form.raw("tiers"), access: access)
                    return .redirect(
                        to: SiteURL.pointsRewards.with(query: [("quarter", quarterKey)]),
                        flash: Flash(kind: .success, message: "已保存奖励档次。"))
                }
                guard let quarter = Period(key: quarterKey), quarter.kind == .quarter else {
                    throw Refusal("quarter", "请选择季度")
                }
                let record = try await service.recordRewards(quarter: quarter, access: access)
                return .redirect(
                    to: SiteURL.pointsRewards.with(query: [("quarter", quarter.key)]),
                    flash: Flash(kind: .success, message: "已登记\(quarter.label)奖励：\(record.rewards.count) 户（人）获奖。"))
            },
            refused: { errors in
                var page = try await rewardsPage(access, quarterKey: quarterKey, context: context)
                page.errors = errors
                if form["action"] == "tiers" { page.tiersText = form.raw("tiers") }
                return try await points.render("points/rewards", page: page, context: context, title: "季度奖励")
            })
    }
}
