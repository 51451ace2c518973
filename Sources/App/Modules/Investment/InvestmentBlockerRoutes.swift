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
    let exportHref: String
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
        func load(_ pager: Pager) async throws -> (rows: [BlockerLine], paged: Paged<InvestBlockerRow>) {
            let paged = try await InvestmentBlockerRepository(db: services.database.sql).page(
                zoneID: zoneID, departmentID: department, openOnly: !all, pager)
            return (
                try await InvestmentBlockers(services: services).lines(paged.rows, zoneID: zoneID, user: user), paged
            )
        }
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "investment-blockers", title: "难点堵点",
                headers: ["编号", "项目", "难点堵点", "协调部门", "状态", "办理时限", "解决情况"],
                load: {
                    let m = try await load($0)
                    return (m.rows, m.paged.total)
                },
                cells: {
                    [
                        $0.number, $0.project, $0.text, $0.department, $0.state + ($0.overdue ? " 超时" : ""),
                        $0.deadline ?? "", $0.resolution ?? "",
                    ]
                })
        }
        let (lines, paged) = try await load(try Pager(query: q.get("page"), size: 30))
        let page = BlockerListPage(
            blockers: lines,
            paging: paged.links(.investmentBlockers, query: all ? [("show", "all")] : []),
            heading: department == nil ? "全区项目难点堵点" : "转交本部门的项目难点堵点", showingResolved: all,
            toggleHref: all
                ? SiteURL.investmentBlockers.path : SiteURL.investmentBlockers.with(query: [("show", "all")]),
            toggleLabel: all ? "只看待解决的" : "含已解决的", csrf: context.csrfToken,
            exportHref: ListExport.href(request))
        return try await investment.render("investment/blockers", page: page, context: context, title: "难点堵点")
    }
}
