import App
import ArgumentParser
import Foundation
import Logging

struct PoliciesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies", abstract: "惠企政策", subcommands: [Match.self])

    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "把园区的每家企业与每个现行有效的政策条款重新匹配（应知尽知、应享尽享），结果写入数据库")

        @Option(help: "园区代码，例如 foshan") var zone: String

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            let report = try await matchPolicies(
                config: config, zoneCode: zone, logger: CommandLogging.logger(level: .warning))
            print("\(report.zone)：\(report.enterprises) 家企业 × \(report.items) 个现行条款，符合条件 \(report.eligible) 家次。")
        }
    }
}
