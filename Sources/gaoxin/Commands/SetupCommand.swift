import App
import ArgumentParser
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `gaoxin setup`: the first run on an empty database. Passwords are never arguments (they would
/// stay in the shell history and the process list): they are asked for at the terminal, or read
/// one a line from standard input for scripts (`printf '%s\n%s\n' "$P1" "$P2" | gaoxin setup …`).
struct SetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "首次运行：创建平台管理员，可同时创建第一个园区及其管理员（密码在终端输入或从标准输入读取）")

    @Option(help: "平台管理员用户名") var admin = "platform"
    @Option(help: "第一个园区的代码（小写英文，如 foshan）；不填则只创建平台管理员") var zoneCode: String?
    @Option(help: "园区简称，如 佛山高新区") var zoneName = ""
    @Option(help: "园区全称") var zoneFullName = ""
    @Option(help: "所在省份") var province = ""
    @Option(help: "所在城市") var city = ""
    @Option(help: "园区管理员用户名（默认 admin@园区代码）") var zoneAdmin: String?

    func run() async throws {
        let config = try AppConfig.fromEnvironment()
        let password = try Self.secret("平台管理员 \(admin) 的密码：")
        let zoneAdminName = zoneAdmin ?? zoneCode.map { "admin@\($0)" } ?? ""
        let zonePassword = zoneCode == nil ? "" : try Self.secret("园区管理员 \(zoneAdminName) 的密码：")
        let input = SetupInput(
            username: admin, password: password, zoneCode: zoneCode, zoneName: zoneName, zoneFullName: zoneFullName,
            province: province, city: city, zoneAdmin: zoneAdminName, zoneAdminPassword: zonePassword)
        for line in try await runSetup(config: config, input: input, logger: CommandLogging.logger(level: .warning)) {
            print(line)
        }
    }

    /// A password: typed without echo at a terminal, else the next line of standard input.
    static func secret(_ prompt: String) throws -> String {
        if isatty(STDIN_FILENO) != 0, let typed = getpass(prompt) {
            return String(cString: typed)
        }
        guard let line = readLine(strippingNewline: true) else {
            throw ValidationError("缺少密码：请在终端输入，或从标准输入每行提供一个密码")
        }
        return line
    }
}
