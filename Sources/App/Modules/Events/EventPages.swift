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
