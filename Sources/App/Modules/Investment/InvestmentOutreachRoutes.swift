import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 招商活动: the year's events with the totals the seeds quote (宝鸡's 招商小分队: 8 次上门对接,
/// 对接企业 40 余户, 27 户来宝考察), and a form for a new one.
struct InvestEventListPage: Sendable {
    struct Line: Sendable {
        let title: String
        let href: String
        let kind: String
        let heldOn: String
        let place: String
        let contacts: Int
        let visits: Int
        let projects: Int
    }
    struct Totals: Sendable {
        let events: Int
        let contacts: Int
        let visits: Int
        let projects: Int
    }
    var errors = FormErrors()
    var form = InvestmentService.EventForm()
    let year: Int
    let totals: Totals
    let lines: [Line]
    let listed: Int
    let paging: PageLinks
    let canAdd: Bool
    let kinds: [SelectOption]
    let action: String
    let csrf: String
    let exportHref = SiteURL.investmentEvents.path + "?format=csv"

    static func load(user: CurrentUser, zoneID: Int64, pager: Pager, csrf: String, db: any SQLDatabase) async throws
        -> InvestEventListPage
    {
        let repo = InvestmentDispatchRepository(db: db)
        let paged = try await repo.events(zoneID: zoneID, pager)
        let projects = try await repo.eventProjects(eventIDs: paged.rows.map(\.id))
        let year = Clock.today.year
        let t = try await repo.eventTotals(zoneID: zoneID, year: year)
        return InvestEventListPage(
            year: year, totals: Totals(events: t.events, contacts: t.contacts, visits: t.visits, projects: t.projects),
            lines: paged.rows.map {
                Line(
                    title: $0.title, href: SiteURL.investmentEvent($0.id).path, kind: $0.kindValue.label,
                    heldOn: $0.heldOn, place: $0.place, contacts: $0.contacts, visits: $0.visits,
                    projects: projects[$0.id]?.count ?? 0)
            }, listed: paged.total, paging: paged.links(.investmentEvents),
            canAdd: Permissions.decide(user, .create, .investment(zoneID: zoneID)) == .allow,
            kinds: InvestEventKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            action: SiteURL.investmentEvents.path, csrf: csrf)
    }
}

/// One event with the projects signed at it, and (for the office) a signed project to add.
struct InvestEventPage: Sendable {
    struct Project: Sendable {
        let name: String
        let stage: String
        let href: String
    }
    var errors = FormErrors()
    let event: InvestEventRow
    let kind: String
    let projects: [Project]
    let canLink: Bool
    let signed: [SelectOption]
    let action: String
    let csrf: String

    static func load(user: CurrentUser, event: InvestEventRow, csrf: String, db: any SQLDatabase) async throws
        -> InvestEventPage
    {
        let repo = InvestmentDispatchRepository(db: db)
        let ids = try await repo.eventProjects(eventIDs: [event.id])[event.id] ?? []
        let names = try await repo.projectNames(ids: ids, zoneID: event.zoneId)
        let canLink = Permissions.decide(user, .update, .investment(zoneID: event.zoneId)) == .allow
        return InvestEventPage(
            event: event, kind: event.kindValue.label,
            projects: ids.compactMap { id in
                names[id].map {
                    Project(
                        name: $0.0, stage: ProjectStage(rawValue: $0.1)?.label ?? $0.1,
                        href: SiteURL.investmentProject(id).path)
                }
            }, canLink: canLink,
            signed: canLink
                ? try await repo.signedProjects(zoneID: event.zoneId).filter { !ids.contains($0.0) }.map {
                    SelectOption(value: String($0.0), label: $0.1, selected: false)
                } : [],
            action: SiteURL.investmentEventProjects(event.id).path, csrf: csrf)
    }
}

/// 头脑风暴: ideas collected from the zone's staff (肇庆: 620 多条 from 近190名党员干部), screened by the
/// investment office, and the adopted ones turned into leads.
struct IdeaListPage: Sendable {
    struct Line: Sendable {
        let id: Int64
        let title: String
        let detail: String
        let proposer: String
        let submittedOn: String
        let status: String
        let note: String
        let projectHref: String?
        let canScreen: Bool
        let screenAction: String
        let leadHref: String?
    }
    struct Count: Sendable {
        let label: String
        let count: Int
        let href: String
        let current: Bool
    }
    var errors = FormErrors()
    let total: Int
    let counts: [Count]
    let lines: [Line]
    let listed: Int
    let paging: PageLinks
    let canSubmit: Bool
    let action: String
    let csrf: String
    var exportHref = SiteURL.investmentIdeas.path + "?format=csv"

    static func load(
        user: CurrentUser, zoneID: Int64, status: IdeaStatus?, pager: Pager, csrf: String,
        db: any SQLDatabase
    ) async throws -> IdeaListPage {
        let repo = InvestmentDispatchRepository(db: db)
        let counts = try await repo.ideaCounts(zoneID: zoneID)
        let paged = try await repo.ideas(zoneID: zoneID, status: status, pager)
        let canScreen = Permissions.decide(user, .update, .investmentIdeas(zoneID: zoneID)) == .allow
        let canLead = canScreen && Permissions.decide(user, .create, .investment(zoneID: zoneID)) == .allow
        return IdeaListPage(
            total: counts.values.reduce(0, +),
            counts: IdeaStatus.allCases.map {
                Count(
                    label: $0.label, count: counts[$0.rawValue] ?? 0,
                    href: SiteURL.investmentIdeas.with(query: [("status", $0.rawValue)]), current: $0 == status)
            },
            lines: paged.rows.map { i in
                Line(
                    id: i.id, title: i.title, detail: i.detail, proposer: i.proposer, submittedOn: i.submittedOn,
                    status: i.statusValue.label, note: i.screeningNote,
                    projectHref: i.projectId.map { SiteURL.investmentProject($0).path },
                    canScreen: canScreen && (i.statusValue == .submitted || i.statusValue == .declined),
                    screenAction: SiteURL.investmentIdeaScreen(i.id).path,
                    leadHref: canLead && i.statusValue.mayBecome(.lead)
                        ? SiteURL.investmentProjectNew.with(query: [("idea", String(i.id))]) : nil)
            }, listed: paged.total,
            paging: paged.links(.investmentIdeas, query: status.map { [("status", $0.rawValue)] } ?? []),
            canSubmit: Permissions.decide(user, .create, .investmentIdeas(zoneID: zoneID)) == .allow,
            action: SiteURL.investmentIdeas.path, csrf: csrf)
    }
}

struct InvestmentOutreachRoutes {
    let services: AppServices
    var investment: InvestmentRoutes { InvestmentRoutes(services: services) }
    var service: InvestmentService { InvestmentService(database: services.database) }
    var db: any SQLDatabase { services.database.sql }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.investmentEvents.pattern, use: events)
        router.post(SiteURL.investmentEvents.pattern, use: addEvent)
        router.get(SiteURL.investmentEvent(0).pattern, use: event)
        router.post(SiteURL.investmentEventProjects(0).pattern, use: linkProject)
        router.get(SiteURL.investmentIdeas.pattern, use: ideas)
        router.post(SiteURL.investmentIdeas.pattern, use: submitIdea)
        router.post(SiteURL.investmentIdeaScreen(0).pattern, use: screenIdea)
    }

    // MARK: - Events

    func eventList(
        _ user: CurrentUser, _ zoneID: Int64, page: String?, form: InvestmentService.EventForm,
        errors: FormErrors, context: AppRequestContext
    ) async throws -> Response {
        var model = try await InvestEventListPage.load(
            user: user, zoneID: zoneID, pager: try Pager(query: page, size: 30), csrf: context.csrfToken, db: db)
        model.errors = errors
        model.form = form
        return try await investment.render("investment/events", page: model, context: context, title: "招商活动")
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "investment-events", title: "招商活动",
                headers: ["活动", "类型", "日期", "地点", "对接企业", "来区考察", "签约项目"],
                load: {
                    let m = try await InvestEventListPage.load(user: user, zoneID: zoneID, pager: $0, csrf: "", db: db)
                    return (m.lines, m.listed)
                },
                cells: {
                    [
                        $0.title, $0.kind, $0.heldOn, $0.place, String($0.contacts), String($0.visits),
                        String($0.projects),
                    ]
                })
        }
        var form = InvestmentService.EventForm()
        form.heldOn = Clock.today.description
        return try await eventList(
            user, zoneID, page: request.uri.queryParameters.get("page"), form: form, errors: FormErrors(),
            context: context)
    }

    @Sendable func addEvent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        try context.authorize(.create, .investment(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        let form = InvestmentService.EventForm(
            kind: f["kind"], title: f["title"], heldOn: f["held_on"], place: f["place"], team: f["team"],
            contacts: f["contacts"], visits: f["visits"], notes: f["notes"])
        return try await services.submit(
            {
                let id = try await service.addEvent(form, user: user, zoneID: zoneID)
                return .redirect(to: .investmentEvent(id), flash: Flash(kind: .success, message: "已登记招商活动。"))
            },
            refused: { errors in
                try await eventList(user, zoneID, page: nil, form: form, errors: errors, context: context)
            })
    }

    func loadedEvent(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, InvestEventRow) {
        let (user, zoneID) = try investment.viewer(context)
        guard let e = try await InvestmentDispatchRepository(db: db).event(id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        return (user, e)
    }

    func eventPage(_ user: CurrentUser, _ e: InvestEventRow, errors: FormErrors, context: AppRequestContext)
        async throws -> Response
    {
        var page = try await InvestEventPage.load(user: user, event: e, csrf: context.csrfToken, db: db)
        page.errors = errors
        return try await investment.render("investment/event", page: page, context: context, title: e.title)
    }

    @Sendable func event(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, e) = try await loadedEvent(request, context)
        return try await eventPage(user, e, errors: FormErrors(), context: context)
    }

    @Sendable func linkProject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, e) = try await loadedEvent(request, context)
        try context.authorize(.update, .investment(zoneID: e.zoneId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.linkEventProject(e, project: f["project"], user: user)
                return .redirect(to: .investmentEvent(e.id), flash: Flash(kind: .success, message: "已记录签约项目。"))
            }, refused: { errors in try await eventPage(user, e, errors: errors, context: context) })
    }

    // MARK: - Ideas

    func ideaList(
        _ user: CurrentUser, _ zoneID: Int64, status: String?, page: String?, errors: FormErrors,
        context: AppRequestContext
    ) async throws -> Response {
        var model = try await IdeaListPage.load(
            user: user, zoneID: zoneID, status: try Self.ideaFilter(status), pager: try Pager(query: page, size: 30),
            csrf: context.csrfToken, db: db)
        model.errors = errors
        if let status, !status.isEmpty {
            model.exportHref = SiteURL.investmentIdeas.with(query: [("status", status), ("format", "csv")])
        }
        return try await investment.render("investment/ideas", page: model, context: context, title: "头脑风暴建议")
    }

    /// The list's status filter: none, or a known status (anything else is refused on its field).
    static func ideaFilter(_ status: String?) throws -> IdeaStatus? {
        guard let status, !status.isEmpty else { return nil }
        guard let s = IdeaStatus(rawValue: status) else { throw Refusal("status", "筛选条件无效") }
        return s
    }

    @Sendable func ideas(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        let q = request.uri.queryParameters
        if ListExport.isRequested(request) {
            let filter = try Self.ideaFilter(q.get("status"))
            return try await ListExport.csv(
                filename: "investment-ideas", title: "头脑风暴建议",
                headers: ["建议", "建议内容", "提出人", "日期", "状态", "筛选意见"],
                load: {
                    let m = try await IdeaListPage.load(
                        user: user, zoneID: zoneID, status: filter, pager: $0, csrf: "", db: db)
                    return (m.lines, m.listed)
                },
                cells: { [$0.title, $0.detail, $0.proposer, $0.submittedOn, $0.status, $0.note] })
        }
        return try await ideaList(
            user, zoneID, status: q.get("status"), page: q.get("page"), errors: FormErrors(), context: context)
    }

    @Sendable func submitIdea(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        try context.authorize(.create, .investmentIdeas(zoneID: zoneID))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                _ = try await service.submitIdea(
                    title: f["title"], detail: f["detail"], proposer: f["proposer"], user: user, zoneID: zoneID)
                return .redirect(to: .investmentIdeas, flash: Flash(kind: .success, message: "已提交建议。"))
            },
            refused: { errors in
                try await ideaList(user, zoneID, status: nil, page: nil, errors: errors, context: context)
            })
    }

    @Sendable func screenIdea(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try investment.viewer(context)
        try context.authorize(.update, .investmentIdeas(zoneID: zoneID))
        guard
            let idea = try await InvestmentDispatchRepository(db: db).idea(id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await service.screenIdea(idea, decision: f["decision"], note: f["note"], user: user)
                return .redirect(to: .investmentIdeas, flash: Flash(kind: .success, message: "已筛选“\(idea.title)”。"))
            },
            refused: { errors in
                try await ideaList(user, zoneID, status: nil, page: nil, errors: errors, context: context)
            })
    }
}
