import Foundation
import GaoxinCore

/// Counting for the statistics page: open, closed, late, time to close, and the steps grid
/// workers took themselves (人在网中走: how much of the loop the grid's own people carry).
struct EventStatistics: Sendable {
    func open(_ list: [GridEvent]) -> Int { list.filter { $0.caseRow.closedAt == nil }.count }
    func closed(_ list: [GridEvent]) -> Int { list.filter { $0.caseRow.closedAt != nil }.count }
    func overdue(_ list: [GridEvent]) -> Int { list.filter { $0.caseRow.everOverdue }.count }

    /// Mean time from 上报 to 结案 of the closed ones, in days and hours.
    func averageClose(_ list: [GridEvent]) -> String {
        let spans = list.compactMap { e in e.caseRow.closedAt.map { $0 - e.caseRow.openedAt } }
        guard !spans.isEmpty else { return "—" }
        let mean = spans.reduce(0, +) / Int64(spans.count)
        let days = mean / 86_400
        let hours = (mean % 86_400) / 3600
        return days > 0 ? "\(days) 天 \(hours) 小时" : "\(hours) 小时 \((mean % 3600) / 60) 分"
    }

    func onTimeRate(_ list: [GridEvent]) -> String {
        let closed = list.filter { $0.caseRow.closedAt != nil }
        guard !closed.isEmpty else { return "—" }
        let onTime = closed.filter { !$0.caseRow.everOverdue }.count
        return String(format: "%.1f%%", Double(onTime) * 100 / Double(closed.count))
    }

    /// Steps (上报 included) taken by grid workers on these events.
    func gridWorkerSteps(_ list: [GridEvent]) -> Int {
        list.reduce(0) { sum, e in
            sum
                + ((try? e.caseRow.record().history.filter {
                    $0.actor?.role == .gridWorker && ($0.kind == .opened || $0.kind == .transition)
                }.count) ?? 0)
        }
    }

    func row(label: String, href: String?, _ list: [GridEvent]) -> EventStatisticsPage.Row {
        .init(
            label: label, href: href, total: list.count, open: open(list), closed: closed(list), overdue: overdue(list),
            averageClose: averageClose(list), gridWorkerSteps: gridWorkerSteps(list), bar: 0)
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
