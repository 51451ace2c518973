import App
import ArgumentParser

/// The `gaoxin` command: serve the platform, manage its database, and the engines' tools.
@main
struct Gaoxin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaoxin",
        abstract: "高新区综合服务平台 Gaoxin",
        subcommands: [
            SetupCommand.self, ServeCommand.self, MigrateCommand.self, DemoCommand.self, BackupCommand.self,
            TokenCommand.self,
            ImportCommand.self,
            CalendarCommand.self, RulesCommand.self, MatchCommand.self, PoliciesCommand.self, CasesCommand.self,
            BenchCommand.self,
            Open311Command.self,
        ])
}
