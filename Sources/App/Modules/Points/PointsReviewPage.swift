import Foundation
import GaoxinCore
import SQLKit

/// 一周一定: the weekly review queue, by week, a page of one week's declarations at a time.
struct PointsReviewPage: Sendable {
    struct Week: Sendable {
        let label: String
        let href: String
        let pending: Int
        let total: Int
        let current: Bool
    }
    let tabs: [PointsTab]
    let scope: String
    let weeks: [Week]
    let weekLabel: String
    let weekKey: String
    let lines: [PointsEntryLine]
    let pendingCount: Int
    let hasPending: Bool
    let paging: PageLinks?
    var errors = FormErrors()
    let action: String
    let csrf: String

    /// The declarations this user reviews (the committee: every grid; a grid worker: their own
    /// grids), grouped by week; the week asked for, or the earliest with declarations still pending.
    static func load(_ access: PointsAccess, weekKey: String?, pager: Pager, csrf: String, db: any SQLDatabase)
        async throws -> PointsReviewPage
    {
        let repo = PointsRepository(db: db)
        let scope: Set<Int64>? = access.isCommittee ? nil : access.user.gridIDs
        var counts: [Period: (pending: Int, total: Int)] = [:]
        // The list shows the latest 26 weeks with declarations: they lie within the latest 182 days
        // with any, so only those weeks are counted, not the zone's whole history.
        let floor = try await repo.declarationDay(zoneID: access.zoneID, gridIDs: scope, latest: 26 * 7)
        let from = floor.map { Period(.week, containing: $0).start }
        for (day, status, n) in try await repo.declarationDays(
            zoneID: access.zoneID, gridIDs: scope, from: from, pendingOnly: false)
        {
            guard let day = Day(day) else { continue }
            let week = Period(.week, containing: day)
            counts[week, default: (0, 0)].total += n
            if status == PointsEntryStatus.pending.rawValue { counts[week, default: (0, 0)].pending += n }
        }
        // Pending declarations of any age: the earliest week still waiting is opened first.
        var pendingWeeks: [Period: Int] = [:]
        for (day, _, n) in try await repo.declarationDays(
            zoneID: access.zoneID, gridIDs: scope, from: nil, pendingOnly: true)
        {
            guard let day = Day(day) else { continue }
            pendingWeeks[Period(.week, containing: day), default: 0] += n
        }
        let selected =
            weekKey.flatMap { Period(key: $0) }.flatMap { $0.kind == .week ? $0 : nil }
            ?? pendingWeeks.keys.min()
            ?? Period(.week, containing: Clock.today)
        let weeks = counts.keys.sorted(by: >).prefix(26).map { w in
            Week(
                label: "\(w.label)（\(w.start.month)月\(w.start.day)日—\(w.end.month)月\(w.end.day)日）",
                href: SiteURL.pointsReview.with(query: [("week", w.key)]),
                pending: counts[w]!.pending, total: counts[w]!.total, current: w == selected)
        }
        let paged = try await repo.declarations(
            zoneID: access.zoneID, gridIDs: scope, from: selected.start, to: selected.end, pager)
        let items = Dictionary(
            try await repo.items(zoneID: access.zoneID).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let subjects = try await PointsSubjects.load(
            zoneID: access.zoneID, subjects: paged.rows.map(\.subject), db: db)
        let lines = try paged.rows.map {
            PointsEntryLine(try $0.entry(), itemName: { items[$0] }, subjects: subjects)
        }
        let pending = pendingWeeks[selected] ?? 0
        return PointsReviewPage(
            tabs: PointsTab.tabs(access, current: .pointsReview),
            scope: access.isCommittee ? "积分管理小组：审核全部网格的申报" : "网格员：只审核您负责网格内居民的申报",
            weeks: Array(weeks), weekLabel: selected.label, weekKey: selected.key, lines: lines,
            pendingCount: pending, hasPending: pending > 0,
            paging: paged.hasPrevious || paged.hasNext
                ? paged.links(.pointsReview, query: [("week", selected.key)]) : nil,
            action: SiteURL.pointsReview.with(query: [("week", selected.key)]), csrf: csrf)
    }
}
