import ArgumentParser
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "match")
}
