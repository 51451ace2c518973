import Foundation
import GaoxinCore
import OpenAPIRuntime

/// Writing the policy ledger through `/api/v1`: the same forms' checks, `Permissions` and
/// `PolicyService` as the pages, with the form's field errors as a 400 problem.
extension APIHandler {
    func createPolicy(_ input: Operations.CreatePolicy.Input) async throws -> Operations.CreatePolicy.Output {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .policy(zoneID: zoneID, departmentID: nil)))
        let allowed = PolicyRoutes.issuingDepartments(
            user, try await ZoneRepository(db: db).departments(scope: .zone(zoneID)))
        guard !allowed.isEmpty else { throw APIError.forbidden }
        try Self.checkDates([
            ("issuedOn", body.issuedOn), ("effectiveOn", body.effectiveOn), ("expiresOn", body.expiresOn),
        ])
        var form = PolicyDocumentForm()
        form.title = body.title.trimmed
        form.docNumber = (body.docNumber ?? "").trimmed
        form.departmentID = String(body.departmentId)
        form.issuedOn = body.issuedOn ?? ""
        form.effectiveOn = body.effectiveOn
        form.expiresOn = body.expiresOn ?? ""
        form.status = body.status.rawValue
        form.fullText = body.fullText.trimmed
        let now = Clock.nowSeconds()
        let blank = PolicyRow(
            id: 0, zoneId: zoneID, departmentId: 0, title: "", effectiveOn: "", fullText: "", status: "",
            createdAt: now, updatedAt: now)
        guard let row = form.validated(into: blank, allowed: allowed) else {
            throw APIError.validation(form.errors, rename: Self.documentFields)
        }
        let id = try await PolicyService(database: services.database, user: user).createDocument(row)
        return .created(
            .init(body: .json(.init(id: id, title: row.title, validity: row.validity(on: Clock.today).label))))
    }

    func createPolicyItem(_ input: Operations.CreatePolicyItem.Input) async throws -> Operations.CreatePolicyItem.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let policy = try await editablePolicy(input.path.policyId, user: user)
        let now = Clock.nowSeconds()
        let blank = PolicyItemRow(
            id: 0, zoneId: policy.zoneId, policyId: policy.id, position: 0, title: "", benefitKind: "", ruleJson: "",
            autoGrant: false,
            content: "", audience: "", applicablePeriod: "", conditions: "", materialsJson: "[]", createdAt: now,
            updatedAt: now)
        let row = try Self.validatedItem(body, into: blank)
        let saved = try await PolicyService(database: services.database, user: user).createItem(row, policy: policy)
        guard let item = try await PolicyRepository(db: db).item(id: saved.id) else { throw APIError.notFound }
        return .created(.init(body: .json(try await itemBody(item, policy: policy, today: Clock.today))))
    }

    func updatePolicyItem(_ input: Operations.UpdatePolicyItem.Input) async throws -> Operations.UpdatePolicyItem.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let repo = PolicyRepository(db: db)
        guard let item = try await repo.item(id: input.path.itemId) else { throw APIError.notFound }
        let policy = try await editablePolicy(item.policyId, user: user)
        var base = item
        base.updatedAt = Clock.nowSeconds()
        let row = try Self.validatedItem(body, into: base)
        _ = try await PolicyService(database: services.database, user: user).updateItem(row, before: item)
        guard let saved = try await repo.item(id: item.id) else { throw APIError.notFound }
        return .ok(.init(body: .json(try await itemBody(saved, policy: policy, today: Clock.today))))
    }

    func notifyPolicyItem(_ input: Operations.NotifyPolicyItem.Input) async throws -> Operations.NotifyPolicyItem.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let repo = PolicyRepository(db: db)
        guard let item = try await repo.item(id: input.path.itemId) else { throw APIError.notFound }
        let policy = try await editablePolicy(item.policyId, user: user)
        switch (body.enterpriseId, body.all) {
        case (nil, true?), (_?, nil), (_?, false?): break
        default:
            throw APIError.validation([
                .init(field: "enterpriseId", message: "请指定一家企业（enterpriseId），或设置 all 为 true 通知全部尚未通知的企业")
            ])
        }
        do {
            let told = try await PolicyService(database: services.database, user: user).notify(
                item: item, policy: policy, enterpriseID: body.enterpriseId)
            return .ok(.init(body: .json(.init(notified: told.count))))
        } catch let refusal as Refusal {
            throw APIError.validation(refusal.errors, rename: ["enterprise_id": "enterpriseId"])
        }
    }

    /// A document of the caller's zone that the caller may edit (403 for read-only staff, 404 otherwise).
    private func editablePolicy(_ id: Int64, user: CurrentUser) async throws -> PolicyRow {
        guard let policy = try await PolicyRepository(db: db).policyAnyZone(id: id),
            ZoneScope(user).allows(policy.zoneId)
        else { throw APIError.notFound }
        try APIError.check(
            Permissions.decide(user, .view, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)))
        try APIError.check(
            Permissions.decide(user, .update, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)))
        return policy
    }

    /// The item form's checks on a JSON body (the rule given as JSONLogic text).
    private static func validatedItem(_ body: Components.Schemas.PolicyItemInput, into base: PolicyItemRow) throws
        -> PolicyItemRow
    {
        try checkDates([("windowFrom", body.windowFrom), ("windowTo", body.windowTo)])
        var form = PolicyItemForm()
        form.title = body.title.trimmed
        form.code = (body.code ?? "").trimmed
        form.benefitKind = body.benefitKind.rawValue
        form.benefitAmount = body.benefitAmount.map(PolicyBenefit.plain) ?? ""
        form.formulaJSON = (body.benefitFormula ?? "").trimmed
        form.benefitCap = body.benefitCap.map(PolicyBenefit.plain) ?? ""
        form.budget = body.budget.map(PolicyBenefit.plain) ?? ""
        form.windowFrom = body.windowFrom ?? ""
        form.windowTo = body.windowTo ?? ""
        form.autoGrant = body.autoGrant ?? false
        form.content = body.content.trimmed
        form.audience = body.audience.trimmed
        form.period = body.applicablePeriod.trimmed
        form.conditions = body.conditions.trimmed
        form.materials = (body.materials ?? []).map { PolicyMaterial(name: $0.name.trimmed, required: $0.required) }
        form.ruleMode = "json"
        form.ruleJSON = body.rule.trimmed
        guard let row = form.validated(into: base) else { throw APIError.validation(form.errors, rename: itemFields) }
        return row
    }

    /// A date field that is present must be a real YYYY-MM-DD day (the forms read "" as "not given";
    /// the API's schema says `format: date`, so "" is refused there).
    static func checkDates(_ fields: [(String, String?)]) throws {
        let bad = fields.compactMap { name, value in
            value.flatMap {
                Day($0) == nil ? APIError.FieldError(field: name, message: "日期格式应为 YYYY-MM-DD（\($0)）") : nil
            }
        }
        if !bad.isEmpty { throw APIError.validation(bad) }
    }

    private static let itemFields = ["benefit": "benefitAmount", "window": "windowTo", "period": "applicablePeriod"]
    private static let documentFields = [
        "doc_number": "docNumber", "department_id": "departmentId", "issued_on": "issuedOn",
        "effective_on": "effectiveOn", "expires_on": "expiresOn", "full_text": "fullText",
    ]
}
