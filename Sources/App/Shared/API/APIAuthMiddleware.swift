import Hummingbird
import HummingbirdAuth
import SQLKit

/// The API caller, set for the duration of one request by `APIAuthMiddleware`. The generated
/// handlers get no request context, so the user travels as a task-local value.
enum APICaller {
    @TaskLocal static var user: CurrentUser?

    static func require() throws -> CurrentUser {
        guard let user else { throw APIError.unauthorized }
        return user
    }
}

/// Bearer-token authentication for `/api/v1`. Sessions and cookies play no part here, so the API
/// needs no CSRF token.
struct APIAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let database: Database

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let bearer = request.headers.bearer, !bearer.token.isEmpty,
            let row = try await APITokenRepository(db: database.sql).user(forSecret: bearer.token),
            let user = try await UserRepository(db: database.sql).signedIn(row)
        else {
            return ProblemMiddleware<Context>.response(
                .unauthorized, instance: request.uri.path, headers: [.wwwAuthenticate: "Bearer"])
        }
        return try await APICaller.$user.withValue(user) { try await next(request, context) }
    }
}
