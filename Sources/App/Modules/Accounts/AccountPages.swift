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
        let revokeHref: String
    }
    let username: String
    let displayName: String
    let roleLabel: String
    let zoneName: String
    var tokens: [Token]
    /// Shown once, right after creation.
    var newTokenSecret: String?
    var passwordErrors = FormErrors()
    var tokenErrors = FormErrors()
    var tokenName = ""
    var passwordHref = SiteURL.profilePassword.path
    var tokensHref = SiteURL.profileTokens.path
    var csrf: String
}
