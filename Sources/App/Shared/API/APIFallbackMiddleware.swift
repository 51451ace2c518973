import Foundation
import Hummingbird

/// Answers requests under `/api/v1` that no route took: a method the document doesn't declare on
/// a path it does is 405 with `Allow` (any method, even ones the router has never heard of), and
/// an unknown path is a problem+json 404 rather than the HTML page.
struct APIFallbackMiddleware<Context: RequestContext>: RouterMiddleware {
    let declared: [DeclaredPath]

    init(document: Data) throws {
        declared = try APIRoutes.declaredMethods(document)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard path.hasPrefix("/api/v1/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            if let match = declared.first(where: { $0.matches(path) }),
                !match.methods.contains(request.method.rawValue)
            {
                let allow = match.methods.sorted().joined(separator: ", ")
                return ProblemMiddleware<Context>.response(
                    APIError(status: .methodNotAllowed, title: "方法不允许", detail: "此接口只支持 \(allow)。"),
                    instance: path, headers: [.allow: allow])
            }
            return ProblemMiddleware<Context>.response(
                APIError(status: .notFound, title: "接口不存在", detail: "没有这个接口地址，请查看 /api/v1/openapi.json。"),
                instance: path)
        }
    }
}
