import Hummingbird
import HummingbirdAuth

/// Turns the session into the signed-in user (hummingbird-auth's session authenticator over our
/// users table). A deactivated account's session stops working at once.
struct SessionUserMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let authenticator: SessionAuthenticator<AppRequestContext, UserSessionClosureRepository<WebSession, CurrentUser>>

    init(services: AppServices) {
        let db = services.database
        authenticator = SessionAuthenticator { session, _ in
            try await UserRepository(db: db.sql).signedIn(id: session.userID, activeZoneID: session.activeZoneID)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await authenticator.handle(request, context: context, next: next)
    }
}
