/// Who a board is drawn for. The ledger does not check roles: the app decides who is the
/// committee and passes it in.
public enum BoardAudience: String, CaseIterable, Codable, Sendable {
    /// Residents and the public: the 反向曝光 board shows items and totals, not who.
    case `public`
    /// The points group and the committee: every row with names.
    case committee
}

/// A row of the positive board (正向激励榜).
public struct PositiveBoardRow: Hashable, Codable, Sendable {
    public let rank: Int
    public let subject: String
    /// Net confirmed points dated in the board's period.
    public let periodPoints: Int
    /// Year-to-date balance at the end of the period (net, negatives included).
    public let balance: Int
}

/// A row of the negative board (反向曝光榜): a subject with confirmed negative entries in the period.
public struct NegativeBoardRow: Hashable, Codable, Sendable {
    public let rank: Int
    public let subject: String
    /// The sum of the negative entries only (a negative number).
    public let negativePoints: Int
    public let entryCount: Int
    /// Names of the items, in list order, without repeats.
    public let itemNames: [String]
}

/// Negative entries of one item in the period, without names: what a public board may show.
public struct NegativeItemTotal: Hashable, Codable, Sendable {
    public let itemID: String
    public let itemName: String
    public let entryCount: Int
    public let subjectCount: Int
    public let points: Int
}

/// Both boards for a period. Positive: subjects whose year-to-date balance at the period's end
/// is above zero, highest first. Negative: subjects with negative entries in the period, most
/// negative first; left empty for the public, which sees `negativeByItem` instead.
public struct PointsBoard: Hashable, Codable, Sendable {
    public let period: Period
    public let audience: BoardAudience
    public let positive: [PositiveBoardRow]
    public let negative: [NegativeBoardRow]
    public let negativeByItem: [NegativeItemTotal]
    /// Entries in the period still waiting for a decision (not counted above).
    public let pendingCount: Int

    /// The same board as `audience` may see it (a committee board can be narrowed, never widened).
    public func view(for audience: BoardAudience) -> PointsBoard {
        guard audience == .public, self.audience == .committee else { return self }
        return PointsBoard(
            period: period, audience: .public, positive: positive, negative: [], negativeByItem: negativeByItem,
            pendingCount: pendingCount)
    }
}

/// What a board is drawn from: per-subject sums of confirmed entries, however they were summed
/// (the ledger in memory, or a database's aggregates).
public struct PointsBoardSums: Sendable {
    /// Net confirmed points per subject dated in the period.
    public var periodPoints: [String: Int]
    /// Year-to-date balance per subject at the period's end.
    public var balances: [String: Int]
    /// Confirmed negative entries in the period, per subject and item.
    public var negatives: [NegativeSum]
    /// Entries in the period still waiting for a decision.
    public var pendingCount: Int

    public struct NegativeSum: Hashable, Sendable {
        public let subject: String
        public let itemID: String
        public let points: Int
        public let count: Int
        public init(subject: String, itemID: String, points: Int, count: Int) {
            self.subject = subject
            self.itemID = itemID
            self.points = points
            self.count = count
        }
    }

    public init(periodPoints: [String: Int], balances: [String: Int], negatives: [NegativeSum], pendingCount: Int) {
        self.periodPoints = periodPoints
        self.balances = balances
        self.negatives = negatives
        self.pendingCount = pendingCount
    }
}

extension PointsBoard {
    /// The one place the board's rules live: who is on each board and in which order, from the sums.
    public init(period: Period, audience: BoardAudience, items: [PointsItem], sums: PointsBoardSums) {
        let positive = Ranking.competition(sums.balances.filter { $0.value > 0 }.map { ($0.key, $0.value) }).map {
            PositiveBoardRow(
                rank: $0.rank, subject: $0.id, periodPoints: sums.periodPoints[$0.id] ?? 0, balance: $0.key)
        }
        let bySubject = Dictionary(grouping: sums.negatives, by: \.subject)
        let ranked = Ranking.competition(
            bySubject.map { ($0.key, $0.value.reduce(0) { $0.adding(clamped: $1.points) }.clampedNegation) })
        let negative = ranked.map { row in
            let own = bySubject[row.id]!
            let itemIDs = Set(own.map(\.itemID))
            return NegativeBoardRow(
                rank: row.rank, subject: row.id, negativePoints: row.key.clampedNegation,
                entryCount: own.reduce(0) { $0 + $1.count },
                itemNames: items.filter { itemIDs.contains($0.id) }.map(\.name))
        }
        let byItem = Dictionary(grouping: sums.negatives, by: \.itemID)
        let negativeByItem = items.compactMap { item -> NegativeItemTotal? in
            guard let group = byItem[item.id] else { return nil }
            return NegativeItemTotal(
                itemID: item.id, itemName: item.name, entryCount: group.reduce(0) { $0 + $1.count },
                subjectCount: Set(group.map(\.subject)).count,
                points: group.reduce(0) { $0.adding(clamped: $1.points) })
        }
        let committee = PointsBoard(
            period: period, audience: .committee, positive: positive, negative: negative,
            negativeByItem: negativeByItem, pendingCount: sums.pendingCount)
        self = committee.view(for: audience)
    }
}

extension PointsLedger {
    /// The sums a board of `period` is drawn from, over the entries held.
    public func boardSums(for period: Period) -> PointsBoardSums {
        let inPeriod = entries.filter { period.contains($0.day) }
        var periodPoints: [String: Int] = [:]
        var negatives: [String: [String: (points: Int, count: Int)]] = [:]
        for e in inPeriod where e.status == .confirmed {
            periodPoints[e.subject, default: 0] = periodPoints[e.subject, default: 0].adding(clamped: e.points)
            if e.points < 0 {
                let old = negatives[e.subject, default: [:]][e.itemID] ?? (0, 0)
                negatives[e.subject, default: [:]][e.itemID] = (old.points.adding(clamped: e.points), old.count + 1)
            }
        }
        let yearStart = Period.year(period.end.year).start
        var balances: [String: Int] = [:]
        for e in entries where e.status == .confirmed && yearStart <= e.day && e.day <= period.end {
            balances[e.subject, default: 0] = balances[e.subject, default: 0].adding(clamped: e.points)
        }
        return PointsBoardSums(
            periodPoints: periodPoints, balances: balances,
            negatives: negatives.flatMap { subject, byItem in
                byItem.map { .init(subject: subject, itemID: $0.key, points: $0.value.points, count: $0.value.count) }
            },
            pendingCount: inPeriod.count { $0.status == .pending })
    }

    /// The boards for `period` from the entries as they are now.
    public func board(for period: Period, audience: BoardAudience) -> PointsBoard {
        PointsBoard(period: period, audience: audience, items: items, sums: boardSums(for: period))
    }
}
