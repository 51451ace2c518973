import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Cross-site request forgery protection for pages: a random token in a cookie that every form
/// repeats in a hidden `_csrf` field (double submit). A forged cross-site post can't read the
/// cookie, so it can't repeat it. Session cookies are also SameSite=Lax.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "gx_csrf"
    static let fieldName = "_csrf"
    /// Behind HTTPS (`GAOXIN_SECURE_COOKIES=1`) the form token and flash cookies are Secure too.
    let secure: Bool

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
            // Only signed-in users may send more than an ordinary form, and a declared length over
            // the limit is refused before a byte is read.
            if context.bodyLimit > Self.formLimit, context.identity == nil { throw PageError.loginRequired }
            if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > context.bodyLimit {
                throw PageError.tooLarge
            }
            let buffer = try await request.collectBody(upTo: context.bodyLimit)
            let submitted: String
            if let boundary = FormData.multipartBoundary(request) {
                context.multipart = try? MultipartForm.parse(buffer, boundary: boundary)
                submitted = context.multipart?[Self.fieldName] ?? ""
            } else {
                submitted = FormData(urlEncoded: String(buffer: buffer)).raw(Self.fieldName)
            }
            guard let existing, Self.same(submitted, existing) else { throw PageError.csrf }
        }
        var response = try await next(request, context)
        if existing != token {
            response.setCookie(
                Cookie(name: Self.cookieName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
        }
        if context.flash != nil, request.method == .get {
            response.setCookie(
                Cookie(
                    name: Flash.cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true,
                    sameSite: .lax))
        }
        if secure { Self.secureFlash(&response) }
        return response
    }

    /// Flash cookies are set by `Response.redirect` anywhere in the pages; they get Secure here.
    static func secureFlash(_ response: inout Response) {
        let cookies = response.headers[values: .setCookie]
        guard cookies.contains(where: { $0.hasPrefix(Flash.cookieName + "=") && !$0.contains("; Secure") }) else {
            return
        }
        response.headers[.setCookie] = nil
        for cookie in cookies {
            let isFlash = cookie.hasPrefix(Flash.cookieName + "=") && !cookie.contains("; Secure")
            response.headers.append(HTTPField(name: .setCookie, value: isFlash ? cookie + "; Secure" : cookie))
        }
    }

    /// Uploads (CSV imports, attachments, a service application's materials and their 补正) may be
    /// larger than ordinary forms: up to `uploadLimit`, so that a material over its own 10 MB limit
    /// comes back on the form with its message rather than as a bare 413.
    static func bodyLimit(for path: String) -> Int {
        let takesFiles =
            path.hasSuffix("/import") || path.hasSuffix("/upload")
            || path.hasPrefix("/m/services/") && (path.hasSuffix("/apply") || path.hasSuffix("/supplement"))
        return takesFiles ? uploadLimit : formLimit
    }

    static let formLimit = 1024 * 1024
    static let uploadLimit = 20 * 1024 * 1024

    static func newToken() -> String { APITokens.newSecret(prefix: "", bytes: 32) }

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
