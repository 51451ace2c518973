import Hummingbird

/// Landing pages of the modules whose own pages come in later releases: each says what the
/// module will do, so the navigation never leads to a dead end.
struct ModuleRoutes {
    let services: AppServices

    struct ModulePage: Sendable {
        let title: String
        let summary: String
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        for slot in ModuleSlot.allCases
        where slot != .enterprises && slot != .policies && slot != .governance
            && slot != .investment  // investment
            && slot != .statistics  // statistics
            && slot != .enterpriseHelp  // enterprise help
            && slot != .mediation  // mediation
            && slot != .services  // services
        {
            router.get(SiteURL.module(slot).pattern) { _, context -> Response in
                if let user = context.identity {
                    guard let zoneID = user.zoneID else { throw PageError.zoneRequired }
                    try context.authorize(.view, .module(slot, zoneID: zoneID))
                } else if !slot.isPublic {
                    throw PageError.loginRequired
                }
                return try await services.render(
                    "modules/slot", page: ModulePage(title: slot.title, summary: slot.summary), context: context,
                    title: slot.title, path: SiteURL.module(slot).path,
                    breadcrumbs: [.init(title: slot.title, href: nil)])
            }
        }
    }
}
