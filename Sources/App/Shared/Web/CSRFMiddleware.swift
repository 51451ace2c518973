import Crypto
import Foundation
import Hummingbird

/// Cross-site request forgery protection for pages: a random token in a cookie that every form
/// repeats in a hidden `_csrf` field (double submit). A forged cross-site post can't read the
/// cookie, so it can't repeat it. Session cookies are also SameSite=Lax.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "gx_csrf"
    static let fieldName = "_csrf"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let existing = request.cookies[Self.cookieName]?.value
        let token = existing.flatMap { $0.count == 64 ? $0 : nil } ?? Self.newToken()
        context.csrfToken = token
        if let flash = request.cookies[Flash.cookieName].flatMap({ Flash(cookieValue: $0.value) }) {
            context.flash = flash
        }

        var request = request
        if request.method == .post || request.method == .put || request.method == .delete || request.method == .patch {
            context.bodyLimit = Self.bodyLimit(for: request.uri.path)
            let buffer = try await request.collectBody(upTo: context.bodyLimit)
            let submitted: String
            if let boundary = FormData.multipartBoundary(request) {
                submitted = (try? MultipartForm.parse(buffer, boundary: boundary))?[Self.fieldName] ?? ""
            } else {
                submitted = FormData(urlEncoded: String(buffer: buffer)).raw(Self.fieldName)
            }
            guard let existing, Self.same(submitted, existing) else { throw PageError.csrf }
        }
        var response = try await next(request, context)
        if existing != token {
            response.setCookie(Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .lax))
        }
        if context.flash != nil, request.method == .get {
            response.setCookie(
                Cookie(name: Flash.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// Uploads (CSV imports, attachments) may be larger than ordinary forms.
    static func bodyLimit(for path: String) -> Int {
        path.hasSuffix("/import") || path.hasSuffix("/upload") ? 20 * 1024 * 1024 : 1024 * 1024
    }

    static func newToken() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// Constant-time comparison, so the token can't be guessed byte by byte from timings.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
