import Foundation
import Hummingbird

/// 长辈模式 (适老化, issue #18): the same pages and data with larger type, higher contrast and bigger
/// targets. A plain link sets or clears a cookie, so it works without JavaScript and for visitors
/// who are not signed in; the stylesheet does the rest from `<html class="elder">`.
enum ElderMode {
    static let cookieName = "gx_elder"
    /// Kept for a year: whoever needs larger type needs it on every visit.
    static let maxAge = 365 * 24 * 3600

    /// The shell's link: switches the mode and comes back to `back`.
    static func toggleHref(on: Bool, back: String) -> String {
        // Only unreserved characters and `/` stay as they are, so `&` or `#` in the page's own
        // query can't end `next` early.
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        let next = back.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
        return "\(SiteURL.elderMode.path)?on=\(on ? 1 : 0)&next=\(next)"
    }
}

/// Reads the 长辈模式 cookie and the address asked for into the context. It runs before the error
/// pages' middleware, so 403, 404 and 500 pages are in the visitor's mode too.
struct ElderModeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.elderMode = request.cookies[ElderMode.cookieName]?.value == "1"
        // After a form post the page shown is the form's own address; a very long address is not
        // worth carrying through the link.
        let uri = request.uri.description
        context.requestPath = request.method == .get && uri.count <= 1000 ? uri : request.uri.path
        return try await next(request, context)
    }
}

/// `GET /elder-mode?on=1|0&next=/path`: sets or clears the cookie and goes back. A GET because it
/// changes only how this browser shows pages, nothing on the server (like a language switch).
struct ElderModeRoutes {
    let services: AppServices

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.elderMode.pattern) { request, _ -> Response in
            let on = request.uri.queryParameters.get("on") == "1"
            let back = AccountRoutes.localPath(request.uri.queryParameters.get("next") ?? "") ?? SiteURL.home.path
            var response = Response.redirect(to: back, flash: nil)
            response.setCookie(
                Cookie(
                    name: ElderMode.cookieName, value: on ? "1" : "0", maxAge: on ? ElderMode.maxAge : 0, path: "/",
                    secure: services.config.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }
}
