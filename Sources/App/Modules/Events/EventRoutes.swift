import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird

/// 网格事件 pages: the phone-sized report form (grid workers and residents, with a photo and the
/// location), the list with its filters, one event with its timeline, the step its viewer may take
/// and the reporter's rating, the photo, and the statistics. Lists run the deadline sweep first.
/// The rating and the 差评 follow-up steps are the shared case pages' (`CaseRoutes`).
struct EventRoutes: CaseModule {
    let services: AppServices
    var service: EventService { EventService(services: services) }

    static let kind = CaseKind(
        noun: "事件", numberPrefix: "SJ", followUpBy: "承办方", rateHeading: "评价办理结果（好差评）", openedText: "上报事件",
        overdueText: "超过办理时限", showsOpeningNote: true, page: { .event($0) }, rate: { .eventRate($0) },
        followUp: { .eventFollowUp($0, caseID: $1) }, appeal: { .eventAppeal($0) })

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.events.pattern, use: list)
        router.get(SiteURL.eventNew.pattern, use: newForm)
        router.post(SiteURL.eventUpload.pattern, use: create)
        router.get(SiteURL.eventStatistics.pattern, use: statistics)
        router.get(SiteURL.event(0).pattern, use: show)
        router.post(SiteURL.eventStep(0).pattern, use: step)
        router.get(SiteURL.eventPhoto(0).pattern, use: photo)
        CaseRoutes(module: self).register(on: router)
    }

    static let crumb = LayoutModel.Crumb(title: "网格事件", href: SiteURL.events.path)

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String, crumbs: [LayoutModel.Crumb],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.governance).path,
            breadcrumbs: [.init(title: ModuleSlot.governance.title, href: SiteURL.module(.governance).path)] + crumbs,
            status: status)
    }

    // MARK: - Report

    private func newPage(_ page: EventNewPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await render(
            "events/new", page: page, context: context, title: "上报事件",
            crumbs: [Self.crumb, .init(title: "上报事件", href: nil)], status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.create, .eventList(zoneID: zoneID))
        return try await newPage(EventNewPage(csrf: context.csrfToken), context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .eventList(zoneID: zoneID))
        guard let form = try await MultipartForm.from(request, context: context) else {
            throw PageError.badRequest("上报表单应以 multipart/form-data 提交。")
        }
        let report = EventService.Report(
            category: form["category"], description: form["description"], latitude: form["latitude"],
            longitude: form["longitude"], address: form["address"], photo: form.files["photo"])
        return try await services.submit(
            {
                let id = try await service.report(report, zoneID: zoneID, user: user, source: .web)
                let repo = EventRepository(db: services.database.sql)
                guard let e = try await repo.find(caseID: id, zoneID: zoneID) else { throw PageError.notFound }
                let gridName = try await repo.grid(id: e.details.gridId, zoneID: zoneID)?.name ?? ""
                return .redirect(
                    to: .event(id),
                    flash: Flash(
                        kind: .success,
                        message:
                            "事件已上报（编号 \(e.number)），归属网格：\(gridName)，受理时限 \(e.caseRow.deadlineText ?? "—")。"))
            },
            refused: { errors in
                try await newPage(
                    EventNewPage(csrf: context.csrfToken, report: report, errors: errors), context: context)
            })
    }

    // MARK: - Lists

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .eventList(zoneID: zoneID))
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "events", title: "网格事件",
                headers: ["编号", "事件", "类别", "网格", "上报时间", "状态", "本环节时限", "超时", "评价"],
                load: {
                    let m = try await EventListPage.load(
                        request, user: user, zoneID: zoneID, services: services, pager: $0)
                    return (m.lines, m.total)
                },
                cells: {
                    [
                        $0.number, $0.title, $0.category, $0.grid, $0.reportedAt, $0.state, $0.deadline ?? "—",
                        $0.overdue ? "是" : "否", $0.rating ?? "—",
                    ]
                })
        }
        var page = try await EventListPage.load(request, user: user, zoneID: zoneID, services: services)
        page.exportHref = ListExport.href(request)
        return try await render(
            "events/list", page: page, context: context, title: page.heading, crumbs: [.init(title: "网格事件", href: nil)])
    }

    @Sendable func statistics(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .eventStatistics(zoneID: zoneID))
        return try await render(
            "events/statistics", page: try await EventStatisticsPage.load(zoneID: zoneID, services: services),
            context: context, title: "事件统计", crumbs: [Self.crumb, .init(title: "事件统计", href: nil)])
    }

    // MARK: - One event

    func load(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        CurrentUser, GridEvent
    ) {
        let (user, zoneID) = try context.requireZone()
        guard
            let e = try await EventRepository(db: services.database.sql).find(
                caseID: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(action, e.resource)
        return (user, e)
    }

    private func showPage(_ page: EventPage, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws
        -> Response
    {
        try await render(
            "events/show", page: page, context: context, title: "事件 \(page.number)",
            crumbs: [Self.crumb, .init(title: "事件 \(page.number)", href: nil)], status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, e) = try await load(request, context, .view)
        return try await showPage(
            try await EventPage.load(e, user: user, csrf: context.csrfToken, services: services), context: context)
    }

    /// One step of the loop; a refused step shows the event again with the reason by the steps.
    @Sendable func step(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, e) = try await load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        let code = form["transition"]
        return try await services.submit(
            {
                try await Refusal.worded("未保存：", into: "note") {
                    try await service.perform(
                        code, on: e, user: user, note: form["note"], assigneeID: form["assignee"].nilIfEmpty)
                }
                let name = services.cases.engine.types[e.caseRow.typeCode]?.transition(code)?.name ?? code
                return .redirect(to: .event(e.id), flash: Flash(kind: .success, message: "事件 \(e.number) 已\(name)。"))
            },
            refused: { errors in
                var page = try await EventPage.load(e, user: user, csrf: context.csrfToken, services: services)
                page.errors = errors
                return try await showPage(page, context: context)
            })
    }

    func rate(_ e: GridEvent, level: RatingLevel, comment: String, user: CurrentUser) async throws -> Int64? {
        try await service.rate(e, level: level, comment: comment, user: user)
    }

    func showPage(_ e: GridEvent, user: CurrentUser, context: AppRequestContext, rating: RatingForm) async throws
        -> Response
    {
        var page = try await EventPage.load(e, user: user, csrf: context.csrfToken, services: services)
        page.panel.refill(rating)
        page.errors = rating.errors
        return try await showPage(page, context: context, status: .badRequest)
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, e) = try await load(request, context, .view)
        // Whatever was stored (even before uploads were checked by content) is served inert.
        guard e.details.photoType != nil,
            let data = try await EventRepository(db: services.database.sql).photo(caseID: e.id)
        else { throw PageError.notFound }
        return .userFile(data, filename: "事件\(e.number)照片")
    }
}
