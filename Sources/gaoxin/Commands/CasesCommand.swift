import App
import ArgumentParser
import Foundation
import Logging

struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "案件（咨询、诉求、事件等）", subcommands: [Sweep.self, Remind.self])

    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查所有未办结案件的办理时限：超时的标记超时，按类型规定升级督办（服务运行时每 10 分钟自动检查一次）")

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            let report = try await sweepCases(config: config, logger: CommandLogging.logger(level: .warning))
            print(report.changed == 0 ? "没有新超时的案件。" : "\(report.changed) 件案件新标记为超时。")
        }
    }

    struct Remind: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "发送时限提醒：办理时限前一个工作日提醒承办人，每个时限只提醒一次（服务运行时每 10 分钟自动检查一次）")

        func run() async throws {
            let config = try AppConfig.fromEnvironment()
            let added = try await sendDeadlineReminders(config: config, logger: CommandLogging.logger(level: .warning))
            print(added == 0 ? "没有需要新提醒的时限。" : "已加入 \(added) 条时限提醒通知。")
        }
    }
}
