/// 重点项目调度 as 桐城 runs its 民生工程: 一月一调度 (each responsible unit reports its projects'
/// progress every month), 一月一通报 (a bulletin ranks the units), 一月一督办 (the late ones are
/// escalated and their units called to a 约谈). This is the arithmetic both the pages and the
/// bulletin read, so they never disagree about who is late.
public enum DispatchKind: String, CaseIterable, Codable, Sendable {
    /// A key investment project (重点项目), usually one of the pipeline's.
    case keyProject = "key_project"
    /// A public-welfare project (民生工程) with a unit responsible for it.
    case livelihood

    public var label: String {
        switch self {
        case .keyProject: "重点项目"
        case .livelihood: "民生工程"
        }
    }
}

/// A project's standing in a month.
public enum DispatchStanding: String, Sendable {
    /// Progress at or above the time share of the year.
    case onPace = "on_pace"
    /// Reported, but more than `DispatchMonth.tolerance` points behind the time share.
    case behind
    /// Nothing reported for the month: counted at last month's progress, and late by itself.
    case unreported

    public var label: String {
        switch self {
        case .onPace: "按序时推进"
        case .behind: "滞后"
        case .unreported: "未报送"
        }
    }

    /// Late projects are the ones the month's 督办 takes up.
    public var isLate: Bool { self != .onPace }
}

/// One month of the dispatch year (1…12).
public struct DispatchMonth: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Points of progress a project may lag the time share and still count as on pace: one month's
    /// worth is the usual reading of "按序时进度推进".
    public static let tolerance = 8

    public init?(year: Int, month: Int) {
        guard (2000...2100).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(year: y, month: m)
    }

    /// The month a day falls in.
    public init(_ day: Day) {
        year = day.year
        month = day.month
    }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
    public var label: String { "\(year)年\(month)月" }

    public var previous: DispatchMonth {
        month == 1 ? DispatchMonth(year: year - 1, month: 12)! : DispatchMonth(year: year, month: month - 1)!
    }

    /// The time share of the year at the month's end, in whole percent (November: 92).
    public var expectedProgress: Int { (month * 100 + 6) / 12 }

    /// Where a project stands with its cumulative progress (0…100) as reported for this month,
    /// or nil when nothing was reported.
    public func standing(reported: Int?) -> DispatchStanding {
        guard let reported else { return .unreported }
        return reported + Self.tolerance >= expectedProgress || reported >= 100 ? .onPace : .behind
    }
}

/// One project's line in the month: whose it is, what it reported.
public struct DispatchLine: Sendable {
    public let owner: String
    /// This month's cumulative progress, nil when not reported.
    public let reported: Int?
    /// The last progress reported in an earlier month of the year (0 when none).
    public let earlier: Int

    public init(owner: String, reported: Int?, earlier: Int) {
        self.owner = owner
        self.reported = reported
        self.earlier = earlier
    }

    /// The progress the bulletin counts: this month's, or the last one reported.
    public var progress: Int { reported ?? earlier }
}

/// A responsible unit's place in the month's bulletin (一月一通报).
public struct DispatchOwnerRank: Sendable, Equatable {
    public let rank: Int
    public let owner: String
    public let projects: Int
    public let averageProgress: Int
    /// Average progress minus the time share, in points (negative when behind).
    public let gap: Int
    public let late: Int
    public let unreported: Int
}

extension DispatchMonth {
    /// The units ranked by how far ahead of the time share their projects are on average; fewer
    /// late projects breaks a tie, then the name. Units with the same gap and late count share a rank.
    public func rankOwners(_ lines: [DispatchLine]) -> [DispatchOwnerRank] {
        let byOwner = Dictionary(grouping: lines, by: \.owner)
        let unranked = byOwner.map { owner, lines -> DispatchOwnerRank in
            let average = lines.map(\.progress).reduce(0, +) / max(lines.count, 1)
            return DispatchOwnerRank(
                rank: 0, owner: owner, projects: lines.count, averageProgress: average,
                gap: average - expectedProgress, late: lines.filter { standing(reported: $0.reported).isLate }.count,
                unreported: lines.filter { $0.reported == nil }.count)
        }
        .sorted { ($0.gap, -$0.late, $1.owner) > ($1.gap, -$1.late, $0.owner) }
        var ranked: [DispatchOwnerRank] = []
        for (i, r) in unranked.enumerated() {
            let same = ranked.last.map { $0.gap == r.gap && $0.late == r.late } ?? false
            ranked.append(
                DispatchOwnerRank(
                    rank: same ? ranked.last!.rank : i + 1, owner: r.owner, projects: r.projects,
                    averageProgress: r.averageProgress, gap: r.gap, late: r.late, unreported: r.unreported))
        }
        return ranked
    }
}
