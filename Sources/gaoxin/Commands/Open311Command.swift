import App
import ArgumentParser
import Logging

struct Open311Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open311", abstract: "Open311 GeoReport v2 接口", subcommands: [Key.self])

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "key", abstract: "为园区生成 Open311 接口密钥（只显示一次）")

        @Option(help: "园区代码，即 jurisdiction_id，例如 jinan") var zone: String
        @Option(help: "密钥名称，写明给谁用") var name = "命令行"

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            print(
                try await createOpen311Key(
                    config: config, zoneCode: zone, name: name, logger: CommandLogging.logger(level: .warning)))
        }
    }
}
