import ArgumentParser

/// `gaoxin-bench`: benchmarks that need a server process, kept out of the `gaoxin` CLI that zones run.
@main
struct GaoxinBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaoxin-bench", abstract: "Gaoxin 基准测试",
        subcommands: [LoadCommand.self, MinimalServerCommand.self])
}
