import Foundation
import GaoxinCore
import Hummingbird

/// The ledger (台账) and document editing.
extension PolicyRoutes {
    @Sendable func ledger(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .policy(zoneID: zoneID, departmentID: nil))
        let q = request.uri.queryParameters
        let tabs = try await tabs(context, current: .policyLedger)
        let load = { (pager: Pager) in
            try await PolicyLedgerPage.load(
                zoneID: zoneID,
                filter: .init(
                    department: q.get("department") ?? "", status: q.get("status") ?? "",
                    validity: q.get("validity") ?? ""),
                user: user, pager: pager, tabs: tabs, db: db)
        }
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "policy-ledger", title: "政策台账",
                headers: ["政策名称", "文号", "发布部门", "生效日期", "失效日期", "台账状态", "效力", "条款数", "符合条件（家次）"],
                load: {
                    let m = try await load($0)
                    return (m.rows, m.total)
                },
                cells: {
                    [
                        $0.title, $0.docNumber, $0.department, $0.effectiveOn, $0.expiresOn, $0.status, $0.validity,
                        String($0.itemCount), String($0.eligible),
                    ]
                })
        }
        var model = try await load(try Pager(query: q.get("page"), size: PolicyLedgerPage.pageSize))
        model.exportHref = ListExport.href(request)
        return try await render(
            "policies/ledger", page: model, context: context, title: "政策台账", crumbs: [.init(title: "政策台账", href: nil)])
    }

    /// The departments this user may issue policies for: all for the zone admin, their own for staff.
    static func issuingDepartments(_ user: CurrentUser, _ departments: [DepartmentRow]) -> [DepartmentRow] {
        departments.filter {
            Permissions.decide(user, .create, .policy(zoneID: $0.zoneId, departmentID: $0.id)) == .allow
        }
    }

    func issuingDepartments(_ user: CurrentUser, zoneID: Int64) async throws -> [DepartmentRow] {
        Self.issuingDepartments(user, try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)))
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
        let allowed = try await issuingDepartments(user, zoneID: zoneID)
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
        let allowed = try await issuingDepartments(user, zoneID: zoneID)
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
        let id = try await PolicyService(database: db, user: user).createDocument(row)
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
        let allowed = try await issuingDepartments(user, zoneID: zoneID)
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
        let summary = try await PolicyService(database: db, user: user).updateDocument(row, before: policy)
        let matched = summary.map { "，\($0.items) 个现行条款共匹配 \($0.eligible) 家次企业" } ?? ""
        return .redirect(
            to: SiteURL.policyDocument(row.id), flash: Flash(kind: .success, message: "已保存政策《\(row.title)》\(matched)。"))
    }
}
