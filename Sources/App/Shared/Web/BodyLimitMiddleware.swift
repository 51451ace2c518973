import Hummingbird
import NIOCore

/// Reads a request body up to `limit` bytes before anything else happens (authentication, CSRF,
/// the handler), so nobody can make the server buffer more than a route needs. A declared
/// `Content-Length` over the limit is refused without reading; a body that turns out longer is cut
/// off at the limit. Either way the answer is 413, from the error middleware of the route group.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: @Sendable (Request) -> Int

    init(limit: @escaping @Sendable (Request) -> Int) {
        self.limit = limit
    }

    init(bytes: Int) {
        self.limit = { _ in bytes }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        let limit = limit(request)
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        request.body = .init(buffer: buffer)
        return try await next(request, context)
    }
}
