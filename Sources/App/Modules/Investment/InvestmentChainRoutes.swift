import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// One industrial chain (链长制) with 金华's ten elements (十个一), its map and the same data as a table.
struct ChainPage: Sendable {
    struct Element: Sendable {
        let label: String
        let value: String
    }
    struct Link: Sendable {
        let title: String
        let href: String
    }
    struct NodeLine: Sendable {
        let anchor: String
        let segment: String
        let name: String
        let isGap: Bool
        let enterprises: String
        let targets: String
        let projects: Int
    }
    struct TaskLine: Sendable {
        let title: String
        let owner: String
        let dueOn: String
        let status: String
        let overdue: Bool
    }
    struct Review: Sendable {
        let month: String
        let heldOn: String
        let attendees: String
        let minutes: String
    }
    var errors = FormErrors()
    let name: String
    let elements: [Element]
    let policies: [Link]
    let projects: [ProjectLine]
    let projectCount: Int
    let taskCount: Int
    let map: ChainMapDrawing
    let nodes: [NodeLine]
    let gaps: Int
    let unplaced: [String]
    let tasks: [TaskLine]
    let overdueTasks: Int
    let owners: [SelectOption]
    let canTask: Bool
    let taskAction: String
    let reviews: [Review]
    let reviewAction: String
    let thisMonth: String
    let today: String
    let projectsHref: String
    let csrf: String

    static func load(_ c: InvestChainRow, user: CurrentUser, csrf: String, db: any SQLDatabase) async throws
        -> ChainPage
    {
        let repo = InvestmentRepository(db: db)
        let names = try await InvestmentNames.load(zoneID: c.zoneId, db: db)
        let department =
            try await c.leadDepartmentId.asyncMap {
                try await ZoneRepository(db: db).department(id: $0, zoneID: c.zoneId)?.name
            } ?? nil
        let nodes = try await repo.nodes(chainID: c.id)
        let onNodes = try await repo.enterprisesOnNodes(nodes.map(\.id))
        let projects = try await repo.projects(
            zoneID: c.zoneId, filter: ProjectFilter(chainID: c.id), try Pager(page: 1, size: 200)
        ).rows
        let placed = Set(onNodes.values.flatMap { $0.map(\.0) })
        let today = Clock.today
        let tasks = try await repo.tasks(chainID: c.id).map { t in
            let status = t.status(today: today)
            return TaskLine(
                title: t.title, owner: names.staff[t.ownerUserId] ?? "—", dueOn: t.dueOn, status: status.label,
                overdue: status == .overdue)
        }
        return ChainPage(
            name: c.name,
            elements: [
                Element(label: "链长", value: c.leaderUserId.flatMap { names.staff[$0] } ?? "未定"),
                Element(label: "牵头部门", value: department ?? "未定"), Element(label: "产业链规划", value: c.plan),
                Element(label: "产业基金", value: c.fund), Element(label: "创新平台", value: c.platform),
                Element(label: "链主企业", value: c.anchorFirms), Element(label: "专家团队", value: c.experts),
            ],
            policies: try await repo.policies(chainID: c.id).map {
                Link(title: $0.1, href: SiteURL.policyItem($0.0).path)
            },
            projects: projects.map { ProjectLine($0, names: names) }, projectCount: projects.count,
            taskCount: tasks.count,
            map: ChainMapDrawing(chain: c.name, nodes: nodes, enterpriseCounts: onNodes.mapValues(\.count)),
            nodes: nodes.map { n in
                NodeLine(
                    anchor: "node-\(n.id)", segment: n.segmentValue.label, name: n.name, isGap: n.isGap,
                    enterprises: (onNodes[n.id] ?? []).map(\.1).joined(separator: "、"),
                    targets: n.targetCompanies, projects: projects.count { $0.nodeId == n.id })
            },
            gaps: nodes.count(where: \.isGap),
            unplaced: try await repo.registryEnterprises(zoneID: c.zoneId, chain: c.name)
                .filter { !placed.contains($0.0) }.map(\.1),
            tasks: tasks, overdueTasks: tasks.count(where: \.overdue),
            owners: names.options(names.staff, selected: nil, none: "请选择"),
            canTask: Permissions.decide(user, .update, .investment(zoneID: c.zoneId)) == .allow,
            taskAction: SiteURL.investmentChainTasks(c.id).path,
            reviews: try await InvestmentDispatchRepository(db: db).reviews(chainID: c.id, zoneID: c.zoneId).map {
                Review(
                    month: DispatchMonth($0.month)?.label ?? $0.month, heldOn: $0.heldOn, attendees: $0.attendees,
                    minutes: $0.minutes)
            }, reviewAction: SiteURL.investmentChainReviews(c.id).path, thisMonth: DispatchMonth(today).description,
            today: today.description,
            projectsHref: SiteURL.investmentProjects.with(query: [("chain", String(c.id))]), csrf: csrf)
    }
}

/// A chain's page, adding a task to its 任务图表, and its 一月一链 review.
struct InvestmentChainRoutes {
    let services: AppServices
    var investment: InvestmentRoutes { InvestmentRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.investmentChain(0).pattern, use: show)
        router.post(SiteURL.investmentChainTasks(0).pattern, use: addTask)
        router.post(SiteURL.investmentChainReviews(0).pattern, use: addReview)
    }

    func loaded(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, InvestChainRow) {
        let (user, zoneID) = try investment.viewer(context)
        guard
            let c = try await InvestmentRepository(db: services.database.sql).chain(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        return (user, c)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await loaded(request, context)
        let page = try await ChainPage.load(c, user: user, csrf: context.csrfToken, db: services.database.sql)
        return try await investment.render("investment/chain", page: page, context: context, title: "\(c.name)产业链")
    }

    @Sendable func addTask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await loaded(request, context)
        try context.authorize(.update, .investment(zoneID: c.zoneId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                _ = try await InvestmentService(database: services.database).addTask(
                    c, title: f["title"], owner: f["owner"], due: f["due_on"], user: user)
                return .redirect(to: .investmentChain(c.id), flash: Flash(kind: .success, message: "已添加任务。"))
            }, refused: refused(c, user, context))
    }

    @Sendable func addReview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await loaded(request, context)
        try context.authorize(.update, .investment(zoneID: c.zoneId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await InvestmentService(database: services.database).addChainReview(
                    c, month: f["review_month"], heldOn: f["held_on"], attendees: f["attendees"], minutes: f["minutes"],
                    user: user)
                return .redirect(to: .investmentChain(c.id), flash: Flash(kind: .success, message: "已记录本月“一月一链”。"))
            }, refused: refused(c, user, context))
    }

    func refused(_ c: InvestChainRow, _ user: CurrentUser, _ context: AppRequestContext)
        -> (FormErrors) async throws -> Response
    {
        { errors in
            var page = try await ChainPage.load(c, user: user, csrf: context.csrfToken, db: services.database.sql)
            page.errors = errors
            return try await investment.render("investment/chain", page: page, context: context, title: "\(c.name)产业链")
        }
    }
}
