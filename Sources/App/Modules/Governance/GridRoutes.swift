import Foundation
import GaoxinCore
import Hummingbird

/// 基层治理's grid pages: the module's front page, the area tree with counts, one grid, and the
/// GeoJSON import of grid boundaries (zone admin). Residents and the map have their own routes.
struct GridRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.governance).pattern, use: hub)
        router.get(SiteURL.governanceGrids.pattern, use: tree)
        router.get(SiteURL.governanceGridImport.pattern, use: importForm)
        router.post(SiteURL.governanceGridImport.pattern, use: importFile)
        router.get(SiteURL.governanceGrid(0).pattern, use: show)
    }

    /// Every governance page sits under 基层治理 in the navigation and the breadcrumbs.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let module = SiteURL.module(.governance)
        let name = ModuleSlot.governance.title
        let trail: [LayoutModel.Crumb] =
            crumbs.isEmpty ? [.init(title: name, href: nil)] : [.init(title: name, href: module.path)] + crumbs
        return try await services.render(
            template, page: page, context: context, title: title, path: module.path, breadcrumbs: trail, status: status)
    }

    /// The zone's grids as a whole (tree, map, import) are checked as grid 0: no real grid has that id.
    static func zoneGrids(_ zoneID: Int64) -> Resource { .grid(zoneID: zoneID, gridID: 0) }

    @Sendable func hub(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.governance, zoneID: zoneID))
        func may(_ action: Action, _ resource: Resource) -> Bool {
            Permissions.decide(user, action, resource) == .allow
        }
        var links: [GovernanceHubPage.Link] = []
        if may(.view, Self.zoneGrids(zoneID)) {
            links.append(.init(title: "网格", href: SiteURL.governanceGrids.path, summary: "街道/镇、村/社区与网格，网格员、居民和户数。"))
            links.append(.init(title: "地图", href: SiteURL.governanceMap.path, summary: "各网格的未办结事件与超期事件分布。"))
        }
        if may(.view, .resident(zoneID: zoneID, personID: nil, gridID: nil)) {
            links.append(
                .init(title: "居民", href: SiteURL.governanceResidents.path, summary: "居民与家庭户，身份证号脱敏显示；双登记只计一次。"))
        } else if user.role == .resident, let own = user.personID,
            try await ResidentRepository(db: db.sql).find(personID: own, zoneID: zoneID) != nil
        {
            links.append(
                .init(title: "我的居民信息", href: SiteURL.governanceResident(own).path, summary: "您登记的网格、家庭户与联系方式。"))
        }
        if may(.create, .eventList(zoneID: zoneID)) {
            links.append(.init(title: "上报事件", href: SiteURL.eventNew.path, summary: "手机上报：类别、描述、照片和位置，自动落到所在网格。"))
        }
        links.append(.init(title: "网格事件", href: SiteURL.events.path, summary: "上报、受理立案、派遣、处置、核查、结案，超时标记与好差评。"))
        if may(.view, .eventStatistics(zoneID: zoneID)) {
            links.append(.init(title: "事件统计", href: SiteURL.eventStatistics.path, summary: "按网格、类别、状态和超时统计，平均办结时间。"))
        }
        links.append(.init(title: "居民积分", href: SiteURL.points.path, summary: "积分制：一周一定、一月一公开、一季一奖励、一年一清零。"))
        links.append(.init(title: "协商议事", href: SiteURL.deliberation.path, summary: "收集议题、阳光议事会、决议的办理与公开。"))
        let census = try await GridCensus.load(db: db.sql, zoneID: zoneID)
        let workers = census.workerCounts(inGrids: Set(census.grids.map(\.id)))
        let page = GovernanceHubPage(
            links: links, grids: census.grids.count, fullTime: workers.fullTime, partTime: workers.partTime,
            residents: census.residentsInZone)
        return try await render("governance/hub", page: page, context: context, title: ModuleSlot.governance.title)
    }

    @Sendable func tree(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, Self.zoneGrids(zoneID))
        let census = try await GridCensus.load(db: db.sql, zoneID: zoneID)
        var rows: [GridTreePage.Row] = []
        func row(_ area: AreaRow, depth: Int, residents: Int) -> GridTreePage.Row {
            let ids = census.gridIDs(under: area.id)
            let w = census.workerCounts(inGrids: ids)
            return .init(
                depth: depth, level: area.areaLevel?.label ?? area.level, name: area.name, code: area.code, href: nil,
                grids: ids.count,
                fullTime: w.fullTime, partTime: w.partTime, residents: residents, isGrid: false)
        }
        // Top-level areas are 街道/镇; a 村/社区 without a parent is listed at the top too.
        for top in census.children(of: nil) {
            rows.append(
                row(
                    top, depth: 0,
                    residents: top.areaLevel?.holdsGrids == true
                        ? census.residentsByArea[top.id] ?? 0 : census.residentsByParent[top.id] ?? 0))
            let villages = top.areaLevel?.holdsGrids == true ? [top] : census.children(of: top.id)
            for village in villages {
                if village.id != top.id {
                    rows.append(row(village, depth: 1, residents: census.residentsByArea[village.id] ?? 0))
                }
                for grid in census.grids(inArea: village.id) {
                    let w = census.workerCounts(inGrids: [grid.id])
                    rows.append(
                        .init(
                            depth: village.id == top.id ? 1 : 2, level: "网格", name: grid.name, code: grid.code,
                            href: SiteURL.governanceGrid(grid.id).path, grids: 1, fullTime: w.fullTime,
                            partTime: w.partTime,
                            residents: census.residentsByGrid[grid.id] ?? 0, isGrid: true))
                }
            }
        }
        let all = census.workerCounts(inGrids: Set(census.grids.map(\.id)))
        let page = GridTreePage(
            rows: rows,
            total: .init(
                depth: 0, level: "合计", name: "全园区", code: "", href: nil, grids: census.grids.count,
                fullTime: all.fullTime,
                partTime: all.partTime, residents: census.residentsInZone, isGrid: false),
            importHref: Permissions.decide(user, .create, Self.zoneGrids(zoneID)) == .allow
                ? SiteURL.governanceGridImport.path : nil,
            residentsHref: Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: nil, gridID: nil))
                == .allow ? SiteURL.governanceResidents.path : nil)
        return try await render(
            "governance/grids", page: page, context: context, title: "网格", crumbs: [.init(title: "网格", href: nil)])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        let id = try request.id(context)
        let repo = GridRepository(db: db.sql)
        // Another zone's grid id answers "not found": the query names the zone.
        guard let grid = try await repo.grid(id: id, zoneID: zoneID) else { throw PageError.notFound }
        try context.authorize(.view, .grid(zoneID: zoneID, gridID: grid.id))
        let census = try await GridCensus.load(db: db.sql, zoneID: zoneID)
        let area = census.area(id: grid.areaId)
        let street = area?.parentId.flatMap { census.area(id: $0) }
        let workers = try await repo.workers(gridID: grid.id)
        let counts = census.workerCounts(inGrids: [grid.id])
        let residents = ResidentRepository(db: db.sql)
        let mayListResidents =
            Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: nil, gridID: grid.id)) == .allow
        let households = mayListResidents ? try await residents.households(gridID: grid.id) : []
        let members = try await repo.householdMembers(gridID: grid.id)
        let openEvents = try await repo.openEvents(gridID: grid.id)
        let page = GridShowPage(
            code: grid.code, name: grid.name,
            area: area.map { "\($0.name)（\($0.areaLevel?.label ?? $0.level)）" } ?? "—",
            street: street?.name ?? "—", partyBranch: grid.partyBranch ?? area?.partyBranch ?? "—",
            workers: workers.map {
                .init(
                    name: $0.name, kind: GridWorkerKind(rawValue: $0.kind)?.label ?? $0.kind, phone: $0.phone ?? "—",
                    hasLogin: $0.userId != nil)
            },
            fullTime: counts.fullTime, partTime: counts.partTime, residentCount: census.residentsByGrid[grid.id] ?? 0,
            householdCount: try await repo.householdCounts(zoneID: zoneID)[grid.id] ?? 0, openEvents: openEvents,
            households: households.map { .init(code: $0.code, address: $0.address, members: members[$0.id] ?? 0) },
            residentsHref: mayListResidents
                ? SiteURL.governanceResidents.with(query: [("grid", String(grid.id))]) : nil,
            newResidentHref: Permissions.decide(
                user, .create, .resident(zoneID: zoneID, personID: nil, gridID: grid.id)) == .allow
                ? SiteURL.governanceResidentNew.with(query: [("grid", String(grid.id))]) : nil,
            map: grid.shape.flatMap {
                GovernanceMapDrawing(
                    grids: [(grid, $0, openEvents)], measure: .open, label: "\(grid.name)的边界", width: 320)
            })
        return try await render(
            "governance/grid", page: page, context: context, title: grid.name,
            crumbs: [.init(title: "网格", href: SiteURL.governanceGrids.path), .init(title: grid.name, href: nil)])
    }

    @Sendable func importForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.create, Self.zoneGrids(zoneID))
        return try await importPage(GridImportPage(csrf: context.csrfToken), context: context)
    }

    private func importPage(_ page: GridImportPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await render(
            "governance/grid-import", page: page, context: context, title: "导入网格边界",
            crumbs: [.init(title: "网格", href: SiteURL.governanceGrids.path), .init(title: "导入", href: nil)],
            status: status)
    }

    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, Self.zoneGrids(zoneID))
        var page = GridImportPage(csrf: context.csrfToken)
        guard let form = try await MultipartForm.from(request, context: context), let file = form.files["file"]?.data,
            !file.isEmpty
        else {
            page.fileError = "文件：请选择要上传的 GeoJSON 文件"
            return try await importPage(page, context: context, status: .badRequest)
        }
        let importer = GridImport(database: db)
        switch try await importer.check(Array(file), zoneID: zoneID) {
        case .refused(let problems):
            page.problems = problems.prefix(500).map { .init(place: $0.place, message: $0.message) }
            page.fileError =
                "文件未导入：发现 \(problems.count) 处问题\(problems.count > 500 ? "（仅列出前 500 处）" : "")，请全部改正后重新上传。没有写入任何数据。"
            return try await importPage(page, context: context, status: .unprocessableContent)
        case .valid(let plan):
            let summary = try await importer.run(plan, zoneID: zoneID, actor: user)
            return .redirect(
                to: .governanceGrids,
                flash: Flash(
                    kind: .success,
                    message:
                        "导入完成：新增 \(summary.created) 个、更新 \(summary.updated) 个网格\(summary.areasCreated > 0 ? "，新建 \(summary.areasCreated) 个街道/镇或村/社区" : "")。"
                ))
        }
    }
}
