import Hummingbird

/// Gives every response the request id that its log lines carry (`hb.request.id`), so a user
/// can quote it and an operator can find the request; audit rows record it too.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let id = context.id
        var response = try await AuditLog.$requestID.withValue(id) { try await next(request, context) }
        response.headers[.init("X-Request-Id")!] = id
        return response
    }
}
