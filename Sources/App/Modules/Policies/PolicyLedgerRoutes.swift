import Foundation
import GaoxinCore
import Hummingbird

/// The ledger (台账) and document editing.
extension PolicyRoutes {
    @Sendable func ledger(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .policy(zoneID: zoneID, departmentID: nil))
        let q = request.uri.queryParameters
        let department = q.get("department") ?? ""
        let status = q.get("status") ?? ""
        let validity = q.get("validity") ?? ""
        let repo = PolicyRepository(db: db.sql)
        let today = Clock.today
        let departments = try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID))
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0.name) })
        let items = Dictionary(grouping: try await repo.items(zoneID: zoneID), by: \.policyId)
        let counts = try await repo.eligibleCounts(zoneID: zoneID)
        let shown = try await repo.policies(zoneID: zoneID).filter { p in
            (department.isEmpty || String(p.departmentId) == department) && (status.isEmpty || p.status == status)
                && (validity.isEmpty || p.validity(on: today).rawValue == validity)
        }
        let shownItems = shown.flatMap { items[$0.id] ?? [] }
        let model = PolicyLedgerPage(
            tabs: try await tabs(context, current: .policyLedger),
            rows: shown.map { p in
                let own = items[p.id] ?? []
                return .init(
                    title: p.title, docNumber: p.docNumber ?? "—", department: names[p.departmentId] ?? "—",
                    effectiveOn: p.effectiveOn,
                    expiresOn: p.expiresOn ?? "长期有效", status: p.policyStatus.label,
                    validity: p.validity(on: today).label,
                    itemCount: own.count, eligible: own.reduce(0) { $0 + (counts[$1.id] ?? 0) },
                    href: SiteURL.policyDocument(p.id).path)
            },
            departments: [SelectOption(value: "", label: "全部部门", selected: department.isEmpty)]
                + departments.map {
                    SelectOption(value: String($0.id), label: $0.name, selected: String($0.id) == department)
                },
            statuses: [SelectOption(value: "", label: "全部状态", selected: status.isEmpty)]
                + PolicyStatus.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == status)
                },
            validities: [SelectOption(value: "", label: "全部", selected: validity.isEmpty)]
                + PolicyValidity.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == validity)
                },
            total: shown.count, itemTotal: shownItems.count,
            budgetTotal: PolicyBenefit.money(shownItems.compactMap(\.budget).reduce(0, +)),
            canCreate: !issuingDepartments(user, departments).isEmpty)
        return try await render(
            "policies/ledger", page: model, context: context, title: "政策台账", crumbs: [.init(title: "政策台账", href: nil)])
    }

    /// The departments this user may issue policies for: all for the zone admin, their own for staff.
    func issuingDepartments(_ user: CurrentUser, _ departments: [DepartmentRow]) -> [DepartmentRow] {
        departments.filter {
            Permissions.decide(user, .create, .policy(zoneID: $0.zoneId, departmentID: $0.id)) == .allow
        }
    }

    func documentForm(_ form: PolicyDocumentForm, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await render(
            "policies/document-form", page: form, context: context, title: form.heading,
            crumbs: [.init(title: "政策台账", href: SiteURL.policyLedger.path), .init(title: form.heading, href: nil)],
            status: status)
    }

    @Sendable func newDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .policy(zoneID: zoneID, departmentID: nil))
        let allowed = issuingDepartments(user, try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)))
        guard !allowed.isEmpty else { throw PageError.forbidden }
        var form = PolicyDocumentForm()
        if allowed.count == 1 { form.departmentID = String(allowed[0].id) }
        form.effectiveOn = Clock.today.description
        form.choices(allowed: allowed)
        form.csrf = context.csrfToken
        return try await documentForm(form, context: context)
    }

    @Sendable func createDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .policy(zoneID: zoneID, departmentID: nil))
        let allowed = issuingDepartments(user, try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)))
        guard !allowed.isEmpty else { throw PageError.forbidden }
        var form = PolicyDocumentForm(try await FormData.from(request, context: context))
        form.csrf = context.csrfToken
        let now = Clock.nowSeconds()
        let blank = PolicyRow(
            id: 0, zoneId: zoneID, departmentId: 0, title: "", effectiveOn: "", fullText: "", status: "",
            createdAt: now, updatedAt: now)
        guard let row = form.validated(into: blank, allowed: allowed) else {
            form.choices(allowed: allowed)
            return try await documentForm(form, context: context, status: .badRequest)
        }
        let id = try await PolicyEditing(database: db, user: user).createDocument(row)
        return .redirect(
            to: SiteURL.policyDocument(id), flash: Flash(kind: .success, message: "已新建政策《\(row.title)》。下一步：添加条款。"))
    }

    /// The document for editing, refused unless this user may edit it.
    private func editable(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, PolicyRow, [DepartmentRow]
    ) {
        let (user, zoneID) = try context.requireZone()
        let id = try request.id(context)
        guard let policy = try await PolicyRepository(db: db.sql).policy(id: id, zoneID: zoneID) else {
            throw PageError.notFound
        }
        try context.authorize(.update, .policy(zoneID: zoneID, departmentID: policy.departmentId))
        let allowed = issuingDepartments(user, try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)))
        return (user, policy, allowed)
    }

    @Sendable func editDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, policy, allowed) = try await editable(request, context)
        var form = PolicyDocumentForm(policy)
        form.heading = "修改政策"
        form.action = SiteURL.policyDocumentEdit(policy.id).path
        form.cancelHref = SiteURL.policyDocument(policy.id).path
        form.choices(allowed: allowed)
        form.csrf = context.csrfToken
        return try await documentForm(form, context: context)
    }

    @Sendable func updateDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, policy, allowed) = try await editable(request, context)
        var form = PolicyDocumentForm(try await FormData.from(request, context: context))
        form.heading = "修改政策"
        form.action = SiteURL.policyDocumentEdit(policy.id).path
        form.cancelHref = SiteURL.policyDocument(policy.id).path
        form.csrf = context.csrfToken
        var base = policy
        base.updatedAt = Clock.nowSeconds()
        guard let row = form.validated(into: base, allowed: allowed) else {
            form.choices(allowed: allowed)
            return try await documentForm(form, context: context, status: .badRequest)
        }
        let summary = try await db.transaction { db in
            let repo = PolicyRepository(db: db)
            try await repo.update(row)
            try await AuditLog.record(
                zoneID: row.zoneId, actor: user, entity: "policy", id: row.id, action: "update", before: policy,
                after: row, on: db)
            // Status and dates decide whether the items are in force: match them again.
            let items = try await repo.items(policyID: row.id).map(\.id)
            return items.isEmpty
                ? nil : try await PolicyMatching(db: db).run(zoneID: row.zoneId, trigger: "修改政策", actor: user)
        }
        let matched = summary.map { "，\($0.items) 个现行条款共匹配 \($0.eligible) 家次企业" } ?? ""
        return .redirect(
            to: SiteURL.policyDocument(row.id), flash: Flash(kind: .success, message: "已保存政策《\(row.title)》\(matched)。"))
    }
}
