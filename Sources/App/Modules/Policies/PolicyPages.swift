import Foundation
import GaoxinCore

/// The policy pages' own navigation: what this visitor can open in the module.
struct PolicyTab: Sendable {
    let title: String
    let href: String
    let current: Bool

    /// The tabs for `user`, with the enterprise's unread notices counted.
    static func load(for user: CurrentUser?, current: SiteURL, db: Database) async throws -> [PolicyTab] {
        var unread = 0
        if let user, let zoneID = user.zoneID, let own = EnterpriseDesk.enterprise(of: user, zoneID: zoneID) {
            unread = try await PolicyRepository(db: db.sql).unreadCount(enterpriseID: own)
        }
        return tabs(for: user, current: current, unread: unread)
    }

    static func tabs(for user: CurrentUser?, current: SiteURL, unread: Int = 0) -> [PolicyTab] {
        var tabs: [(String, SiteURL)] = [("政策列表", .module(.policies)), ("惠企政策发言人", .policySpokespersons)]
        if let user, let zoneID = user.zoneID {
            if Permissions.decide(user, .view, .policy(zoneID: zoneID, departmentID: nil)) == .allow {
                tabs.append(("政策台账", .policyLedger))
            }
            let desk = EnterpriseDesk.enterprise(of: user, zoneID: zoneID)
            if desk != nil {
                tabs.append(("可申报的政策", .policyMine))
                tabs.append((unread > 0 ? "消息通知（\(unread) 条未读）" : "消息通知", .policyNotices))
                tabs.append(("我的申报", .applications))
            } else if Permissions.decide(user, .view, .application(zoneID: zoneID, departmentID: 0, enterpriseID: nil))
                == .allow
            {
                tabs.append(("申报审核", .applications))
            }
            if Permissions.decide(user, .view, .payouts(zoneID: zoneID)) == .allow {
                tabs.append(("兑现统计", .payoutTotals))
            }
            if ConsultationRoutes.mayAsk(user, zoneID: zoneID) { tabs.append(("我的咨询", .consultationsMine)) }
            if Permissions.decide(user, .view, .consultationList(zoneID: zoneID)) == .allow {
                tabs.append(("咨询办理", .consultations))
            }
            if Permissions.decide(user, .view, .consultationSupervision(zoneID: zoneID)) == .allow {
                tabs.append(("超时督办", .consultationsLate))
            }
        }
        tabs.append(("政策问答", .policyQA))
        if user == nil { tabs.append(("咨询进度查询", .consultationLookup)) }
        return tabs.map { PolicyTab(title: $0.0, href: $0.1.path, current: $0.1 == current) }
    }
}

/// An item as listed under its document.
struct PolicyItemLine: Sendable {
    let heading: String
    let href: String
    let benefit: String
    let window: String
    let autoGrant: Bool
    var eligibleCount: Int?
    var editHref: String?
    var eligibleHref: String?

    init(_ item: PolicyItemRow, today: Day) {
        heading = item.heading
        href = SiteURL.policyItem(item.id).path
        benefit = item.benefit.text
        window = item.window(on: today).label
        autoGrant = item.autoGrant
    }
}

/// The public list of policies in force, with search, 20 documents a page.
struct PolicyListPage: Sendable {
    struct Document: Sendable {
        let title: String
        let docNumber: String?
        let department: String
        let zone: String?
        let effectiveOn: String
        let expiresOn: String
        let href: String
        let items: [PolicyItemLine]
    }
    let tabs: [PolicyTab]
    let search: String
    /// The search shown back, nil when there is none (Mustache treats "" as present).
    let searchNote: String?
    let zones: [SelectOption]
    let showZones: Bool
    let openOnly: Bool
    let documents: [Document]
    let total: Int
    let previousHref: String?
    let nextHref: String?
    let searchHref = SiteURL.module(.policies).path

    static let pageSize = 20

    /// One page of the documents in force of `scope` matching `search` (with `openOnly`, only
    /// those with an item open today, showing only those items). `choice` is the zone picker of
    /// the public and a platform admin without a zone (nil for everyone else) with the code chosen.
    static func load(
        scope: ZoneScope, choice: (zones: [ZoneRow], code: String)?, search: String, openOnly: Bool, pager: Pager,
        tabs: [PolicyTab], db: Database, today: Day = Clock.today
    ) async throws -> Self {
        let repo = PolicyRepository(db: db.sql)
        let paged = try await repo.inForce(scope: scope, today: today, search: search, openOnly: openOnly, pager: pager)
        let items = Dictionary(grouping: try await repo.items(policyIDs: paged.rows.map(\.id)), by: \.policyId)
        let departments = try await ZoneRepository(db: db.sql).departmentNames(ids: paged.rows.map(\.departmentId))
        let zoneNames = Dictionary(uniqueKeysWithValues: (choice?.zones ?? []).map { ($0.id, $0.name) })
        let code = choice?.code ?? ""
        let links = paged.links(
            .module(.policies), query: [("zone", code), ("q", search), ("open", openOnly ? "1" : "")])
        return PolicyListPage(
            tabs: tabs, search: search, searchNote: search.isEmpty ? nil : "（关键词“\(search)”）",
            zones: PolicyRoutes.zoneChoices(choice?.zones ?? [], selected: code),
            showZones: choice != nil, openOnly: openOnly,
            documents: paged.rows.map { policy in
                let shown = (items[policy.id] ?? []).filter { !openOnly || $0.window(on: today).isOpen }
                return Document(
                    title: policy.title, docNumber: policy.docNumber,
                    department: departments[policy.departmentId] ?? "—",
                    zone: choice == nil ? nil : zoneNames[policy.zoneId], effectiveOn: policy.effectiveOn,
                    expiresOn: policy.expiresOn ?? "长期有效", href: SiteURL.policyDocument(policy.id).path,
                    items: shown.map { PolicyItemLine($0, today: today) })
            },
            total: paged.total, previousHref: links.previous, nextHref: links.next)
    }
}

/// One policy document: public when in force; the ledger's staff see it in any state, with the
/// ledger's controls.
struct PolicyDocumentPage: Sendable {
    let tabs: [PolicyTab]
    let title: String
    let docNumber: String?
    let department: String
    let spokesperson: String?
    let zone: String
    let issuedOn: String
    let effectiveOn: String
    let expiresOn: String
    let validity: String
    let inForce: Bool
    let paragraphs: [String]
    let items: [PolicyItemLine]
    let staff: Bool
    let editHref: String?
    let newItemHref: String?
    let status: String

    /// The document as `user` sees it: the ledger's staff also get each item's eligible count and
    /// the edit links they may use.
    static func load(
        _ policy: PolicyRow, user: CurrentUser?, zoneName: String, tabs: [PolicyTab], db: Database,
        today: Day = Clock.today
    ) async throws -> Self {
        let repo = PolicyRepository(db: db.sql)
        let staff = PolicyRoutes.worksLedger(user, policy)
        let canEdit = PolicyRoutes.canEdit(user, policy)
        let validity = policy.validity(on: today)
        let department = try await ZoneRepository(db: db.sql).department(
            id: policy.departmentId, zoneID: policy.zoneId)
        let rows = try await repo.items(policyID: policy.id)
        let counts = staff ? try await repo.eligibleCounts(itemIDs: rows.map(\.id)) : [:]
        return PolicyDocumentPage(
            tabs: tabs, title: policy.title, docNumber: policy.docNumber, department: department?.name ?? "—",
            spokesperson: PolicyRoutes.spokesperson(department), zone: zoneName, issuedOn: policy.issuedOn ?? "—",
            effectiveOn: policy.effectiveOn, expiresOn: policy.expiresOn ?? "长期有效", validity: validity.label,
            inForce: validity == .inForce,
            paragraphs: policy.fullText.components(separatedBy: .newlines).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty },
            items: rows.map { item in
                var line = PolicyItemLine(item, today: today)
                if staff {
                    line.eligibleCount = counts[item.id] ?? 0
                    line.eligibleHref = SiteURL.policyItemEligible(item.id).path
                    if canEdit { line.editHref = SiteURL.policyItemEdit(item.id).path }
                }
                return line
            },
            staff: staff, editHref: canEdit ? SiteURL.policyDocumentEdit(policy.id).path : nil,
            newItemHref: canEdit ? SiteURL.policyItemNew(policyID: policy.id).path : nil,
            status: policy.policyStatus.label)
    }
}

/// A published question and its answer.
struct PolicyQA: Sendable {
    let question: String
    let answer: String
    let answeredAt: String
    let item: String?
    let itemHref: String?
}

/// The directory of 惠企政策发言人: one per department, with how to reach them.
struct SpokespersonsPage: Sendable {
    struct Person: Sendable {
        let department: String
        let name: String
        let title: String
        let phone: String
    }
    struct Zone: Sendable {
        let name: String
        let people: [Person]
        let count: Int
    }
    let tabs: [PolicyTab]
    let zones: [Zone]
    let zoneOptions: [SelectOption]
    let showZones: Bool
    let filterHref = SiteURL.policySpokespersons.path

    /// The spokespersons of the zones in `scope` (`zones` lists every zone, for the picker).
    static func load(
        scope: ZoneScope, zones: [ZoneRow], choice: String?, tabs: [PolicyTab], db: Database
    ) async throws -> Self {
        let departments = Dictionary(
            grouping: try await ZoneRepository(db: db.sql).departments(scope: scope), by: \.zoneId)
        let code = choice ?? ""
        return SpokespersonsPage(
            tabs: tabs,
            zones: zones.filter { scope.allows($0.id) }.compactMap { zone in
                let people = (departments[zone.id] ?? []).compactMap { d in
                    d.shownSpokespersonName.map {
                        Person(
                            department: d.name, name: $0, title: d.spokespersonTitle ?? "—",
                            phone: d.spokespersonPhone ?? "—")
                    }
                }
                return people.isEmpty ? nil : Zone(name: zone.name, people: people, count: people.count)
            },
            zoneOptions: PolicyRoutes.zoneChoices(zones, selected: code),
            showZones: choice != nil)
    }
}
