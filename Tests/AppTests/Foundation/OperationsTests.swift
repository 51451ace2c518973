import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@testable import App

@Suite struct OperationsTests {
    @Test func healthzChecksTheDatabase() async throws {
        try await withApp { client, services in
            let response = try await client.execute(uri: "/healthz", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("\"status\":\"ok\""))
            #expect(String(buffer: response.body).contains(services.database.kind.rawValue))
        }
    }

    @Test func metricsAreInPrometheusFormatWithRoutes() async throws {
        try await withApp { client, _ in
            _ = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
            let response = try await client.execute(uri: "/metrics", method: .get, headers: [:], body: nil)
            let text = String(buffer: response.body)
            #expect(response.status == .ok)
            #expect(text.contains("# TYPE hb_requests counter"))
            #expect(text.contains("hb_requests{http_route=\"/login\""))
            #expect(text.contains("http_server_request_duration_bucket"))
            #expect(text.contains("gaoxin_db_transactions_in_flight"))
        }
    }

    @Test func responsesCarryARequestID() async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
            #expect(response.headers[.init("X-Request-Id")!]?.isEmpty == false)
        }
    }

    @Test func migrationsAreRecordedAndRunOnlyOnce() async throws {
        let services = try await TestDatabase.services()
        let again = try await MigrationRunner(database: services.database, logger: Logger(label: "t")).run()
        #expect(again.isEmpty)
        let numbers = try await services.database.sql.select().column("number").from("schema_migrations").orderBy(
            "number"
        )
        .all(decodingColumn: "number", as: Int.self)
        #expect(numbers == Migrations.all.map(\.number))
    }

    @Test func backupMakesAConsistentCopyOrNamesPgDump() async throws {
        let config = TestDatabase.config
        _ = try await TestDatabase.services()
        let target = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gaoxin-backup-\(UUID().uuidString).sqlite"
        ).path
        let message = try await backupDatabase(config: config, to: target, logger: Logger(label: "t"))
        switch config.database {
        case .postgres:
            #expect(message.contains("pg_dump"))
        case .sqlite:
            #expect(FileManager.default.fileExists(atPath: target))
            // The copy is a working database with the demo zones.
            var copy = config
            copy.database = .sqlite(path: target)
            let db = try await Database.open(copy.database, logger: Logger(label: "t"))
            #expect(try await ZoneRepository(db: db.sql).count() >= 5)
            try await db.shutdown()
            // Never overwrites an existing backup.
            await #expect(throws: ConfigError.self) {
                try await backupDatabase(config: config, to: target, logger: Logger(label: "t"))
            }
        }
    }

    @Test func configRejectsAnUnusableDatabaseURL() throws {
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["DATABASE_URL": "mysql://x"]) }
        #expect(
            try AppConfig.fromEnvironment(["GAOXIN_SQLITE_PATH": "/tmp/x.sqlite"]).database
                == .sqlite(path: "/tmp/x.sqlite"))
    }

    /// Memory goes back to the system every 30 s unless told otherwise; a bad value stops the start.
    @Test func memoryTrimIsConfiguredAndHarmless() throws {
        #expect(try AppConfig.fromEnvironment([:]).memoryTrimEvery == .seconds(30))
        #expect(try AppConfig.fromEnvironment(["GAOXIN_MEMORY_TRIM_SECONDS": "0"]).memoryTrimEvery == nil)
        #expect(try AppConfig.fromEnvironment(["GAOXIN_MEMORY_TRIM_SECONDS": "5"]).memoryTrimEvery == .seconds(5))
        for bad in ["-1", "abc", "99999999999999999999"] {
            #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["GAOXIN_MEMORY_TRIM_SECONDS": bad]) }
        }
        MemoryTrimmer.trim()  // returns; nothing to check but that it does not trap
    }
}
