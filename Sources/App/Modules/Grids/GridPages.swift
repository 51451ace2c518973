import GaoxinCore
import SQLKit

/// 基层治理's front page: the module's parts, and the zone's grid figures at a glance.
struct GridHubPage: Sendable {
    struct Link: Sendable {
        let title: String
        let href: String
        let summary: String
    }
    let links: [Link]
    let grids: Int
    let fullTime: Int
    let partTime: Int
    let residents: Int

    static func load(user: CurrentUser, zoneID: Int64, db: any SQLDatabase) async throws -> GridHubPage {
        func may(_ action: Action, _ resource: Resource) -> Bool {
            Permissions.decide(user, action, resource) == .allow
        }
        var links: [Link] = []
        if may(.view, .gridList(zoneID: zoneID)) {
            links.append(.init(title: "网格", href: SiteURL.governanceGrids.path, summary: "街道/镇、村/社区与网格，网格员、居民和户数。"))
            links.append(.init(title: "地图", href: SiteURL.governanceMap.path, summary: "各网格的未办结事件与超期事件分布。"))
        }
        if may(.view, .resident(zoneID: zoneID, personID: nil, gridID: nil)) {
            links.append(
                .init(title: "居民", href: SiteURL.governanceResidents.path, summary: "居民与家庭户，身份证号脱敏显示；双登记只计一次。"))
        } else if let own = user.personID,
            let row = try await ResidentRepository(db: db).find(personID: own, zoneID: zoneID),
            may(.view, .resident(zoneID: zoneID, personID: own, gridID: row.gridId))
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
        let repo = GridRepository(db: db)
        let workers = try await repo.workerCounts(zoneID: zoneID)
        return GridHubPage(
            links: links, grids: try await repo.countGrids(zoneID: zoneID), fullTime: workers.fullTime,
            partTime: workers.partTime, residents: try await repo.residentsInZone(zoneID: zoneID))
    }
}

/// The area tree (街道/镇 → 村/社区 → 网格) with counts at every level, a page of 街道/镇 at a time.
struct GridTreePage: Sendable {
    struct Row: Sendable {
        let depth: Int
        let level: String
        let name: String
        let code: String
        let href: String?
        let grids: Int
        let fullTime: Int
        let partTime: Int
        let residents: Int
        let isGrid: Bool
    }
    let rows: [Row]
    let total: Row
    let importHref: String?
    let mapHref = SiteURL.governanceMap.path
    let residentsHref: String?
    let paging: PageLinks?

    static func load(user: CurrentUser, zoneID: Int64, pager: Pager, db: any SQLDatabase) async throws
        -> GridTreePage
    {
        let census = try await GridCensus.load(db: db, zoneID: zoneID)
        let tops = try await GridRepository(db: db).topAreas(zoneID: zoneID, pager)
        var rows: [Row] = []
        func row(_ area: AreaRow, depth: Int, residents: Int) -> Row {
            let ids = census.gridIDs(under: area.id)
            let w = census.workerCounts(inGrids: ids)
            return .init(
                depth: depth, level: area.areaLevel?.label ?? area.level, name: area.name, code: area.code, href: nil,
                grids: ids.count, fullTime: w.fullTime, partTime: w.partTime, residents: residents, isGrid: false)
        }
        // Top-level areas are 街道/镇; a 村/社区 without a parent is listed at the top too.
        for top in tops.rows {
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
                            partTime: w.partTime, residents: census.residentsByGrid[grid.id] ?? 0, isGrid: true))
                }
            }
        }
        let all = census.workerCounts(inGrids: Set(census.grids.map(\.id)))
        return GridTreePage(
            rows: rows,
            total: .init(
                depth: 0, level: "合计", name: "全园区", code: "", href: nil, grids: census.grids.count,
                fullTime: all.fullTime, partTime: all.partTime, residents: census.residentsInZone, isGrid: false),
            importHref: Permissions.decide(user, .create, .gridList(zoneID: zoneID)) == .allow
                ? SiteURL.governanceGridImport.path : nil,
            residentsHref: Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: nil, gridID: nil))
                == .allow ? SiteURL.governanceResidents.path : nil,
            paging: tops.hasPrevious || tops.hasNext ? tops.links(.governanceGrids) : nil)
    }
}

/// One grid: who works there, who lives there, and its open events.
struct GridShowPage: Sendable {
    struct Worker: Sendable {
        let name: String
        let kind: String
        let phone: String
        let hasLogin: Bool
    }
    struct Household: Sendable {
        let code: String
        let address: String
        let members: Int
    }
    let code: String
    let name: String
    let area: String
    let street: String
    let partyBranch: String
    let workers: [Worker]
    let fullTime: Int
    let partTime: Int
    let residentCount: Int
    let householdCount: Int
    let openEvents: Int
    let households: [Household]
    let residentsHref: String?
    let newResidentHref: String?
    let map: GridMapDrawing?

    static func load(_ grid: GridRow, user: CurrentUser, db: any SQLDatabase) async throws -> GridShowPage {
        let repo = GridRepository(db: db)
        let zoneID = grid.zoneId
        let area = try await repo.area(id: grid.areaId, zoneID: zoneID)
        let street = try await area?.parentId.asyncMap { try await repo.area(id: $0, zoneID: zoneID) } ?? nil
        let figures = try await repo.figures(gridIDs: [grid.id])[grid.id] ?? GridFigures()
        let mayListResidents =
            Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: nil, gridID: grid.id)) == .allow
        let households = mayListResidents ? try await ResidentRepository(db: db).households(gridID: grid.id) : []
        let members = try await repo.householdMembers(gridID: grid.id)
        return GridShowPage(
            code: grid.code, name: grid.name,
            area: area.map { "\($0.name)（\($0.areaLevel?.label ?? $0.level)）" } ?? "—",
            street: street?.name ?? "—", partyBranch: grid.partyBranch ?? area?.partyBranch ?? "—",
            workers: try await repo.workers(gridID: grid.id).map {
                .init(
                    name: $0.name, kind: GridWorkerKind(rawValue: $0.kind)?.label ?? $0.kind, phone: $0.phone ?? "—",
                    hasLogin: $0.userId != nil)
            },
            fullTime: figures.fullTime, partTime: figures.partTime, residentCount: figures.residents,
            householdCount: figures.households, openEvents: figures.openEvents,
            households: households.map { .init(code: $0.code, address: $0.address, members: members[$0.id] ?? 0) },
            residentsHref: mayListResidents
                ? SiteURL.governanceResidents.with(query: [("grid", String(grid.id))]) : nil,
            newResidentHref: Permissions.decide(
                user, .create, .resident(zoneID: zoneID, personID: nil, gridID: grid.id)) == .allow
                ? SiteURL.governanceResidentNew.with(query: [("grid", String(grid.id))]) : nil,
            map: grid.shape.flatMap {
                GridMapDrawing(
                    grids: [(grid, $0, figures.openEvents)], measure: .open, label: "\(grid.name)的边界", width: 320)
            })
    }
}

/// The GeoJSON import form, and after a refused file, every problem found.
struct GridImportPage: Sendable {
    struct Problem: Sendable {
        let place: String
        let message: String
    }
    var problems: [Problem] = []
    var fileError: String?
    let action = SiteURL.governanceGridImport.path
    let csrf: String
}

/// The map page: the drawing, the switch between measures, and the same numbers as a table.
struct GridMapPage: Sendable {
    struct Row: Sendable {
        let code: String
        let name: String
        let area: String
        let count: Int
        let href: String
    }
    struct Choice: Sendable {
        let label: String
        let href: String
        let current: Bool
    }
    let measure: String
    let drawing: GridMapDrawing?
    let choices: [Choice]
    let rows: [Row]
    let total: Int

    /// Every grid of the zone (the drawing needs them all), coloured by `measure`.
    static func load(zoneID: Int64, zoneName: String, measure: GridMapMeasure, db: any SQLDatabase) async throws
        -> GridMapPage
    {
        let repo = GridRepository(db: db)
        let grids = try await repo.grids(zoneID: zoneID)
        let counts = try await repo.openEventCounts(zoneID: zoneID, overdueOnly: measure == .overdue)
        let areas = Dictionary(uniqueKeysWithValues: try await repo.areas(zoneID: zoneID).map { ($0.id, $0.name) })
        let drawable = grids.compactMap { g in g.shape.map { (row: g, shape: $0, count: counts[g.id] ?? 0) } }
        let total = counts.values.reduce(0, +)
        let drawing = GridMapDrawing(
            grids: drawable, measure: measure,
            label: "\(zoneName)网格地图：共 \(grids.count) 个网格，按\(measure.label)着色，合计 \(total) 件；各网格数字见下表。")
        return GridMapPage(
            measure: measure.label, drawing: drawing,
            choices: [GridMapMeasure.open, .overdue].map { m in
                .init(
                    label: "按\(m.label)",
                    href: m == .open
                        ? SiteURL.governanceMap.path : SiteURL.governanceMap.with(query: [("by", m.rawValue)]),
                    current: m == measure)
            },
            rows: grids.map {
                .init(
                    code: $0.code, name: $0.name, area: areas[$0.areaId] ?? "—", count: counts[$0.id] ?? 0,
                    href: SiteURL.governanceGrid($0.id).path)
            },
            total: total)
    }
}
