import GaoxinCore
import Hummingbird

/// What the viewer may see of the zone's events, as `Permissions` decides it: every event
/// (`.zoneEvents` view), the whole zone as their work (`.zoneEvents` update), the office side of the
/// loop (`.eventLoop`). Everyone else sees their grids' events and what they reported.
struct EventListScope: Sendable {
    let wholeZone: Bool
    let allWork: Bool
    let office: Bool

    init(_ user: CurrentUser, zoneID: Int64) {
        wholeZone = Permissions.decide(user, .view, .zoneEvents(zoneID: zoneID)) == .allow
        allWork = Permissions.decide(user, .update, .zoneEvents(zoneID: zoneID)) == .allow
        office = Permissions.decide(user, .update, .eventLoop(zoneID: zoneID)) == .allow
    }

    /// Narrows `filter` to what the viewer sees: their grids' events and their own reports, unless
    /// they see the whole zone. A department's list is its work (what was dispatched to it) unless
    /// `wholeZoneAsked` (`all=1`).
    func narrow(_ filter: inout EventFilter, user: CurrentUser, wholeZoneAsked: Bool) {
        if !wholeZone {
            filter.gridIDs = user.gridIDs
            filter.orReporter = user.id
        } else if !allWork, !wholeZoneAsked {
            filter.assigneeID = CaseIDs.department(user.departmentID ?? -1).id
        }
    }
}

extension EventListPage {
    /// The list for the query's filter and page; unknown filter values are ignored rather than
    /// refused (a list, not a form), a page number out of range is refused. Runs the deadline sweep
    /// first, so what it shows is current.
    static func load(
        _ request: Request, user: CurrentUser, zoneID: Int64, services: AppServices, pager: Pager? = nil
    ) async throws -> EventListPage {
        let q = request.uri.queryParameters
        let pager = try pager ?? Pager(query: q.get("page"), size: 50)
        let scope = EventListScope(user, zoneID: zoneID)
        var f = EventFilter(zoneID: zoneID)
        f.gridID = q.get("grid").flatMap { Int64($0) }
        f.category = q.get("category").flatMap { EventCaseTypes.category(String($0))?.code }
        f.state = q.get("state").flatMap { s in EventCaseTypes.stateNames.first { $0.code == s }?.code }
        f.overdueOnly = q.get("overdue") == "1"
        scope.narrow(&f, user: user, wholeZoneAsked: q.get("all") == "1")
        try await services.checkOverdue(zoneID: zoneID)
        let repo = EventRepository(db: services.database.sql)
        let events = try await repo.page(f, pager)
        let counts = try await repo.counts(f)
        let grids = try await repo.grids(zoneID: zoneID)
        let byID = Dictionary(uniqueKeysWithValues: grids.map { ($0.id, $0) })
        let shownGrids = scope.wholeZone ? grids : grids.filter { user.gridIDs.contains($0.id) }
        let department = scope.wholeZone && !scope.allWork
        let intro =
            if !scope.office {
                "您上报的事件。结案后可以评价（好差评）。"
            } else if !scope.wholeZone {
                "您负责网格内的事件和您上报的事件：受理、派遣、处置、核查、结案，每一步都有时限。"
            } else if department {
                f.assigneeID == nil ? "园区的全部网格事件；派遣给本部门的事件由本部门处置。" : "派遣给本部门处置的网格事件。"
            } else {
                "园区的网格事件：上报 → 受理/立案 → 派遣 → 处置 → 核查 → 结案。超时的标“超时”，按类别规定升级督办。"
            }
        var query: [(String, String)] = []
        if let v = f.gridID { query.append(("grid", String(v))) }
        if let v = f.category { query.append(("category", v)) }
        if let v = f.state { query.append(("state", v)) }
        if f.overdueOnly { query.append(("overdue", "1")) }
        if department, f.assigneeID == nil { query.append(("all", "1")) }
        return EventListPage(
            heading: scope.office ? "网格事件" : "我上报的事件", intro: intro,
            lines: events.rows.map { EventLine($0, grids: byID, services: services) }, total: counts.total,
            open: counts.open, late: counts.late,
            grids: shownGrids.map {
                SelectOption(value: String($0.id), label: "\($0.name)（\($0.code)）", selected: $0.id == f.gridID)
            },
            categories: EventCaseTypes.categories.map {
                SelectOption(value: $0.code, label: $0.name, selected: $0.code == f.category)
            },
            states: EventCaseTypes.stateNames.map {
                SelectOption(value: $0.code, label: $0.name, selected: $0.code == f.state)
            },
            overdueOnly: f.overdueOnly, showFilters: scope.office,
            scopeHref: department
                ? (f.assigneeID == nil ? SiteURL.events.path : SiteURL.events.with(query: [("all", "1")])) : nil,
            scopeLabel: f.assigneeID == nil ? "只看派给本部门的" : "查看全园区事件",
            allZone: f.assigneeID == nil && department,
            showStatistics: Permissions.decide(user, .view, .eventStatistics(zoneID: zoneID)) == .allow,
            showKeys: Permissions.decide(user, .update, .zoneSettings(zoneID: zoneID)) == .allow,
            paging: events.hasPrevious || events.hasNext ? events.links(.events, query: query) : nil)
    }
}

extension EventLine {
    init(_ e: GridEvent, grids: [Int64: GridOption], services: AppServices) {
        let row = e.caseRow
        self.init(
            number: e.number, href: SiteURL.event(e.id).path, title: row.title,
            category: EventCaseTypes.category(e.details.categoryCode)?.name ?? e.details.categoryCode,
            grid: grids[e.details.gridId].map { "\($0.name)（\($0.code)）" } ?? "—",
            state: services.cases.stateName(row.typeCode, row.state),
            reportedAt: DisplayTime.format(row.openedAt), deadline: row.closedAt == nil ? row.deadlineText : nil,
            overdue: row.everOverdue,
            escalated: row.escalatedTo != nil, rating: row.ratingLevel.flatMap { RatingLevel(rawValue: $0)?.label })
    }
}

extension EventNewPage {
    /// The report form, blank or as typed with its errors.
    init(csrf: String, report: EventService.Report? = nil, errors: FormErrors = FormErrors()) {
        self.init(
            categories: EventCaseTypes.categories.map {
                .init(code: $0.code, name: $0.name, summary: $0.summary, checked: $0.code == report?.category)
            }, csrf: csrf)
        if let report {
            description = report.description
            latitude = report.latitude
            longitude = report.longitude
            address = report.address
            self.errors = errors
        }
    }
}
