import Foundation
import GaoxinCore

/// The ledger (台账) for staff: every document in any state, filtered, 50 a page.
struct PolicyLedgerPage: Sendable {
    struct Row: Sendable {
        let title: String
        let docNumber: String
        let department: String
        let effectiveOn: String
        let expiresOn: String
        let status: String
        let validity: String
        let itemCount: Int
        let eligible: Int
        let href: String
    }
    let tabs: [PolicyTab]
    let rows: [Row]
    let departments: [SelectOption]
    let statuses: [SelectOption]
    let validities: [SelectOption]
    let total: Int
    let itemTotal: Int
    let budgetTotal: String
    let canCreate: Bool
    let paging: PageLinks
    let newHref = SiteURL.policyDocumentNew.path
    let filterHref = SiteURL.policyLedger.path
    /// This list, every page with the same filters, as CSV.
    var exportHref = ""

    static let pageSize = 50

    /// One page of the zone's ledger under `filter`, with the counts and budget of every document
    /// the filter keeps; `canCreate` when `user` may issue for some department.
    static func load(
        zoneID: Int64, filter: PolicyRepository.LedgerFilter, user: CurrentUser, pager: Pager, tabs: [PolicyTab],
        db: Database, today: Day = Clock.today
    ) async throws -> Self {
        let repo = PolicyRepository(db: db.sql)
        let departments = try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID))
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        let paged = try await repo.ledger(zoneID: zoneID, filter: filter, today: today, pager: pager)
        let itemCounts = try await repo.itemCounts(policyIDs: paged.rows.map(\.id))
        let eligible = try await repo.eligibleCounts(policyIDs: paged.rows.map(\.id))
        let totals = try await repo.ledgerItems(zoneID: zoneID, filter: filter, today: today)
        return PolicyLedgerPage(
            tabs: tabs,
            rows: paged.rows.map { p in
                Row(
                    title: p.title, docNumber: p.docNumber ?? "—", department: names[p.departmentId] ?? "—",
                    effectiveOn: p.effectiveOn, expiresOn: p.expiresOn ?? "长期有效", status: p.policyStatus.label,
                    validity: p.validity(on: today).label, itemCount: itemCounts[p.id] ?? 0,
                    eligible: eligible[p.id] ?? 0, href: SiteURL.policyDocument(p.id).path)
            },
            departments: [SelectOption(value: "", label: "全部部门", selected: filter.department.isEmpty)]
                + departments.map {
                    SelectOption(value: String($0.id), label: $0.name, selected: String($0.id) == filter.department)
                },
            statuses: [SelectOption(value: "", label: "全部状态", selected: filter.status.isEmpty)]
                + PolicyStatus.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == filter.status)
                },
            validities: [SelectOption(value: "", label: "全部", selected: filter.validity.isEmpty)]
                + PolicyValidity.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == filter.validity)
                },
            total: paged.total, itemTotal: totals.items, budgetTotal: PolicyBenefit.money(totals.budget),
            canCreate: !PolicyRoutes.issuingDepartments(user, departments).isEmpty,
            paging: paged.links(
                .policyLedger,
                query: [("department", filter.department), ("status", filter.status), ("validity", filter.validity)]))
    }
}
