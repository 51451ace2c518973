import Foundation
import GaoxinCore

/// Adding up for the statistics page: open, closed, late, time to close, and the steps grid
/// workers took themselves (人在网中走: how much of the loop the grid's own people carry), over
/// the counts `EventRepository.tallies` made in SQL.
struct EventStatistics: Sendable {
    func open(_ list: [EventTally]) -> Int { list.reduce(0) { $0 + $1.open } }
    func closed(_ list: [EventTally]) -> Int { list.reduce(0) { $0 + $1.closed } }
    func overdue(_ list: [EventTally]) -> Int { list.reduce(0) { $0 + $1.overdue } }
    func total(_ list: [EventTally]) -> Int { list.reduce(0) { $0 + $1.total } }

    /// Mean time from 上报 to 结案 of the closed ones, in days and hours.
    func averageClose(_ list: [EventTally]) -> String {
        let closed = closed(list)
        guard closed > 0 else { return "—" }
        let mean = list.reduce(Int64(0)) { $0 + $1.closeSeconds } / Int64(closed)
        let days = mean / 86_400
        let hours = (mean % 86_400) / 3600
        return days > 0 ? "\(days) 天 \(hours) 小时" : "\(hours) 小时 \((mean % 3600) / 60) 分"
    }

    func onTimeRate(_ list: [EventTally]) -> String {
        let closed = closed(list)
        guard closed > 0 else { return "—" }
        let onTime = list.reduce(0) { $0 + $1.closedOnTime }
        return String(format: "%.1f%%", Double(onTime) * 100 / Double(closed))
    }

    /// Steps (上报 included) taken by grid workers on these events.
    func gridWorkerSteps(_ list: [EventTally]) -> Int { list.reduce(0) { $0 + $1.gridWorkerSteps } }

    func row(label: String, href: String?, _ list: [EventTally]) -> EventStatisticsPage.Row {
        .init(
            label: label, href: href, total: total(list), open: open(list), closed: closed(list),
            overdue: overdue(list), averageClose: averageClose(list), gridWorkerSteps: gridWorkerSteps(list), bar: 0)
    }

    /// Bars as a share of the largest row, so the tables read as a chart without JavaScript.
    static func scaled(_ rows: [EventStatisticsPage.Row]) -> [EventStatisticsPage.Row] {
        let top = max(1, rows.map(\.total).max() ?? 1)
        return rows.map {
            .init(
                label: $0.label, href: $0.href, total: $0.total, open: $0.open, closed: $0.closed, overdue: $0.overdue,
                averageClose: $0.averageClose, gridWorkerSteps: $0.gridWorkerSteps, bar: $0.total * 100 / top)
        }
    }
}
