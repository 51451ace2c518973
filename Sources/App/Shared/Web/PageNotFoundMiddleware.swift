import Hummingbird

/// The router does not backtrack at the first segment: `/m/no-such-page` goes down the `m`
/// branch, finds nothing and never reaches the pages' `**` route, so the answer was an empty 404
/// without the shell (no landmarks, no viewport, no way back; issue #18). Such an address is
/// answered by `pages`, a router holding only the page middleware and `**`, so it gets the Chinese
/// 404 page with the visitor's navigation and 长辈模式. The API and Open311 keep their own 404s.
struct PageNotFoundMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let pages: RouterResponder<AppRequestContext>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            guard request.method == .get || request.method == .head, !path.hasPrefix("/api/"),
                !path.hasPrefix("/open311/")
            else { throw error }
            return try await pages.respond(to: request, context: context)
        }
    }
}
