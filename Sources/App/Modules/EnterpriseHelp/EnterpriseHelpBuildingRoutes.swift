import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// 楼委会 (聊城 东城街道): buildings with their member enterprises, the rotating chair, and the three
/// lists — needs, resources, projects — with suggested matches the office confirms.
struct EnterpriseHelpBuildingRoutes {
    let services: AppServices
    var help: EnterpriseHelpRoutes { EnterpriseHelpRoutes(services: services) }
    var service: EnterpriseHelpService { EnterpriseHelpService(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.help(.buildings).pattern, use: list)
        router.get(SiteURL.help(.building(0)).pattern, use: show)
        router.post(SiteURL.help(.buildingItems(0)).pattern, use: addItem)
        router.post(SiteURL.help(.buildingMatch(0)).pattern, use: match)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try help.viewer(context)
        let repo = EnterpriseHelpBuildingRepository(db: services.database.sql)
        var lines: [HelpBuildingsPage.Line] = []
        for b in try await repo.buildings(zoneID: zoneID) {
            lines.append(
                HelpBuildingsPage.Line(
                    name: b.name, address: b.address, href: SiteURL.help(.building(b.id)).path,
                    members: try await repo.members(buildingID: b.id).count))
        }
        return try await help.render(
            "enterprise-help/buildings", page: HelpBuildingsPage(lines: lines), context: context, title: "楼委会")
    }

    func loaded(_ request: Request, _ context: AppRequestContext) async throws -> (CurrentUser, HelpBuildingRow) {
        let (user, zoneID) = try help.viewer(context)
        guard
            let b = try await EnterpriseHelpBuildingRepository(db: services.database.sql).building(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        return (user, b)
    }

    func page(_ b: HelpBuildingRow, user: CurrentUser, context: AppRequestContext, errors: FormErrors = FormErrors())
        async throws -> Response
    {
        var page = try await HelpBuildingPage.load(b, user: user, csrf: context.csrfToken, db: services.database.sql)
        page.errors = errors
        return try await help.render(
            "enterprise-help/building", page: page, context: context, title: b.name,
            status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, b) = try await loaded(request, context)
        return try await page(b, user: user, context: context)
    }

    @Sendable func addItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, b) = try await loaded(request, context)
        try context.authorize(.update, .enterpriseHelp(zoneID: b.zoneId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                _ = try await service.addItem(
                    b, list: f["list"], enterprise: f["enterprise"], category: f["category"], text: f["text"],
                    user: user)
                return .redirect(to: .help(.building(b.id)), flash: Flash(kind: .success, message: "已加入清单。"))
            }, refused: { errors in try await page(b, user: user, context: context, errors: errors) })
    }

    @Sendable func match(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, b) = try await loaded(request, context)
        try context.authorize(.update, .enterpriseHelp(zoneID: b.zoneId))
        let f = try await FormData.from(request, context: context)
        return try await services.submit(
            {
                let message = try await service.match(b, need: f["need"], offer: f["offer"], user: user)
                return .redirect(to: .help(.building(b.id)), flash: Flash(kind: .success, message: message))
            }, refused: { errors in try await page(b, user: user, context: context, errors: errors) })
    }
}

/// The zone's 楼委会 buildings.
struct HelpBuildingsPage: Sendable {
    struct Line: Sendable {
        let name: String
        let address: String
        let href: String
        let members: Int
    }
    let lines: [Line]
}

/// One building: members, the chair rotation, the three lists and the suggested matches.
struct HelpBuildingPage: Sendable {
    struct Item: Sendable {
        let id: Int64
        let enterprise: String
        let category: String
        let text: String
        let matched: String?
    }
    struct ListBlock: Sendable {
        let label: String
        let items: [Item]
    }
    struct Suggestion: Sendable {
        let need: Item
        let offer: Item
        let listLabel: String
    }
    struct Chair: Sendable {
        let enterprise: String
        let span: String
        let current: Bool
    }
    let building: HelpBuildingRow
    let members: [String]
    let chairs: [Chair]
    let lists: [ListBlock]
    let suggestions: [Suggestion]
    let canEdit: Bool
    let memberOptions: [SelectOption]
    let listOptions: [SelectOption]
    let categories: [SelectOption]
    let itemAction: String
    let matchAction: String
    let csrf: String
    var errors = FormErrors()

    static func load(_ b: HelpBuildingRow, user: CurrentUser, csrf: String, db: any SQLDatabase) async throws
        -> HelpBuildingPage
    {
        let repo = EnterpriseHelpBuildingRepository(db: db)
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: b.zoneId)
        let members = try await repo.members(buildingID: b.id)
        let items = try await repo.items(buildingID: b.id)
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func item(_ i: HelpBuildingItemRow) -> Item {
            Item(
                id: i.id, enterprise: names[i.enterpriseId] ?? "—",
                category: DemandCategory(rawValue: i.category)?.label ?? i.category, text: i.text,
                matched: i.matchedItemId.flatMap { byID[$0] }.map { "已对接：\(names[$0.enterpriseId] ?? "—")“\($0.text)”" }
            )
        }
        let entries = { (list: BuildingList) in
            items.filter { $0.list == list.rawValue && $0.matchedItemId == nil }.map {
                BuildingEntry(id: $0.id, enterpriseID: $0.enterpriseId, category: $0.category, text: $0.text)
            }
        }
        let offers = entries(.resource) + entries(.project)
        let suggestions = BuildingMatcher.suggestions(needs: entries(.need), offers: offers).prefix(10).compactMap {
            s -> Suggestion? in
            guard let n = byID[s.need], let o = byID[s.offer] else { return nil }
            return Suggestion(need: item(n), offer: item(o), listLabel: BuildingList(rawValue: o.list)?.label ?? "")
        }
        let month = String(Clock.today.description.prefix(7))
        return HelpBuildingPage(
            building: b, members: members.map { names[$0] ?? "—" },
            chairs: try await repo.chairs(buildingID: b.id).map {
                Chair(
                    enterprise: names[$0.enterpriseId] ?? "—", span: "\($0.fromMonth) 至 \($0.toMonth)",
                    current: $0.fromMonth <= month && month <= $0.toMonth)
            },
            lists: BuildingList.allCases.map { l in
                ListBlock(label: l.label, items: items.filter { $0.list == l.rawValue }.map(item))
            }, suggestions: Array(suggestions),
            canEdit: Permissions.decide(user, .update, .enterpriseHelp(zoneID: b.zoneId)) == .allow,
            memberOptions: helpOptions(members.map { ($0, names[$0] ?? "—") }, selected: ""),
            listOptions: BuildingList.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: false)
            },
            categories: DemandCategory.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: false)
            },
            itemAction: SiteURL.help(.buildingItems(b.id)).path, matchAction: SiteURL.help(.buildingMatch(b.id)).path,
            csrf: csrf)
    }
}
