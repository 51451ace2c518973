import GaoxinCore
import Hummingbird

/// The home page: a welcome for the public, and for each role the modules it works in.
struct HomeRoutes {
    let services: AppServices

    struct HomePage: Sendable {
        struct Card: Sendable {
            let title: String
            let summary: String
            let href: String
        }
        let greeting: String
        let signedIn: Bool
        let cards: [Card]
        let zoneCount: Int
        let needsZone: Bool
        /// An enterprise user's unread notices (newest first, a few), with where to read them all.
        var notices: [String] = []
        var unreadNote: String?
        let noticesHref = SiteURL.policyNotices.path
        let matchesHref = SiteURL.policyMine.path
        var isEnterprise = false
        let zonesHref = SiteURL.zones.path
        let loginHref = SiteURL.login.path
        /// Every signed-in user's unread notices in the outbox, and where to read them.  // outbox
        var inboxNote: String?
        let inboxHref = SiteURL.notices.path
        /// The user's to-do list across modules (`ToDoList`), each line counted and linked.  // statistics
        var todo: [ToDoLine] = []
        var hasToDo = false
        /// The dashboards of the user's own work (a chain they lead, their department, their enterprise).
        var dashboards: [Card] = []
        var hasDashboards = false
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.home.pattern) { _, context -> Response in
            let user = context.identity
            let seesAllZones = Permissions.decide(user, .view, .allZones) == .allow
            let slots = ModuleSlot.allCases.filter { slot in user.map { slot.roles.contains($0.role) } ?? slot.isPublic
            }
            var page = HomePage(
                greeting: user.map { "\($0.displayName)，您好（\($0.role.label)）" } ?? "欢迎使用高新区综合服务平台",
                signedIn: user != nil,
                cards: slots.map { .init(title: $0.title, summary: $0.summary, href: SiteURL.module($0).path) },
                zoneCount: seesAllZones ? try await ZoneRepository(db: services.database.sql).count() : 0,
                needsZone: seesAllZones && user?.zoneID == nil)
            // Only enterprise accounts are bound to an enterprise.
            if let enterpriseID = user?.enterpriseID {
                let repo = PolicyRepository(db: services.database.sql)
                let count = try await repo.unreadCount(enterpriseID: enterpriseID)
                page.isEnterprise = true
                page.notices = try await repo.notices(enterpriseID: enterpriseID, limit: 20).filter { $0.readAt == nil }
                    .prefix(3).map(\.message)
                page.unreadNote = count == 0 ? nil : "您有 \(count) 条未读通知"
            }
            if let user {  // outbox
                let unread = try await OutboxRepository(db: services.database.sql).unreadCount(userID: user.id)
                page.inboxNote = unread == 0 ? "我的通知：没有未读通知" : "我的通知：\(unread) 条未读"
            }
            if let user, let zoneID = user.zoneID {  // statistics: the to-do list
                page.todo = try await ToDoList.load(
                    user: user, zoneID: zoneID, db: services.database.sql, calendar: services.cases.engine.calendar)
                page.hasToDo = !page.todo.isEmpty
                page.dashboards = try await OwnDashboardLinks.cards(
                    user: user, zoneID: zoneID, db: services.database.sql)
                page.hasDashboards = !page.dashboards.isEmpty
            }
            return try await services.render(
                "home/index", page: page, context: context, title: "首页", path: SiteURL.home.path)
        }
    }
}
