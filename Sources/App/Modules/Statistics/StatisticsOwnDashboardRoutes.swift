import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// The own dashboards (`/m/statistics/{chains|departments|enterprises}/:id/dashboard`) and their
/// exports: each table as CSV (UTF-8 with BOM), all of them as one `.xlsx` workbook. Who may read
/// which is `Permissions`' answer on the owner's row; another zone's row answers 404.
struct StatisticsOwnDashboardRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        for kind in OwnDashboardKind.allCases {
            router.get(SiteURL.statisticsOwnDashboard(kind, 0).pattern) { request, context in
                try await page(kind, request, context)
            }
            router.get(SiteURL.statisticsOwnDashboard(kind, 0, format: .csv).pattern) { request, context in
                try await csv(kind, request, context)
            }
            router.get(SiteURL.statisticsOwnDashboard(kind, 0, format: .xlsx).pattern) { request, context in
                try await xlsx(kind, request, context)
            }
        }
    }

    /// The dashboard the id names, once `Permissions` allows the viewer to read it.
    func load(_ kind: OwnDashboardKind, _ request: Request, _ context: AppRequestContext) async throws
        -> OwnDashboardPage
    {
        let (_, zoneID) = try context.requireZone()
        return try await Self.load(kind, id: try request.id(context), zoneID: zoneID, services: services) {
            try context.authorize(.view, $0)
        }
    }

    /// The dashboard of `kind` and `id` in the zone; `authorize` is asked for the owner's row (the
    /// page's and the API's own way of refusing). A row of another zone is not found before any role
    /// is asked.
    static func load(
        _ kind: OwnDashboardKind, id: Int64, zoneID: Int64, services: AppServices,
        authorize: (Resource) throws -> Void
    ) async throws -> OwnDashboardPage {
        let db = services.database.sql
        switch kind {
        case .chain:
            guard let chain = try await InvestmentRepository(db: db).chain(id: id, zoneID: zoneID) else {
                throw PageError.notFound
            }
            try authorize(.chainDashboard(zoneID: zoneID, leaderUserID: chain.leaderUserId))
            return try await .chain(chain, db: db)
        case .department:
            let repo = StatisticsOwnDashboardRepository(db: db)
            guard let name = try await repo.departmentName(zoneID: zoneID, departmentID: id) else {
                throw PageError.notFound
            }
            try authorize(.departmentDashboard(zoneID: zoneID, departmentID: id))
            let cases = services.cases
            return try await .department(
                zoneID: zoneID, departmentID: id, name: name, db: db, today: Clock.today,
                stateName: { cases.stateName($0, $1) })
        case .enterprise:
            try authorize(.enterpriseDashboard(zoneID: zoneID, enterpriseID: id))
            let repo = StatisticsOwnDashboardRepository(db: db)
            guard let name = try await repo.enterpriseName(zoneID: zoneID, enterpriseID: id) else {
                throw PageError.notFound
            }
            return try await .enterprise(zoneID: zoneID, enterpriseID: id, name: name, db: db)
        }
    }

    func page(_ kind: OwnDashboardKind, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let page = try await load(kind, request, context)
        return try await services.render(
            "statistics/own-dashboard", page: page, context: context, title: page.heading,
            path: SiteURL.home.path,
            breadcrumbs: [.init(title: page.heading, href: nil)])
    }

    /// One table (`?table=key`); an unknown key answers 404.
    func csv(_ kind: OwnDashboardKind, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let page = try await load(kind, request, context)
        let key = request.uri.queryParameters["table"].map(String.init) ?? ""
        guard key.count <= 80, let section = page.sections.first(where: { $0.table.key == key }) else {
            throw PageError.notFound
        }
        return .download(
            try section.table.csv(), contentType: "text/csv; charset=utf-8", filename: "\(kind.rawValue)-\(key).csv",
            chineseName: section.title + ".csv")
    }

    func xlsx(_ kind: OwnDashboardKind, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let page = try await load(kind, request, context)
        return .download(
            try Workbook.xlsx(page.sections.map(\.table)),
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename: "\(kind.rawValue)-dashboard.xlsx", chineseName: page.heading + ".xlsx")
    }
}

/// The home page's links to the dashboards of the user's own work, each one `Permissions` lets them read.
enum OwnDashboardLinks {
    static func cards(user: CurrentUser, zoneID: Int64, db: any SQLDatabase) async throws -> [HomeRoutes.HomePage.Card]
    {
        var cards: [HomeRoutes.HomePage.Card] = []
        let allowed = { (r: Resource) in Permissions.decide(user, .view, r) == .allow }
        if allowed(.statistics(zoneID: zoneID)) {
            cards.append(
                .init(
                    title: "管委会总览", summary: "全区指标、招商漏斗、政策兑现、服务效率与基层治理",
                    href: SiteURL.statisticsDashboard.path))
        }
        if user.role.isStaff {
            for chain in try await StatisticsOwnDashboardRepository(db: db).chainsLed(zoneID: zoneID, userID: user.id)
            where allowed(.chainDashboard(zoneID: zoneID, leaderUserID: user.id)) {
                cards.append(
                    .init(
                        title: "链长看板：\(chain.name)", summary: "本链项目漏斗、投资、到位资金与链上企业数据",
                        href: SiteURL.statisticsOwnDashboard(.chain, chain.id).path))
            }
        }
        if let department = user.departmentID, allowed(.departmentDashboard(zoneID: zoneID, departmentID: department)) {
            cards.append(
                .init(
                    title: "部门工作看板", summary: "本部门办件按状态、超时、好评率与逐月收件",
                    href: SiteURL.statisticsOwnDashboard(.department, department).path))
        }
        if let enterprise = user.enterpriseID, allowed(.enterpriseDashboard(zoneID: zoneID, enterpriseID: enterprise)) {
            cards.append(
                .init(
                    title: "企业数据看板", summary: "本企业经营数据同比、申报与兑现、可享受的政策",
                    href: SiteURL.statisticsOwnDashboard(.enterprise, enterprise).path))
        }
        return cards
    }
}
