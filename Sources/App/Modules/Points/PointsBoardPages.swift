import Foundation
import GaoxinCore
import SQLKit

/// The committee's board of a month (live, with names on both boards) and its publication.
struct PointsBoardsPage: Sendable {
    struct Version: Sendable {
        let version: Int
        let publishedAt: String
        let by: String
        let note: String?
    }
    let tabs: [PointsTab]
    let months: [SelectOption]
    let monthKey: String
    let monthLabel: String
    let positive: [PointsPositiveLine]
    let positivePaging: PageLinks?
    let negative: [PointsNegativeLine]
    let negativePaging: PageLinks?
    /// Both boards' lengths (the export reads them a page at a time, as the page does).
    let boardTotal: Int
    var exportHref = ""
    let pendingCount: Int
    let hasPending: Bool
    let versions: [Version]
    let isPublished: Bool
    let canPublish: Bool
    let publicHref: String
    let noticeHref: String
    var errors = FormErrors()
    let action: String
    let csrf: String

    static let pageSize = 50

    /// The month asked for, or last month; the choice covers the last twelve months. Both boards
    /// come a page at a time (one `page` for both), ranked by the database.
    static func load(
        _ access: PointsAccess, monthKey: String?, pager: Pager, zoneCode: String, csrf: String, db: any SQLDatabase
    ) async throws -> PointsBoardsPage {
        let today = Clock.today
        let current = Period(.month, containing: today)
        let month = monthKey.flatMap { Period(key: $0) }.flatMap { $0.kind == .month ? $0 : nil } ?? current.previous
        let repo = PointsRepository(db: db)
        let positive = try await repo.positiveBoard(zoneID: access.zoneID, period: month, pager)
        let negative = try await repo.negativeBoard(zoneID: access.zoneID, period: month, pager)
        let negativeItems = try await repo.negativeItems(
            zoneID: access.zoneID, period: month, subjects: negative.rows.map(\.subject))
        let items = try await repo.items(zoneID: access.zoneID)
        let subjects = try await PointsSubjects.load(
            zoneID: access.zoneID, subjects: positive.rows.map(\.subject) + negative.rows.map(\.subject), db: db)
        let pendingCount = try await repo.pendingCount(zoneID: access.zoneID, period: month)
        let versions = try await repo.publications(zoneID: access.zoneID, month: month).map(\.publication)
        var months: [Period] = []
        var m = current
        for _ in 0..<12 {
            months.append(m)
            m = m.previous
        }
        func links<Row: Sendable>(_ paged: Paged<Row>) -> PageLinks? {
            paged.hasPrevious || paged.hasNext ? paged.links(.pointsBoards, query: [("month", month.key)]) : nil
        }
        return PointsBoardsPage(
            tabs: PointsTab.tabs(access, current: .pointsBoards),
            months: months.map { SelectOption(value: $0.key, label: $0.label, selected: $0 == month) },
            monthKey: month.key, monthLabel: month.label,
            positive: positive.rows.map {
                .init(
                    rank: $0.rank, name: subjects.name($0.subject), periodPoints: $0.periodPoints, balance: $0.balance)
            },
            positivePaging: links(positive),
            negative: negative.rows.map { row in
                let codes = negativeItems[row.subject] ?? []
                return .init(
                    rank: row.rank, name: subjects.name(row.subject), points: row.points, count: row.count,
                    items: items.filter { codes.contains($0.code) }.map(\.name).joined(separator: "、"))
            },
            negativePaging: links(negative), boardTotal: positive.total + negative.total,
            pendingCount: pendingCount, hasPending: pendingCount > 0,
            versions: versions.map {
                .init(
                    version: $0.version, publishedAt: $0.publishedAt.description, by: $0.publishedBy,
                    note: $0.note.nilIfEmpty)
            },
            isPublished: !versions.isEmpty, canPublish: month.end < today,
            publicHref: SiteURL.publicPointsMonth(zone: zoneCode, month: month.key).path,
            noticeHref: SiteURL.publicPointsNotice(zone: zoneCode, month: month.key).path,
            action: SiteURL.pointsPublish.path, csrf: csrf)
    }
}

/// 一季一奖励: reward levels, the quarter's list, and the recorded list once recorded.
struct PointsRewardsPage: Sendable {
    struct Line: Sendable {
        let rank: Int
        let name: String
        let points: Int
        let tier: String
        let prize: String
    }
    let tabs: [PointsTab]
    let quarters: [SelectOption]
    let quarterKey: String
    let quarterLabel: String
    let tiers: [Line]
    var tiersText: String
    let lines: [Line]
    let recorded: Bool
    let recordedBy: String
    let recordedAt: String
    let canRecord: Bool
    var exportHref = ""
    var errors = FormErrors()
    let action: String
    let csrf: String

    /// The quarter asked for, or last quarter: its recorded list, or the list the levels would give.
    static func load(_ access: PointsAccess, quarterKey: String?, csrf: String, db: any SQLDatabase) async throws
        -> PointsRewardsPage
    {
        let today = Clock.today
        let current = Period(.quarter, containing: today)
        let quarter =
            quarterKey.flatMap { Period(key: $0) }.flatMap { $0.kind == .quarter ? $0 : nil } ?? current.previous
        let repo = PointsRepository(db: db)
        let tiers = try await repo.rewardTiers(zoneID: access.zoneID)
        var lines: [Line] = []
        var recordedBy = ""
        var recordedAt = ""
        let stored = try await repo.rewardRecord(zoneID: access.zoneID, quarter: quarter)
        if let stored {
            lines = stored.record.rewards.map {
                .init(
                    rank: $0.rank, name: stored.names[$0.subject] ?? $0.subject, points: $0.points, tier: $0.tier,
                    prize: stored.prizes[$0.tier] ?? "")
            }
            recordedBy = stored.record.recordedBy
            recordedAt = stored.record.recordedAt.description
        } else if let found = try PointsService.scheme(tiers) {
            // Only the subjects that reach the lowest level leave the database.
            let totals = try await repo.sums(
                zoneID: access.zoneID, from: quarter.start, to: quarter.end,
                atLeast: found.scheme.tiers.map(\.minimumPoints).min())
            let list = try PointsLedger.rewardList(for: quarter, scheme: found.scheme, totals: totals)
            let subjects = try await PointsSubjects.load(zoneID: access.zoneID, subjects: list.map(\.subject), db: db)
            lines = list.map {
                .init(
                    rank: $0.rank, name: subjects.name($0.subject), points: $0.points, tier: $0.tier,
                    prize: found.prizes[$0.tier] ?? "")
            }
        }
        var quarters: [Period] = []
        var q = current
        for _ in 0..<8 {
            quarters.append(q)
            q = q.previous
        }
        return PointsRewardsPage(
            tabs: PointsTab.tabs(access, current: .pointsRewards),
            quarters: quarters.map { SelectOption(value: $0.key, label: $0.label, selected: $0 == quarter) },
            quarterKey: quarter.key, quarterLabel: quarter.label,
            tiers: tiers.map {
                .init(rank: 0, name: $0.name, points: $0.minimumPoints, tier: $0.name, prize: $0.prize)
            },
            tiersText: tiers.map { "\($0.name)|\($0.minimumPoints)|\($0.prize)" }.joined(separator: "\n"),
            lines: lines, recorded: stored != nil, recordedBy: recordedBy, recordedAt: recordedAt,
            canRecord: stored == nil && quarter.end < today && !tiers.isEmpty,
            action: SiteURL.pointsRewards.with(query: [("quarter", quarter.key)]), csrf: csrf)
    }
}

/// 积分管理小组: members, a page at a time, managed by the zone admin.
struct PointsCommitteePage: Sendable {
    struct Member: Sendable {
        let name: String
        let username: String
        let role: String
        let duty: String
        let removeAction: String
    }
    let tabs: [PointsTab]
    let members: [Member]
    let canManage: Bool
    let paging: PageLinks?
    var username = ""
    var duties: [SelectOption]
    var errors = FormErrors()
    let action: String
    let csrf: String

    static func duties(selected: String) -> [SelectOption] {
        ["组长", "副组长", "成员"].map { SelectOption(value: $0, label: $0, selected: $0 == selected) }
    }

    static func load(_ access: PointsAccess, pager: Pager, csrf: String, db: any SQLDatabase) async throws
        -> PointsCommitteePage
    {
        let paged = try await PointsRepository(db: db).committee(zoneID: access.zoneID, pager)
        return PointsCommitteePage(
            tabs: PointsTab.tabs(access, current: .pointsCommittee),
            members: paged.rows.map {
                .init(
                    name: $0.displayName, username: $0.username, role: Role(rawValue: $0.role)?.label ?? $0.role,
                    duty: $0.duty, removeAction: SiteURL.pointsCommitteeRemove($0.id).path)
            },
            canManage: Permissions.decide(
                access.user, .administer, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember)) == .allow,
            paging: paged.hasPrevious || paged.hasNext ? paged.links(.pointsCommittee) : nil,
            duties: duties(selected: "成员"), action: SiteURL.pointsCommittee.path, csrf: csrf)
    }
}

/// The public list of published months of a zone.
struct PublicPointsIndexPage: Sendable {
    let zoneName: String
    let months: [PointsMonthLink]
    let rule: String

    static func load(zone: ZoneRow, db: any SQLDatabase) async throws -> PublicPointsIndexPage {
        PublicPointsIndexPage(
            zoneName: zone.name,
            months: PointsMonthLink.latest(
                try await PointsRepository(db: db).publishedMonths(zoneID: zone.id), zoneCode: zone.code),
            rule: PointsText.rule)
    }
}

/// A published month as the public sees it: names on the positive board, 反向曝光 by item only.
struct PublicPointsBoardPage: Sendable {
    let zoneName: String
    let monthLabel: String
    let version: Int
    let publishedAt: String
    let publishedBy: String
    /// Why a corrected version was published; nil for the first version.
    let note: String?
    let positive: [PointsPositiveLine]
    let negativeByItem: [PointsNegativeItemLine]
    let rewards: [PointsRewardsPage.Line]
    let rewardsLabel: String
    let rule: String
    let indexHref: String
    let noticeHref: String
    let boardHref: String
    let olderVersions: Int
    let hasOlderVersions: Bool

    /// The latest version of a published month; nil when the month was never published.
    static func load(zone: ZoneRow, month: Period, db: any SQLDatabase) async throws -> PublicPointsBoardPage? {
        let repo = PointsRepository(db: db)
        let versions = try await repo.publications(zoneID: zone.id, month: month)
        guard let stored = versions.max(by: { $0.publication.version < $1.publication.version }) else { return nil }
        let p = stored.publication
        // Only what the public may see of the frozen board: the committee's names on the negative
        // board stay in the stored snapshot and never reach this page.
        let board = p.board(for: .public)
        var rewards: [PointsRewardsPage.Line] = []
        var rewardsLabel = ""
        if month.end == Period(.quarter, containing: month.end).end,
            let r = try await repo.rewardRecord(zoneID: zone.id, quarter: Period(.quarter, containing: month.end))
        {
            rewards = r.record.rewards.map {
                .init(
                    rank: $0.rank, name: r.names[$0.subject] ?? "", points: $0.points, tier: $0.tier,
                    prize: r.prizes[$0.tier] ?? "")
            }
            rewardsLabel = r.record.quarter.label
        }
        return PublicPointsBoardPage(
            zoneName: zone.name, monthLabel: month.label, version: p.version,
            publishedAt: p.publishedAt.day.description, publishedBy: p.publishedBy, note: p.note.nilIfEmpty,
            positive: board.positive.map {
                .init(
                    rank: $0.rank, name: stored.names[$0.subject] ?? "", periodPoints: $0.periodPoints,
                    balance: $0.balance)
            },
            negativeByItem: board.negativeByItem.map {
                .init(item: $0.itemName, count: $0.entryCount, subjects: $0.subjectCount, points: $0.points)
            },
            rewards: rewards, rewardsLabel: rewardsLabel, rule: PointsText.rule,
            indexHref: SiteURL.publicPoints(zone: zone.code).path,
            noticeHref: SiteURL.publicPointsNotice(zone: zone.code, month: month.key).path,
            boardHref: SiteURL.publicPointsMonth(zone: zone.code, month: month.key).path,
            olderVersions: versions.count - 1, hasOlderVersions: versions.count > 1)
    }
}
