import Foundation
import GaoxinCore
import Hummingbird

/// 难点堵点 across the pipeline: a department sees what is routed to it (open ones first to work
/// on, with the resolve form on each line); the investment office sees every department's.
struct BlockerListPage: Sendable {
    let blockers: [BlockerLine]
    let paging: PageLinks
    let heading: String
    let showingResolved: Bool
    let toggleHref: String
    let toggleLabel: String
    let csrf: String
}

struct InvestmentBlockerRoutes {
    let services: AppServices
    var investment: InvestmentRoutes { InvestmentRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.investmentBlockers.pattern, use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        let q = request.uri.queryParameters
        let all = q.get("show") == "all"
        // Department staff work their own department's blockers; the office watches them all.
        let department = user.role == .departmentStaff ? user.departmentID : nil
        let pager = try Pager(query: q.get("page"), size: 30)
        let paged = try await InvestmentBlockerRepository(db: services.database.sql).page(
            zoneID: zoneID, departmentID: department, openOnly: !all, pager)
        let page = BlockerListPage(
            blockers: try await InvestmentBlockers(services: services).lines(paged.rows, zoneID: zoneID, user: user),
            paging: paged.links(.investmentBlockers, query: all ? [("show", "all")] : []),
            heading: department == nil ? "全区项目难点堵点" : "转交本部门的项目难点堵点", showingResolved: all,
            toggleHref: all
                ? SiteURL.investmentBlockers.path : SiteURL.investmentBlockers.with(query: [("show", "all")]),
            toggleLabel: all ? "只看待解决的" : "含已解决的", csrf: context.csrfToken)
        return try await investment.render("investment/blockers", page: page, context: context, title: "难点堵点")
    }
}
