import Foundation
import Hummingbird
import HummingbirdAuth
import Logging

/// Builds the application exactly as it runs: `gaoxin serve` and the tests both call this.
public func buildApplication(services: AppServices) async throws -> some ApplicationProtocol {
    let router = try buildRouter(services: services)
    var app = Application(
        router: router,
        configuration: .init(
            address: .hostname(services.config.hostname, port: services.config.port), serverName: "Gaoxin"),
        logger: services.logger)
    app.addServices(SessionPurger(store: services.sessions, logger: services.logger))
    if let every = services.config.memoryTrimEvery { app.addServices(MemoryTrimmer(every: every)) }
    if let every = services.config.caseSweepEvery { app.addServices(CaseSweeper(services: services, every: every)) }
    if let every = services.config.rankingRefreshEvery {
        app.addServices(AssessmentRefresher(services: services, every: every))
    }
    if let every = services.config.notices.deliverEvery {
        app.addServices(NoticeWorker(services: services, every: every))
    }
    return app
}

/// Opens the database, runs migrations, loads the demo when asked, and returns the services.
public func makeServices(config: AppConfig, logger: Logger) async throws -> AppServices {
    let database = try await Database.open(config.database, logger: logger)
    do {
        try await MigrationRunner(database: database, logger: logger).run()
        let pages =
            if let dir = config.templatesDirectory { try await PageRenderer(directory: dir) } else {
                try await PageRenderer.bundled()
            }
        let services = AppServices(
            config: config, database: database, pages: pages, cases: try CaseService(config: config), logger: logger)
        if config.loadDemo {
            try await DemoLoader(services: services).loadIfEmpty()
        }
        // Zones whose stored matches were reshaped by a migration are matched again before serving.
        for zoneID in try await PolicyMatching.unmatchedZones(db: database.sql) {
            let summary = try await database.transaction { db in
                try await PolicyMatching(db: db).run(zoneID: zoneID, trigger: "启动时补充匹配", actor: nil)
            }
            logger.info("园区 \(zoneID) 政策匹配：\(summary.enterprises) 家企业，\(summary.eligible) 项符合条件")
        }
        return services
    } catch {
        // Close the connections before reporting, so a failed start leaves nothing half-open.
        try? await database.shutdown()
        throw error
    }
}

/// All routes, grouped by module. Pages get sessions, CSRF and Chinese error pages; the API gets
/// bearer tokens and problem+json; operations endpoints get neither.
public func buildRouter(services: AppServices) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(https: services.config.secureCookies))
    router.add(middleware: ClientAddressMiddleware(hops: services.config.proxyHops))
    router.add(middleware: RedactedLogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: try APIFallbackMiddleware(document: APIRoutes.document()))
    // An address that no route takes gets the pages' 404 with the whole shell (PageNotFoundMiddleware).
    let unrouted = Router(context: AppRequestContext.self)
    pageGroup(unrouted, services: services).get("**") { _, _ -> Response in throw PageError.notFound }
    router.add(middleware: PageNotFoundMiddleware(pages: unrouted.buildResponder()))

    OperationsRoutes(services: services).register(on: router)
    try APIRoutes(services: services).register(on: router)
    Open311Routes(services: services).register(on: router)

    let pages = pageGroup(router, services: services)
    HomeRoutes(services: services).register(on: pages)
    AccountRoutes(services: services).register(on: pages)
    ElderModeRoutes(services: services).register(on: pages)
    ZoneRoutes(services: services).register(on: pages)
    AdminRoutes(services: services).register(on: pages)
    ModuleRoutes(services: services).register(on: pages)
    EnterpriseRoutes(services: services).register(on: pages)
    EnterpriseEditRoutes(services: services).register(on: pages)
    EnterpriseProfileRoutes(services: services).register(on: pages)
    EnterpriseAssessmentRoutes(services: services).register(on: pages)
    EnterpriseCriteriaRoutes(services: services).register(on: pages)
    PolicyRoutes(services: services).register(on: pages)
    ConsultationRoutes(services: services).register(on: pages)
    ApplicationRoutes(services: services).register(on: pages)
    PointsRoutes(services: services).register(on: pages)
    DeliberationRoutes(services: services).register(on: pages)
    EventRoutes(services: services).register(on: pages)
    Open311KeyRoutes(services: services).register(on: pages)
    GridRoutes(services: services).register(on: pages)
    GridMapRoutes(services: services).register(on: pages)
    ResidentRoutes(services: services).register(on: pages)
    NoticeRoutes(services: services).register(on: pages)  // outbox
    // users
    UserRoutes(services: services).register(on: pages)
    UserImportRoutes(services: services).register(on: pages)
    ActivationRoutes(services: services).register(on: pages)
    InvestmentRoutes(services: services).register(on: pages)  // investment
    StatisticsRoutes(services: services).register(on: pages)  // statistics
    EnterpriseHelpRoutes(services: services).register(on: pages)  // enterprise help
    MediationRoutes(services: services).register(on: pages)  // mediation
    ServiceRoutes(services: services).register(on: pages)  // services
    // Unknown page addresses get the Chinese 404 page too.
    pages.get("**") { _, _ -> Response in throw PageError.notFound }
    return router
}

/// What every page goes through: 长辈模式 (first, so error pages have it too), the Chinese error
/// pages, the session, the signed-in user and the form token. The error pages come twice: inside,
/// where what a page threw (not found, forbidden) is shown with the visitor's own header (their name
/// and the sign-out form; the context outside has neither, so a signed-in admin's 404 offered 登录);
/// outside, for what the session or the form token refused.
func pageGroup(_ router: Router<AppRequestContext>, services: AppServices) -> RouterGroup<AppRequestContext> {
    router.group()
        .add(middleware: ElderModeMiddleware())
        .add(middleware: ErrorPageMiddleware(services: services))
        .add(
            middleware: SessionMiddleware(
                storage: services.sessions,
                configuration: .init(
                    sessionCookieParameters: .init(
                        name: "gx_session", path: "/", secure: services.config.secureCookies, sameSite: .lax),
                    keyPrefix: "s.", defaultSessionExpiration: .seconds(8 * 3600)))
        )
        .add(middleware: SessionUserMiddleware(services: services))
        .add(middleware: CSRFMiddleware(secure: services.config.secureCookies))
        .add(middleware: ErrorPageMiddleware(services: services))
}
