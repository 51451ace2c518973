import Foundation
import GaoxinCore
import SQLKit

/// The points scheme's sums, counts and ranks, by SQL aggregates over the indexes of M0085 and the
/// stored month-end balances and declaration day counts of M0087 (kept here by every write of an
/// entry): no query here returns more rows than a page shows, except the batch sums publication and
/// rewards freeze (one row per subject, never one per entry).
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

    /// A subject's points: a sum or a stored balance.
    private struct SubjectPoints: Decodable {
        var subject: String
        var points: Int
    }

    private static let confirmed = PointsEntryStatus.confirmed.rawValue
    /// `status = 'pending'` written out, so the partial index of pending entries (M0085) is taken.
    private static let isPending = SQLBinaryExpression(
        SQLIdentifier("status"), .equal, SQLLiteral.string(PointsEntryStatus.pending.rawValue))
    private static let declaration = PointsEntryOrigin.declaration.rawValue

    /// One page of the positive board of `period` (a month, quarter or year): subjects whose
    /// balance from 1 January to the period's end is above zero, ranked (ties share a rank, listed
    /// by subject) as `PointsBoard(period:audience:items:sums:)` ranks them. Read from the stored
    /// month-end balances in their index's order: the page itself, how many are on the board, and,
    /// when the page opens inside a tie, how many rank above its first row.
    func positiveBoard(zoneID: Int64, period: Period, _ pager: Pager) async throws -> Paged<PositiveRow> {
        assert(period.kind != .week, "boards are of whole months")
        let month = Period(.month, containing: period.end)
        let total = try await positiveCount(zoneID: zoneID, month: month)
        let balances = try await db.raw(
            """
            SELECT subject, points FROM points_month_balances
            WHERE zone_id = \(bind: zoneID) AND month = \(bind: month.key) AND points > 0
            ORDER BY points DESC, subject LIMIT \(bind: pager.size) OFFSET \(bind: pager.offset)
            """
        ).rows(SubjectPoints.self)
        guard let first = balances.first else { return Paged(rows: [], total: total, pager: pager) }
        var rank = pager.offset + 1
        if pager.offset > 0 {
            rank = try await positiveCount(zoneID: zoneID, month: month, above: first.points) + 1
        }
        // The period's own points: the balance at its end less the balance before it began (none
        // before January).
        var before: [String: Int] = [:]
        if period.start.month > 1 {
            let rows = try await db.select().column("subject").column("points").from("points_month_balances")
                .where("zone_id", .equal, zoneID).where(
                    "month", .equal, Period(.month, containing: period.start).previous.key
                )
                .where("subject", .in, balances.map(\.subject)).rows(SubjectPoints.self)
            before = Dictionary(rows.map { ($0.subject, $0.points) }, uniquingKeysWith: { a, _ in a })
        }
        var previous = first.points
        let rows = balances.enumerated().map { i, row in
            if row.points != previous { rank = pager.offset + i + 1 }
            previous = row.points
            return PositiveRow(
                subject: row.subject, balance: row.points, rank: rank, total: total,
                periodPoints: row.points - (before[row.subject] ?? 0))
        }
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// How many subjects have a positive balance at `month`'s end (with `above`: more than it).
    private func positiveCount(zoneID: Int64, month: Period, above: Int = 0) async throws -> Int {
        try await db.select().from("points_month_balances").where("zone_id", .equal, zoneID)
            .where("month", .equal, month.key).where("points", .greaterThan, above).countRows()
    }

    /// `status = 'confirmed' AND points < 0` written out, so the partial index of deductions
    /// (M0087) is taken.
    private static let isDeduction = SQLBinaryExpression(
        SQLBinaryExpression(SQLIdentifier("status"), .equal, SQLLiteral.string(confirmed)), .and,
        SQLBinaryExpression(SQLIdentifier("points"), .lessThan, SQLLiteral.numeric("0")))

    /// One page of the negative board of `period`: subjects with confirmed negative entries, most
    /// negative first.
    func negativeBoard(zoneID: Int64, period: Period, _ pager: Pager) async throws -> Paged<NegativeRow> {
        let rows = try await db.raw(
            """
            WITH n AS (SELECT subject, SUM(points) AS points, COUNT(*) AS count FROM points_entries
                WHERE zone_id = \(bind: zoneID) AND \(Self.isDeduction)
                AND day >= \(bind: period.start.description) AND day <= \(bind: period.end.description)
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
            .where("zone_id", .equal, zoneID).where(Self.isDeduction).where("subject", .in, subjects)
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
        var having: SQLQueryString = ""
        if let atLeast { having = " HAVING SUM(points) >= \(bind: atLeast)" }
        let rows = try await db.raw(
            """
            SELECT subject, SUM(points) AS points FROM points_entries
            WHERE zone_id = \(bind: zoneID) AND status = \(bind: Self.confirmed)
            AND day >= \(bind: from.description) AND day <= \(bind: to.description) GROUP BY subject
            """ + having
        ).all(decoding: SubjectPoints.self)
        return Dictionary(rows.map { ($0.subject, $0.points) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every positive balance at `month`'s end, per subject (publication freezes the whole board).
    func balances(zoneID: Int64, month: Period) async throws -> [String: Int] {
        let rows = try await db.select().column("subject").column("points").from("points_month_balances")
            .where("zone_id", .equal, zoneID).where("month", .equal, month.key).where("points", .greaterThan, 0)
            .rows(SubjectPoints.self)
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
            WHERE zone_id = \(bind: zoneID) AND \(Self.isDeduction)
            AND day >= \(bind: period.start.description) AND day <= \(bind: period.end.description)
            GROUP BY subject, item_code
            """
        ).rows(Negative.self)
        return PointsBoardSums(
            periodPoints: try await sums(zoneID: zoneID, from: period.start, to: period.end),
            balances: try await balances(zoneID: zoneID, month: Period(.month, containing: period.end)),
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
    /// and how many are on it: read from the stored balances at December's end (kept by every
    /// write of an entry), one range of their index.
    func rank(zoneID: Int64, year: Period, balance: Int) async throws -> (rank: Int, of: Int) {
        struct Row: Decodable {
            var positives: Int
            var above: Int?
        }
        let december = Period.month(year.start.year, 12)!.key
        let row = try await db.raw(
            """
            SELECT COUNT(*) AS positives, SUM(CASE WHEN points > \(bind: balance) THEN 1 ELSE 0 END) AS above
            FROM points_month_balances WHERE zone_id = \(bind: zoneID) AND month = \(bind: december) AND points > 0
            """
        ).first(decoding: Row.self)
        return ((row?.above ?? 0) + 1, row?.positives ?? 0)
    }

    /// Moves the subject's stored balances by `delta` at the end of `day`'s month and of every
    /// later month of its year (the balance runs from 1 January): at most twelve rows.
    func addToBalances(zoneID: Int64, subject: String, day: Day, _ delta: Int) async throws {
        guard delta != 0 else { return }
        var insert = db.insert(into: "points_month_balances").columns("zone_id", "month", "subject", "points")
        for month in day.month...12 {
            insert = insert.values(
                SQLBind(zoneID), SQLBind(Period.month(day.year, month)!.key), SQLBind(subject), SQLBind(delta))
        }
        try await insert.onConflict(with: ["zone_id", "month", "subject"]) {
            $0.set("points", to: SQLRaw("points_month_balances.points + excluded.points"))
        }.run()
    }

    /// Computes the zone's stored balances afresh from its confirmed entries (after a bulk load,
    /// and once when the table was made): each month's sums, then each month's end from them.
    func rebuildBalances(zoneID: Int64) async throws {
        try await db.delete(from: "points_month_balances").where("zone_id", .equal, zoneID).run()
        let months = (1...12).map { "SELECT '\($0 < 10 ? "0" : "")\($0)' AS mm" }.joined(separator: " UNION ALL ")
        try await db.raw(
            """
            INSERT INTO points_month_balances (zone_id, month, subject, points)
            SELECT s.zone_id, s.y || '-' || m.mm, s.subject, SUM(s.points)
            FROM (SELECT zone_id, substr(day, 1, 4) AS y, substr(day, 6, 2) AS mo, subject, SUM(points) AS points
                FROM points_entries WHERE zone_id = \(bind: zoneID) AND status = 'confirmed'
                GROUP BY zone_id, substr(day, 1, 4), substr(day, 6, 2), subject) s
            JOIN (\(unsafeRaw: months)) m ON s.mo <= m.mm
            GROUP BY s.zone_id, s.y, m.mm, s.subject
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

    /// Moves the stored count of declarations dated `day` with `status` by `delta`.
    func addToDeclarationDays(zoneID: Int64, day: Day, status: PointsEntryStatus, _ delta: Int) async throws {
        guard delta != 0 else { return }
        try await db.insert(into: "points_declaration_days").columns("zone_id", "day", "status", "count")
            .values(SQLBind(zoneID), SQLBind(day.description), SQLBind(status.rawValue), SQLBind(delta))
            .onConflict(with: ["zone_id", "day", "status"]) {
                $0.set("count", to: SQLRaw("points_declaration_days.count + excluded.count"))
            }.run()
    }

    /// Counts the zone's declarations per day and status afresh (after a bulk load, and once when
    /// the table was made).
    func rebuildDeclarationDays(zoneID: Int64) async throws {
        try await db.delete(from: "points_declaration_days").where("zone_id", .equal, zoneID).run()
        try await db.raw(
            """
            INSERT INTO points_declaration_days (zone_id, day, status, count)
            SELECT zone_id, day, status, COUNT(*) FROM points_entries
            WHERE zone_id = \(bind: zoneID) AND origin = \(bind: Self.declaration) GROUP BY zone_id, day, status
            """
        ).run()
    }

    /// Declarations per day and status from `from` on (nil: all), in `gridIDs` (nil: every grid,
    /// read from the stored day counts); `pendingOnly` counts only those still waiting.
    func declarationDays(zoneID: Int64, gridIDs: Set<Int64>?, from: Day?, pendingOnly: Bool) async throws -> [(
        day: String, status: String, count: Int
    )] {
        struct Row: Decodable {
            var day: String
            var status: String
            var n: Int
        }
        if let gridIDs, gridIDs.isEmpty { return [] }
        var q: SQLSelectBuilder
        if let gridIDs {
            q = db.select().column("day").column("status")
                .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
                .from("points_entries").where("zone_id", .equal, zoneID).where("grid_id", .in, Array(gridIDs))
                .where("origin", .equal, Self.declaration)
            if pendingOnly { q = q.where(Self.isPending) }
            q = q.groupBy("day").groupBy("status")
        } else {
            q = db.select().column("day").column("status").column(
                SQLAlias(SQLIdentifier("count"), as: SQLIdentifier("n"))
            )
            .from("points_declaration_days").where("zone_id", .equal, zoneID).where("count", .greaterThan, 0)
            if pendingOnly { q = q.where("status", .equal, PointsEntryStatus.pending.rawValue) }
        }
        if let from { q = q.where("day", .greaterThanOrEqual, from.description) }
        return try await q.all(decoding: Row.self).map { ($0.day, $0.status, $0.n) }
    }

    /// The `n`th latest day with declarations (in `gridIDs`), nil when there are fewer days.
    func declarationDay(zoneID: Int64, gridIDs: Set<Int64>?, latest n: Int) async throws -> Day? {
        if let gridIDs, gridIDs.isEmpty { return nil }
        let q: SQLSelectBuilder
        if let gridIDs {
            q = db.select().distinct().column("day").from("points_entries").where("zone_id", .equal, zoneID)
                .where("grid_id", .in, Array(gridIDs)).where("origin", .equal, Self.declaration)
        } else {
            q = db.select().distinct().column("day").from("points_declaration_days").where("zone_id", .equal, zoneID)
                .where("count", .greaterThan, 0)
        }
        return try await q.orderBy("day", .descending).limit(1).offset(n - 1)
            .first(decodingColumn: "day", as: String.self).flatMap(Day.init)
    }
}
