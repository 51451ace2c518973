import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird

/// 网格事件 pages: the phone-sized report form (grid workers and residents, with a photo and the
/// location), the list with its filters, one event with its timeline, the step its viewer may take
/// and the reporter's rating, the photo, and the statistics. Lists run the deadline sweep first.
struct EventRoutes {
    let services: AppServices
    var db: Database { services.database }
    var desk: EventDesk { EventDesk(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.events.pattern, use: list)
        router.get(SiteURL.eventNew.pattern, use: newForm)
        router.post(SiteURL.eventUpload.pattern, use: create)
        router.get(SiteURL.eventStatistics.pattern, use: statistics)
        router.get(SiteURL.event(0).pattern, use: show)
        router.post(SiteURL.eventStep(0).pattern, use: step)
        router.post(SiteURL.eventRate(0).pattern, use: rate)
        router.get(SiteURL.eventPhoto(0).pattern, use: photo)
        router.post(SiteURL.eventFollowUp(0, caseID: 0).pattern, use: followUpStep)
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

    private func newPage(_ context: AppRequestContext, report: EventDesk.Report? = nil) -> EventNewPage {
        var page = EventNewPage(
            categories: EventCaseTypes.categories.map {
                .init(code: $0.code, name: $0.name, summary: $0.summary, checked: $0.code == report?.category)
            }, csrf: context.csrfToken)
        if let report {
            page.description = report.description
            page.latitude = report.latitude
            page.longitude = report.longitude
            page.address = report.address
            page.errors = report.errors
        }
        return page
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.create, .eventList(zoneID: zoneID))
        return try await render(
            "events/new", page: newPage(context), context: context, title: "上报事件",
            crumbs: [Self.crumb, .init(title: "上报事件", href: nil)])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .eventList(zoneID: zoneID))
        guard let form = try await MultipartForm.from(request, context: context) else {
            throw PageError.badRequest("上报表单应以 multipart/form-data 提交。")
        }
        var report = EventDesk.Report(
            category: form["category"], description: form["description"], latitude: form["latitude"],
            longitude: form["longitude"], address: form["address"], photo: form.files["photo"])
        let grid = try await desk.locate(&report, zoneID: zoneID)
        guard report.errors.isEmpty, let grid else {
            return try await render(
                "events/new", page: newPage(context, report: report), context: context, title: "上报事件",
                crumbs: [Self.crumb, .init(title: "上报事件", href: nil)], status: .badRequest)
        }
        let id = try await desk.report(report, gridID: grid, zoneID: zoneID, user: user, source: .web)
        let row = try await CaseRepository(db: db.sql).find(id: id)
        let gridName = try await EventRepository(db: db.sql).grid(id: grid, zoneID: zoneID)?.name ?? ""
        return .redirect(
            to: .event(id),
            flash: Flash(
                kind: .success,
                message:
                    "事件已上报（编号 \(CaseRow.number(id, prefix: "SJ"))），归属网格：\(gridName)，受理时限 \(row?.deadlineText ?? "—")。"))
    }

    // MARK: - Lists

    /// The filter from the query string; unknown values are ignored rather than refused (a list, not a form).
    private func filter(_ request: Request, user: CurrentUser, zoneID: Int64) -> EventFilter {
        let q = request.uri.queryParameters
        var f = EventFilter(zoneID: zoneID)
        f.gridID = q.get("grid").flatMap { Int64($0) }
        f.category = q.get("category").flatMap { EventCaseTypes.category(String($0))?.code }
        f.state = q.get("state").flatMap { s in EventCaseTypes.stateNames.first { $0.code == s }?.code }
        f.overdueOnly = q.get("overdue") == "1"
        switch user.role {
        case .resident: f.reporterUserID = user.id
        case .gridWorker:
            f.gridIDs = user.gridIDs
            f.orReporter = user.id
        // A department's list is its work (what was dispatched to it) unless it asks for the whole zone.
        case .departmentStaff where q.get("all") != "1": f.assigneeID = CaseIDs.department(user.departmentID ?? -1).id
        default: break
        }
        return f
    }

    func line(_ e: GridEvent, grids: [Int64: GridOption]) -> EventLine {
        let row = e.caseRow
        return EventLine(
            number: e.number, href: SiteURL.event(e.id).path, title: row.title,
            category: EventCaseTypes.category(e.details.categoryCode)?.name ?? e.details.categoryCode,
            grid: grids[e.details.gridId].map { "\($0.name)（\($0.code)）" } ?? "—",
            state: services.cases.stateName(row.typeCode, row.state),
            reportedAt: DisplayTime.format(row.openedAt), deadline: row.closedAt == nil ? row.deadlineText : nil,
            overdue: row.everOverdue,
            escalated: row.escalatedTo != nil, rating: row.ratingLevel.flatMap { RatingLevel(rawValue: $0)?.label })
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .eventList(zoneID: zoneID))
        try await services.checkOverdue(zoneID: zoneID)
        let f = filter(request, user: user, zoneID: zoneID)
        let repo = EventRepository(db: db.sql)
        let events = try await repo.list(f, limit: 500)
        let grids = try await repo.grids(zoneID: zoneID)
        let byID = Dictionary(uniqueKeysWithValues: grids.map { ($0.id, $0) })
        let shownGrids = user.role == .gridWorker ? grids.filter { user.gridIDs.contains($0.id) } : grids
        let intro =
            switch user.role {
            case .resident: "您上报的事件。结案后可以评价（好差评）。"
            case .gridWorker: "您负责网格内的事件和您上报的事件：受理、派遣、处置、核查、结案，每一步都有时限。"
            case .departmentStaff: f.assigneeID == nil ? "园区的全部网格事件；派遣给本部门的事件由本部门处置。" : "派遣给本部门处置的网格事件。"
            default: "园区的网格事件：上报 → 受理/立案 → 派遣 → 处置 → 核查 → 结案。超时的标“超时”，按类别规定升级督办。"
            }
        let page = EventListPage(
            heading: user.role == .resident ? "我上报的事件" : "网格事件", intro: intro,
            lines: events.map { line($0, grids: byID) }, total: events.count,
            open: events.filter { $0.caseRow.closedAt == nil }.count,
            late: events.filter { $0.caseRow.everOverdue }.count,
            grids: shownGrids.map {
                SelectOption(value: String($0.id), label: "\($0.name)（\($0.code)）", selected: $0.id == f.gridID)
            },
            categories: EventCaseTypes.categories.map {
                SelectOption(value: $0.code, label: $0.name, selected: $0.code == f.category)
            },
            states: EventCaseTypes.stateNames.map {
                SelectOption(value: $0.code, label: $0.name, selected: $0.code == f.state)
            },
            overdueOnly: f.overdueOnly, showFilters: user.role != .resident,
            scopeHref: user.role == .departmentStaff
                ? (f.assigneeID == nil ? SiteURL.events.path : SiteURL.events.with(query: [("all", "1")])) : nil,
            scopeLabel: f.assigneeID == nil ? "只看派给本部门的" : "查看全园区事件",
            allZone: f.assigneeID == nil && user.role == .departmentStaff,
            showStatistics: Permissions.decide(user, .view, .eventStatistics(zoneID: zoneID)) == .allow,
            showKeys: Permissions.decide(user, .update, .zoneSettings(zoneID: zoneID)) == .allow)
        return try await render(
            "events/list", page: page, context: context, title: page.heading, crumbs: [.init(title: "网格事件", href: nil)])
    }

    // MARK: - One event

    private func load(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        CurrentUser, GridEvent
    ) {
        let (user, zoneID) = try context.requireZone()
        guard let e = try await EventRepository(db: db.sql).find(caseID: try request.id(context), zoneID: zoneID) else {
            throw PageError.notFound
        }
        try context.authorize(action, e.resource)
        return (user, e)
    }

    func page(_ e: GridEvent, user: CurrentUser, context: AppRequestContext) async throws -> EventPage {
        let record = try e.caseRow.record()
        let type = services.cases.engine.types[record.typeCode]
        let category = EventCaseTypes.category(e.details.categoryCode)
        let grid = try await EventRepository(db: db.sql).grid(id: e.details.gridId, zoneID: e.caseRow.zoneId)
        let targets = try await desk.dispatchTargets(e)
        let history = record.history.map { h -> EventPage.Entry in
            let who = h.actor.map { $0.role.label } ?? "系统"
            let text: String =
                switch h.kind {
                case .opened: "\(who)上报事件"
                case .transition:
                    "\(who)\(h.transition.flatMap { type?.transition($0)?.name } ?? "办理")"
                        + (h.assignee.flatMap { a in targets.first { $0.assignee.id == a.id }?.label }.map { "（\($0)）" }
                            ?? "")
                case .overdue: "超过办理时限"
                case .escalated: "升级至\(h.escalatedTo?.label ?? "管委会")督办"
                case .rated: "\(who)评价"
                }
            return .init(at: DisplayTime.format(h.at.unixSeconds()), text: text, note: h.note)
        }
        let steps = desk.steps(for: user, on: e).map { t in
            EventPage.Step(
                code: t.code, name: t.name, needsNote: t.requiresNote, needsAssignee: t.requiresAssignee,
                targets: t.requiresAssignee
                    ? targets.map { SelectOption(value: $0.assignee.id, label: $0.label, selected: false) } : [])
        }
        // Before 派遣 the event is with its grid; after, with the department or grid worker named.
        let assignee =
            e.caseRow.assigneeId == EventDesk.gridUnit(e.details.gridId).id
            ? grid.map { "网格：\($0.name)" }
            : e.caseRow.assigneeId.flatMap { id in targets.first { $0.assignee.id == id }?.label }
        let isReporter = e.caseRow.requesterUserId == user.id
        return EventPage(
            number: e.number, category: category?.name ?? e.details.categoryCode,
            categorySummary: category?.summary ?? "",
            state: services.cases.stateName(record.typeCode, record.state),
            grid: grid.map { "\($0.name)（\($0.code)）" } ?? "—",
            address: e.details.address, latitude: String(format: "%.6f", e.details.latitude),
            longitude: String(format: "%.6f", e.details.longitude),
            reporter: e.details.reporterName ?? "—",
            source: EventDesk.Source(rawValue: e.details.source)?.label ?? e.details.source,
            reportedAt: DisplayTime.format(e.caseRow.openedAt),
            deadline: e.caseRow.closedAt == nil ? e.caseRow.deadlineText : nil,
            overdue: e.caseRow.everOverdue, escalated: e.caseRow.escalatedTo != nil, assignee: assignee,
            description: e.details.description,
            photoHref: e.details.photoName == nil ? nil : SiteURL.eventPhoto(e.id).path, photoName: e.details.photoName,
            history: history, steps: steps, canAct: !steps.isEmpty, stepAction: SiteURL.eventStep(e.id).path,
            canRate: isReporter && record.isClosed && record.rating == nil, rateAction: SiteURL.eventRate(e.id).path,
            levels: RatingInput.levels(),
            rating: record.rating.map { r in r.level.label + (r.comment.map { "：\($0)" } ?? "") },
            followUps: try await CaseRepository(db: db.sql).children(of: [e.id]).map {
                try followUpLine($0, user: user)
            }, csrf: context.csrfToken)
    }

    // MARK: - 差评回访整改

    private func followUpLine(_ row: CaseRow, user: CurrentUser) throws -> FollowUpLine {
        let parent = row.parentCaseId ?? 0
        return try FollowUps(services: services).line(
            row, user: user, parentKind: "事件", parentHref: SiteURL.event(parent).path,
            parentNumber: CaseRow.number(parent, prefix: "SJ"),
            action: SiteURL.eventFollowUp(parent, caseID: row.id).path)
    }

    @Sendable func followUpStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, e) = try await load(request, context, .view)
        guard let caseID = context.parameters.get("case").flatMap({ Int64($0) }),
            let row = try await CaseRepository(db: db.sql).find(id: caseID, zoneID: e.caseRow.zoneId),
            row.parentCaseId == e.id
        else { throw PageError.notFound }
        guard FollowUps.mayAct(user, on: row) else { throw PageError.forbidden }
        let flash = try await FollowUps(services: services).perform(
            row, line: try followUpLine(row, user: user),
            form: try await FormData.from(request, context: context), user: user)
        return .redirect(to: .event(e.id), flash: flash)
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
        return try await showPage(try await page(e, user: user, context: context), context: context)
    }

    @Sendable func step(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, e) = try await load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        let code = form["transition"]
        var errors = FormErrors()
        do {
            try await desk.perform(code, on: e, user: user, note: form["note"], assigneeID: form["assignee"].nilIfEmpty)
            let name = services.cases.engine.types[e.caseRow.typeCode]?.transition(code)?.name ?? code
            return .redirect(to: .event(e.id), flash: Flash(kind: .success, message: "事件 \(e.number) 已\(name)。"))
        } catch let error as CaseError {
            errors.add("note", "未保存：\(error.message)")
        } catch let error as EventStepError {
            errors.add("note", "未保存：\(error.message)")
        }
        var page = try await page(e, user: user, context: context)
        page.errors = errors
        return try await showPage(page, context: context, status: .badRequest)
    }

    @Sendable func rate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, e) = try await load(request, context, .view)
        guard e.caseRow.requesterUserId == user.id else { throw PageError.forbidden }
        let form = try await FormData.from(request, context: context)
        let input = RatingInput(form)
        switch try await input.submit(followUpBy: "承办方", { try await desk.rate(e, level: $0, comment: $1, user: user) })
        {
        case .rated(let message):
            return .redirect(to: .event(e.id), flash: Flash(kind: .success, message: message))
        case .refused(let errors):
            var page = try await page(e, user: user, context: context)
            page.levels = RatingInput.levels(selected: input.level)
            page.comment = input.comment
            page.errors = errors
            return try await showPage(page, context: context, status: .badRequest)
        }
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, e) = try await load(request, context, .view)
        guard let type = e.details.photoType, type.lowercased().hasPrefix("image/"),
            let data = try await EventRepository(db: db.sql).photo(caseID: e.id)
        else { throw PageError.notFound }
        var response = Response(
            status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.cacheControl] = "private, no-store"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return response
    }

    // MARK: - Statistics

    @Sendable func statistics(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .eventStatistics(zoneID: zoneID))
        try await services.checkOverdue(zoneID: zoneID)
        let repo = EventRepository(db: db.sql)
        let events = try await repo.list(EventFilter(zoneID: zoneID))
        let grids = try await repo.grids(zoneID: zoneID)
        let stats = EventStatistics()
        let byGrid = Dictionary(grouping: events, by: \.details.gridId)
        let gridRows = grids.filter { byGrid[$0.id] != nil }.map { g in
            stats.row(
                label: "\(g.name)（\(g.code)）", href: SiteURL.events.with(query: [("grid", String(g.id))]),
                byGrid[g.id] ?? [])
        }.sorted { $0.total > $1.total }
        let categoryRows = EventCaseTypes.categories.map { c in
            stats.row(
                label: c.name, href: SiteURL.events.with(query: [("category", c.code)]),
                events.filter { $0.details.categoryCode == c.code })
        }
        let stateRows = EventCaseTypes.stateNames.map { s in
            stats.row(
                label: s.name, href: SiteURL.events.with(query: [("state", s.code)]),
                events.filter { $0.caseRow.state == s.code })
        }
        let page = EventStatisticsPage(
            total: events.count, open: stats.open(events), closed: stats.closed(events), overdue: stats.overdue(events),
            averageClose: stats.averageClose(events), closedOnTimeRate: stats.onTimeRate(events),
            gridWorkerSteps: stats.gridWorkerSteps(events), gridsWithEvents: byGrid.count,
            gridCount: grids.count, byGrid: EventStatistics.scaled(gridRows),
            byCategory: EventStatistics.scaled(categoryRows),
            byState: EventStatistics.scaled(stateRows))
        return try await render(
            "events/statistics", page: page, context: context, title: "事件统计",
            crumbs: [Self.crumb, .init(title: "事件统计", href: nil)])
    }
}
