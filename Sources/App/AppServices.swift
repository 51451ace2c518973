import GaoxinCore
import Hummingbird
import Logging

/// The long-lived things routes need, built once in `buildApplication` and passed to each
/// module's routes. Tests build the same value over their own database.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let database: Database
    public let pages: PageRenderer
    let hasher: PasswordHasher
    let throttle = LoginThrottle()
    let sessions: SessionRepository
    /// The case workflow engine with the zone's calendar and every case type.
    let cases: CaseService
    /// The public policy pages as visitors who are not signed in see them, while still valid.
    let publicPages = PublicPageCache()
    /// The API's policy lists, the same for every caller of a zone, while still valid; bounded by
    /// rows (documents and items, ≈ 10 MB).
    let policyLists = VersionedCache<PolicyListKey, Components.Schemas.PolicyPage>(maxCost: 20_000)
    /// Enterprise pages' criteria with their explanations, by the inputs they are computed from.
    let assessmentViews = AssessmentViewKey.cache()
    public let logger: Logger

    public init(config: AppConfig, database: Database, pages: PageRenderer, cases: CaseService, logger: Logger) {
        self.config = config
        self.database = database
        self.pages = pages
        self.hasher = PasswordHasher(cost: config.bcryptCost)
        self.sessions = SessionRepository(database: database)
        self.cases = cases
        self.logger = logger
    }

    /// The page shell for this request.
    func layout(_ context: AppRequestContext, title: String, path: String, breadcrumbs: [LayoutModel.Crumb] = [])
        async throws -> LayoutModel
    {
        let user = context.identity
        var zoneName = "高新区综合服务平台"
        if let zone = context.zone {
            zoneName = zone.name
        } else if Permissions.decide(user, .view, .allZones) == .allow {
            zoneName = "全部园区（平台管理）"
        }
        var layout = LayoutModel(
            title: title, zoneName: zoneName,
            user: user.map {
                .init(
                    displayName: $0.displayName, roleLabel: $0.role.label, profileHref: SiteURL.profile.path,
                    logoutHref: SiteURL.logout.path)
            },
            nav: LayoutModel.navigation(for: user, current: path),
            breadcrumbs: [.init(title: "首页", href: SiteURL.home.path)] + breadcrumbs,
            flash: context.flash, csrf: context.csrfToken)
        layout.elderMode = context.elderMode
        layout.elderToggleHref = ElderMode.toggleHref(on: !context.elderMode, back: context.requestPath)
        return layout
    }

    /// Renders a page inside the shell.
    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String, path: String,
        breadcrumbs: [LayoutModel.Crumb] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        PageRenderer.response(
            try await html(template, page: page, context: context, title: title, path: path, breadcrumbs: breadcrumbs),
            status: status)
    }

    /// A page inside the shell as HTML, for `publicPages` to keep.
    func html(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String, path: String,
        breadcrumbs: [LayoutModel.Crumb] = []
    ) async throws -> ByteBuffer {
        let layout = try await layout(context, title: title, path: path, breadcrumbs: breadcrumbs)
        return try pages.html(template, page: page, layout: layout)
    }
}
