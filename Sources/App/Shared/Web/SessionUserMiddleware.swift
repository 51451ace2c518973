import Hummingbird
import HummingbirdAuth

/// Turns the session into the signed-in user (hummingbird-auth's session authenticator over our
/// users table). A deactivated account's session stops working at once. The zone being worked in
/// is read here, once per request, and sits on the context (`context.zone`) for every page.
struct SessionUserMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let authenticator: SessionAuthenticator<AppRequestContext, UserSessionClosureRepository<WebSession, CurrentUser>>
    let db: Database

    init(services: AppServices) {
        let db = services.database
        self.db = db
        authenticator = SessionAuthenticator { session, _ in
            try await UserRepository(db: db.sql).signedIn(session)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try await authenticator.handle(request, context: context) { request, context in
            var context = context
            if let zoneID = context.identity?.zoneID {
                context.zone = try await ZoneRepository(db: db.sql).zone(id: zoneID)
            }
            return try await next(request, context)
        }
    }
}
