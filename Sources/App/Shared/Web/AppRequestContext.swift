import Hummingbird
import HummingbirdAuth

/// What a signed-in browser session remembers: who, and (for the platform admin) which zone
/// they are looking at.
public struct WebSession: Codable, Sendable {
    public var userID: Int64
    public var activeZoneID: Int64?
    /// The account's `password_changed_at` when the session signed in: once the password
    /// changes, every session holding the old stamp ends (all other devices are signed out).
    public var passwordStamp: Int64?

    public init(userID: Int64, activeZoneID: Int64?, passwordStamp: Int64?) {
        self.userID = userID
        self.activeZoneID = activeZoneID
        self.passwordStamp = passwordStamp
    }
}

/// The typed request context: the user and zone come from here, never from loose storage.
public struct AppRequestContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: CurrentUser?
    public let sessions: SessionContext<WebSession>
    /// The form token for this browser (double-submit cookie), set by `CSRFMiddleware`.
    public var csrfToken: String = ""
    /// Flash message carried over from the previous request (read once).
    public var flash: Flash?
    /// 长辈模式 (larger type, higher contrast, bigger targets) is on for this browser; and the
    /// address asked for, so the mode's link in the shell comes back to the same page. Both set by
    /// `ElderModeMiddleware`.
    var elderMode = false
    var requestPath = "/"
    /// The zone being worked in (`identity.zoneID`), read once per request by `SessionUserMiddleware`.
    var zone: ZoneRow?

    /// The client's IP address, for lock-outs and the audit log: the peer, or behind trusted
    /// proxies the address they saw (`ClientAddressMiddleware`).
    public var remoteAddress: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "local"
        self.identity = nil
        self.sessions = .init()
    }

    /// Forms and JSON bodies are small; `CSRFMiddleware` raises this for upload routes.
    public var bodyLimit = 1024 * 1024
    /// A multipart body as `CSRFMiddleware` parsed it for its token, so the route does not parse
    /// an upload of many megabytes a second time.
    var multipart: MultipartForm?
    public var maxUploadSize: Int { bodyLimit }

    /// The signed-in user, or a redirect to the login page.
    public func requireUser() throws -> CurrentUser {
        guard let identity else { throw PageError.loginRequired }
        return identity
    }

    /// Asks `Permissions` and turns a refusal into the right answer: 403 for "not for your role",
    /// 404 for "not your row".
    public func authorize(_ action: Action, _ resource: Resource) throws {
        switch Permissions.decide(identity, action, resource) {
        case .allow: return
        case .forbidden: throw identity == nil ? PageError.loginRequired : PageError.forbidden
        case .hidden: throw PageError.notFound
        }
    }

    /// The zone being worked in; a platform admin who hasn't chosen one is sent to choose.
    public func requireZone() throws -> (user: CurrentUser, zoneID: Int64) {
        let user = try requireUser()
        guard let zone = user.zoneID else { throw PageError.zoneRequired }
        return (user, zone)
    }
}

/// Refusals and failures a page route can throw; `ErrorPageMiddleware` renders each in Chinese.
public enum PageError: Error, Sendable {
    case loginRequired
    case zoneRequired
    case forbidden
    case notFound
    case badRequest(String)
    case csrf
    case tooLarge
}
