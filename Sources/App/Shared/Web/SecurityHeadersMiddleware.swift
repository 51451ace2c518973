import HTTPTypes
import Hummingbird

/// Headers on every response (pages, API, files, errors). The site runs without JavaScript, so the
/// policy allows none at all: a script that got into a page or an upload still cannot run.
/// Inline `style` attributes (the server-drawn map and bars) are the one relaxation.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// HSTS is sent only when cookies are Secure, i.e. the site is served over HTTPS.
    let https: Bool

    static var contentSecurityPolicy: String {
        [
            "default-src 'none'", "style-src 'self'", "style-src-attr 'unsafe-inline'", "img-src 'self' data:",
            "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
        ].joined(separator: "; ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        // A route that sets its own (stricter) policy, such as a user's file, keeps it.
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        if https { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
}
