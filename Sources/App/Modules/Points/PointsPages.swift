import Foundation
import GaoxinCore
import SQLKit

/// A link of the points sub-navigation.
struct PointsTab: Sendable {
    let title: String
    let href: String
    let current: Bool

    /// The links this user's part in the scheme opens, `current` marked.
    static func tabs(_ access: PointsAccess, current: SiteURL) -> [PointsTab] {
        var links: [(String, SiteURL)] = [("我的积分", .points), ("积分事项清单", .pointsItems)]
        if access.user.personID != nil || access.reviews {
            links.append((access.recordsByOffice ? "记录积分" : "申报积分", .pointsDeclare))
        }
        if access.reviews { links.append(("每周审核", .pointsReview)) }
        if access.isCommittee {
            links += [("积分榜与公布", .pointsBoards), ("季度奖励", .pointsRewards), ("积分管理小组", .pointsCommittee)]
        }
        return links.map { PointsTab(title: $0.0, href: $0.1.path, current: $0.1 == current) }
    }
}

/// How points and caps read on every page.
enum PointsText {
    /// The rule every board page states (who sees what of the negative entries).
    static let rule =
        "正向激励榜按本年度累计积分排名（一年一清零），公布姓名以示表扬；反向曝光榜只公布扣分事项、次数和合计分值，不公布个人姓名。"
        + "个人的扣分记录只有本人和积分管理小组可以查看。每月公布的积分榜即为定稿，之后的更正只能以新版本重新公布并写明原因。"

    static func signed(_ points: Int) -> String { points > 0 ? "+\(points)" : "\(points)" }

    static func capLabel(_ item: PointsItem) -> String { item.cap?.label ?? "不设上限" }
}

/// One line of a points record (history), as a resident or the committee sees it.
struct PointsEntryLine: Sendable {
    let id: Int64
    let day: String
    let subject: String
    let item: String
    let points: String
    let negative: Bool
    let status: String
    let pending: Bool
    let origin: String
    let evidence: String
    let reason: String?
    let decidedBy: String?
    let photoHref: String?

    /// `itemName` finds an item's name by its code.
    init(_ e: PointsEntry, itemName: (String) -> String?, subjects: PointsSubjects) {
        let id = Int64(e.id) ?? 0
        let rejected = e.status == .rejected || e.status == .revoked
        self.id = id
        day = e.day.description
        subject = subjects.name(e.subject)
        item = itemName(e.itemID) ?? e.itemID
        points = PointsText.signed(e.points)
        negative = e.points < 0
        status = e.status.label
        pending = e.status == .pending
        origin = e.origin.label
        evidence = e.evidence
        reason = rejected ? e.decision?.reason.nilIfEmpty : nil
        decidedBy = e.decision.map { "\($0.by) \($0.at.day)" }
        photoHref = e.attachments.isEmpty ? nil : SiteURL.pointsEntryPhoto(id).path
    }
}

/// 我的积分: a subject's balance, rank and history in one year.
struct PointsSubjectSummary: Sendable {
    let name: String
    let balance: Int
    let rank: String
    let monthPoints: Int
    let entries: [PointsEntryLine]
    let entryTotal: Int
    let paging: PageLinks?
}

/// The points landing page: one's own points, and the links one's role may use.
struct PointsHomePage: Sendable {
    static let pageSize = 50
    let tabs: [PointsTab]
    let year: Int
    let isCurrentYear: Bool
    let years: [SelectOption]
    let own: [PointsSubjectSummary]
    let hasOwn: Bool
    let pendingInScope: Int
    let reviews: Bool
    let isCommittee: Bool
    let published: [PointsMonthLink]
    let rule: String
    let resetNote: String
    var exportHref = ""

    /// `yearNumber` must lie between 2000 and this year (checked by the route). Sums, the rank and
    /// a page of each own subject's entries come from the database; nothing else of the ledger is read.
    static func load(
        _ access: PointsAccess, yearNumber: Int, pager: Pager, zoneCode: String, db: any SQLDatabase
    ) async throws -> PointsHomePage {
        let repo = PointsRepository(db: db)
        let personID = access.user.personID
        let today = Clock.today
        let year = Period.year(yearNumber)
        let subjects = try await PointsSubjects.load(zoneID: access.zoneID, subjects: [], personID: personID, db: db)
        let items = Dictionary(
            try await repo.items(zoneID: access.zoneID).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var own: [PointsSubjectSummary] = []
        for s in subjects.own(personID: personID) {
            let asOf = yearNumber == today.year ? today : year.end
            let yearPoints = try await repo.points(zoneID: access.zoneID, subject: s, from: year.start, to: year.end)
            var rank = "未上榜（年度积分为 0 或负分）"
            if yearPoints > 0 {
                let r = try await repo.rank(zoneID: access.zoneID, year: year, balance: yearPoints)
                rank = "第 \(r.rank) 名（共 \(r.of) 名上榜）"
            }
            let month = Period(.month, containing: today)
            let monthPoints =
                yearNumber == today.year
                ? try await repo.points(zoneID: access.zoneID, subject: s, from: month.start, to: month.end) : 0
            let paged = try await repo.entries(
                zoneID: access.zoneID, subject: s, from: year.start, to: year.end, pager)
            own.append(
                PointsSubjectSummary(
                    name: s.hasPrefix("household") ? "本户（\(subjects.name(s))）" : "本人（\(subjects.name(s))）",
                    balance: try await repo.points(zoneID: access.zoneID, subject: s, from: year.start, to: asOf),
                    rank: rank,
                    monthPoints: monthPoints,
                    entries: try paged.rows.map {
                        PointsEntryLine(try $0.entry(), itemName: { items[$0] }, subjects: subjects)
                    },
                    entryTotal: paged.total,
                    paging: paged.hasPrevious || paged.hasNext
                        ? paged.links(.points, query: [("year", String(yearNumber))]) : nil))
        }
        let years = Set(try await repo.entryYears(zoneID: access.zoneID) + [today.year]).sorted(by: >)
        // The committee reviews every grid, a grid worker their own (as `Permissions` decides for an entry).
        let scope: Set<Int64>? =
            access.user.role == .zoneAdmin || access.isMember
            ? nil : access.user.role == .gridWorker ? access.user.gridIDs : []
        let pending = access.reviews ? try await repo.pendingCount(zoneID: access.zoneID, gridIDs: scope) : 0
        return PointsHomePage(
            tabs: PointsTab.tabs(access, current: .points), year: yearNumber, isCurrentYear: yearNumber == today.year,
            years: years.map { SelectOption(value: String($0), label: "\($0)年", selected: $0 == yearNumber) },
            own: own, hasOwn: !own.isEmpty, pendingInScope: pending, reviews: access.reviews,
            isCommittee: access.isCommittee,
            published: PointsMonthLink.latest(
                try await repo.publishedMonths(zoneID: access.zoneID), zoneCode: zoneCode),
            rule: PointsText.rule,
            resetNote: "一年一清零：每年 1 月 1 日起余额从 0 计算，往年的记录、积分榜和奖励仍可按年份查看。")
    }
}

/// A published month on the public pages.
struct PointsMonthLink: Sendable {
    let label: String
    let href: String
    let noticeHref: String
    let version: Int

    /// The latest version of each published month (month key → version), newest month first.
    static func latest(_ versions: [String: Int], zoneCode: String) -> [PointsMonthLink] {
        versions.compactMap { key, version in Period(key: key).map { ($0, version) } }
            .sorted { $0.0 > $1.0 }.map { month, version in
                PointsMonthLink(
                    label: month.label, href: SiteURL.publicPointsMonth(zone: zoneCode, month: month.key).path,
                    noticeHref: SiteURL.publicPointsNotice(zone: zoneCode, month: month.key).path, version: version)
            }
    }
}

/// Board lines as pages show them (names resolved).
struct PointsPositiveLine: Sendable {
    let rank: Int
    let name: String
    let periodPoints: Int
    let balance: Int
}
struct PointsNegativeLine: Sendable {
    let rank: Int
    let name: String
    let points: Int
    let count: Int
    let items: String
}
struct PointsNegativeItemLine: Sendable {
    let item: String
    let count: Int
    let subjects: Int
    let points: Int
}
