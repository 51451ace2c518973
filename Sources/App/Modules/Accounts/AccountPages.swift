import GaoxinCore

/// The login form, redisplayed with the username and a message after a failed attempt.
struct LoginPage: Sendable {
    var username = ""
    var next = ""
    /// A message about the attempt as a whole (wrong password, locked out).
    var error: String?
    var errors = FormErrors()
    var action = SiteURL.login.path
    var csrf = ""
}

/// The profile page: who I am, change my password, my API tokens.
struct ProfilePage: Sendable {
    struct Token: Sendable {
        let id: Int64
        let name: String
        let prefix: String
        let created: String
        let lastUsed: String
        let revoked: Bool
        let expired: Bool
        let expires: String
        let revokeHref: String
    }
    /// The lifetimes a new token may have, in days.
    static let tokenDays = [30, 90, 180, 365]
    let username: String
    let displayName: String
    let roleLabel: String
    let zoneName: String
    var tokens: [Token]
    let noticesHref = SiteURL.notices.path  // outbox
    let noticePreferencesHref = SiteURL.noticePreferences.path  // outbox
    /// Shown once, right after creation.
    var newTokenSecret: String?
    var passwordErrors = FormErrors()
    var tokenErrors = FormErrors()
    var tokenName = ""
    var tokenDays = APITokenRepository.defaultDays
    /// The lifetime choices, `tokenDays` selected (templates read stored values only).
    var dayOptions: [SelectOption] = []
    var passwordHref = SiteURL.profilePassword.path
    var tokensHref = SiteURL.profileTokens.path
    var csrf: String

    mutating func selectDays() {
        dayOptions = Self.tokenDays.map { SelectOption(value: String($0), label: "\($0) 天", selected: $0 == tokenDays) }
    }

    /// The signed-in user's profile with their tokens; `secret` is a token just made, shown once.
    static func load(context: AppRequestContext, services: AppServices, secret: String? = nil) async throws
        -> ProfilePage
    {
        let user = try context.requireUser()
        let zoneName: String? =
            if let zoneID = user.homeZoneID {
                try await ZoneRepository(db: services.database.sql).zone(id: zoneID)?.name
            } else { nil }
        let now = Clock.nowSeconds()
        var page = ProfilePage(
            username: user.username, displayName: user.displayName, roleLabel: user.role.label,
            zoneName: zoneName ?? "全部园区",
            tokens: try await APITokenRepository(db: services.database.sql).list(userID: user.id).map {
                .init(
                    id: $0.id, name: $0.name, prefix: $0.prefix, created: DisplayTime.format($0.createdAt),
                    lastUsed: DisplayTime.format($0.lastUsedAt), revoked: $0.revokedAt != nil,
                    expired: ($0.expiresAt ?? 0) <= now, expires: DisplayTime.format($0.expiresAt),
                    revokeHref: SiteURL.profileTokenRevoke($0.id).path)
            },
            newTokenSecret: secret, csrf: context.csrfToken)
        page.selectDays()
        return page
    }
}
