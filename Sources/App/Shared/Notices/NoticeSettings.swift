import Foundation
import GaoxinCore

/// How notices leave the platform: the worker's pace, the webhook's timeout and retries, and the
/// site's public address for absolute links. Read from `GAOXIN_NOTICE_*` / `GAOXIN_WEBHOOK_*`.
public struct NoticeSettings: Sendable {
    /// How often the server sends due webhook deliveries; nil runs no worker (tests call it directly).
    public var deliverEvery: Duration? = .seconds(15)
    /// How often the reminder sweep looks for deadlines one working day away.
    public var remindEvery: Duration = .seconds(600)
    /// One webhook request's time limit, connecting included.
    public var timeoutSeconds: Int64 = 10
    /// Back-off and the number of attempts.
    public var retry = RetrySchedule(baseSeconds: 60, maxWaitSeconds: 6 * 3600, maxAttempts: 8)
    /// `https://zone.example.cn`: makes the links in webhook messages absolute; nil sends paths.
    public var publicURL: String?

    public init() {}

    /// Reads `GAOXIN_NOTICE_EVERY` (seconds, 0 = no worker), `GAOXIN_WEBHOOK_TIMEOUT` (1–120 s),
    /// `GAOXIN_WEBHOOK_MAX_ATTEMPTS` (1–50), `GAOXIN_WEBHOOK_BACKOFF` (first wait, 1–86 400 s) and
    /// `GAOXIN_PUBLIC_URL` (http(s)://…).
    static func fromEnvironment(_ env: [String: String]) throws -> NoticeSettings {
        var settings = NoticeSettings()
        func number(_ name: String, _ range: ClosedRange<Int64>, _ meaning: String) throws -> Int64? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let value = Int64(text), range.contains(value) else {
                throw ConfigError(
                    "\(name) 取值无效：\(text.prefix(20))（\(meaning)，\(range.lowerBound) 到 \(range.upperBound)）")
            }
            return value
        }
        if let every = try number("GAOXIN_NOTICE_EVERY", 0...3600, "发送 webhook 通知的间隔秒数，0 为不发送") {
            settings.deliverEvery = every == 0 ? nil : .seconds(every)
        }
        if let timeout = try number("GAOXIN_WEBHOOK_TIMEOUT", 1...120, "每次 webhook 请求的超时秒数") {
            settings.timeoutSeconds = timeout
        }
        let attempts = try number("GAOXIN_WEBHOOK_MAX_ATTEMPTS", 1...50, "每条通知最多尝试的次数")
        let backoff = try number("GAOXIN_WEBHOOK_BACKOFF", 1...86_400, "首次重试前等待的秒数，之后每次加倍")
        settings.retry = RetrySchedule(
            baseSeconds: backoff ?? settings.retry.baseSeconds, maxWaitSeconds: settings.retry.maxWaitSeconds,
            maxAttempts: attempts.map(Int.init) ?? settings.retry.maxAttempts)
        if let url = env["GAOXIN_PUBLIC_URL"], !url.isEmpty {
            guard WebhookURL.check(url) == nil else {
                throw ConfigError("GAOXIN_PUBLIC_URL 取值无效：必须是 http:// 或 https:// 开头的网址")
            }
            settings.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        return settings
    }
}

/// The rules for a webhook address and its secret header, shared by the form and the settings.
enum WebhookURL {
    /// Why `text` is not a usable webhook address, or nil.
    static func check(_ text: String) -> String? {
        if text.isEmpty { return "请填写 webhook 地址" }
        if text.count > 2000 { return "地址不能超过 2000 个字符" }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme)
        else { return "地址必须以 http:// 或 https:// 开头" }
        guard let host = url.host, !host.isEmpty else { return "地址缺少主机名" }
        if text.contains(where: { $0.isWhitespace || $0.isNewline }) { return "地址不能包含空格或换行" }
        return nil
    }

    /// Why `name`/`value` is not a usable secret header, or nil (both empty: no header).
    static func checkHeader(name: String, value: String) -> (field: String, message: String)? {
        if name.isEmpty && value.isEmpty { return nil }
        if name.isEmpty { return ("header_name", "填写了密钥时请填写请求头名称") }
        let token = CharacterSet(
            charactersIn: "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if name.count > 100 || !name.unicodeScalars.allSatisfy(token.contains) {
            return ("header_name", "请求头名称只能由英文字母、数字和 - 等符号组成，不超过 100 个字符")
        }
        if ["host", "content-type", "content-length", "transfer-encoding", "connection"].contains(name.lowercased()) {
            return ("header_name", "不能使用 \(name) 作为密钥请求头")
        }
        if value.isEmpty { return ("header_value", "请填写请求头的值（密钥）") }
        if value.count > 500 || value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return ("header_value", "密钥不能超过 500 个字符，也不能包含换行等控制字符")
        }
        return nil
    }
}
