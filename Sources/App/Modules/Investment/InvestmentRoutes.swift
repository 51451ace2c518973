import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 招商引资 (`/m/investment`): the front page here; the pipeline, targets and chains in their own
/// `Investment…Routes`.
struct InvestmentRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.investment).pattern, use: home)
        InvestmentProjectRoutes(services: services).register(on: router)
        InvestmentTargetRoutes(services: services).register(on: router)
        InvestmentChainRoutes(services: services).register(on: router)
        InvestmentBlockerRoutes(services: services).register(on: router)
        InvestmentOriginRoutes(services: services).register(on: router)
        InvestmentDispatchRoutes(services: services).register(on: router)
        InvestmentOutreachRoutes(services: services).register(on: router)
    }

    /// The signed-in user, who may read the zone's investment work.
    func viewer(_ context: AppRequestContext) throws -> (CurrentUser, Int64) {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .investment(zoneID: zoneID))
        return (user, zoneID)
    }

    /// Every page sits under 招商引资.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.investment).path,
            breadcrumbs: [
                .init(title: "招商引资", href: SiteURL.module(.investment).path), .init(title: title, href: nil),
            ],
            status: status)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try viewer(context)
        let page = try await InvestmentHomePage.load(user: user, zoneID: zoneID, db: db.sql)
        return try await services.render(
            "investment/home", page: page, context: context, title: "招商引资", path: SiteURL.module(.investment).path,
            breadcrumbs: [.init(title: "招商引资", href: nil)])
    }
}

/// 招商引资's front page: the pipeline by stage, the chains (the viewer's own first) and links.
struct InvestmentHomePage: Sendable {
    struct StageCount: Sendable {
        let label: String
        let count: Int
        let href: String
    }
    struct ChainLine: Sendable {
        let name: String
        let href: String
        let leader: String
        let mine: Bool
    }
    let stages: [StageCount]
    let chains: [ChainLine]
    let projectsHref: String
    let targetsHref: String
    let blockersHref = SiteURL.investmentBlockers.path
    let originsHref = SiteURL.investmentOrigins.path
    let dispatchHref = SiteURL.investmentDispatch.path
    let eventsHref = SiteURL.investmentEvents.path
    let ideasHref = SiteURL.investmentIdeas.path

    static func load(user: CurrentUser, zoneID: Int64, db: any SQLDatabase) async throws -> InvestmentHomePage {
        let repo = InvestmentRepository(db: db)
        let counts = try await repo.stageCounts(zoneID: zoneID)
        let staff = Dictionary(uniqueKeysWithValues: try await repo.staff(zoneID: zoneID))
        let chains = try await repo.chains(zoneID: zoneID).map { c in
            ChainLine(
                name: c.name, href: SiteURL.investmentChain(c.id).path,
                leader: c.leaderUserId.flatMap { staff[$0] } ?? "未定", mine: c.leaderUserId == user.id)
        }
        return InvestmentHomePage(
            stages: ProjectStage.allCases.map {
                StageCount(
                    label: $0.label, count: counts[$0.rawValue] ?? 0,
                    href: SiteURL.investmentProjects.with(query: [("stage", $0.rawValue)]))
            },
            chains: chains.filter(\.mine) + chains.filter { !$0.mine }, projectsHref: SiteURL.investmentProjects.path,
            targetsHref: SiteURL.investmentTargets.path)
    }
}
