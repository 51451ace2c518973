import Foundation
import Logging
import SQLKit

@testable import App

/// One migrated database with the demo loaded, shared by every suite in the test process
/// (building it once keeps `swift test` fast). SQLite by default, in a temporary file so WAL and
/// the reader connections are exercised as in production; PostgreSQL when `DATABASE_URL` is set,
/// which is how `.ci/run` runs the same tests on both databases.
enum TestDatabase {
    private static let shared = Task { try await make() }

    static func services() async throws -> AppServices { try await shared.value }

    static var config: AppConfig {
        var config = (try? AppConfig.fromEnvironment()) ?? AppConfig()
        if case .sqlite = config.database {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-test-\(getpid()).sqlite")
                .path
            config.database = .sqlite(path: path)
        }
        config.caseSweepEvery = nil  // tests pin time and sweep through the pages
        config.rankingRefreshEvery = nil
        config.notices.deliverEvery = nil  // outbox: notice tests deliver with a pinned clock
        config.bcryptCost = 4  // fast hashes in tests; production uses 12
        config.trustProxy = true  // each test Browser sends its own address (see Browser.address)
        return config
    }

    private static func make() async throws -> AppServices {
        var logger = Logger(label: "gaoxin-test")
        logger.logLevel = .warning
        let config = Self.config
        switch config.database {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres:
            // Start from an empty schema so the migrations run as on a fresh install.
            let db = try await Database.open(config.database, logger: logger)
            try await db.sql.raw("DROP SCHEMA public CASCADE").run()
            try await db.sql.raw("CREATE SCHEMA public").run()
            try await db.shutdown()
        }
        var withDemo = config
        withDemo.loadDemo = true
        return try await makeServices(config: withDemo, logger: logger)
    }
}

extension AppServices {
    /// Runs `body` in one transaction on the writer that reads one snapshot of the database: SQLite's
    /// single writer sees no other write meanwhile, and on PostgreSQL REPEATABLE READ holds the
    /// snapshot (under READ COMMITTED each statement reads its own moment, so another test's write
    /// can fall between two reads).
    func readingOneSnapshot<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T)
        async throws -> T
    {
        try await database.transaction { db in
            if db.dialect.name == "postgresql" {
                try await db.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
            }
            return try await body(db)
        }
    }
}
