import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The policy operations of `/api/v1`: the same rows and the same `Permissions` as the pages.
extension APIHandler {
    /// The caller's zone (nil for a platform admin: every zone), refused for roles without the module.
    private func policyScope(_ user: CurrentUser) throws -> ZoneScope {
        let scope = ZoneScope(user)
        if case .zone(let zoneID) = scope {
            try APIError.check(Permissions.decide(user, .view, .module(.policies, zoneID: zoneID)))
        }
        return scope
    }

    func listPolicies(_ input: Operations.ListPolicies.Input) async throws -> Operations.ListPolicies.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let raw = input.query.q ?? ""
        if raw.textLength > 60 { throw APIError.validation([.init(field: "q", message: "关键词不能超过 60 个字符")]) }
        let search = raw.trimmingCharacters(in: .whitespaces)
        let scope = try policyScope(user)
        let today = Clock.today
        // Every caller of a zone gets the same list: without search words it is kept while no policy
        // table has moved (`VersionedCache`; the version is read before the rows).
        let key = PolicyListKey(scope: scope, page: pager.page, perPage: pager.size)
        let version = search.isEmpty ? try await PublicPageRepository(db: db).version() : nil
        if let version, let kept = services.policyLists.value(for: key, day: today, version: version) {
            return .ok(.init(body: .json(kept)))
        }
        let repo = PolicyRepository(db: db)
        let paged = try await repo.inForce(scope: scope, today: today, search: search, pager: pager)
        let items = Dictionary(grouping: try await repo.items(policyIDs: paged.rows.map(\.id)), by: \.policyId)
        let departments = try await ZoneRepository(db: db).departmentNames(ids: paged.rows.map(\.departmentId))
        let body = paged.rows.map { p in
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
        let list = Components.Schemas.PolicyPage(items: body, page: pager.page, perPage: pager.size, total: paged.total)
        if let version, !body.isEmpty {
            let rows = body.reduce(0) { $0 + 1 + $1.items.count }
            services.policyLists.keep(list, cost: rows, for: key, day: today, version: version)
        }
        return .ok(.init(body: .json(list)))
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
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let repo = PolicyRepository(db: db)
        guard let item = try await repo.item(id: input.path.itemId),
            let policy = try await repo.policy(id: item.policyId, zoneID: item.zoneId)
        else { throw APIError.notFound }
        try APIError.check(
            Permissions.decide(user, .view, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)))
        let today = Clock.today
        let paged =
            policy.validity(on: today) == .inForce
            ? try await repo.matches(itemID: item.id, pager: pager) : Paged(rows: [], total: 0, pager: pager)
        let ids = paged.rows.map(\.enterpriseId)
        let names = try await EnterpriseRepository(db: db).names(ids: ids, zoneID: policy.zoneId)
        let reasons = try await PolicyMatching(db: db).explain(
            item: item, enterpriseIDs: ids, zoneID: policy.zoneId, today: today)
        let items = paged.rows.map {
            Self.match(
                $0, enterprise: names[$0.enterpriseId] ?? "", item: item, policy: policy,
                reasons: reasons[$0.enterpriseId] ?? [], today: today)
        }
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }

    /// What the caller's enterprise can still apply for: policies in force, windows not closed,
    /// largest estimate first.
    func listMyPolicyMatches(_ input: Operations.ListMyPolicyMatches.Input) async throws
        -> Operations.ListMyPolicyMatches.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID, let enterpriseID = EnterpriseDesk.enterprise(of: user, zoneID: zoneID)
        else {
            throw APIError.forbidden
        }
        guard let enterprise = try await EnterpriseRepository(db: db).find(id: enterpriseID, zoneID: zoneID) else {
            throw APIError.notFound
        }
        let repo = PolicyRepository(db: db)
        let today = Clock.today
        let paged = try await repo.openMatches(enterpriseID: enterpriseID, zoneID: zoneID, today: today, pager: pager)
        let items = Dictionary(
            uniqueKeysWithValues: try await repo.items(ids: paged.rows.map(\.itemId)).map { ($0.id, $0) })
        var policies: [Int64: PolicyRow] = [:]
        for policyID in Set(items.values.map(\.policyId)) {
            policies[policyID] = try await repo.policy(id: policyID, zoneID: zoneID)
        }
        let explained = try await PolicyMatching(db: db).explain(
            enterpriseID: enterpriseID, zoneID: zoneID, today: today
        ).outcomes
        let body = paged.rows.compactMap { m -> Components.Schemas.PolicyMatch? in
            guard let item = items[m.itemId], let policy = policies[item.policyId] else { return nil }
            return Self.match(
                m, enterprise: enterprise.name, item: item, policy: policy, reasons: explained[item.id]?.reasons ?? [],
                today: today)
        }
        return .ok(.init(body: .json(.init(items: body, page: pager.page, perPage: pager.size, total: paged.total))))
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

/// A page of the API's policy list as every caller with this scope sees it (no search words).
struct PolicyListKey: Hashable, Sendable {
    let scope: ZoneScope
    let page: Int
    let perPage: Int
}
