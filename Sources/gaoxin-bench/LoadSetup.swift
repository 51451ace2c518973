import App
import Foundation
import Logging
import NIOHTTP1
import SQLKit

/// Starting the platform for the load benchmark and finding what the workload asks for: a session
/// cookie and an API token of the demo enterprise user, a policy item, the user's enterprise.
struct LoadSetup {
    let gaoxin: String
    let environment: [String: String]
    let work: String

    static let publicList = "公开政策列表"
    static let itemPage = "政策条款页"
    static let apiRead = "API 一行读取"

    /// Starts a server process; its output goes to `<work>/<log>`.
    func start(_ arguments: [String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = environment
        FileManager.default.createFile(atPath: work + "/" + log, contents: nil)
        let output = FileHandle(forWritingAtPath: work + "/" + log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    /// Runs a `gaoxin` command to its end and returns what it printed.
    func command(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gaoxin)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LoadError("gaoxin \(arguments.joined(separator: " ")) 失败（\(process.terminationStatus)）")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits for `server` to answer; fails at once, naming its log, if it exited (a port in use).
    func waitUntilUp(_ client: LoadClient, _ server: Process, log: String, path: String = "/healthz") async throws {
        // Seeding the demo takes a while on a busy machine with a debug build.
        for _ in 0..<3000 {
            guard server.isRunning else { throw LoadError("服务已退出（\(client.port)），见 \(work)/\(log)") }
            if let answer = try? await client.fetch(LoadRequest(name: "up", path: path)), answer.status == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw LoadError("服务 300 秒内没有启动（\(client.port)\(path)）")
    }

    /// Imports `enterprises` generated enterprises into the demo's 佛山 (seeded by `serve --demo`)
    /// through the same all-or-nothing import staff use.
    func importVolume(enterprises: Int) throws {
        guard enterprises > 0 else { return }
        var csv = "统一社会信用代码,企业名称,成立日期,年度\n"
        for k in 0..<enterprises {
            csv += "\(Self.creditCode(k)),负载测试企业\(k + 1)有限公司,20\(10 + k % 15)-0\(1 + k % 9)-1\(k % 10),2025\n"
        }
        let file = work + "/enterprises.csv"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try command(["import", "enterprises", file, "--zone", "foshan"])
    }

    /// A valid 统一社会信用代码 (工商, 企业, 佛山) for the k-th generated enterprise.
    static func creditCode(_ k: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let serial = String(k)
        let body = "91440600" + String(repeating: "0", count: max(0, 9 - serial.count)) + serial
        let sum = zip(body, weights).reduce(0) { $0 + alphabet.firstIndex(of: $1.0)! * $1.1 }
        return body + String(alphabet[(31 - sum % 31) % 31])
    }

    /// The six endpoints of the workload, with the logins and ids they need.
    func workload(_ client: LoadClient) async throws -> [LoadRequest] {
        let token =
            try command(["token", "--user", "enterprise@foshan", "--name", "负载基准"])
            .split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        let bearer = ("Authorization", "Bearer \(token)")
        let me = try await client.fetch(LoadRequest(name: "me", path: "/api/v1/me", headers: [bearer]))
        guard let enterpriseID = Self.first(#""enterpriseId"\s*:\s*(\d+)"#, in: me.body) else {
            throw LoadError("令牌无效或演示企业用户没有企业：\(me.status) \(me.body.prefix(200))")
        }
        let list = try await client.fetch(LoadRequest(name: "list", path: "/m/policies"))
        guard let itemID = Self.first(#"/m/policies/items/(\d+)"#, in: list.body) else {
            throw LoadError("公开政策列表里没有政策条款")
        }
        let cookie = try await login(client, username: "enterprise@foshan", password: "Gaoxin@2026")
        let question = #"{"policyItemId": \#(itemID), "question": "请问申报材料是否需要加盖公章？"}"#
        return [
            LoadRequest(name: Self.publicList, path: "/m/policies"),
            LoadRequest(name: Self.itemPage, path: "/m/policies/items/\(itemID)"),
            LoadRequest(name: "企业用户的企业页", path: "/m/enterprises/\(enterpriseID)", headers: [("Cookie", cookie)]),
            LoadRequest(name: Self.apiRead, path: "/api/v1/enterprises/\(enterpriseID)", headers: [bearer]),
            LoadRequest(name: "API 政策列表", path: "/api/v1/policies", headers: [bearer]),
            LoadRequest(
                name: "API 写：提交咨询", method: .POST, path: "/api/v1/consultations",
                headers: [bearer, ("Content-Type", "application/json")], body: question),
        ]
    }

    /// Logs in through the form (CSRF double submit) and returns the cookies to send.
    func login(_ client: LoadClient, username: String, password: String) async throws -> String {
        let form = try await client.fetch(LoadRequest(name: "login", path: "/login"))
        guard let csrf = Self.first(#"name="_csrf" value="([^"]+)""#, in: form.body) else {
            throw LoadError("登录页没有 CSRF 字段")
        }
        var cookies = Self.cookies(form.headers)
        let body = "_csrf=\(csrf)&next=%2F&username=\(Self.formEncode(username))&password=\(Self.formEncode(password))"
        let answer = try await client.fetch(
            LoadRequest(
                name: "login", method: .POST, path: "/login",
                headers: [
                    ("Cookie", cookies.map { "\($0)=\($1)" }.joined(separator: "; ")),
                    ("Content-Type", "application/x-www-form-urlencoded"),
                ], body: body))
        guard answer.status == 303 || answer.status == 302 else { throw LoadError("登录失败：HTTP \(answer.status)") }
        cookies.merge(Self.cookies(answer.headers)) { _, new in new }
        return cookies.map { "\($0)=\($1)" }.joined(separator: "; ")
    }

    static func cookies(_ headers: HTTPHeaders) -> [String: String] {
        var cookies: [String: String] = [:]
        for line in headers["Set-Cookie"] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return cookies
    }

    static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    static func first(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    /// Resident memory now, and the peak since the process started (Linux `/proc`), in MB.
    static func residentMB(_ pid: Int32) -> Double { procStatus(pid, "VmRSS") }
    static func peakMB(_ pid: Int32) -> Double { procStatus(pid, "VmHWM") }

    /// Starts the process's peak (`VmHWM`) afresh from its resident size now (Linux: "5" written
    /// to `/proc/pid/clear_refs`); false when that is not possible here.
    static func resetPeak(_ pid: Int32) -> Bool {
        (try? "5".write(toFile: "/proc/\(pid)/clear_refs", atomically: false, encoding: .utf8)) != nil
    }

    /// CPU time the process has used (user and system, in clock ticks; Linux `/proc/pid/stat`).
    static func cpuTicks(_ pid: Int32) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name: state is the 3rd field, utime and stime the 14th and 15th.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }

    /// Waits until the server has used under 2% of a core for 5 seconds (its background re-match
    /// and rankings after the import done), at most `limit` seconds; answers the seconds waited.
    static func waitUntilQuiet(_ pid: Int32, limit: Int = 300) async -> Int {
        var waited = 0
        var before = cpuTicks(pid)
        while waited < limit {
            try? await Task.sleep(for: .seconds(5))
            waited += 5
            let now = cpuTicks(pid)
            if now - before <= 10 { return waited }  // 100 ticks a second: 10 in 5 s is 2%
            before = now
        }
        return waited
    }

    private static func procStatus(_ pid: Int32, _ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kb / 1024
    }

    /// Empties a PostgreSQL database named on the command line with `--reset`.
    static func resetPostgres(_ url: String) async throws {
        var logger = Logger(label: "load")
        logger.logLevel = .warning
        let database = try await Database.open(.postgres(url: url), logger: logger)
        try await database.sql.raw("DROP SCHEMA public CASCADE").run()
        try await database.sql.raw("CREATE SCHEMA public").run()
        try await database.shutdown()
    }
}
