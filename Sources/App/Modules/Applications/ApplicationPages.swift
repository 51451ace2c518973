import Foundation
import GaoxinCore

/// The application form (申报): one file input per listed material.
struct ApplyPage: Sendable {
    struct Material: Sendable {
        let field: String
        let name: String
        let required: Bool
    }
    let tabs: [PolicyTab]
    let heading: String
    let policyTitle: String
    let itemHref: String
    let benefit: String
    let window: String
    let ceiling: String?
    let estimate: String?
    let monetary: Bool
    let materials: [Material]
    var requestedAmount: String
    var note: String
    var errors: [String] = []
    /// Why the form can't be used now (outside the window, already applied); the form is hidden.
    var closedReason: String? = nil
    let action: String
    let csrf: String

    /// The form for `enterpriseID` to apply for `item`, with why it can't be used now (if so).
    static func load(
        _ item: PolicyItemRow, policy: PolicyRow, enterpriseID: Int64, tabs: [PolicyTab], csrf: String, db: Database,
        today: Day = Clock.today
    ) async throws -> Self {
        let match = try await PolicyRepository(db: db.sql).match(enterpriseID: enterpriseID, itemID: item.id)
        let window = item.window(on: today)
        var page = ApplyPage(
            tabs: tabs, heading: item.heading, policyTitle: policy.citation, itemHref: SiteURL.policyItem(item.id).path,
            benefit: item.benefit.text, window: window.label, ceiling: item.ceiling.map { ApplicationRoutes.money($0) },
            estimate: match?.estimatedAmount.map { ApplicationRoutes.money($0) }, monetary: item.isMonetary,
            materials: item.materials.enumerated().map { .init(field: "m\($0)", name: $1.name, required: $1.required) },
            requestedAmount: match?.estimatedAmount.map { Wan.text(min($0, item.ceiling ?? $0)) } ?? "",
            note: "", action: SiteURL.policyItemApplyUpload(item.id).path, csrf: csrf)
        if item.autoGrant {
            page.closedReason = "该条款为免申即享，由部门根据数据直接兑现，无需申报。"
        } else if !window.isOpen {
            page.closedReason = "不在申报期内（\(window.label)），暂不能申报。"
        } else if let live = try await ApplicationRepository(db: db.sql).live(
            enterpriseID: enterpriseID, itemID: item.id)
        {
            page.closedReason = "本企业已申报该条款（编号 \(live.id)，\(live.applicationState.label)），不能重复申报。"
        }
        return page
    }
}

/// One line of an application list.
struct ApplicationLine: Sendable {
    let id: Int64
    let href: String
    let enterprise: String
    let item: String
    let policy: String
    let state: String
    let requested: String
    let approved: String
    let submittedAt: String
    let updatedAt: String
}

/// 我的申报 (an enterprise's own) or 申报审核 (staff's queue), 50 a page.
struct ApplicationListPage: Sendable {
    let tabs: [PolicyTab]
    let heading: String
    let isEnterprise: Bool
    let states: [SelectOption]
    let rows: [ApplicationLine]
    let total: Int
    let listHref: String
    let totalsHref: String
    let paging: PageLinks
    /// This list, every page with the same filter, as CSV.
    var exportHref = ""

    static let pageSize = 50

    /// One page of the zone's applications: `enterpriseID`'s own, or those of items issued by
    /// `departmentIDs` (nil: every department's), in `state` when given.
    static func load(
        zoneID: Int64, enterpriseID: Int64?, departmentIDs: [Int64]?, state: ApplicationState?, pager: Pager,
        tabs: [PolicyTab], db: Database
    ) async throws -> Self {
        let paged = try await ApplicationRepository(db: db.sql).applications(
            zoneID: zoneID, enterpriseID: enterpriseID, departmentIDs: departmentIDs, state: state, pager: pager)
        let policyRepo = PolicyRepository(db: db.sql)
        let items = Dictionary(
            uniqueKeysWithValues: try await policyRepo.items(ids: Array(Set(paged.rows.map(\.itemId)))).map {
                ($0.id, $0)
            })
        let policies = Dictionary(
            uniqueKeysWithValues: try await policyRepo.policies(
                ids: Array(Set(items.values.map(\.policyId))), zoneID: zoneID
            ).map { ($0.id, $0) })
        let names = try await EnterpriseRepository(db: db.sql).names(
            ids: Array(Set(paged.rows.map(\.enterpriseId))), zoneID: zoneID)
        let isEnterprise = enterpriseID != nil
        return ApplicationListPage(
            tabs: tabs, heading: isEnterprise ? "我的申报" : "申报审核", isEnterprise: isEnterprise,
            states: [SelectOption(value: "", label: "全部状态", selected: state == nil)]
                + ApplicationState.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == state)
                },
            rows: paged.rows.map { a in
                let item = items[a.itemId]
                return ApplicationLine(
                    id: a.id, href: SiteURL.application(a.id).path, enterprise: names[a.enterpriseId] ?? "—",
                    item: item?.heading ?? "—", policy: item.flatMap { policies[$0.policyId]?.title } ?? "—",
                    state: a.applicationState.label, requested: ApplicationRoutes.money(a.requestedAmount),
                    approved: ApplicationRoutes.money(a.approvedAmount), submittedAt: DisplayTime.format(a.submittedAt),
                    updatedAt: DisplayTime.format(a.updatedAt))
            },
            total: paged.total, listHref: SiteURL.applications.path, totalsHref: SiteURL.payoutTotals.path,
            paging: paged.links(.applications, query: [("state", state?.rawValue ?? "")]))
    }
}

/// One application, with what this visitor may do next.
struct ApplicationPage: Sendable {
    struct Material: Sendable {
        let name: String
        let fileName: String
        let size: String
        /// nil for whoever may not download the files (another department): the name only.
        let href: String?
        let uploadedAt: String
    }
    struct Listed: Sendable {
        let name: String
        let required: Bool
        let submitted: Bool
    }
    struct Field: Sendable {
        let field: String
        let name: String
    }
    struct Payout: Sendable {
        let amount: String
        let paidOn: String
        let voucher: String
    }
    let tabs: [PolicyTab]
    let id: Int64
    let enterprise: String
    let item: String
    let itemHref: String
    let policy: String
    let state: String
    let requested: String
    let approved: String?
    let note: String?
    let submittedAt: String
    let materials: [Material]
    let listed: [Listed]
    let missing: [String]
    let returnNote: String?
    let returnedAt: String?
    let resubmittedAt: String?
    let decisionReason: String?
    let payouts: [Payout]
    let canReview: Bool
    let canReturn: Bool
    let canPay: Bool
    let canResubmit: Bool
    let resubmitFields: [Field]
    let reviewAction: String
    let payoutAction: String
    let resubmitAction: String
    let today: String
    let ceiling: String?
    var errors: [String] = []
    let csrf: String

    /// One application as `user` sees it, with the steps they may take now.
    static func load(
        _ a: ApplicationRow, item: PolicyItemRow, policy: PolicyRow, user: CurrentUser, tabs: [PolicyTab],
        csrf: String, db: Database
    ) async throws -> Self {
        let resource = Resource.application(
            zoneID: a.zoneId, departmentID: policy.departmentId, enterpriseID: a.enterpriseId)
        let canUpdate = Permissions.decide(user, .update, resource) == .allow
        let canCreate = Permissions.decide(user, .create, resource) == .allow
        let repo = ApplicationRepository(db: db.sql)
        let materials = try await repo.materials(applicationID: a.id)
        let mayDownload =
            Permissions.decide(
                user, .view,
                .applicationMaterials(zoneID: a.zoneId, departmentID: policy.departmentId, enterpriseID: a.enterpriseId)
            )
            == .allow
        let state = a.applicationState
        let enterprise = try await EnterpriseRepository(db: db.sql).names(ids: [a.enterpriseId], zoneID: a.zoneId)
        let money = ApplicationRoutes.money
        return ApplicationPage(
            tabs: tabs, id: a.id, enterprise: enterprise[a.enterpriseId] ?? "—", item: item.heading,
            itemHref: SiteURL.policyItem(item.id).path, policy: policy.citation, state: state.label,
            requested: money(a.requestedAmount), approved: a.approvedAmount.map { money($0) },
            note: a.note.nilIfEmpty, submittedAt: DisplayTime.format(a.submittedAt),
            materials: materials.map {
                .init(
                    name: $0.materialName, fileName: $0.fileName, size: ApplicationRoutes.size($0.sizeBytes),
                    href: mayDownload ? SiteURL.applicationMaterial(a.id, material: $0.id).path : nil,
                    uploadedAt: DisplayTime.format($0.uploadedAt))
            },
            listed: item.materials.map { m in
                .init(name: m.name, required: m.required, submitted: materials.contains { $0.materialName == m.name })
            },
            missing: a.missing, returnNote: a.returnNote?.nilIfEmpty,
            returnedAt: a.returnedAt.map { DisplayTime.format($0) },
            resubmittedAt: a.resubmittedAt.map { DisplayTime.format($0) }, decisionReason: a.decisionReason,
            payouts: try await repo.payouts(zoneID: a.zoneId, applicationID: a.id).map {
                .init(amount: money($0.amount), paidOn: $0.paidOn, voucher: $0.voucherNo)
            },
            canReview: canUpdate && state == .submitted,
            canReturn: canUpdate && state == .submitted && a.returnedAt == nil,
            canPay: canUpdate && state == .approved, canResubmit: canCreate && state == .returned,
            resubmitFields: a.missing.enumerated().map { .init(field: "m\($0)", name: $1) },
            reviewAction: SiteURL.applicationReview(a.id).path, payoutAction: SiteURL.applicationPayout(a.id).path,
            resubmitAction: SiteURL.applicationUpload(a.id).path, today: Clock.today.description,
            ceiling: item.ceiling.map { money($0) }, csrf: csrf)
    }
}

/// 免申即享: the item's eligible enterprises, to confirm payouts in bulk, 200 a page.
struct AutoGrantPage: Sendable {
    struct Row: Sendable {
        let enterpriseID: Int64
        let name: String
        let estimate: String
        let paid: Bool
    }
    let tabs: [PolicyTab]
    let heading: String
    let itemHref: String
    let policy: String
    let rows: [Row]
    let unpaidCount: Int
    let paging: PageLinks
    let action: String
    let today: String
    var errors: [String] = []
    let csrf: String

    static let pageSize = 200

    static func load(
        _ item: PolicyItemRow, policy: PolicyRow, pager: Pager, tabs: [PolicyTab], csrf: String, db: Database
    ) async throws -> Self {
        let policyRepo = PolicyRepository(db: db.sql)
        let paged = try await policyRepo.matches(itemID: item.id, pager: pager)
        let paid = try await ApplicationRepository(db: db.sql).paidEnterprises(itemID: item.id)
        let names = try await EnterpriseRepository(db: db.sql).names(
            ids: paged.rows.map(\.enterpriseId), zoneID: item.zoneId)
        return AutoGrantPage(
            tabs: tabs, heading: item.heading, itemHref: SiteURL.policyItem(item.id).path, policy: policy.citation,
            rows: paged.rows.map { m in
                Row(
                    enterpriseID: m.enterpriseId, name: names[m.enterpriseId] ?? "—",
                    estimate: ApplicationRoutes.money(
                        min(m.estimatedAmount ?? item.ceiling ?? 0, item.ceiling ?? .infinity)),
                    paid: paid.contains(m.enterpriseId))
            },
            unpaidCount: try await policyRepo.unpaidMatchCount(itemID: item.id),
            paging: paged.links(.policyItemAutoGrant(item.id)), action: SiteURL.policyItemAutoGrant(item.id).path,
            today: Clock.today.description, csrf: csrf)
    }
}

/// 政策兑现统计: counts and amounts by policy, department, year and enterprise.
struct PayoutTotalsPage: Sendable {
    struct Line: Sendable {
        let label: String
        let count: Int
        let amount: String
    }
    let tabs: [PolicyTab]
    let zone: String
    let scopeNote: String
    let totalLine: String
    let byPolicy: [Line]
    let byDepartment: [Line]
    let byYear: [Line]
    let byEnterprise: [Line]
    let exportHref = SiteURL.payoutTotals.path + "?format=csv"

    /// The zone's totals, or (`enterpriseID`) one enterprise's own.
    static func load(zoneID: Int64, zoneName: String, enterpriseID: Int64?, tabs: [PolicyTab], db: Database)
        async throws -> Self
    {
        let totals = try await PayoutTotals.load(db: db, zoneID: zoneID, enterpriseID: enterpriseID)
        func table(_ l: [PayoutTotals.Line]) -> [Line] {
            l.map { .init(label: $0.key, count: $0.count, amount: Wan.text($0.amount)) }
        }
        return PayoutTotalsPage(
            tabs: tabs, zone: zoneName,
            scopeNote: enterpriseID != nil ? "本企业获得的政策兑现" : "\(zoneName)全部政策兑现（含免申即享）",
            totalLine: totals.sentence, byPolicy: table(totals.byPolicy), byDepartment: table(totals.byDepartment),
            byYear: table(totals.byYear), byEnterprise: table(totals.byEnterprise))
    }
}
