import ArgumentParser
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules")
}
