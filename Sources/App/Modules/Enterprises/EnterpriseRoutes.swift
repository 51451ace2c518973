import Hummingbird
import GaoxinCore

/// The enterprise registry pages. An enterprise user lands on their own enterprise; staff see
/// the zone's list.
struct EnterpriseRoutes {
    let services: AppServices

    struct ListPage: Sendable {
        struct Item: Sendable { let name: String; let uscc: String; let park: String; let href: String }
        let items: [Item]
        let total: Int
        let previousHref: String?
        let nextHref: String?
    }

    struct ShowPage: Sendable {
        let name: String
        let uscc: String
        let park: String
        let zone: String
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.enterprises).pattern) { request, context -> Response in
            let (user, zoneID) = try context.requireZone()
            try context.authorize(.view, .module(.enterprises, zoneID: zoneID))
            if user.role == .enterpriseUser, let own = user.enterpriseID { return .redirect(to: SiteURL.enterprise(own)) }
            try context.authorize(.view, .enterpriseList(zoneID: zoneID))
            let repo = EnterpriseRepository(db: services.database.sql)
            let perPage = 50
            let page = max(1, Int(request.uri.queryParameters.get("page") ?? "") ?? 1)
            let total = try await repo.count(zoneID: zoneID)
            let parks = Dictionary(uniqueKeysWithValues: try await ZoneRepository(db: services.database.sql).parks(zoneID: zoneID).map { ($0.id, $0.name) })
            let rows = try await repo.list(zoneID: zoneID, limit: perPage, offset: (page - 1) * perPage)
            let model = ListPage(
                items: rows.map { .init(name: $0.name, uscc: $0.uscc, park: $0.parkId.flatMap { parks[$0] } ?? "—", href: SiteURL.enterprise($0.id).path) },
                total: total,
                previousHref: page > 1 ? SiteURL.module(.enterprises).with(query: [("page", String(page - 1))]) : nil,
                nextHref: page * perPage < total ? SiteURL.module(.enterprises).with(query: [("page", String(page + 1))]) : nil)
            return try await services.render("enterprises/index", page: model, context: context, title: "企业", path: SiteURL.module(.enterprises).path,
                                              breadcrumbs: [.init(title: "企业", href: nil)])
        }

        router.get(SiteURL.enterprise(0).pattern) { request, context -> Response in
            let (_, zoneID) = try context.requireZone()
            let id = try request.id(context)
            // Rows of other zones are "not found" by construction: the query names the zone.
            guard let row = try await EnterpriseRepository(db: services.database.sql).find(id: id, zoneID: zoneID) else { throw PageError.notFound }
            try context.authorize(.view, .enterprise(zoneID: row.zoneId, enterpriseID: row.id))
            let zones = ZoneRepository(db: services.database.sql)
            let park = try await row.parkId.asyncMap { pid in try await zones.parks(zoneID: zoneID).first { $0.id == pid }?.name } ?? nil
            let model = ShowPage(name: row.name, uscc: row.uscc, park: park ?? "—", zone: try await zones.zone(id: zoneID)?.name ?? "")
            return try await services.render("enterprises/show", page: model, context: context, title: row.name, path: SiteURL.module(.enterprises).path,
                                              breadcrumbs: [.init(title: "企业", href: SiteURL.module(.enterprises).path), .init(title: row.name, href: nil)])
        }
    }
}
