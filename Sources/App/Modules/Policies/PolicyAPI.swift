import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The policy operations of `/api/v1`: the same rows and the same `Permissions` as the pages.
extension APIHandler {
    /// The caller's zone (nil for a platform admin: every zone), refused for roles without the module.
    private func policyScope(_ user: CurrentUser) throws -> ZoneScope {
        if user.isPlatformAdmin { return .allZones }
        let zoneID = user.homeZoneID ?? -1
        try APIError.check(Permissions.decide(user, .view, .module(.policies, zoneID: zoneID)))
        return .zone(zoneID)
    }

    func listPolicies(_ input: Operations.ListPolicies.Input) async throws -> Operations.ListPolicies.Output {
        let user = try APICaller.require()
        let (page, perPage) = try Self.paging(input.query.page, input.query.perPage)
        let search = (input.query.q ?? "").trimmingCharacters(in: .whitespaces)
        if search.count > 60 { throw APIError.validation([.init(field: "q", message: "关键词不能超过 60 个字符")]) }
        let scope = try policyScope(user)
        let today = Clock.today
        let repo = PolicyRepository(db: db)
        let all = try await repo.inForce(scope: scope, today: today, search: search)
        let shown = Array(all.dropFirst((page - 1) * perPage).prefix(perPage))
        let items = Dictionary(grouping: try await repo.items(policyIDs: shown.map(\.id)), by: \.policyId)
        var departments: [Int64: String] = [:]
        for zoneID in Set(shown.map(\.zoneId)) {
            for d in try await ZoneRepository(db: db).departments(scope: .zone(zoneID)) { departments[d.id] = d.name }
        }
        let body = shown.map { p in
            Components.Schemas.Policy(
                id: p.id, zoneId: p.zoneId, title: p.title, docNumber: p.docNumber,
                department: departments[p.departmentId] ?? "",
                issuedOn: p.issuedOn, effectiveOn: p.effectiveOn, expiresOn: p.expiresOn,
                validity: p.validity(on: today).label,
                items: (items[p.id] ?? []).map { i in
                    .init(
                        id: i.id, code: i.code, title: i.title, benefit: i.benefit.text, windowFrom: i.windowFrom,
                        windowTo: i.windowTo,
                        window: i.window(on: today).label, autoGrant: i.autoGrant)
                })
        }
        return .ok(.init(body: .json(.init(items: body, page: page, perPage: perPage, total: all.count))))
    }

    func getPolicyItem(_ input: Operations.GetPolicyItem.Input) async throws -> Operations.GetPolicyItem.Output {
        let user = try APICaller.require()
        let scope = try policyScope(user)
        let repo = PolicyRepository(db: db)
        guard let item = try await repo.item(id: input.path.itemId), scope.allows(item.zoneId),
            let policy = try await repo.policy(id: item.policyId, zoneID: item.zoneId)
        else { throw APIError.notFound }
        let today = Clock.today
        // Outside the ledger's staff, only items of policies in force exist.
        let staff =
            Permissions.decide(user, .view, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)) == .allow
        guard staff || policy.validity(on: today) == .inForce else { throw APIError.notFound }
        return .ok(.init(body: .json(try await itemBody(item, policy: policy, today: today))))
    }

    /// An item as the API shows it, with its document's department and spokesperson.
    func itemBody(_ item: PolicyItemRow, policy: PolicyRow, today: Day) async throws -> Components.Schemas.PolicyItem {
        let department = try await ZoneRepository(db: db).department(id: policy.departmentId, zoneID: policy.zoneId)
        return
            (.init(
                id: item.id, policyId: policy.id, zoneId: item.zoneId, policyTitle: policy.title,
                docNumber: policy.docNumber,
                department: department?.name ?? "", spokesperson: PolicyRoutes.spokesperson(department),
                code: item.code, title: item.title,
                benefitKind: Components.Schemas.PolicyItem.BenefitKindPayload(rawValue: item.benefitKind) ?? .none,
                benefit: item.benefit.text, benefitAmount: item.benefitAmount,
                benefitFormula: item.benefitFormula, benefitCap: item.benefitCap, budget: item.budget,
                windowFrom: item.windowFrom,
                windowTo: item.windowTo, window: item.window(on: today).label, autoGrant: item.autoGrant,
                content: item.content,
                audience: item.audience, applicablePeriod: item.applicablePeriod, conditions: item.conditions,
                materials: item.materials.map { .init(name: $0.name, required: $0.required) }, rule: item.ruleJson,
                ruleText: item.ruleText,
                validity: policy.validity(on: today).label))
    }

    func listPolicyItemMatches(_ input: Operations.ListPolicyItemMatches.Input) async throws
        -> Operations.ListPolicyItemMatches.Output
    {
        let user = try APICaller.require()
        let (page, perPage) = try Self.paging(input.query.page, input.query.perPage)
        let repo = PolicyRepository(db: db)
        guard let item = try await repo.item(id: input.path.itemId),
            let policy = try await repo.policy(id: item.policyId, zoneID: item.zoneId)
        else { throw APIError.notFound }
        try APIError.check(
            Permissions.decide(user, .view, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)))
        let today = Clock.today
        let matches = policy.validity(on: today) == .inForce ? try await repo.matches(itemID: item.id) : []
        let shown = Array(matches.dropFirst((page - 1) * perPage).prefix(perPage))
        let names = try await EnterpriseRepository(db: db).names(ids: shown.map(\.enterpriseId), zoneID: policy.zoneId)
        let reasons = try await PolicyMatching(db: db).explain(
            item: item, enterpriseIDs: shown.map(\.enterpriseId), zoneID: policy.zoneId, today: today)
        let items = shown.map {
            Self.match(
                $0, enterprise: names[$0.enterpriseId] ?? "", item: item, policy: policy,
                reasons: reasons[$0.enterpriseId] ?? [], today: today)
        }
        return .ok(.init(body: .json(.init(items: items, page: page, perPage: perPage, total: matches.count))))
    }

    func listMyPolicyMatches(_ input: Operations.ListMyPolicyMatches.Input) async throws
        -> Operations.ListMyPolicyMatches.Output
    {
        let user = try APICaller.require()
        let (page, perPage) = try Self.paging(input.query.page, input.query.perPage)
        guard user.role == .enterpriseUser, let enterpriseID = user.enterpriseID, let zoneID = user.homeZoneID else {
            throw APIError.forbidden
        }
        guard let enterprise = try await EnterpriseRepository(db: db).find(id: enterpriseID, zoneID: zoneID) else {
            throw APIError.notFound
        }
        let repo = PolicyRepository(db: db)
        let today = Clock.today
        let policies = Dictionary(
            uniqueKeysWithValues: try await repo.policies(zoneID: zoneID).filter { $0.validity(on: today) == .inForce }
                .map { ($0.id, $0) })
        let stored = try await repo.matches(enterpriseID: enterpriseID)
        let items = Dictionary(
            uniqueKeysWithValues: try await repo.items(ids: stored.map(\.itemId)).map { ($0.id, $0) })
        // What the enterprise can still apply for: policies in force, windows not closed; largest first.
        let open = stored.compactMap { m -> (PolicyMatchRow, PolicyItemRow, PolicyRow)? in
            guard let item = items[m.itemId], let policy = policies[item.policyId],
                item.window(on: today).isOpenOrUpcoming
            else { return nil }
            return (m, item, policy)
        }.sorted { ($0.0.estimatedAmount ?? 0) > ($1.0.estimatedAmount ?? 0) }
        let shown = open.dropFirst((page - 1) * perPage).prefix(perPage)
        let explained = try await PolicyMatching(db: db).explain(
            enterpriseID: enterpriseID, zoneID: zoneID, today: today
        ).outcomes
        let body = shown.map {
            Self.match(
                $0.0, enterprise: enterprise.name, item: $0.1, policy: $0.2, reasons: explained[$0.1.id]?.reasons ?? [],
                today: today)
        }
        return .ok(.init(body: .json(.init(items: body, page: page, perPage: perPage, total: open.count))))
    }

    static func match(
        _ m: PolicyMatchRow, enterprise: String, item: PolicyItemRow, policy: PolicyRow, reasons: [String], today: Day
    ) -> Components.Schemas.PolicyMatch {
        .init(
            enterpriseId: m.enterpriseId, enterpriseName: enterprise, itemId: item.id, itemTitle: item.heading,
            policyId: policy.id,
            policyTitle: policy.title, eligible: true, estimatedAmount: m.estimatedAmount, reasons: reasons,
            window: item.window(on: today).label, autoGrant: item.autoGrant, factsYear: m.factsYear,
            computedAt: Date(timeIntervalSince1970: TimeInterval(m.computedAt)))
    }
}
