import Foundation
import GaoxinCore
import Hummingbird

/// The zone-wide views of the official criteria and innovation points: the 后备 candidate lists
/// and the innovation points ranking.
struct EnterpriseAssessmentRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.enterpriseCandidates.pattern, use: candidates)
        router.get(SiteURL.innovationPoints.pattern, use: innovationPoints)
    }

    @Sendable func candidates(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        guard
            let page = try await CandidatesPage.load(
                zoneID: zoneID, code: request.uri.queryParameters.get("criterion"), db: db)
        else { throw PageError.notFound }
        return try await EnterpriseRoutes(services: services).render(
            "enterprises/candidates", page: page, context: context, title: "后备企业库",
            crumbs: [.init(title: "后备企业库", href: nil)])
    }

    @Sendable func innovationPoints(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let page = try await InnovationPointsPage.load(
            zoneID: zoneID,
            pager: try Pager(query: request.uri.queryParameters.get("page"), size: InnovationPointsPage.pageSize),
            db: db)
        return try await EnterpriseRoutes(services: services).render(
            "enterprises/innovation-points", page: page, context: context, title: "企业创新积分",
            crumbs: [.init(title: "创新积分", href: nil)])
    }
}
