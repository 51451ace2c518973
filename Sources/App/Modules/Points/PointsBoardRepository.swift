import Foundation
import GaoxinCore
import SQLKit

/// The points scheme's sums, counts and ranks, by SQL aggregates over the indexes of M0085: no
/// query here returns more rows than a page shows, except the batch sums publication and rewards
/// freeze (one row per subject, never one per entry).
extension PointsRepository {
    /// A row of the positive board as the database ranked it.
    struct PositiveRow: Decodable, Sendable {
        var subject: String
        var balance: Int
        var rank: Int
        var total: Int
        var periodPoints: Int
    }

    /// A row of the negative board (names and all, for the committee) as the database ranked it.
    struct NegativeRow: Decodable, Sendable {
        var subject: String
        var points: Int
        var count: Int
        var rank: Int
        var total: Int
    }

    private static let confirmed = PointsEntryStatus.confirmed.rawValue
    /// `status = 'pending'` written out, so the partial index of pending entries (M0085) is taken.
    private static let isPending = SQLBinaryExpression(
        SQLIdentifier("status"), .equal, SQLLiteral.string(PointsEntryStatus.pending.rawValue))
    private static let declaration = PointsEntryOrigin.declaration.rawValue

    /// One page of the positive board of `period`: subjects whose balance from 1 January to the
    /// period's end is above zero, ranked (ties share a rank, listed by subject) as
    /// `PointsBoard(period:audience:items:sums:)` ranks them.
    func positiveBoard(zoneID: Int64, period: Period, _ pager: Pager) async throws -> Paged<PositiveRow> {
        let yearStart = Period.year(period.end.year).start.description
        let rows = try await db.raw(
            """
            WITH b AS (SELECT subject, SUM(points) AS balance FROM points_entries
                WHERE zone_id = \(bind: zoneID) AND status = \(bind: Self.confirmed)
                AND day >= \(bind: yearStart) AND day <= \(bind: period.end.description)
                GROUP BY subject HAVING SUM(points) > 0),
            r AS (SELECT subject, balance, RANK() OVER (ORDER BY balance DESC) AS rank, COUNT(*) OVER () AS total FROM b)
            SELECT subject, balance, rank, total, COALESCE((SELECT SUM(e.points) FROM points_entries e
                WHERE e.zone_id = \(bind: zoneID) AND e.subject = r.subject AND e.status = \(bind: Self.confirmed)
                AND e.day >= \(bind: period.start.description) AND e.day <= \(bind: period.end.description)), 0) AS period_points
            FROM r ORDER BY balance DESC, subject LIMIT \(bind: pager.size) OFFSET \(bind: pager.offset)
            """
        ).rows(PositiveRow.self)
        return Paged(rows: rows, total: rows.first?.total ?? 0, pager: pager)
    }

    /// One page of the negative board of `period`: subjects with confirmed negative entries, most
    /// negative first.
    func negativeBoard(zoneID: Int64, period: Period, _ pager: Pager) async throws -> Paged<NegativeRow> {
        let rows = try await db.raw(
            """
            WITH n AS (SELECT subject, SUM(points) AS points, COUNT(*) AS count FROM points_entries
                WHERE zone_id = \(bind: zoneID) AND status = \(bind: Self.confirmed)
                AND day >= \(bind: period.start.description) AND day <= \(bind: period.end.description) AND points < 0
                GROUP BY subject)
            SELECT subject, points, count, RANK() OVER (ORDER BY points ASC) AS rank, COUNT(*) OVER () AS total
            FROM n ORDER BY points ASC, subject LIMIT \(bind: pager.size) OFFSET \(bind: pager.offset)
            """
        ).rows(NegativeRow.self)
        return Paged(rows: rows, total: rows.first?.total ?? 0, pager: pager)
    }

    /// The items of each subject's confirmed negative entries in `period`, for the subjects shown.
    func negativeItems(zoneID: Int64, period: Period, subjects: [String]) async throws -> [String: Set<String>] {
        struct Row: Decodable {
            var subject: String
            var itemCode: String
        }
        guard !subjects.isEmpty else { return [:] }
        let rows = try await db.select().distinct().column("subject").column("item_code").from("points_entries")
            .where("zone_id", .equal, zoneID).where("status", .equal, Self.confirmed)
            .where("subject", .in, subjects).where("points", .lessThan, 0)
            .where("day", .greaterThanOrEqual, period.start.description)
            .where("day", .lessThanOrEqual, period.end.description)
            .rows(Row.self)
        return Dictionary(grouping: rows, by: \.subject).mapValues { Set($0.map(\.itemCode)) }
    }

    /// Entries of `period` still waiting for a decision.
    func pendingCount(zoneID: Int64, period: Period) async throws -> Int {
        try await db.select().from("points_entries").where("zone_id", .equal, zoneID)
            .where(Self.isPending).where("day", .greaterThanOrEqual, period.start.description)
            .where("day", .lessThanOrEqual, period.end.description).countRows()
    }

    /// Pending entries in `gridIDs` (nil: every grid), whatever their day.
    func pendingCount(zoneID: Int64, gridIDs: Set<Int64>?) async throws -> Int {
        if let gridIDs, gridIDs.isEmpty { return 0 }
        var q = db.select().from("points_entries").where("zone_id", .equal, zoneID).where(Self.isPending)
        if let gridIDs { q = q.where("grid_id", .in, Array(gridIDs)) }
        return try await q.countRows()
    }

    /// Net confirmed points per subject from `from` to `to`; with `atLeast`, only the subjects
    /// whose sum reaches it.
    func sums(zoneID: Int64, from: Day, to: Day, atLeast: Int? = nil) async throws -> [String: Int] {
        struct Row: Decodable {
            var subject: String
            var points: Int
        }
        var having: SQLQueryString = ""
        if let atLeast { having = " HAVING SUM(points) >= \(bind: atLeast)" }
        let rows = try await db.raw(
            """
            SELECT subject, SUM(points) AS points FROM points_entries
            WHERE zone_id = \(bind: zoneID) AND status = \(bind: Self.confirmed)
            AND day >= \(bind: from.description) AND day <= \(bind: to.description) GROUP BY subject
            """ + having
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.subject, $0.points) }, uniquingKeysWith: { a, _ in a })
    }

    /// Everything a whole board of `period` is drawn from (publication freezes the whole board):
    /// one row per subject, or per subject and item for the negative entries.
    func boardSums(zoneID: Int64, period: Period) async throws -> PointsBoardSums {
        struct Negative: Decodable {
            var subject: String
            var itemCode: String
            var points: Int
            var count: Int
        }
        let negatives = try await db.raw(
            """
            SELECT subject, item_code, SUM(points) AS points, COUNT(*) AS count FROM points_entries
            WHERE zone_id = \(bind: zoneID) AND status = \(bind: Self.confirmed)
            AND day >= \(bind: period.start.description) AND day <= \(bind: period.end.description) AND points < 0
            GROUP BY subject, item_code
            """
        ).rows(Negative.self)
        return PointsBoardSums(
            periodPoints: try await sums(zoneID: zoneID, from: period.start, to: period.end),
            balances: try await sums(
                zoneID: zoneID, from: Period.year(period.end.year).start, to: period.end, atLeast: 1),
            negatives: negatives.map {
                .init(subject: $0.subject, itemID: $0.itemCode, points: $0.points, count: $0.count)
            },
            pendingCount: try await pendingCount(zoneID: zoneID, period: period))
    }

    // MARK: - One subject

    /// The subject's net confirmed points from `from` to `to`.
    func points(zoneID: Int64, subject: String, from: Day, to: Day) async throws -> Int {
        struct Row: Decodable { var points: Int? }
        return try await db.raw(
            """
            SELECT SUM(points) AS points FROM points_entries WHERE zone_id = \(bind: zoneID)
            AND subject = \(bind: subject) AND status = \(bind: Self.confirmed)
            AND day >= \(bind: from.description) AND day <= \(bind: to.description)
            """
        ).first(decoding: Row.self)?.points ?? 0
    }

    /// The rank a year balance of `balance` (above zero) takes on the positive board of `year`,
    /// and how many are on it: read from the stored year totals (`points_year_totals`, kept by
    /// every write of an entry), one range of their index.
    func rank(zoneID: Int64, year: Period, balance: Int) async throws -> (rank: Int, of: Int) {
        struct Row: Decodable {
            var positives: Int
            var above: Int?
        }
        let row = try await db.raw(
            """
            SELECT COUNT(*) AS positives, SUM(CASE WHEN points > \(bind: balance) THEN 1 ELSE 0 END) AS above
            FROM points_year_totals WHERE zone_id = \(bind: zoneID) AND year = \(bind: year.start.year) AND points > 0
            """
        ).first(decoding: Row.self)
        return ((row?.above ?? 0) + 1, row?.positives ?? 0)
    }

    /// Moves the subject's confirmed total of `day`'s year by `delta`.
    func addToYearTotal(zoneID: Int64, subject: String, day: Day, _ delta: Int) async throws {
        guard delta != 0 else { return }
        try await db.raw(
            """
            INSERT INTO points_year_totals (zone_id, year, subject, points)
            VALUES (\(bind: zoneID), \(bind: day.year), \(bind: subject), \(bind: delta))
            ON CONFLICT (zone_id, year, subject) DO UPDATE SET points = points_year_totals.points + excluded.points
            """
        ).run()
    }

    /// Sums the zone's year totals afresh from its confirmed entries (after a bulk load).
    func rebuildYearTotals(zoneID: Int64) async throws {
        try await db.delete(from: "points_year_totals").where("zone_id", .equal, zoneID).run()
        try await db.raw(
            """
            INSERT INTO points_year_totals (zone_id, year, subject, points)
            SELECT zone_id, CAST(substr(day, 1, 4) AS INTEGER), subject, SUM(points) FROM points_entries
            WHERE zone_id = \(bind: zoneID) AND status = 'confirmed' GROUP BY zone_id, substr(day, 1, 4), subject
            """
        ).run()
    }

    /// One page of the subject's entries from `from` to `to` (every status: the history), latest first.
    func entries(zoneID: Int64, subject: String, from: Day, to: Day, _ pager: Pager) async throws
        -> Paged<PointsEntryRow>
    {
        func query() -> SQLSelectBuilder {
            db.select().from("points_entries").where("zone_id", .equal, zoneID).where("subject", .equal, subject)
                .where("day", .greaterThanOrEqual, from.description).where("day", .lessThanOrEqual, to.description)
        }
        var q = query()
        for c in PointsEntryRow.columns { q = q.column(c) }
        let rows = try await q.orderBy("day", .descending).orderBy("id", .descending).page(pager)
            .rows(PointsEntryRow.self)
        return Paged(rows: rows, total: try await query().countRows(), pager: pager)
    }

    /// The entries a cap check counts: the subject's of one item from `from` to `to`.
    func entries(zoneID: Int64, subject: String, itemCode: String, from: Day, to: Day) async throws
        -> [PointsEntryRow]
    {
        var q = db.select().from("points_entries")
        for c in PointsEntryRow.columns { q = q.column(c) }
        return try await q.where("zone_id", .equal, zoneID).where("subject", .equal, subject)
            .where("item_code", .equal, itemCode).where("day", .greaterThanOrEqual, from.description)
            .where("day", .lessThanOrEqual, to.description).orderBy("day").orderBy("id")
            .rows(PointsEntryRow.self)
    }

    /// The years that have entries, newest first: one index seek per year.
    func entryYears(zoneID: Int64) async throws -> [Int] {
        struct Row: Decodable { var day: String? }
        var years: [Int] = []
        var from = ""
        while years.count < 200 {
            let row = try await db.raw(
                "SELECT MIN(day) AS day FROM points_entries WHERE zone_id = \(bind: zoneID) AND day >= \(bind: from)"
            ).first(decoding: Row.self)
            guard let day = row?.day.flatMap(Day.init) else { break }
            years.append(day.year)
            from = "\(day.year + 1)-01-01"
        }
        return years.reversed()
    }

    // MARK: - The weekly review

    /// Declarations per day and status from `from` on (nil: all), in `gridIDs` (nil: every grid);
    /// `pendingOnly` counts only those still waiting.
    func declarationDays(zoneID: Int64, gridIDs: Set<Int64>?, from: Day?, pendingOnly: Bool) async throws -> [(
        day: String, status: String, count: Int
    )] {
        struct Row: Decodable {
            var day: String
            var status: String
            var n: Int
        }
        if let gridIDs, gridIDs.isEmpty { return [] }
        var q = db.select().column("day").column("status")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from("points_entries").where("zone_id", .equal, zoneID).where("origin", .equal, Self.declaration)
        if pendingOnly { q = q.where(Self.isPending) }
        if let from { q = q.where("day", .greaterThanOrEqual, from.description) }
        if let gridIDs { q = q.where("grid_id", .in, Array(gridIDs)) }
        return try await q.groupBy("day").groupBy("status").all(decoding: Row.self).map { ($0.day, $0.status, $0.n) }
    }

    /// The `n`th latest day with declarations (in `gridIDs`), nil when there are fewer days.
    func declarationDay(zoneID: Int64, gridIDs: Set<Int64>?, latest n: Int) async throws -> Day? {
        if let gridIDs, gridIDs.isEmpty { return nil }
        var q = db.select().distinct().column("day").from("points_entries").where("zone_id", .equal, zoneID)
            .where("origin", .equal, Self.declaration)
        if let gridIDs { q = q.where("grid_id", .in, Array(gridIDs)) }
        return try await q.orderBy("day", .descending).limit(1).offset(n - 1)
            .first(decodingColumn: "day", as: String.self).flatMap(Day.init)
    }
}
