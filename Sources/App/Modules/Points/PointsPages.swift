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
}

/// The points landing page: one's own points, and the links one's role may use.
struct PointsHomePage: Sendable {
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

    /// `yearNumber` must lie between 2000 and this year (checked by the route).
    static func load(_ access: PointsAccess, yearNumber: Int, zoneCode: String, db: any SQLDatabase) async throws
        -> PointsHomePage
    {
        let repo = PointsRepository(db: db)
        let ledger = try await repo.ledger(zoneID: access.zoneID)
        let subjects = try await PointsSubjects.load(zoneID: access.zoneID, db: db)
        let today = Clock.today
        let year = Period.year(yearNumber)
        let board = ledger.board(for: year, audience: .committee)
        let itemName = { (code: String) in ledger.item(code)?.name }
        let own = subjects.own(personID: access.user.personID).map { s -> PointsSubjectSummary in
            let row = board.positive.first { $0.subject == s }
            return PointsSubjectSummary(
                name: s.hasPrefix("household") ? "本户（\(subjects.name(s))）" : "本人（\(subjects.name(s))）",
                balance: ledger.balance(of: s, asOf: yearNumber == today.year ? today : year.end),
                rank: row.map { "第 \($0.rank) 名（共 \(board.positive.count) 名上榜）" } ?? "未上榜（年度积分为 0 或负分）",
                monthPoints: yearNumber == today.year ? ledger.points(of: s, in: Period(.month, containing: today)) : 0,
                entries: ledger.entries(of: s, in: year).reversed().map {
                    PointsEntryLine($0, itemName: itemName, subjects: subjects)
                }
            )
        }
        let years = Set(ledger.entries.map(\.day.year) + [today.year]).sorted(by: >)
        let pending = ledger.entries.filter { e in
            e.status == .pending
                && access.may(.update, entrySubject: e.subject, gridID: subjects.gridID(e.subject), subjects: subjects)
                    == .allow
        }.count
        return PointsHomePage(
            tabs: PointsTab.tabs(access, current: .points), year: yearNumber, isCurrentYear: yearNumber == today.year,
            years: years.map { SelectOption(value: String($0), label: "\($0)年", selected: $0 == yearNumber) },
            own: own, hasOwn: !own.isEmpty, pendingInScope: access.reviews ? pending : 0, reviews: access.reviews,
            isCommittee: access.isCommittee,
            published: PointsMonthLink.latest(try await repo.publications(zoneID: access.zoneID), zoneCode: zoneCode),
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

    /// The latest version of each published month, newest month first.
    static func latest(_ publications: [StoredPublication], zoneCode: String) -> [PointsMonthLink] {
        var latest: [Period: PointsPublication] = [:]
        for p in publications.map(\.publication) where (latest[p.month]?.version ?? 0) < p.version {
            latest[p.month] = p
        }
        return latest.values.sorted { $0.month > $1.month }.map {
            PointsMonthLink(
                label: $0.month.label, href: SiteURL.publicPointsMonth(zone: zoneCode, month: $0.month.key).path,
                noticeHref: SiteURL.publicPointsNotice(zone: zoneCode, month: $0.month.key).path, version: $0.version)
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
