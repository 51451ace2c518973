import Foundation
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

/// Mounts `/api/v1`: the handlers generated from `openapi.json` (so document and code can't
/// drift) and the document itself. `APIFallbackMiddleware` answers what no route matched.
struct APIRoutes {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) throws {
        let document = try Self.document()
        router.group("/api/v1").add(middleware: ProblemMiddleware()).get("openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }

        // JSON bodies are small: 1 MB at most, read before the token is even looked up; the two
        // routes that carry Base64 files (政务服务 online applications and 补正) take up to 24 MB.
        let api = router.group()
            .add(middleware: ProblemMiddleware())
            .add(middleware: BodyLimitMiddleware(limit: Self.bodyLimit))
            .add(middleware: APIAuthMiddleware(database: services.database))
        // Compact JSON: the generator's default (sorted keys, pretty-printed) cost every response
        // its own pass of sorting and indenting; `jq` pretty-prints for a reader.
        try APIHandler(services: services).registerHandlers(
            on: api, serverURL: URL(string: "/api/v1")!, configuration: Configuration(jsonEncodingOptions: []))
    }

    @Sendable static func bodyLimit(_ request: Request) -> Int {
        let path = request.uri.path
        let carriesFiles =
            path == "/api/v1/services/online-applications"
            || (path.hasPrefix("/api/v1/services/applications/") && path.hasSuffix("/files"))
        return carriesFiles ? 24 * 1024 * 1024 : 1024 * 1024
    }

    static func document() throws -> Data {
        try Data(contentsOf: AppResources.url("openapi.json"))
    }

    /// Each documented path (as segments after `/api/v1`) with the methods declared on it.
    static func declaredMethods(_ document: Data) throws -> [DeclaredPath] {
        guard let root = try JSONSerialization.jsonObject(with: document) as? [String: Any],
            let paths = root["paths"] as? [String: [String: Any]]
        else { return [] }
        return paths.map { DeclaredPath(template: $0.key, methods: Set($0.value.keys.map { $0.uppercased() })) }
    }
}

/// A path of the document, e.g. `/enterprises/{enterpriseId}`, and its methods.
struct DeclaredPath: Sendable {
    let segments: [Substring]
    let methods: Set<String>

    init(template: String, methods: Set<String>) {
        segments = ("/api/v1" + template).split(separator: "/")
        self.methods = methods
    }

    /// Whether a request path fits the template (`{name}` matches any one segment).
    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard parts.count == segments.count else { return false }
        return zip(segments, parts).allSatisfy { $0.first == "{" || $0 == $1 }
    }
}
