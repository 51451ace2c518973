import Foundation
import Hummingbird
import Logging

/// Logs every request (method and path with its query, as Hummingbird's `LogRequestsMiddleware`
/// does) but with secrets in the query replaced by `***`: Open311 clients may send their
/// `api_key` there, and a log line must never be enough to file events in a zone's name (#11).
struct RedactedLogRequestsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Query parameters whose values never reach the log.
    static var secretParameters: Set<String> { ["api_key", "token", "access_token", "password"] }

    let level: Logger.Level

    init(_ level: Logger.Level) {
        self.level = level
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        context.logger.log(
            level: level, "Request",
            metadata: [
                "hb.request.path": .string(Self.redacted(path: request.uri.path, query: request.uri.query)),
                "hb.request.method": .string(request.method.rawValue),
            ])
        return try await next(request, context)
    }

    /// The path and query with every secret parameter's value replaced by `***`.
    static func redacted(path: String, query: String?) -> String {
        guard let query, !query.isEmpty else { return path }
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            let name = String(part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            let decoded = (name.removingPercentEncoding ?? name).replacingOccurrences(of: "+", with: " ")
            return secretParameters.contains(decoded.lowercased()) ? "\(name)=***" : String(part)
        }
        return path + "?" + parts.joined(separator: "&")
    }
}
