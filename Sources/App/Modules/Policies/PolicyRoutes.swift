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
        PageRenderer.response(
            try await html(template, page: page, context: context, title: title, crumbs: crumbs), status: status)
    }

    /// A page of the module as HTML (the public pages keep it, see `publicPages`).
    func html(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = []
    ) async throws -> ByteBuffer {
        try await services.html(
            template, page: page, context: context, title: title, path: SiteURL.module(.policies).path,
            breadcrumbs: [.init(title: "惠企政策", href: SiteURL.module(.policies).path)] + crumbs)
    }

    func tabs(_ context: AppRequestContext, current: SiteURL) async throws -> [PolicyTab] {
        try await PolicyTab.load(for: context.identity, current: current, db: db)
    }

    /// Whose policies a list shows: a signed-in user's own zone (refused for roles without the
    /// module); the public and a platform admin without a zone may pick one (all by default).
    func listScope(_ request: Request, _ context: AppRequestContext) throws -> (scope: ZoneScope?, chooses: Bool) {
        if let user = context.identity, ZoneScope(user) != .allZones {
            guard let zoneID = user.zoneID else { throw PageError.zoneRequired }
            try context.authorize(.view, .module(.policies, zoneID: zoneID))
            return (.zone(zoneID), false)
        }
        return (nil, true)
    }

    func zoneOptions(_ zones: [ZoneRow], selected: String) -> [SelectOption] {
        Self.zoneChoices(zones, selected: selected)
    }

    /// The zone picker of the public lists: every zone, or all of them ("").
    static func zoneChoices(_ zones: [ZoneRow], selected: String) -> [SelectOption] {
        [SelectOption(value: "", label: "全部园区", selected: selected.isEmpty)]
            + zones.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == selected) }
    }

    /// The name of the zone a row belongs to: the zone worked in when it is that one (read once per
    /// request), else read (the public pages show any zone's policies).
    func zoneName(_ zoneID: Int64, _ context: AppRequestContext) async throws -> String {
        if let zone = context.zone, zone.id == zoneID { return zone.name }
        return try await ZoneRepository(db: db.sql).zone(id: zoneID)?.name ?? ""
    }

    func departments(_ zoneID: Int64) async throws -> [Int64: DepartmentRow] {
        Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)).map {
                ($0.id, $0)
            })
    }

    /// "惠企政策发言人 张敏（副局长），电话 0757-86000101".
    static func spokesperson(_ department: DepartmentRow?) -> String? {
        guard let d = department, let name = d.shownSpokespersonName else { return nil }
        let title = d.spokespersonTitle.map { "（\($0)）" } ?? ""
        return "惠企政策发言人 \(name)\(title)" + (d.spokespersonPhone.map { "，电话 \($0)" } ?? "")
    }

    /// Whether this visitor works the ledger of the document's zone (sees drafts, edits controls).
    static func worksLedger(_ user: CurrentUser?, _ policy: PolicyRow) -> Bool {
        Permissions.decide(user, .view, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)) == .allow
    }

    static func canEdit(_ user: CurrentUser?, _ policy: PolicyRow) -> Bool {
        Permissions.decide(user, .update, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId)) == .allow
    }

    /// Drafts, expired and repealed policies stay in the ledger but leave the public pages.
    static func visible(_ policy: PolicyRow, to user: CurrentUser?, today: Day = Clock.today) -> Bool {
        worksLedger(user, policy) || policy.validity(on: today) == .inForce
    }

    // MARK: - Public pages

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (ownScope, chooses) = try listScope(request, context)
        return try await services.publicPages.response(request, context, db: db) {
            let q = request.uri.queryParameters
            let zones = chooses ? try await ZoneRepository(db: db.sql).zones(scope: .allZones) : []
            let zoneCode = chooses ? (q.get("zone") ?? "") : ""
            let pager = try Pager(query: q.get("page"), size: PolicyListPage.pageSize)
            let model = try await PolicyListPage.load(
                scope: ownScope ?? zones.first { $0.code == zoneCode }.map { ZoneScope.zone($0.id) } ?? .allZones,
                choice: chooses ? (zones, zoneCode) : nil,
                search: String((q.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(60)),
                openOnly: q.get("open") == "1", pager: pager,
                tabs: try await tabs(context, current: .module(.policies)), db: db)
            return .init(
                body: try await html("policies/index", page: model, context: context, title: "惠企政策"),
                keep: Self.keepsList(q, zones: zones, pager: pager, shown: model.documents.count))
        }
    }

    /// Whether the public list at this address is one to keep: each of its parameters at most once,
    /// no search words, a zone that exists and a page with documents, so however many addresses
    /// anyone makes up, the kept ones are a few per zone.
    static func keepsList(_ query: Parameters, zones: [ZoneRow], pager: Pager, shown: Int) -> Bool {
        var seen: Set<Substring> = []
        for (name, value) in query {
            guard seen.insert(name).inserted else { return false }
            switch name {
            case "q": guard value.isEmpty else { return false }
            case "zone": guard value.isEmpty || zones.contains(where: { $0.code == value }) else { return false }
            case "open": guard value.isEmpty || value == "1" else { return false }
            case "page": guard value == String(pager.page), shown > 0 else { return false }
            default: return false
            }
        }
        return true
    }

    @Sendable func spokespersons(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (ownScope, chooses) = try listScope(request, context)
        let zones = try await ZoneRepository(db: db.sql).zones(scope: .allZones)
        let zoneCode = chooses ? (request.uri.queryParameters.get("zone") ?? "") : ""
        let model = try await SpokespersonsPage.load(
            scope: ownScope ?? zones.first { $0.code == zoneCode }.map { ZoneScope.zone($0.id) } ?? .allZones,
            zones: zones, choice: chooses ? zoneCode : nil,
            tabs: try await tabs(context, current: .policySpokespersons), db: db)
        return try await render(
            "policies/spokespersons", page: model, context: context, title: "惠企政策发言人",
            crumbs: [.init(title: "惠企政策发言人", href: nil)])
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try request.id(context)
        guard let policy = try await PolicyRepository(db: db.sql).policyAnyZone(id: id),
            Self.visible(policy, to: context.identity)
        else { throw PageError.notFound }
        let model = try await PolicyDocumentPage.load(
            policy, user: context.identity, zoneName: try await zoneName(policy.zoneId, context),
            tabs: try await tabs(context, current: .policyDocument(id)), db: db)
        var crumbs: [LayoutModel.Crumb] = model.staff ? [.init(title: "政策台账", href: SiteURL.policyLedger.path)] : []
        crumbs.append(.init(title: policy.title, href: nil))
        return try await render("policies/document", page: model, context: context, title: policy.title, crumbs: crumbs)
    }

    @Sendable func item(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try request.id(context)
        return try await services.publicPages.response(request, context, db: db) {
            let repo = PolicyRepository(db: db.sql)
            guard let item = try await repo.item(id: id),
                let policy = try await repo.policy(id: item.policyId, zoneID: item.zoneId),
                Self.visible(policy, to: context.identity)
            else { throw PageError.notFound }
            let model = try await PolicyItemPage.load(
                item, policy: policy, user: context.identity, zoneName: try await zoneName(policy.zoneId, context),
                tabs: try await tabs(context, current: .policyItem(id)), db: db)
            let body = try await html(
                "policies/item", page: model, context: context, title: item.title,
                crumbs: [
                    .init(title: policy.title, href: SiteURL.policyDocument(policy.id).path),
                    .init(title: item.title, href: nil),
                ])
            // One address per item: not "/items/012" or a made-up query beside "/items/12".
            return .init(body: body, keep: request.uri.description == SiteURL.policyItem(id).path)
        }
    }
}
