import Foundation
import Hummingbird
import Mustache

/// A one-time message shown on the page after a redirect ("已保存"), carried in a short-lived
/// cookie so it works without JavaScript and without writing to the session on every request.
public struct Flash: Sendable, Equatable, MustacheParent {
    public enum Kind: String, Sendable { case success, error, info }
    public var kind: Kind
    public var message: String

    static let cookieName = "gx_flash"

    public func child(named name: String) -> Any? {
        switch name {
        case "kind": kind.rawValue
        case "message": message
        case "isError": kind == .error
        default: nil
        }
    }

    var cookie: Cookie {
        let value = "\(kind.rawValue):\(message)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return Cookie(name: Self.cookieName, value: value, maxAge: 60, path: "/", httpOnly: true, sameSite: .lax)
    }

    init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    init?(cookieValue: String) {
        guard let decoded = cookieValue.removingPercentEncoding, let colon = decoded.firstIndex(of: ":"),
            let kind = Kind(rawValue: String(decoded[..<colon]))
        else { return nil }
        self.init(kind: kind, message: String(decoded[decoded.index(after: colon)...]))
    }
}

extension Response {
    /// A 303 redirect after a successful POST, optionally with a flash message.
    static func redirect(to url: SiteURL, flash: Flash? = nil) -> Response {
        redirect(to: url.path, flash: flash)
    }

    static func redirect(to path: String, flash: Flash? = nil) -> Response {
        var response = Response.redirect(to: path, type: .found)
        response.status = .seeOther
        if let flash { response.setCookie(flash.cookie) }
        return response
    }
}
