import Foundation
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

/// Mounts `/api/v1`: the handlers generated from `openapi.json` (so document and code can't
/// drift), the document itself, and 405 answers for methods the document doesn't declare.
struct APIRoutes {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) throws {
        let document = try Self.document()
        router.group("/api/v1").add(middleware: ProblemMiddleware()).get("openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }

        let api = router.group()
            .add(middleware: ProblemMiddleware())
            .add(middleware: APIAuthMiddleware(database: services.database))
        try APIHandler(services: services).registerHandlers(on: api, serverURL: URL(string: "/api/v1")!)

        // Methods the document doesn't declare on a path it does: 405 with Allow, not 404.
        let declared = try Self.declaredMethods(document)
        let problemsOnly = router.group().add(middleware: ProblemMiddleware())
        for (path, methods) in declared {
            let routerPath = "/api/v1" + path.replacingOccurrences(of: #"\{([^}]+)\}"#, with: ":$1", options: .regularExpression)
            let allow = methods.sorted().joined(separator: ", ")
            for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] where !methods.contains(method.rawValue) {
                problemsOnly.on(RouterPath(routerPath), method: method) { request, _ -> Response in
                    ProblemMiddleware<AppRequestContext>.response(
                        APIError(status: .methodNotAllowed, title: "方法不允许", detail: "此接口只支持 \(allow)。"),
                        instance: request.uri.path, headers: [.allow: allow])
                }
            }
        }
        // Anything else under /api/v1 is a problem+json 404, not the HTML page.
        problemsOnly.get("/api/v1/**") { _, _ -> Response in throw HTTPError(.notFound) }
    }

    static func document() throws -> Data {
        try Data(contentsOf: AppResources.url("openapi.json"))
    }

    /// Path → declared HTTP methods (upper case), read from the document.
    static func declaredMethods(_ document: Data) throws -> [String: Set<String>] {
        guard let root = try JSONSerialization.jsonObject(with: document) as? [String: Any],
              let paths = root["paths"] as? [String: [String: Any]]
        else { return [:] }
        return paths.mapValues { Set($0.keys.map { $0.uppercased() }) }
    }
}
