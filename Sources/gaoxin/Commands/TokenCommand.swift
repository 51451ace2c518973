import App
import ArgumentParser
import Logging

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "为用户创建 API 令牌（只显示一次）")

    @Option(help: "用户名，例如 admin@foshan") var user: String
    @Option(help: "令牌名称") var name = "命令行"

    func run() async throws {
        let config = try AppConfig.fromEnvironment()
        print(
            try await createAPIToken(
                config: config, username: user, name: name, logger: CommandLogging.logger(level: .warning)))
    }
}
