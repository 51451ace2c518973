import Foundation
import HTTPTypes
import Hummingbird

/// Behind `hops` proxies of our own, the client's address is the entry of `X-Forwarded-For` that
/// the outermost proxy appended: the `hops`-th from the right. Everything left of it was written by
/// the client and could be anything, so it is never read (it would let a client pick a fresh
/// address for every login attempt). With no trusted proxy the header is ignored.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let hops: Int

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard hops > 0 else { return try await next(request, context) }
        var context = context
        let entries = request.headers[values: Self.forwardedFor].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if let address = Self.client(entries, hops: hops) { context.remoteAddress = address }
        return try await next(request, context)
    }

    /// The trusted entry, or nil when the header is shorter than the proxy chain (sent past it).
    static func client(_ entries: [String], hops: Int) -> String? {
        guard entries.count >= hops else { return nil }
        let address = entries[entries.count - hops]
        return address.isEmpty || address.count > 64 ? nil : address
    }
}
