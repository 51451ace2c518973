import Foundation
import Logging

/// Configuration, read once from the environment and the command line into a typed value.
/// The README's configuration table lists every variable here.
public struct AppConfig: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    public var database: DatabaseLocation = .sqlite(path: "gaoxin.sqlite")
    /// Load the demo zones when the database has no zones yet.
    public var loadDemo = false
    /// Extra working-calendar notices (*.txt) beyond the bundled ones.
    public var calendarDirectory: String?
    public var logLevel: Logger.Level = .info
    /// Set the Secure flag on cookies (behind HTTPS).
    public var secureCookies = false
    /// How many proxies of your own stand in front of the server (`GAOXIN_TRUST_PROXY`, 0–5). The
    /// client's address is then the entry of `X-Forwarded-For` that the outermost of them wrote:
    /// the `proxyHops`-th from the right. Entries further left are written by the client and ignored.
    public var proxyHops = 0
    /// Whether any proxy is trusted (one hop when set).
    public var trustProxy: Bool {
        get { proxyHops > 0 }
        set { proxyHops = newValue ? max(proxyHops, 1) : 0 }
    }
    /// Bcrypt cost for new passwords.
    public var bcryptCost: UInt8 = 12
    /// Where the Mustache templates are; nil means the bundled ones.
    public var templatesDirectory: String?
    /// How often the server checks case deadlines; nil runs no background sweep (tests pin time instead).
    public var caseSweepEvery: Duration? = .seconds(600)
    /// How often stale enterprise rankings (innovation points, 后备) are recomputed; nil: never.
    public var rankingRefreshEvery: Duration? = .seconds(60)
    /// How often freed memory is handed back to the system (`MemoryTrimmer`); nil: never
    /// (`GAOXIN_MEMORY_TRIM_SECONDS`, 0 for never).
    public var memoryTrimEvery: Duration? = .seconds(30)
    /// The notice outbox's worker and webhook settings (`GAOXIN_NOTICE_*`, `GAOXIN_WEBHOOK_*`).
    public var notices = NoticeSettings()  // outbox

    public init() {}

    /// Reads `DATABASE_URL`, `GAOXIN_SQLITE_PATH`, `GAOXIN_CALENDAR_DIR`, `GAOXIN_LOG_LEVEL`,
    /// `GAOXIN_SECURE_COOKIES`, `GAOXIN_TRUST_PROXY`, `GAOXIN_MEMORY_TRIM_SECONDS`. Unusable values fail loudly at start.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws
        -> AppConfig
    {
        var config = AppConfig()
        if let url = env["DATABASE_URL"], !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigError("DATABASE_URL 必须以 postgres:// 开头（当前为 \(url.prefix(12))…）；不设置则使用内置 SQLite。")
            }
            config.database = .postgres(url: url)
        } else if let path = env["GAOXIN_SQLITE_PATH"], !path.isEmpty {
            config.database = .sqlite(path: path)
        }
        if let dir = env["GAOXIN_CALENDAR_DIR"], !dir.isEmpty { config.calendarDirectory = dir }
        if let text = env["GAOXIN_MEMORY_TRIM_SECONDS"], !text.isEmpty {
            guard text.count <= 6, let seconds = Int(text), seconds >= 0 else {
                throw ConfigError("GAOXIN_MEMORY_TRIM_SECONDS 应为 0 到 999999 之间的整数秒（0 为不归还）")
            }
            config.memoryTrimEvery = seconds == 0 ? nil : .seconds(seconds)
        }
        if let level = env["GAOXIN_LOG_LEVEL"], !level.isEmpty {
            guard let parsed = Logger.Level(rawValue: level) else {
                throw ConfigError("GAOXIN_LOG_LEVEL 取值无效：\(level)（可用 trace、debug、info、notice、warning、error、critical）")
            }
            config.logLevel = parsed
        }
        config.secureCookies = env["GAOXIN_SECURE_COOKIES"] == "1"
        if let hops = env["GAOXIN_TRUST_PROXY"], !hops.isEmpty {
            guard let count = Int(hops), (0...5).contains(count) else {
                throw ConfigError("GAOXIN_TRUST_PROXY 取值无效：\(hops)（填写服务前面您自己的代理层数，0 到 5；不设置为 0）")
            }
            config.proxyHops = count
        }
        config.notices = try NoticeSettings.fromEnvironment(env)  // outbox
        return config
    }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
