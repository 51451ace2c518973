import Foundation
import GaoxinCore
import Hummingbird

/// Item (条款) creation and editing with the rule builder.
extension PolicyRoutes {
    func itemForm(
        _ form: PolicyItemForm, policy: PolicyRow, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var form = form
        form.prepareView()
        form.policyTitle = policy.citation
        form.csrf = context.csrfToken
        return try await render(
            "policies/item-form", page: form, context: context, title: form.heading,
            crumbs: [
                .init(title: policy.title, href: SiteURL.policyDocument(policy.id).path),
                .init(title: form.heading, href: nil),
            ],
            status: status)
    }

    /// The document of a new item, refused unless this user may edit it.
    private func editablePolicy(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, PolicyRow
    ) {
        let (user, zoneID) = try context.requireZone()
        guard let policy = try await PolicyRepository(db: db.sql).policy(id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(.update, .policy(zoneID: zoneID, departmentID: policy.departmentId))
        return (user, policy)
    }

    /// An item and its document, refused unless this user may edit them.
    private func editableItem(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, PolicyRow, PolicyItemRow
    ) {
        let (user, zoneID) = try context.requireZone()
        let repo = PolicyRepository(db: db.sql)
        guard let item = try await repo.item(id: try request.id(context), zoneID: zoneID),
            let policy = try await repo.policy(id: item.policyId, zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(.update, .policy(zoneID: zoneID, departmentID: policy.departmentId))
        return (user, policy, item)
    }

    @Sendable func newItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, policy) = try await editablePolicy(request, context)
        var form = PolicyItemForm()
        form.action = SiteURL.policyItemNew(policyID: policy.id).path
        form.cancelHref = SiteURL.policyDocument(policy.id).path
        form.period = "自 \(policy.effectiveOn) 起" + (policy.expiresOn.map { "至 \($0) 止" } ?? "长期有效")
        return try await itemForm(form, policy: policy, context: context)
    }

    @Sendable func createItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, policy) = try await editablePolicy(request, context)
        let posted = try await FormData.from(request, context: context)
        var form = PolicyItemForm(posted)
        form.action = SiteURL.policyItemNew(policyID: policy.id).path
        form.cancelHref = SiteURL.policyDocument(policy.id).path
        if form.apply(action: posted["action"]) { return try await itemForm(form, policy: policy, context: context) }
        let now = Clock.nowSeconds()
        let blank = PolicyItemRow(
            id: 0, zoneId: policy.zoneId, policyId: policy.id, position: 0, title: "", benefitKind: "", ruleJson: "",
            autoGrant: false,
            content: "", audience: "", applicablePeriod: "", conditions: "", materialsJson: "[]", createdAt: now,
            updatedAt: now)
        guard let row = form.validated(into: blank) else {
            return try await itemForm(form, policy: policy, context: context, status: .badRequest)
        }
        let saved = try await PolicyService(database: db, user: user).createItem(row, policy: policy)
        return .redirect(
            to: SiteURL.policyItem(saved.id),
            flash: Flash(
                kind: .success,
                message: Self.savedMessage(row, policy: policy, summary: (saved.enterprises, saved.eligible))))
    }

    @Sendable func editItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, policy, item) = try await editableItem(request, context)
        var form = PolicyItemForm(item)
        form.heading = "修改条款"
        form.action = SiteURL.policyItemEdit(item.id).path
        form.cancelHref = SiteURL.policyItem(item.id).path
        return try await itemForm(form, policy: policy, context: context)
    }

    @Sendable func updateItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, policy, item) = try await editableItem(request, context)
        let posted = try await FormData.from(request, context: context)
        var form = PolicyItemForm(posted)
        form.heading = "修改条款"
        form.action = SiteURL.policyItemEdit(item.id).path
        form.cancelHref = SiteURL.policyItem(item.id).path
        if form.apply(action: posted["action"]) { return try await itemForm(form, policy: policy, context: context) }
        var base = item
        base.updatedAt = Clock.nowSeconds()
        guard let row = form.validated(into: base) else {
            return try await itemForm(form, policy: policy, context: context, status: .badRequest)
        }
        let summary = try await PolicyService(database: db, user: user).updateItem(row, before: item)
        return .redirect(
            to: SiteURL.policyItem(row.id),
            flash: Flash(kind: .success, message: Self.savedMessage(row, policy: policy, summary: summary)))
    }

    static func savedMessage(_ row: PolicyItemRow, policy: PolicyRow, summary: (enterprises: Int, eligible: Int))
        -> String
    {
        let validity = policy.validity(on: Clock.today)
        let matched =
            validity == .inForce
            ? "已匹配本园区 \(summary.enterprises) 家企业，符合条件 \(summary.eligible) 家。"
            : "政策当前为“\(validity.label)”，生效后才会匹配企业。"
        return "已保存条款“\(row.title)”。\(matched)"
    }
}
