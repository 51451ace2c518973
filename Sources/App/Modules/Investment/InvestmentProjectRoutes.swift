import Foundation
import GaoxinCore
import Hummingbird

/// 招商项目全流程: the pipeline list, a new project, a project's page with its stage moves and funds.
struct InvestmentProjectRoutes {
    let services: AppServices
    var investment: InvestmentRoutes { InvestmentRoutes(services: services) }
    var service: InvestmentService { InvestmentService(database: services.database) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.investmentProjects.pattern, use: list)
        router.get(SiteURL.investmentProjectNew.pattern, use: newForm)
        router.post(SiteURL.investmentProjectNew.pattern, use: create)
        router.get(SiteURL.investmentProject(0).pattern, use: show)
        router.post(SiteURL.investmentProjectStage(0).pattern, use: move)
        router.post(SiteURL.investmentProjectFunds(0).pattern, use: funds)
        router.post(SiteURL.investmentProjectBlockers(0).pattern, use: openBlocker)
        router.post(SiteURL.investmentBlockerResolve(0, caseID: 0).pattern, use: resolveBlocker)
    }

    /// A filter value that must be a positive id; anything else is refused on its field.
    static func filterID(_ text: String?, field: String) throws -> Int64? {
        guard let text, !text.isEmpty else { return nil }
        guard text.count <= 18, let id = Int64(text), id > 0 else { throw Refusal(field, "筛选条件无效") }
        return id
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        let q = request.uri.queryParameters
        let filter = ProjectFilter(
            stage: q.get("stage").flatMap { ProjectStage(rawValue: String($0)) },
            parkID: try Self.filterID(q.get("park"), field: "park"),
            chainID: try Self.filterID(q.get("chain"), field: "chain"))
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "investment-projects", title: "招商项目",
                headers: ["项目", "投资方", "来源地", "园区", "产业链", "计划投资", "阶段", "日期"],
                load: {
                    let m = try await ProjectListPage.load(
                        user: user, zoneID: zoneID, filter: filter, pager: $0, db: services.database.sql)
                    return (m.projects, m.total)
                },
                cells: { [$0.name, $0.investor, $0.origin, $0.park, $0.chain, $0.planned, $0.stage, $0.stageOn] })
        }
        var page = try await ProjectListPage.load(
            user: user, zoneID: zoneID, filter: filter, pager: try Pager(query: q.get("page"), size: 30),
            db: services.database.sql)
        page.exportHref = ListExport.href(request)
        return try await investment.render("investment/projects", page: page, context: context, title: "招商项目")
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try investment.viewer(context)
        try context.authorize(.create, .investment(zoneID: zoneID))
        var form = InvestmentService.ProjectForm()
        form.on = Clock.today.description
        // From an adopted 头脑风暴 idea: its title starts the project's name, and the idea goes along.
        if let text = request.uri.queryParameters.get("idea"), let id = Int64(text), id > 0,
            let idea = try await InvestmentDispatchRepository(db: services.database.sql).idea(id: id, zoneID: zoneID)
        {
            form.name = String(idea.title.prefix(80))
            form.idea = String(idea.id)
        }
        let page = try await ProjectNewPage.load(
            zoneID: zoneID, form: form, csrf: context.csrfToken, db: services.database.sql)
        return try await investment.render("investment/project-new", page: page, context: context, title: "登记招商项目")
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        try context.authorize(.create, .investment(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        let form = InvestmentService.ProjectForm(
            name: f["name"], investor: f["investor"], originProvince: f["origin_province"],
            originCity: f["origin_city"], park: f["park"], chain: f["chain"], node: f["node"],
            plannedInvestment: f["planned_investment"], foreignInvestment: f["foreign_investment"],
            officer: f["officer"], stage: f["stage"], on: f["on"], idea: f["idea"])
        return try await services.submit(
            {
                let id = try await service.createProject(form, user: user, zoneID: zoneID)
                return .redirect(to: .investmentProject(id), flash: Flash(kind: .success, message: "已登记项目。"))
            },
            refused: { errors in
                var page = try await ProjectNewPage.load(
                    zoneID: zoneID, form: form, csrf: context.csrfToken, db: services.database.sql)
                page.errors = errors
                return try await investment.render(
                    "investment/project-new", page: page, context: context, title: "登记招商项目")
            })
    }

    func loaded(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, InvestProjectRow) {
        let (user, zoneID) = try investment.viewer(context)
        guard
            let p = try await InvestmentRepository(db: services.database.sql).project(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        return (user, p)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, p) = try await loaded(request, context)
        let page = try await projectPage(p, user: user, context: context)
        return try await investment.render("investment/project", page: page, context: context, title: p.name)
    }

    /// The project's page with its blockers and, for whoever may open one, the departments to route to.
    func projectPage(_ p: InvestProjectRow, user: CurrentUser, context: AppRequestContext) async throws -> ProjectPage {
        let db = services.database.sql
        var page = try await ProjectPage.load(p, user: user, csrf: context.csrfToken, db: db)
        page.blockers = try await InvestmentBlockers(services: services).lines(p, user: user)
        page.canBlock =
            !p.stageValue.isFinal
            && Permissions.decide(user, .create, .investmentBlocker(zoneID: p.zoneId, departmentID: 0)) == .allow
        page.departments =
            [SelectOption(value: "", label: "请选择", selected: true)]
            + (try await ZoneRepository(db: db).departments(scope: .zone(p.zoneId))).map {
                SelectOption(value: String($0.id), label: $0.name, selected: false)
            }
        page.blockerAction = SiteURL.investmentProjectBlockers(p.id).path
        return page
    }

    /// A step on the project page: on a refusal the page comes back with the messages.
    /// `action` is what the step needs on the pipeline (a blocker's own permission is checked by its service).
    func step(
        _ request: Request, _ context: AppRequestContext, action: Action = .update,
        _ write: (CurrentUser, InvestProjectRow, FormData) async throws -> String
    ) async throws -> Response {
        let (user, p) = try await loaded(request, context)
        try context.authorize(action, .investment(zoneID: p.zoneId))
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                .redirect(
                    to: .investmentProject(p.id), flash: Flash(kind: .success, message: try await write(user, p, form)))
            },
            refused: { errors in
                var page = try await projectPage(p, user: user, context: context)
                page.errors = errors
                return try await investment.render("investment/project", page: page, context: context, title: p.name)
            })
    }

    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { user, p, f in
            try await service.move(
                p,
                .init(
                    stage: f["stage"], on: f["on"], agreedInvestment: f["agreed_investment"],
                    enterprise: f["enterprise"], reason: f["reason"], note: f["note"]), user: user)
            return "项目已进入“\(ProjectStage(rawValue: f["stage"])?.label ?? "")”阶段。"
        }
    }

    @Sendable func funds(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { user, p, f in
            try await service.setFunds(
                p, month: f["month"], funds: f["funds"], foreign: f["foreign_funds"], user: user)
            return "已登记 \(f["month"]) 到位资金。"
        }
    }

    @Sendable func openBlocker(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context, action: .view) { user, p, f in
            _ = try await InvestmentBlockers(services: services).open(
                p, text: f["blocker"], department: f["department"], user: user)
            return "已登记难点堵点，转交部门协调解决。"
        }
    }

    @Sendable func resolveBlocker(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context, action: .view) { user, p, f in
            guard let caseID = context.parameters.get("case").flatMap({ Int64($0) }),
                let b = try await InvestmentBlockerRepository(db: services.database.sql).blocker(
                    caseID: caseID, projectID: p.id, zoneID: p.zoneId)
            else { throw PageError.notFound }
            try await InvestmentBlockers(services: services).resolve(b, note: f["resolution"], user: user)
            return "难点堵点已解决。"
        }
    }
}
