import Foundation
import GaoxinCore
import Hummingbird

/// 政务服务 (`/m/services`). Public, no login: the catalogue of 一件事 by life event, department and
/// channel, each 一件事 with every item's national guide and the one set of materials (blank forms and
/// samples to download), the 一卡读懂 print card, item guides, and the large-type 自助终端 view.
/// Applications, rating and appeals are in `ServiceApplicationRoutes`; statistics in
/// `ServiceStatisticsRoutes`.
struct ServiceRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.services).pattern, use: home)
        router.get(SiteURL.serviceTerminal.pattern, use: terminal)
        router.get(SiteURL.serviceBundle(0).pattern, use: bundle)
        router.get(SiteURL.serviceBundleGuide(0).pattern, use: guide)
        router.get(SiteURL.serviceItem(0).pattern, use: item)
        router.post(SiteURL.serviceItemLimits(0).pattern, use: limits)
        router.get(SiteURL.serviceMaterialFile(0, kind: "").pattern, use: materialFile)
        ServiceApplicationRoutes(services: services).register(on: router)
        ServiceStatisticsRoutes(services: services).register(on: router)
        ServiceCatalogueRoutes(services: services).register(on: router)
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let home = SiteURL.module(.services).path
        return try await services.render(
            template, page: page, context: context, title: title, path: home,
            breadcrumbs: crumbs.isEmpty
                ? [.init(title: "政务服务", href: nil)] : [.init(title: "政务服务", href: home)] + crumbs,
            status: status)
    }

    /// The zone whose catalogue is shown: a signed-in user's own; a visitor's (or a platform admin's
    /// without a zone) from `?zone=`, nil until chosen.
    func catalogueZone(_ request: Request, _ context: AppRequestContext) async throws -> (ZoneRow?, chooses: Bool) {
        let zones = ZoneRepository(db: db.sql)
        if let user = context.identity, let zoneID = user.zoneID {
            try context.authorize(.view, .module(.services, zoneID: zoneID))
            return (try await zones.zone(id: zoneID), false)
        }
        if let user = context.identity, !user.isPlatformAdmin { throw PageError.zoneRequired }
        let code = String((request.uri.queryParameters.get("zone") ?? "").prefix(40))
        return (code.isEmpty ? nil : try await zones.zone(code: code), true)
    }

    func departmentNames(_ zoneID: Int64) async throws -> [Int64: String] {
        Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)).map {
                ($0.id, $0.name)
            })
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (zone, chooses) = try await catalogueZone(request, context)
        let q = request.uri.queryParameters
        let terminal = q.get("terminal") == "1"
        var filter = ServiceCatalogueFilter()
        filter.audience = q.get("audience").flatMap(ServiceAudience.init(rawValue:))
        filter.event = q.get("event").flatMap(LifeEvent.init(rawValue:))
        if let text = q.get("department"), !text.isEmpty {
            guard text.count <= 18, let id = Int64(text), id > 0 else {
                throw PageError.badRequest("部门参数无效。")
            }
            filter.departmentID = id
        }
        filter.onlineOnly = q.get("online") == "1"
        filter.kind = q.get("kind").flatMap(ServiceCatalogueKind.init(rawValue:))
        filter.search = String((q.get("q") ?? "").trimmed.prefix(40))
        let pager = try Pager(query: q.get("page"), size: ServiceHomePage.pageSize)
        var departments: [Int64: String] = [:]
        var paged = Paged<ServiceBundleRow>(rows: [], total: 0, pager: pager)
        if let zone {
            departments = try await departmentNames(zone.id)
            paged = try await ServiceRepository(db: db.sql).bundles(zoneID: zone.id, filter: filter, pager)
        }
        let zoneCode = chooses ? (zone?.code ?? "") : ""
        let allZones = chooses ? try await ZoneRepository(db: db.sql).zones(scope: .allZones) : []
        let user = context.identity
        let office =
            zone.map {
                Permissions.decide(user, .view, .serviceOffice(zoneID: $0.id, departmentID: nil)) == .allow
            } ?? false
        var query: [(String, String)] = []
        if !zoneCode.isEmpty { query.append(("zone", zoneCode)) }
        if let a = filter.audience { query.append(("audience", a.rawValue)) }
        if let e = filter.event { query.append(("event", e.rawValue)) }
        if let d = filter.departmentID { query.append(("department", String(d))) }
        if filter.onlineOnly { query.append(("online", "1")) }
        if let k = filter.kind { query.append(("kind", k.rawValue)) }
        if !filter.search.isEmpty { query.append(("q", filter.search)) }
        if terminal { query.append(("terminal", "1")) }
        let zoneChoices = PolicyRoutes.zoneChoices(allZones, selected: zoneCode).map { option -> SelectOption in
            option.value.isEmpty ? SelectOption(value: "", label: "请选择园区", selected: option.selected) : option
        }
        let audiences: [SelectOption] =
            [SelectOption(value: "", label: "全部", selected: filter.audience == nil)]
            + ServiceAudience.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filter.audience)
            }
        let events: [SelectOption] =
            [SelectOption(value: "", label: "全部", selected: filter.event == nil)]
            + LifeEvent.allCases.map { e in
                SelectOption(value: e.rawValue, label: e.audience.label + "·" + e.label, selected: e == filter.event)
            }
        let departmentChoices: [SelectOption] =
            [SelectOption(value: "", label: "全部部门", selected: filter.departmentID == nil)]
            + departments.sorted { $0.key < $1.key }.map { d in
                SelectOption(value: String(d.key), label: d.value, selected: d.key == filter.departmentID)
            }
        let zoneQuery: [(String, String)] = zoneCode.isEmpty ? [] : [("zone", zoneCode)]
        let signedInZone = user?.zoneID != nil && user?.isPlatformAdmin == false
        var page = ServiceHomePage(
            zoneName: zone?.name ?? "", zoneChoices: zoneChoices, choosesZone: chooses, zoneCode: zoneCode,
            personEvents: ServiceHomePage.eventLinks(
                .person, zoneCode: zoneCode, selected: filter.event, terminal: terminal),
            enterpriseEvents: ServiceHomePage.eventLinks(
                .enterprise, zoneCode: zoneCode, selected: filter.event, terminal: terminal),
            audiences: audiences, events: events, departments: departmentChoices, onlineOnly: filter.onlineOnly,
            search: filter.search,
            lines: paged.rows.map { ServiceBundleLine($0, departments: departments, terminal: terminal) },
            paging: paged.links(.module(.services), query: query), hasZone: zone != nil, terminal: terminal,
            terminalHref: SiteURL.serviceTerminal.with(query: zoneQuery),
            catalogueHref: SiteURL.module(.services).with(query: zoneQuery),
            applicationsHref: signedInZone ? SiteURL.serviceApplications.path : nil,
            statisticsHref: office ? SiteURL.serviceStatistics.path : nil,
            appealsHref: office ? SiteURL.serviceAppeals.path : nil)
        page.kinds =
            [SelectOption(value: "", label: "全部（一件事在前）", selected: filter.kind == nil)]
            + ServiceCatalogueKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == filter.kind)
            }
        if let zoneID = zone?.id, !terminal {
            let keeps = { (d: Int64?) in
                Permissions.decide(user, .create, .serviceCatalogue(zoneID: zoneID, departmentID: d))
            }
            if keeps(user?.departmentID) == .allow { page.newItemHref = SiteURL.serviceItemNew.path }
            if keeps(nil) == .allow { page.newBundleHref = SiteURL.serviceBundleNew.path }
        }
        return try await render(
            terminal ? "services/terminal" : "services/home", page: page, context: context, title: "政务服务")
    }

    /// The 自助终端 start: large tiles for every life event, touch only.
    @Sendable func terminal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = request.uri.queryParameters.get("zone") ?? ""
        let target = SiteURL.module(.services).with(query: [("zone", String(code.prefix(40))), ("terminal", "1")])
        return Response.redirect(to: target, flash: nil)
    }

    /// A 一件事 visible to this visitor: any zone's for the public, the own zone's for the signed-in.
    func visibleBundle(_ request: Request, _ context: AppRequestContext) async throws -> ServiceBundleRow {
        guard let b = try await ServiceRepository(db: db.sql).bundle(id: try request.id(context)) else {
            throw PageError.notFound
        }
        try context.authorize(.view, .module(.services, zoneID: b.zoneId))
        return b
    }

    func bundlePage(_ b: ServiceBundleRow, context: AppRequestContext, terminal: Bool) async throws -> ServiceBundlePage
    {
        let repo = ServiceRepository(db: db.sql)
        let departments = try await departmentNames(b.zoneId)
        let user = context.identity
        let apply = applyLink(b, user: user)
        let zoneCode = try await ZoneRepository(db: db.sql).zone(id: b.zoneId)?.code ?? ""
        var page = ServiceBundlePage(
            name: b.name, summary: b.summary, audience: ServiceAudience(rawValue: b.audience)?.label ?? "",
            event: b.event?.label ?? "", department: departments[b.departmentId] ?? "", limits: limitsText(b.limits),
            online: b.online,
            items: try await repo.items(bundleID: b.id).map {
                ServiceItemSection($0, department: departments[$0.departmentId] ?? "")
            },
            materials: try await repo.materials(bundleID: b.id).map(MaterialLine.init),
            guideHref: SiteURL.serviceBundleGuide(b.id).path,
            applyHref: apply.href, applyLabel: apply.label, loginHint: apply.loginHint, terminal: terminal,
            backHref: SiteURL.module(.services).with(
                query: (user == nil ? [("zone", zoneCode)] : []) + (terminal ? [("terminal", "1")] : [])))
        let keeps = Resource.serviceCatalogue(zoneID: b.zoneId, departmentID: b.departmentId)
        if !terminal, b.itemId == nil, Permissions.decide(user, .update, keeps) == .allow {
            page.editHref = SiteURL.serviceBundleEdit(b.id).path
        }
        return page
    }

    @Sendable func bundle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let b = try await visibleBundle(request, context)
        // An item's own form is read on the item's page.
        if b.itemId != nil { return .redirect(to: b.page, flash: nil) }
        let page = try await bundlePage(
            b, context: context, terminal: request.uri.queryParameters.get("terminal") == "1")
        return try await render(
            "services/bundle", page: page, context: context, title: b.name, crumbs: [.init(title: b.name, href: nil)])
    }

    /// 一卡读懂: the one-page card to print (conditions, materials, limits, place, phone).
    @Sendable func guide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let b = try await visibleBundle(request, context)
        let page = try await bundlePage(b, context: context, terminal: false)
        return try await render(
            "services/guide", page: page, context: context, title: "一卡读懂：\(b.name)",
            crumbs: [.init(title: b.name, href: SiteURL.serviceBundle(b.id).path), .init(title: "一卡读懂", href: nil)])
    }

    func itemPage(_ i: ServiceItemRow, context: AppRequestContext) async throws -> ServiceItemPage {
        let repo = ServiceRepository(db: db.sql)
        let departments = try await departmentNames(i.zoneId)
        var page = ServiceItemPage(
            name: i.name, guide: ServiceItemSection.guide(i, department: departments[i.departmentId] ?? ""),
            bundles: try await repo.bundles(itemID: i.id).map {
                ServiceBundleLine($0, departments: departments, terminal: false)
            },
            canEdit: Permissions.decide(
                context.identity, .administer, .serviceOffice(zoneID: i.zoneId, departmentID: nil)) == .allow,
            legalDays: String(i.legalDays), promisedDays: String(i.promisedDays),
            limitsAction: SiteURL.serviceItemLimits(i.id).path, csrf: context.csrfToken)
        let keeps = Resource.serviceCatalogue(zoneID: i.zoneId, departmentID: i.departmentId)
        if Permissions.decide(context.identity, .update, keeps) == .allow {
            page.editHref = SiteURL.serviceItemEdit(i.id).path
            page.keepsMaterials = true
        }
        if let form = try await repo.form(itemID: i.id) {
            page.materials = try await repo.materials(bundleID: form.id).map(CatalogueMaterialLine.init)
            let apply = applyLink(form, user: context.identity)
            page.applyHref = apply.href
            page.applyLabel = apply.label
            page.loginHint = apply.loginHint
            page.guideHref = SiteURL.serviceBundleGuide(form.id).path
            if page.keepsMaterials { page.newMaterialHref = SiteURL.serviceMaterialNew(form.id).path }
        }
        return page
    }

    /// The apply button of a 一件事 or an item's own form: 在线申请 for an applicant when it can be
    /// done online, 窗口受理 for the window's staff, a login hint for a visitor.
    func applyLink(_ b: ServiceBundleRow, user: CurrentUser?) -> (href: String?, label: String, loginHint: Bool) {
        let mayApply = Permissions.decide(user, .create, .serviceApply(zoneID: b.zoneId)) == .allow
        let mayEnter = Permissions.decide(user, .update, .serviceApply(zoneID: b.zoneId)) == .allow
        return (
            mayApply && b.online || mayEnter ? SiteURL.serviceApply(b.id).path : nil,
            mayEnter ? "窗口受理（代录申请）" : "在线申请", user == nil && b.online
        )
    }

    func visibleItem(_ request: Request, _ context: AppRequestContext) async throws -> ServiceItemRow {
        guard let i = try await ServiceRepository(db: db.sql).item(id: try request.id(context)) else {
            throw PageError.notFound
        }
        try context.authorize(.view, .module(.services, zoneID: i.zoneId))
        return i
    }

    /// The zone admin sets the item's limits; a promise longer than the law is refused on the form.
    @Sendable func limits(_ request: Request, context: AppRequestContext) async throws -> Response {
        let i = try await visibleItem(request, context)
        try context.authorize(.administer, .serviceOffice(zoneID: i.zoneId, departmentID: nil))
        let user = try context.requireUser()
        let form = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                try await ServiceService(services: services).setLimits(
                    i, legal: form["legal_days"], promised: form["promised_days"], user: user)
                return .redirect(to: .serviceItem(i.id), flash: Flash(kind: .success, message: "已更新办结时限。"))
            },
            refused: { errors in
                var page = try await itemPage(i, context: context)
                page.legalDays = form["legal_days"]
                page.promisedDays = form["promised_days"]
                page.errors = errors
                return try await render(
                    "services/item", page: page, context: context, title: i.name,
                    crumbs: [.init(title: i.name, href: nil)],
                    status: .badRequest)
            })
    }

    @Sendable func item(_ request: Request, context: AppRequestContext) async throws -> Response {
        let i = try await visibleItem(request, context)
        var page = try await itemPage(i, context: context)
        if request.uri.queryParameters.get("terminal") == "1" {
            page.terminal = true
            page.editHref = nil
            page.keepsMaterials = false
            page.newMaterialHref = nil
        }
        return try await render(
            "services/item", page: page, context: context, title: i.name, crumbs: [.init(title: i.name, href: nil)])
    }

    /// A material's blank form or sample, served inert as an attachment.
    @Sendable func materialFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let kind = context.parameters.get("kind") ?? ""
        guard kind == "blank" || kind == "sample" else { throw PageError.notFound }
        let repo = ServiceRepository(db: db.sql)
        guard let m = try await repo.material(id: try request.id(context)) else { throw PageError.notFound }
        try context.authorize(.view, .module(.services, zoneID: m.zoneId))
        guard let file = try await repo.materialFile(id: m.id, sample: kind == "sample") else {
            throw PageError.notFound
        }
        return .userFile(file.data, filename: file.name)
    }
}
