// The own dashboards' addresses (`SiteURL.statisticsOwnDashboard`).

/// Whose own dashboard (the path segment before the id).
public enum OwnDashboardKind: String, Sendable, CaseIterable {
    case chain = "chains"
    case department = "departments"
    case enterprise = "enterprises"
}

/// The dashboard page, one of its tables as CSV (`?table=key`), or all of them as a workbook.
public enum OwnDashboardFormat: String, Sendable, CaseIterable {
    case page = ""
    case csv = ".csv"
    case xlsx = ".xlsx"
}
