import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SQLKit

/// The framework's own ceiling on this machine: a Hummingbird server with one JSON route and one
/// route that reads one row through the same SQLite pool the platform uses (`Database.open`). The
/// load command runs its client against this beside the platform, so every figure is a ratio taken
/// in one run on one box.
struct MinimalServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimal-server", abstract: "最小 Hummingbird 服务：JSON 路由与一行 SQLite 读取（负载基准的参照）")

    @Option(help: "监听端口") var port = 45_990
    @Option(help: "SQLite 文件（会被覆盖）") var sqlite = "/tmp/gaoxin-minimal.sqlite"

    struct Greeting: ResponseEncodable {
        let id: Int
        let name: String
    }

    func run() async throws {
        var logger = Logger(label: "minimal")
        logger.logLevel = .warning
        try? FileManager.default.removeItem(atPath: sqlite)
        let database = try await Database.open(.sqlite(path: sqlite), logger: logger)
        try await database.transaction { db in
            try await db.raw("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)").run()
            try await db.raw("INSERT INTO items (id, name) VALUES (1, '高新区')").run()
        }
        let router = Router()
        router.get("json") { _, _ in Greeting(id: 1, name: "高新区") }
        router.get("row") { _, _ in
            guard let row = try await database.sql.raw("SELECT id, name FROM items WHERE id = 1").first() else {
                throw HTTPError(.notFound)
            }
            return Greeting(
                id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self))
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await app.runService()
    }
}
