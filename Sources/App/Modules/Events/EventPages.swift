import Foundation
import GaoxinCore

/// One event in a list.
struct EventLine: Sendable {
    let number: String
    let href: String
    let title: String
    let category: String
    let grid: String
    let state: String
    let reportedAt: String
    let deadline: String?
    let overdue: Bool
    let escalated: Bool
    let rating: String?
}

/// 网格事件 list with its filters.
struct EventListPage: Sendable {
    let heading: String
    let intro: String
    let lines: [EventLine]
    let total: Int
    let open: Int
    let late: Int
    let grids: [SelectOption]
    let categories: [SelectOption]
    let states: [SelectOption]
    let overdueOnly: Bool
    let showFilters: Bool
    /// For a department: the link between its own work list and the whole zone's events.
    let scopeHref: String?
    let scopeLabel: String
    /// Keeps `all=1` through the filter form.
    let allZone: Bool
    let showStatistics: Bool
    let showKeys: Bool
    /// Previous / next when the list has more than one page.
    let paging: PageLinks?
    /// This list, every page with the same filters, as CSV.
    var exportHref = ""
    let filterAction = SiteURL.events.path
    let newHref = SiteURL.eventNew.path
    let statisticsHref = SiteURL.eventStatistics.path
    let keysHref = SiteURL.open311Keys.path
}

/// The phone-sized report form.
struct EventNewPage: Sendable {
    struct Choice: Sendable {
        let code: String
        let name: String
        let summary: String
        let checked: Bool
    }
    var categories: [Choice]
    var description = ""
    var latitude = ""
    var longitude = ""
    var address = ""
    var errors = FormErrors()
    let action = SiteURL.eventUpload.path
    let cancelHref = SiteURL.events.path
    let csrf: String
}

/// One event with the step its viewer may take, and the shared case panel (rating, follow-ups,
/// timeline).
struct EventPage: Sendable {
    struct Step: Sendable {
        let code: String
        let name: String
        let needsNote: Bool
        let needsAssignee: Bool
        let targets: [SelectOption]
    }
    let number: String
    let category: String
    let categorySummary: String
    let state: String
    let grid: String
    let address: String?
    let latitude: String
    let longitude: String
    let reporter: String
    let source: String
    let reportedAt: String
    let deadline: String?
    let overdue: Bool
    let escalated: Bool
    let assignee: String?
    let description: String
    let photoHref: String?
    let photoName: String?
    let steps: [Step]
    let canAct: Bool
    let stepAction: String
    var panel: CasePanel
    var errors = FormErrors()
    let listHref = SiteURL.events.path
    let csrf: String
    /// A 调解矛盾纠纷 event handed to 共享法庭 online mediation, for whoever may file one.
    var mediationHref: String? = nil
}

/// 人在网中走、事在格中办: events counted by grid, category and state, with overdue and time to close.
struct EventStatisticsPage: Sendable {
    struct Row: Sendable {
        let label: String
        let href: String?
        let total: Int
        let open: Int
        let closed: Int
        let overdue: Int
        let averageClose: String
        let gridWorkerSteps: Int
        /// Width of the bar (percent of the largest row), for a chart without JavaScript.
        let bar: Int
    }
    let total: Int
    let open: Int
    let closed: Int
    let overdue: Int
    let averageClose: String
    let closedOnTimeRate: String
    let gridWorkerSteps: Int
    let gridsWithEvents: Int
    let gridCount: Int
    let byGrid: [Row]
    let byCategory: [Row]
    let byState: [Row]
    let listHref = SiteURL.events.path
}

/// The zone's Open311 api keys; `newKey` is shown once, right after it was made.
struct Open311KeysPage: Sendable {
    struct Key: Sendable {
        let name: String
        let prefix: String
        let createdAt: String
        let lastUsedAt: String
        let revoked: Bool
        /// The 停用 form's address, for the zone admin and a live key only.
        let revokeAction: String?
    }
    let keys: [Key]
    let newKey: String?
    let newKeyName: String?
    let zoneCode: String
    let endpoint: String
    var name = ""
    var errors = FormErrors()
    let action = SiteURL.open311Keys.path
    let canCreate: Bool
    let csrf: String
}

extension EventPage {
    /// One event as `user` sees it: its facts, the steps they may take now (with whom a 派遣 may
    /// name), and the shared case panel with the dispatch targets named in the history.
    static func load(_ e: GridEvent, user: CurrentUser, csrf: String, services: AppServices) async throws -> EventPage {
        let record = try e.caseRow.record()
        let service = EventService(services: services)
        let category = EventCaseTypes.category(e.details.categoryCode)
        let grid = try await EventRepository(db: services.database.sql).grid(
            id: e.details.gridId, zoneID: e.caseRow.zoneId)
        let targets = try await service.dispatchTargets(e)
        let steps = service.steps(for: user, on: e).map { t in
            Step(
                code: t.code, name: t.name, needsNote: t.requiresNote, needsAssignee: t.requiresAssignee,
                targets: t.requiresAssignee
                    ? targets.map { SelectOption(value: $0.assignee.id, label: $0.label, selected: false) } : [])
        }
        // Before 派遣 the event is with its grid; after, with the department or grid worker named.
        let assignee =
            e.caseRow.assigneeId == EventService.gridUnit(e.details.gridId).id
            ? grid.map { "网格：\($0.name)" }
            : e.caseRow.assigneeId.flatMap { id in targets.first { $0.assignee.id == id }?.label }
        let panel = try await CasePanel.load(
            e.caseRow, kind: EventRoutes.kind, user: user, services: services, csrf: csrf,
            assigneeLabel: { a in targets.first { $0.assignee.id == a.id }?.label })
        var page = EventPage(
            number: e.number, category: category?.name ?? e.details.categoryCode,
            categorySummary: category?.summary ?? "",
            state: services.cases.stateName(record.typeCode, record.state),
            grid: grid.map { "\($0.name)（\($0.code)）" } ?? "—",
            address: e.details.address, latitude: String(format: "%.6f", e.details.latitude),
            longitude: String(format: "%.6f", e.details.longitude),
            reporter: e.details.reporterName ?? "—",
            source: EventService.Source(rawValue: e.details.source)?.label ?? e.details.source,
            reportedAt: DisplayTime.format(e.caseRow.openedAt),
            deadline: e.caseRow.closedAt == nil ? e.caseRow.deadlineText : nil,
            overdue: e.caseRow.everOverdue, escalated: e.caseRow.escalatedTo != nil, assignee: assignee,
            description: e.details.description,
            photoHref: e.details.photoName == nil ? nil : SiteURL.eventPhoto(e.id).path, photoName: e.details.photoName,
            steps: steps, canAct: !steps.isEmpty, stepAction: SiteURL.eventStep(e.id).path, panel: panel, csrf: csrf)
        if e.details.categoryCode == "dispute", user.role != .resident,
            Permissions.decide(user, .create, .mediation(zoneID: e.caseRow.zoneId)) == .allow
        {
            page.mediationHref = SiteURL.mediationPath(.caseNew).with(query: [("event", String(e.id))])
        }
        return page
    }
}

extension EventStatisticsPage {
    /// The zone's events counted by grid, category and state; runs the deadline sweep first.
    static func load(zoneID: Int64, services: AppServices) async throws -> EventStatisticsPage {
        try await services.checkOverdue(zoneID: zoneID)
        let repo = EventRepository(db: services.database.sql)
        let tallies = try await repo.tallies(zoneID: zoneID)
        let grids = try await repo.grids(zoneID: zoneID)
        let stats = EventStatistics()
        let byGrid = Dictionary(grouping: tallies, by: \.gridId)
        let gridRows = grids.filter { byGrid[$0.id] != nil }.map { g in
            stats.row(
                label: "\(g.name)（\(g.code)）", href: SiteURL.events.with(query: [("grid", String(g.id))]),
                byGrid[g.id] ?? [])
        }.sorted { $0.total > $1.total }
        let categoryRows = EventCaseTypes.categories.map { c in
            stats.row(
                label: c.name, href: SiteURL.events.with(query: [("category", c.code)]),
                tallies.filter { $0.categoryCode == c.code })
        }
        let stateRows = EventCaseTypes.stateNames.map { s in
            stats.row(
                label: s.name, href: SiteURL.events.with(query: [("state", s.code)]),
                tallies.filter { $0.state == s.code })
        }
        return EventStatisticsPage(
            total: stats.total(tallies), open: stats.open(tallies), closed: stats.closed(tallies),
            overdue: stats.overdue(tallies), averageClose: stats.averageClose(tallies),
            closedOnTimeRate: stats.onTimeRate(tallies), gridWorkerSteps: stats.gridWorkerSteps(tallies),
            gridsWithEvents: byGrid.count, gridCount: grids.count, byGrid: EventStatistics.scaled(gridRows),
            byCategory: EventStatistics.scaled(categoryRows), byState: EventStatistics.scaled(stateRows))
    }
}

extension Open311KeysPage {
    /// The zone's keys (never the keys themselves); `newKey` (name, key) right after making one.
    static func load(
        zoneID: Int64, user: CurrentUser, zone: ZoneRow?, csrf: String, services: AppServices,
        newKey: (name: String, secret: String)? = nil
    ) async throws -> Open311KeysPage {
        let keys = try await Open311Repository(db: services.database.sql).keys(zoneID: zoneID)
        let canCreate = Permissions.decide(user, .update, .zoneSettings(zoneID: zoneID)) == .allow
        return Open311KeysPage(
            keys: keys.map {
                .init(
                    name: $0.name, prefix: $0.prefix + "…", createdAt: DisplayTime.format($0.createdAt),
                    lastUsedAt: $0.lastUsedAt.map { DisplayTime.format($0) } ?? "从未使用", revoked: $0.revokedAt != nil,
                    revokeAction: canCreate && $0.revokedAt == nil ? SiteURL.open311KeyRevoke($0.id).path : nil)
            },
            newKey: newKey?.secret, newKeyName: newKey?.name, zoneCode: zone?.code ?? "",
            endpoint: SiteURL.open311Root.path,
            canCreate: canCreate, csrf: csrf)
    }
}
