import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "启动网站和 API（默认 http://127.0.0.1:8080）")

    @Option(help: "监听地址") var hostname = "127.0.0.1"
    @Option(help: "监听端口") var port = 8080
    @Flag(help: "数据库为空时载入演示园区和演示账号") var demo = false

    func run() async throws {
        var config = try AppConfig.fromEnvironment()
        config.hostname = hostname
        config.port = port
        config.loadDemo = demo
        let logger = CommandLogging.logger(level: config.logLevel)
        logger.info("数据库：\(config.database)")
        let services = try await makeServices(config: config, logger: logger)
        var banner = demo ? try await demoLoginLines(services: services) : []
        if !(try await isSetUp(services: services)) {
            banner.append("数据库中还没有平台管理员，无人能登录。请先停止服务并运行：")
            banner.append("  gaoxin setup --zone-code 园区代码 --zone-name 园区简称   （密码在终端输入）")
            banner.append("或用 `gaoxin serve --demo` 载入演示园区。")
        }
        banner.append("Gaoxin 已启动：http://\(hostname):\(port)/")
        // Unbuffered, so the logins show at once even when the output goes to a file.
        FileHandle.standardOutput.write(Data((banner.joined(separator: "\n") + "\n").utf8))
        do {
            let app = try await buildApplication(services: services)
            try await app.runService()
        } catch {
            // e.g. the port is taken: close the database cleanly, then report.
            try? await services.database.shutdown()
            throw error
        }
        try await services.database.shutdown()
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "应用尚未执行的数据库迁移")

    func run() async throws {
        let config = try AppConfig.fromEnvironment()
        let logger = CommandLogging.logger(level: config.logLevel)
        let applied = try await runMigrations(config: config, logger: logger)
        print(applied.isEmpty ? "数据库已是最新，无需迁移。" : "已应用 \(applied.count) 个迁移：\n" + applied.joined(separator: "\n"))
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "向空数据库载入演示园区和演示账号")

    func run() async throws {
        var config = try AppConfig.fromEnvironment()
        config.loadDemo = false
        let logger = CommandLogging.logger(level: config.logLevel)
        let services = try await makeServices(config: config, logger: logger)
        defer { Task { try? await services.database.shutdown() } }
        if try await loadDemo(services: services) {
            print("演示数据已载入。")
        } else {
            print("数据库中已有园区，未重复载入演示数据。")
        }
        for line in try await demoLoginLines(services: services) { print(line) }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "备份数据库（SQLite 可在运行中得到一致副本）")

    @Option(help: "备份文件路径（不能已存在）") var to: String

    func run() async throws {
        let config = try AppConfig.fromEnvironment()
        let logger = CommandLogging.logger(level: config.logLevel)
        print(try await backupDatabase(config: config, to: to, logger: logger))
    }
}

enum CommandLogging {
    static func logger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "gaoxin")
        logger.logLevel = level
        return logger
    }
}
