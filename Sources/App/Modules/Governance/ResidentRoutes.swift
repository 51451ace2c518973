import Foundation
import GaoxinCore
import Hummingbird

/// Residents (居民) pages: the list (staff and grid workers), one resident, and the add / edit
/// form. 身份证号 is shown masked everywhere except on the resident's own page; a grid worker
/// adds and edits only residents of their own grids.
struct ResidentRoutes {
    let services: AppServices
    var db: Database { services.database }
    var grids: GridRoutes { GridRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.governanceResidents.pattern, use: list)
        router.get(SiteURL.governanceResidentNew.pattern, use: newForm)
        router.post(SiteURL.governanceResidentNew.pattern, use: create)
        router.get(SiteURL.governanceResident(0).pattern, use: show)
        router.get(SiteURL.governanceResidentEdit(0).pattern, use: editForm)
        router.post(SiteURL.governanceResidentEdit(0).pattern, use: update)
    }

    private var crumb: LayoutModel.Crumb { .init(title: "居民", href: SiteURL.governanceResidents.path) }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        // A resident's "list" is their own record.
        if user.role == .resident, let own = user.personID,
            try await ResidentRepository(db: db.sql).find(personID: own, zoneID: zoneID) != nil
        {
            return .redirect(to: .governanceResident(own))
        }
        let gridFilter = request.uri.queryParameters.get("grid").flatMap { Int64($0) }
        try context.authorize(.view, .resident(zoneID: zoneID, personID: nil, gridID: gridFilter))
        let census = try await GridCensus.load(db: db.sql, zoneID: zoneID)
        let search = String(
            (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        let filter = ResidentFilter(zoneID: zoneID, gridID: gridFilter, search: search)
        let repo = ResidentRepository(db: db.sql)
        let perPage = 50
        let page = max(1, Int(request.uri.queryParameters.get("page") ?? "") ?? 1)
        let total = try await repo.count(filter)
        let rows = try await repo.list(filter, limit: perPage, offset: (page - 1) * perPage)
        let dual = try await repo.dualRegistered(personIDs: rows.map(\.personId))
        let base = SiteURL.governanceResidents
        let query: (Int) -> [(String, String)] = {
            [("grid", gridFilter.map(String.init) ?? ""), ("q", search), ("page", String($0))]
        }
        let model = ResidentListPage(
            items: rows.map { r in
                .init(
                    name: r.name, idNumber: r.maskedIDNumber,
                    phone: r.phone.flatMap { try? MobileNumber($0).masked } ?? "—", address: r.address,
                    grid: r.gridName ?? "—", household: r.householdCode ?? "—", dual: dual.contains(r.personId),
                    href: SiteURL.governanceResident(r.personId).path)
            },
            total: total, search: search,
            grids: census.grids.map {
                SelectOption(value: String($0.id), label: "\($0.code) \($0.name)", selected: $0.id == gridFilter)
            },
            previousHref: page > 1 ? base.with(query: query(page - 1)) : nil,
            nextHref: page * perPage < total ? base.with(query: query(page + 1)) : nil,
            newHref: Permissions.decide(user, .create, .resident(zoneID: zoneID, personID: nil, gridID: nil)) == .allow
                ? SiteURL.governanceResidentNew.path : nil)
        return try await grids.render(
            "governance/residents", page: model, context: context, title: "居民", crumbs: [.init(title: "居民", href: nil)])
    }

    /// The resident in this zone, or 404 (other zones' ids look like they don't exist).
    private func load(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, Int64, ResidentRow
    ) {
        let (user, zoneID) = try context.requireZone()
        let id = try request.id(context)
        guard let row = try await ResidentRepository(db: db.sql).find(personID: id, zoneID: zoneID) else {
            throw PageError.notFound
        }
        return (user, zoneID, row)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID, row) = try await load(request, context)
        try context.authorize(.view, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId))
        let own = user.personID == row.personId
        let registrations = try await ResidentRepository(db: db.sql).registrations(personID: row.personId)
        let id = try? ResidentID(row.idNumber, today: Clock.today)
        let page = ResidentShowPage(
            name: row.name, idNumber: own ? row.idNumber : row.maskedIDNumber, idNumberMasked: !own,
            sex: id?.sex.label ?? "—",
            phone: row.phone ?? "—", address: row.address,
            grid: row.gridName.map { "\($0)（\(row.gridCode ?? "")）" } ?? "—",
            gridHref: row.gridId.map { SiteURL.governanceGrid($0).path }, household: row.householdCode ?? "—",
            partyMember: row.isPartyMember,
            registrations: registrations.map {
                .init(
                    area: "\($0.area.name)（\($0.area.areaLevel?.label ?? $0.area.level)）",
                    kind: $0.registration == Registration.dual.rawValue ? "双登记" : "网格所在")
            },
            dual: registrations.count > 1,
            editHref: Permissions.decide(
                user, .update, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId)) == .allow
                ? SiteURL.governanceResidentEdit(row.personId).path : nil)
        let crumbs: [LayoutModel.Crumb] =
            user.role == .resident ? [.init(title: row.name, href: nil)] : [crumb, .init(title: row.name, href: nil)]
        return try await grids.render(
            "governance/resident", page: page, context: context, title: row.name, crumbs: crumbs)
    }

    /// The form's select lists: the grids this user may register residents in, and every 村/社区 for 双登记.
    private func formPage(
        _ page: ResidentFormPage, user: CurrentUser, zoneID: Int64, census: GridCensus, grid: Int64?, dualArea: Int64?
    ) -> ResidentFormPage {
        var page = page
        page.grids = census.grids
            .filter {
                Permissions.decide(user, .create, .resident(zoneID: zoneID, personID: nil, gridID: $0.id)) == .allow
            }
            .map { SelectOption(value: String($0.id), label: "\($0.code) \($0.name)", selected: $0.id == grid) }
        page.areas = census.areas.filter { $0.areaLevel?.holdsGrids == true }
            .map {
                SelectOption(
                    value: String($0.id), label: "\($0.name)（\($0.areaLevel?.label ?? "")）", selected: $0.id == dualArea
                )
            }
        return page
    }

    private func renderForm(_ page: ResidentFormPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await grids.render(
            "governance/resident-form", page: page, context: context, title: page.heading,
            crumbs: [crumb, .init(title: page.heading, href: nil)], status: status)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        let grid = request.uri.queryParameters.get("grid").flatMap { Int64($0) }
        try context.authorize(.create, .resident(zoneID: zoneID, personID: nil, gridID: grid))
        let census = try await GridCensus.load(db: db.sql, zoneID: zoneID)
        let page = ResidentFormPage(
            heading: "登记居民", action: SiteURL.governanceResidentNew.path, csrf: context.csrfToken,
            cancelHref: SiteURL.governanceResidents.path)
        return try await renderForm(
            formPage(page, user: user, zoneID: zoneID, census: census, grid: grid, dualArea: nil), context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .resident(zoneID: zoneID, personID: nil, gridID: nil))
        let form = ResidentForm(try await FormData.from(request, context: context))
        let census = try await GridCensus.load(db: db.sql, zoneID: zoneID)
        // Registering into someone else's grid is refused outright (403), before any field check.
        if let grid = Int64(form.gridText), census.grids.contains(where: { $0.id == grid }) {
            try context.authorize(.create, .resident(zoneID: zoneID, personID: nil, gridID: grid))
        }
        let (draft, errors) = try await form.check(zoneID: zoneID, existing: nil, census: census, db: db.sql)
        guard let draft else {
            var page = ResidentFormPage(
                heading: "登记居民", action: SiteURL.governanceResidentNew.path, csrf: context.csrfToken,
                cancelHref: SiteURL.governanceResidents.path)
            page.name = form.name
            page.idNumber = form.idNumberText
            page.phone = form.phoneText
            page.address = form.address
            page.householdCode = form.householdCode
            page.partyMember = form.partyMember
            page.errors = errors
            return try await renderForm(
                formPage(
                    page, user: user, zoneID: zoneID, census: census, grid: Int64(form.gridText),
                    dualArea: Int64(form.dualAreaText)),
                context: context, status: .badRequest)
        }
        let id = try await db.transaction { db in
            let id = try await ResidentRepository(db: db).insert(draft, zoneID: zoneID, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "resident", id: id, action: "create",
                after: Self.auditView(draft), on: db)
            return id
        }
        return .redirect(to: .governanceResident(id), flash: Flash(kind: .success, message: "已登记居民 \(draft.name)。"))
    }

    /// What the audit log keeps: never the full 身份证号.
    static func auditView(_ draft: ResidentDraft) -> [String: String] {
        var view = ["name": draft.name, "grid_id": String(draft.gridID), "address": draft.address]
        if let id = draft.idNumber, let masked = try? ResidentID(id, today: Clock.today).masked {
            view["id_number"] = masked
        }
        if let dual = draft.dualAreaID { view["dual_area_id"] = String(dual) }
        return view
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID, row) = try await load(request, context)
        try context.authorize(.update, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId))
        let census = try await GridCensus.load(db: db.sql, zoneID: zoneID)
        let registrations = try await ResidentRepository(db: db.sql).registrations(personID: row.personId)
        var page = ResidentFormPage(
            heading: "修改居民信息", action: SiteURL.governanceResidentEdit(row.personId).path, csrf: context.csrfToken,
            cancelHref: SiteURL.governanceResident(row.personId).path)
        page.name = row.name
        page.phone = row.phone ?? ""
        page.address = row.address
        page.householdCode = row.householdCode ?? ""
        page.partyMember = row.isPartyMember
        page.idNumberHint = "当前为 \(row.maskedIDNumber)；不修改请留空。"
        let dual = registrations.first { $0.registration == Registration.dual.rawValue }?.area.id
        return try await renderForm(
            formPage(page, user: user, zoneID: zoneID, census: census, grid: row.gridId, dualArea: dual),
            context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID, row) = try await load(request, context)
        try context.authorize(.update, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId))
        let form = ResidentForm(try await FormData.from(request, context: context))
        let census = try await GridCensus.load(db: db.sql, zoneID: zoneID)
        if let grid = Int64(form.gridText), census.grids.contains(where: { $0.id == grid }) {
            try context.authorize(.update, .resident(zoneID: zoneID, personID: row.personId, gridID: grid))
        }
        let (draft, errors) = try await form.check(zoneID: zoneID, existing: row, census: census, db: db.sql)
        guard let draft else {
            var page = ResidentFormPage(
                heading: "修改居民信息", action: SiteURL.governanceResidentEdit(row.personId).path, csrf: context.csrfToken,
                cancelHref: SiteURL.governanceResident(row.personId).path)
            page.name = form.name
            page.idNumber = form.idNumberText
            page.phone = form.phoneText
            page.address = form.address
            page.householdCode = form.householdCode
            page.partyMember = form.partyMember
            page.errors = errors
            page.idNumberHint = "当前为 \(row.maskedIDNumber)；不修改请留空。"
            return try await renderForm(
                formPage(
                    page, user: user, zoneID: zoneID, census: census, grid: Int64(form.gridText),
                    dualArea: Int64(form.dualAreaText)),
                context: context, status: .badRequest)
        }
        try await db.transaction { db in
            try await ResidentRepository(db: db).update(personID: row.personId, draft, zoneID: zoneID)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "resident", id: row.personId, action: "update",
                before: ["name": row.name, "grid_id": row.gridId.map(String.init) ?? "", "address": row.address],
                after: Self.auditView(draft), on: db)
        }
        return .redirect(
            to: .governanceResident(row.personId), flash: Flash(kind: .success, message: "已保存 \(draft.name) 的居民信息。"))
    }
}
