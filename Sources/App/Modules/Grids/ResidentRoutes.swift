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
        let gridFilter = request.uri.queryParameters.get("grid").flatMap { Int64($0) }
        let whole = Resource.resident(zoneID: zoneID, personID: nil, gridID: gridFilter)
        // Someone who may not list residents but may read their own record (a resident): the list is that record.
        if Permissions.decide(user, .view, whole) != .allow, let own = user.personID,
            let row = try await ResidentRepository(db: db.sql).find(personID: own, zoneID: zoneID),
            Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: own, gridID: row.gridId)) == .allow
        {
            return .redirect(to: .governanceResident(own))
        }
        try context.authorize(.view, whole)
        let search = String(
            (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        if ListExport.isRequested(request) {
            return try await ListExport.csv(
                filename: "residents", title: "居民", headers: ["姓名", "身份证号", "手机号", "住址", "网格", "户编号"],
                load: {
                    let m = try await ResidentListPage.load(
                        user: user, zoneID: zoneID, gridFilter: gridFilter, search: search, pager: $0, db: db.sql)
                    return (m.items, m.total)
                },
                cells: {
                    [$0.name + ($0.dual ? "（双登记）" : ""), $0.idNumber, $0.phone, $0.address, $0.grid, $0.household]
                })
        }
        var page = try await ResidentListPage.load(
            user: user, zoneID: zoneID, gridFilter: gridFilter, search: search,
            pager: try Pager(query: request.uri.queryParameters.get("page"), size: 50), db: db.sql)
        page.exportHref = ListExport.href(request)
        return try await grids.render(
            "grids/residents", page: page, context: context, title: "居民", crumbs: [.init(title: "居民", href: nil)])
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
        let page = try await ResidentShowPage.load(row, user: user, zoneID: zoneID, db: db.sql)
        // Who may list residents comes back to the list; a resident's own page stands alone.
        let mayList =
            Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: nil, gridID: nil)) == .allow
        let crumbs: [LayoutModel.Crumb] =
            mayList ? [crumb, .init(title: row.name, href: nil)] : [.init(title: row.name, href: nil)]
        return try await grids.render("grids/resident", page: page, context: context, title: row.name, crumbs: crumbs)
    }

    private func renderForm(_ page: ResidentFormPage, context: AppRequestContext) async throws -> Response {
        try await grids.render(
            "grids/resident-form", page: page, context: context, title: page.heading,
            crumbs: [crumb, .init(title: page.heading, href: nil)])
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        let grid = request.uri.queryParameters.get("grid").flatMap { Int64($0) }
        try context.authorize(.create, .resident(zoneID: zoneID, personID: nil, gridID: grid))
        let page = try await ResidentFormPage.load(
            existing: nil, user: user, zoneID: zoneID, grid: grid, dualArea: nil, csrf: context.csrfToken, db: db.sql)
        return try await renderForm(page, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .resident(zoneID: zoneID, personID: nil, gridID: nil))
        let form = ResidentForm(try await FormData.from(request, context: context))
        // Registering into someone else's grid is refused outright (403), before any field check.
        if let grid = Int64(form.gridText), try await GridRepository(db: db.sql).grid(id: grid, zoneID: zoneID) != nil {
            try context.authorize(.create, .resident(zoneID: zoneID, personID: nil, gridID: grid))
        }
        return try await services.submit(
            {
                let id = try await GridService(database: db).createResident(form, zoneID: zoneID, user: user)
                return .redirect(
                    to: .governanceResident(id), flash: Flash(kind: .success, message: "已登记居民 \(form.name)。"))
            },
            refused: { errors in
                var page = try await ResidentFormPage.load(
                    existing: nil, user: user, zoneID: zoneID, grid: Int64(form.gridText),
                    dualArea: Int64(form.dualAreaText), csrf: context.csrfToken, db: db.sql)
                page.keep(form)
                page.errors = errors
                return try await renderForm(page, context: context)
            })
    }

    @Sendable func editForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID, row) = try await load(request, context)
        try context.authorize(.update, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId))
        let registrations = try await ResidentRepository(db: db.sql).registrations(personID: row.personId)
        let dual = registrations.first { $0.registration == Registration.dual.rawValue }?.area.id
        var page = try await ResidentFormPage.load(
            existing: row, user: user, zoneID: zoneID, grid: row.gridId, dualArea: dual, csrf: context.csrfToken,
            db: db.sql)
        page.fill(row)
        return try await renderForm(page, context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID, row) = try await load(request, context)
        try context.authorize(.update, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId))
        let form = ResidentForm(try await FormData.from(request, context: context))
        if let grid = Int64(form.gridText), try await GridRepository(db: db.sql).grid(id: grid, zoneID: zoneID) != nil {
            try context.authorize(.update, .resident(zoneID: zoneID, personID: row.personId, gridID: grid))
        }
        return try await services.submit(
            {
                try await GridService(database: db).updateResident(row, form, zoneID: zoneID, user: user)
                return .redirect(
                    to: .governanceResident(row.personId),
                    flash: Flash(kind: .success, message: "已保存 \(form.name) 的居民信息。"))
            },
            refused: { errors in
                var page = try await ResidentFormPage.load(
                    existing: row, user: user, zoneID: zoneID, grid: Int64(form.gridText),
                    dualArea: Int64(form.dualAreaText), csrf: context.csrfToken, db: db.sql)
                page.keep(form)
                page.errors = errors
                return try await renderForm(page, context: context)
            })
    }
}
