import Foundation
import GaoxinCore

/// The enterprises an item fits that have not applied yet (nor been paid): the ones to reach,
/// largest estimate first, 100 a page, with the notify buttons.
struct EligiblePage: Sendable {
    struct Row: Sendable {
        let enterpriseID: Int64
        let name: String
        let href: String
        let amount: String
        let reasons: [String]
        let notifiedAt: String?
    }
    let tabs: [PolicyTab]
    let heading: String
    let itemHref: String
    let window: String
    let rows: [Row]
    let total: Int
    let amountTotal: String
    let unnotified: Int
    let prevHref: String?
    let nextHref: String?
    let canNotify: Bool
    let notifyAction: String
    let inForce: Bool
    let csrf: String

    static let pageSize = 100

    /// The page: names, reasons (rendered now, not stored) and notices are read only for the
    /// enterprises shown; the totals are counted in SQL.
    static func load(
        _ item: PolicyItemRow, policy: PolicyRow, canNotify: Bool, pager: Pager, tabs: [PolicyTab], csrf: String,
        db: Database, today: Day = Clock.today
    ) async throws -> Self {
        let repo = PolicyRepository(db: db.sql)
        let inForce = policy.validity(on: today) == .inForce
        let paged =
            inForce ? try await repo.reachable(itemID: item.id, pager: pager) : Paged(rows: [], total: 0, pager: pager)
        let totals = inForce ? try await repo.reachableTotals(itemID: item.id) : (amount: 0, unnotified: 0)
        let ids = paged.rows.map(\.enterpriseId)
        let names = try await EnterpriseRepository(db: db.sql).names(ids: ids, zoneID: policy.zoneId)
        let reasons = try await PolicyMatching(db: db.sql).explain(
            item: item, enterpriseIDs: ids, zoneID: policy.zoneId, today: today)
        let notified = try await repo.notified(itemID: item.id, enterpriseIDs: ids)
        let links = paged.links(.policyItemEligible(item.id))
        return EligiblePage(
            tabs: tabs, heading: item.heading, itemHref: SiteURL.policyItem(item.id).path,
            window: item.window(on: today).label,
            rows: paged.rows.map { m in
                Row(
                    enterpriseID: m.enterpriseId, name: names[m.enterpriseId] ?? "企业 #\(m.enterpriseId)",
                    href: SiteURL.policyMatches(enterpriseID: m.enterpriseId).path,
                    amount: m.estimatedAmount.map(PolicyBenefit.money) ?? "—", reasons: reasons[m.enterpriseId] ?? [],
                    notifiedAt: notified[m.enterpriseId].map { DisplayTime.format($0) })
            },
            total: paged.total, amountTotal: PolicyBenefit.money(totals.amount), unnotified: totals.unnotified,
            prevHref: links.previous, nextHref: links.next, canNotify: inForce && canNotify,
            notifyAction: SiteURL.policyItemNotify(item.id).path, inForce: inForce, csrf: csrf)
    }
}

/// 可申报的政策: what one enterprise can apply for, why, and roughly how much.
struct EnterpriseMatchesPage: Sendable {
    struct Match: Sendable {
        let heading: String
        let policy: String
        let href: String
        let benefit: String
        let estimate: String?
        let window: String
        let autoGrant: Bool
        let reasons: [String]
        /// "申报" for the enterprise itself when the window is open and the item needs an application.
        var applyHref: String? = nil
    }
    let tabs: [PolicyTab]
    let enterprise: String
    let factsYear: String
    let matches: [Match]
    let others: [Match]
    let closedNote: String?
    let estimateTotal: String
    let enterpriseHref: String?

    /// Every item in force for `enterprise`: eligibility from the stored match (what staff and
    /// notices saw), reasons rendered now for each item, eligible or not, from the same record.
    /// `ownDesk` when the enterprise's own user is looking (the apply buttons).
    static func load(
        _ enterprise: EnterpriseRow, ownDesk: Bool, canSeeRecord: Bool, tabs: [PolicyTab], db: Database,
        today: Day = Clock.today
    ) async throws -> Self {
        let repo = PolicyRepository(db: db.sql)
        let zoneID = enterprise.zoneId
        let policies = Dictionary(
            uniqueKeysWithValues: try await repo.policies(zoneID: zoneID).filter { $0.validity(on: today) == .inForce }
                .map { ($0.id, $0) })
        let stored = Dictionary(
            uniqueKeysWithValues: try await repo.matches(enterpriseID: enterprise.id).map { ($0.itemId, $0) })
        let (explained, factsYear) = try await PolicyMatching(db: db.sql).explain(
            enterpriseID: enterprise.id, zoneID: zoneID, today: today)
        var open: [(Double, Match)] = []
        var others: [Match] = []
        var closed = 0
        for item in try await repo.items(ids: explained.keys.sorted()) {
            guard let policy = policies[item.policyId], let outcome = explained[item.id] else { continue }
            let m = stored[item.id]
            let window = item.window(on: today)
            let match = Match(
                heading: item.heading, policy: policy.citation, href: SiteURL.policyItem(item.id).path,
                benefit: item.benefit.text, estimate: m?.estimatedAmount.map(PolicyBenefit.money), window: window.label,
                autoGrant: item.autoGrant, reasons: outcome.reasons,
                applyHref: ownDesk && !item.autoGrant && window.isOpen ? SiteURL.policyItemApply(item.id).path : nil)
            if m == nil {
                others.append(match)
            } else if window.isOpenOrUpcoming {
                open.append((m?.estimatedAmount ?? 0, match))
            } else {
                closed += 1
            }
        }
        open.sort { $0.0 > $1.0 }
        return EnterpriseMatchesPage(
            tabs: tabs, enterprise: enterprise.name, factsYear: factsYear.map { "\($0) 年度" } ?? "（暂无年度数据）",
            matches: open.map(\.1), others: others, closedNote: closed > 0 ? "另有 \(closed) 项符合条件但已过申报期。" : nil,
            estimateTotal: PolicyBenefit.money(open.map(\.0).reduce(0, +)),
            enterpriseHref: canSeeRecord ? SiteURL.enterprise(enterprise.id).path : nil)
    }
}

/// An enterprise's in-app notices, latest first, 200 a page.
struct NoticesPage: Sendable {
    struct Notice: Sendable {
        let id: Int64
        let message: String
        let at: String
        let unread: Bool
        let itemHref: String?
    }
    let tabs: [PolicyTab]
    let notices: [Notice]
    let unread: Int
    let hasUnread: Bool
    let paging: PageLinks
    let readAction = SiteURL.policyNoticesRead.path
    let csrf: String

    static let pageSize = 200

    static func load(enterpriseID: Int64, pager: Pager, tabs: [PolicyTab], csrf: String, db: Database) async throws
        -> Self
    {
        let repo = PolicyRepository(db: db.sql)
        let paged = try await repo.notices(enterpriseID: enterpriseID, pager: pager)
        let unread = try await repo.unreadCount(enterpriseID: enterpriseID)
        return NoticesPage(
            tabs: tabs,
            notices: paged.rows.map {
                .init(
                    id: $0.id, message: $0.message, at: DisplayTime.format($0.createdAt), unread: $0.readAt == nil,
                    itemHref: $0.policyItemId.map { SiteURL.policyItem($0).path })
            },
            unread: unread, hasUnread: unread > 0, paging: paged.links(.policyNotices), csrf: csrf)
    }
}
