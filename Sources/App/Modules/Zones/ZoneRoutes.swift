import Hummingbird
import HummingbirdAuth

/// The platform admin's list of zones and the switch that picks the zone they work in.
struct ZoneRoutes {
    let services: AppServices

    struct ZonesPage: Sendable {
        struct Item: Sendable {
            let id: Int64
            let name: String
            let fullName: String
            let place: String
            let active: Bool
            let editHref: String
        }
        let zones: [Item]
        let switchHref: String
        let newHref = SiteURL.zoneNew.path
        let csrf: String
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        ZoneManageRoutes(services: services).register(on: router)
        ZoneSetupRoutes(services: services).register(on: router)
        router.get(SiteURL.zones.pattern) { _, context -> Response in
            try context.authorize(.view, .allZones)
            let user = try context.requireUser()
            let zones = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones)
            let page = ZonesPage(
                zones: zones.map {
                    .init(
                        id: $0.id, name: $0.name, fullName: $0.fullName, place: "\($0.province)\($0.city)",
                        active: $0.id == user.zoneID, editHref: SiteURL.zoneEdit($0.id).path)
                },
                switchHref: SiteURL.zoneSwitch.path, csrf: context.csrfToken)
            return try await services.render(
                "zones/index", page: page, context: context, title: "全部园区", path: SiteURL.zones.path,
                breadcrumbs: [.init(title: "全部园区", href: nil)])
        }

        router.post(SiteURL.zoneSwitch.pattern) { request, context -> Response in
            try context.authorize(.view, .allZones)
            let user = try context.requireUser()
            let form = try await FormData.from(request, context: context)
            let chosen: Int64?
            if form["zone_id"].isEmpty {
                chosen = nil  // back to the all-zones view
            } else {
                guard let id = Int64(form["zone_id"]),
                    try await ZoneRepository(db: services.database.sql).zone(id: id) != nil
                else {
                    return .redirect(to: SiteURL.zones, flash: Flash(kind: .error, message: "园区：所选园区不存在，请重新选择。"))
                }
                chosen = id
            }
            _ = context.sessions.updateSession(
                WebSession(
                    userID: user.id, activeZoneID: chosen, passwordStamp: context.sessions.session?.passwordStamp))
            return .redirect(
                to: SiteURL.home, flash: Flash(kind: .success, message: chosen == nil ? "已切换到全部园区视图。" : "已切换园区。"))
        }
    }
}
