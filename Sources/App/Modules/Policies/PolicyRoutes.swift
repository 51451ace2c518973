import Foundation
import GaoxinCore
import Hummingbird

/// The policy module's pages. Public, no login: the policies in force with search, each document
/// and item interpretation, and the spokesperson directory. Staff: the ledger (台账) with document
/// and item editing and the rule builder, and the enterprises each item fits with the notify
/// button. Enterprise users: the policies their enterprise can apply for, and their notices.
struct PolicyRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.policies).pattern, use: list)
        router.get(SiteURL.policySpokespersons.pattern, use: spokespersons)
        router.get(SiteURL.policyDocument(0).pattern, use: document)
        router.get(SiteURL.policyItem(0).pattern, use: item)
        router.get(SiteURL.policyLedger.pattern, use: ledger)
        router.get(SiteURL.policyDocumentNew.pattern, use: newDocument)
        router.post(SiteURL.policyDocumentNew.pattern, use: createDocument)
        router.get(SiteURL.policyDocumentEdit(0).pattern, use: editDocument)
        router.post(SiteURL.policyDocumentEdit(0).pattern, use: updateDocument)
        router.get(SiteURL.policyItemNew(policyID: 0).pattern, use: newItem)
        router.post(SiteURL.policyItemNew(policyID: 0).pattern, use: createItem)
        router.get(SiteURL.policyItemEdit(0).pattern, use: editItem)
        router.post(SiteURL.policyItemEdit(0).pattern, use: updateItem)
        router.get(SiteURL.policyItemEligible(0).pattern, use: eligible)
        router.post(SiteURL.policyItemNotify(0).pattern, use: notify)
        router.get(SiteURL.policyMine.pattern, use: mine)
        router.get(SiteURL.policyMatches(enterpriseID: 0).pattern, use: matches)
        router.get(SiteURL.policyNotices.pattern, use: notices)
        router.post(SiteURL.policyNoticesRead.pattern, use: readNotices)
    }

    // MARK: - Shared pieces

    /// Renders a page of the module, with the module's breadcrumbs.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.policies).path,
            breadcrumbs: [.init(title: "惠企政策", href: SiteURL.module(.policies).path)] + crumbs, status: status)
    }

    func tabs(_ context: AppRequestContext, current: SiteURL) async throws -> [PolicyTab] {
        var unread = 0
        if let user = context.identity, user.role == .enterpriseUser, let enterpriseID = user.enterpriseID {
            unread = try await PolicyRepository(db: db.sql).unreadCount(enterpriseID: enterpriseID)
        }
        return PolicyTab.tabs(for: context.identity, current: current, unread: unread)
    }

    /// Whose policies a list shows: a signed-in user's own zone (refused for roles without the
    /// module); the public and a platform admin without a zone may pick one (all by default).
    func listScope(_ request: Request, _ context: AppRequestContext) throws -> (scope: ZoneScope?, chooses: Bool) {
        if let user = context.identity, !(user.isPlatformAdmin && user.zoneID == nil) {
            guard let zoneID = user.zoneID else { throw PageError.zoneRequired }
            try context.authorize(.view, .module(.policies, zoneID: zoneID))
            return (.zone(zoneID), false)
        }
        return (nil, true)
    }

    func zoneOptions(_ zones: [ZoneRow], selected: String) -> [SelectOption] {
        [SelectOption(value: "", label: "全部园区", selected: selected.isEmpty)]
            + zones.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == selected) }
    }

    func departments(_ zoneID: Int64) async throws -> [Int64: DepartmentRow] {
        Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)).map {
                ($0.id, $0)
            })
    }

    /// "惠企政策发言人 张敏（副局长），电话 0757-86000101".
    static func spokesperson(_ department: DepartmentRow?) -> String? {
        guard let d = department, let name = d.spokespersonName else { return nil }
        let title = d.spokespersonTitle.map { "（\($0)）" } ?? ""
        return "惠企政策发言人 \(name)\(title)" + (d.spokespersonPhone.map { "，电话 \($0)" } ?? "")
    }

    /// Whether this visitor works the ledger of the document's zone (sees drafts, edits controls).
    static func isStaff(_ user: CurrentUser?, _ policy: PolicyRow) -> Bool {
        user.map {
            Permissions.decide($0, .view, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)) == .allow
        } ?? false
    }

    static func canEdit(_ user: CurrentUser?, _ policy: PolicyRow) -> Bool {
        user.map {
            Permissions.decide($0, .update, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)) == .allow
        } ?? false
    }

    static func line(_ item: PolicyItemRow, today: Day) -> PolicyItemLine {
        PolicyItemLine(
            heading: item.heading, href: SiteURL.policyItem(item.id).path, benefit: item.benefit.text,
            window: item.window(on: today).label, autoGrant: item.autoGrant)
    }

    static func day(_ text: String?) -> String { text ?? "—" }

    // MARK: - Public pages

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (ownScope, chooses) = try listScope(request, context)
        let q = request.uri.queryParameters
        let zones = try await ZoneRepository(db: db.sql).zones(scope: .allZones)
        let zoneCode = chooses ? (q.get("zone") ?? "") : ""
        let scope = ownScope ?? zones.first { $0.code == zoneCode }.map { ZoneScope.zone($0.id) } ?? .allZones
        let search = String((q.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(60))
        let openOnly = q.get("open") == "1"
        let today = Clock.today
        let repo = PolicyRepository(db: db.sql)
        let policies = try await repo.inForce(scope: scope, today: today, search: search)
        let items = Dictionary(grouping: try await repo.items(policyIDs: policies.map(\.id)), by: \.policyId)
        let zoneNames = Dictionary(uniqueKeysWithValues: zones.map { ($0.id, $0.name) })
        var departmentNames: [Int64: String] = [:]
        for zoneID in Set(policies.map(\.zoneId)) {
            for (id, d) in try await departments(zoneID) { departmentNames[id] = d.name }
        }
        var documents: [PolicyListPage.Document] = []
        for policy in policies {
            var lines = (items[policy.id] ?? []).map { ($0, $0.window(on: today)) }
            if openOnly { lines = lines.filter { $0.1.isOpen } }
            if openOnly, lines.isEmpty { continue }
            documents.append(
                .init(
                    title: policy.title, docNumber: policy.docNumber,
                    department: departmentNames[policy.departmentId] ?? "—",
                    zone: chooses ? zoneNames[policy.zoneId] : nil, effectiveOn: policy.effectiveOn,
                    expiresOn: policy.expiresOn ?? "长期有效",
                    href: SiteURL.policyDocument(policy.id).path, items: lines.map { Self.line($0.0, today: today) }))
        }
        let perPage = 20
        let page = max(1, Int(q.get("page") ?? "") ?? 1)
        let base: [(String, String)] = [("zone", zoneCode), ("q", search), ("open", openOnly ? "1" : "")]
        let model = PolicyListPage(
            tabs: try await tabs(context, current: .module(.policies)), search: search,
            searchNote: search.isEmpty ? nil : "（关键词“\(search)”）", zones: zoneOptions(zones, selected: zoneCode),
            showZones: chooses, openOnly: openOnly,
            documents: Array(documents.dropFirst((page - 1) * perPage).prefix(perPage)),
            total: documents.count,
            previousHref: page > 1 ? SiteURL.module(.policies).with(query: base + [("page", String(page - 1))]) : nil,
            nextHref: page * perPage < documents.count
                ? SiteURL.module(.policies).with(query: base + [("page", String(page + 1))]) : nil)
        return try await render("policies/index", page: model, context: context, title: "惠企政策")
    }

    @Sendable func spokespersons(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (ownScope, chooses) = try listScope(request, context)
        let zones = try await ZoneRepository(db: db.sql).zones(scope: .allZones)
        let zoneCode = chooses ? (request.uri.queryParameters.get("zone") ?? "") : ""
        let scope = ownScope ?? zones.first { $0.code == zoneCode }.map { ZoneScope.zone($0.id) } ?? .allZones
        let departments = Dictionary(
            grouping: try await ZoneRepository(db: db.sql).departments(scope: scope), by: \.zoneId)
        let model = SpokespersonsPage(
            tabs: try await tabs(context, current: .policySpokespersons),
            zones: zones.filter { scope.allows($0.id) }.compactMap { zone in
                let people = (departments[zone.id] ?? []).compactMap { d in
                    d.spokespersonName.map {
                        SpokespersonsPage.Person(
                            department: d.name, name: $0, title: d.spokespersonTitle ?? "—",
                            phone: d.spokespersonPhone ?? "—")
                    }
                }
                return people.isEmpty ? nil : .init(name: zone.name, people: people, count: people.count)
            },
            zoneOptions: zoneOptions(zones, selected: zoneCode), showZones: chooses)
        return try await render(
            "policies/spokespersons", page: model, context: context, title: "惠企政策发言人",
            crumbs: [.init(title: "惠企政策发言人", href: nil)])
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try request.id(context)
        let repo = PolicyRepository(db: db.sql)
        guard let policy = try await repo.policyAnyZone(id: id) else { throw PageError.notFound }
        let today = Clock.today
        let user = context.identity
        let staff = Self.isStaff(user, policy)
        // Drafts, expired and repealed policies stay in the ledger but leave the public pages.
        let validity = policy.validity(on: today)
        guard staff || validity == .inForce else { throw PageError.notFound }
        let canEdit = Self.canEdit(user, policy)
        let departments = try await departments(policy.zoneId)
        let counts = staff ? try await repo.eligibleCounts(zoneID: policy.zoneId) : [:]
        let items = try await repo.items(policyID: policy.id).map { item -> PolicyItemLine in
            var line = Self.line(item, today: today)
            if staff {
                line.eligibleCount = counts[item.id] ?? 0
                line.eligibleHref = SiteURL.policyItemEligible(item.id).path
                if canEdit { line.editHref = SiteURL.policyItemEdit(item.id).path }
            }
            return line
        }
        let model = PolicyDocumentPage(
            tabs: try await tabs(context, current: .policyDocument(id)), title: policy.title,
            docNumber: policy.docNumber,
            department: departments[policy.departmentId]?.name ?? "—",
            spokesperson: Self.spokesperson(departments[policy.departmentId]),
            zone: try await ZoneRepository(db: db.sql).zone(id: policy.zoneId)?.name ?? "",
            issuedOn: Self.day(policy.issuedOn),
            effectiveOn: policy.effectiveOn, expiresOn: policy.expiresOn ?? "长期有效", validity: validity.label,
            inForce: validity == .inForce,
            paragraphs: policy.fullText.components(separatedBy: .newlines).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty },
            items: items, staff: staff, editHref: canEdit ? SiteURL.policyDocumentEdit(id).path : nil,
            newItemHref: canEdit ? SiteURL.policyItemNew(policyID: id).path : nil, status: policy.policyStatus.label)
        var crumbs: [LayoutModel.Crumb] = staff ? [.init(title: "政策台账", href: SiteURL.policyLedger.path)] : []
        crumbs.append(.init(title: policy.title, href: nil))
        return try await render("policies/document", page: model, context: context, title: policy.title, crumbs: crumbs)
    }

    @Sendable func item(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try request.id(context)
        let repo = PolicyRepository(db: db.sql)
        guard let item = try await repo.item(id: id),
            let policy = try await repo.policy(id: item.policyId, zoneID: item.zoneId)
        else {
            throw PageError.notFound
        }
        let today = Clock.today
        let user = context.identity
        let staff = Self.isStaff(user, policy)
        let validity = policy.validity(on: today)
        guard staff || validity == .inForce else { throw PageError.notFound }
        let departments = try await departments(policy.zoneId)
        let eligibleCount = staff ? (try await repo.eligibleCounts(zoneID: policy.zoneId)[item.id] ?? 0) : nil
        var model = PolicyItemPage(
            tabs: try await tabs(context, current: .policyItem(id)), heading: item.heading,
            policyTitle: policy.citation,
            policyHref: SiteURL.policyDocument(policy.id).path,
            department: departments[policy.departmentId]?.name ?? "—",
            spokesperson: Self.spokesperson(departments[policy.departmentId]),
            zone: try await ZoneRepository(db: db.sql).zone(id: policy.zoneId)?.name ?? "",
            benefit: item.benefit.text, budget: item.budget.map(PolicyBenefit.money),
            window: item.window(on: today).label,
            autoGrant: item.autoGrant, content: item.content, audience: item.audience, period: item.applicablePeriod,
            conditions: item.conditions,
            materials: item.materials.enumerated().map { .init(number: $0 + 1, name: $1.name, required: $1.required) },
            ruleText: item.ruleText, validity: validity.label, inForce: validity == .inForce, staff: staff,
            editHref: Self.canEdit(user, policy) ? SiteURL.policyItemEdit(id).path : nil,
            eligibleHref: staff ? SiteURL.policyItemEligible(id).path : nil, eligibleCount: eligibleCount,
            ruleJSON: staff ? item.ruleValue?.jsonString(pretty: true) : nil,
            askHref: validity == .inForce && ConsultationRoutes.mayAsk(user, zoneID: policy.zoneId)
                ? SiteURL.policyItemAsk(id).path : nil,
            questions: try await ConsultationRepository(db: db.sql).published(itemID: item.id).map {
                ConsultationRoutes.qa($0, item: nil)
            })
        if let user, user.role == .enterpriseUser, user.enterpriseID != nil, user.zoneID == item.zoneId,
            validity == .inForce,
            !item.autoGrant, item.window(on: today).isOpen
        {
            model.applyHref = SiteURL.policyItemApply(item.id).path
        }
        if staff {
            let payouts = try await ApplicationRepository(db: db.sql).payouts(zoneID: item.zoneId, itemID: item.id)
            model.paidLine =
                "已兑现 \(payouts.reduce(0) { $0 + $1.cases }) 件、金额 \(Wan.text(payouts.reduce(0) { $0 + $1.amount })) 万元"
                + (item.budget.map { "（年度资金规模 \(Wan.text($0)) 万元）" } ?? "")
        }
        if let user, item.autoGrant,
            Permissions.decide(
                user, .update, .application(zoneID: item.zoneId, departmentID: policy.departmentId, enterpriseID: nil))
                == .allow
        {
            model.autoGrantHref = SiteURL.policyItemAutoGrant(item.id).path
        }
        return try await render(
            "policies/item", page: model, context: context, title: item.title,
            crumbs: [
                .init(title: policy.title, href: SiteURL.policyDocument(policy.id).path),
                .init(title: item.title, href: nil),
            ])
    }
}
