import Foundation
import Logging
import SQLKit

// The database side of the `gaoxin` commands; the command-line parsing lives in the executable.

/// Applies pending migrations and returns their names.
public func runMigrations(config: AppConfig, logger: Logger) async throws -> [String] {
    let database = try await Database.open(config.database, logger: logger)
    do {
        let applied = try await MigrationRunner(database: database, logger: logger).run()
        try await database.shutdown()
        return applied
    } catch {
        try? await database.shutdown()
        throw error
    }
}

/// Loads the demo into an empty database.
public func loadDemo(services: AppServices) async throws -> Bool {
    try await DemoLoader(services: services).loadIfEmpty()
}

/// The demo logins, for printing at start-up.
public func demoLoginLines(services: AppServices) async throws -> [String] {
    let zones = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones)
    return DemoLoader.loginSummary(zoneCodes: zones.map { ($0.code, $0.name) })
}

/// A consistent copy of the SQLite database, safe while the server runs (`VACUUM INTO` reads one
/// snapshot); for PostgreSQL, the pg_dump command to run.
public func backupDatabase(config: AppConfig, to path: String, logger: Logger) async throws -> String {
    switch config.database {
    case .postgres(let url):
        return "PostgreSQL 请使用 pg_dump 备份，例如：\n  pg_dump --format=custom --file='\(path)' '\(url)'"
    case .sqlite:
        guard !FileManager.default.fileExists(atPath: path) else {
            throw ConfigError("备份文件已存在：\(path)。请换一个文件名，以免覆盖已有备份。")
        }
        let database = try await Database.open(config.database, logger: logger)
        do {
            try await database.sql.raw("VACUUM INTO \(bind: path)").run()
            try await database.shutdown()
        } catch {
            try? await database.shutdown()
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return "已备份到 \(path)（\(size / 1024) KB）。"
    }
}

/// Creates an API token for a user from the command line (for scripts and CI); prints the secret once.
public func createAPIToken(config: AppConfig, username: String, name: String, logger: Logger) async throws -> String {
    let database = try await Database.open(config.database, logger: logger)
    do {
        guard let user = try await UserRepository(db: database.sql).find(username: username), let current = user.currentUser() else {
            throw ConfigError("没有找到启用中的用户：\(username)")
        }
        let secret = try await database.transaction { db in
            let created = try await APITokens(db: db).create(userID: user.id, name: name)
            try await AuditLog.record(zoneID: user.zoneId, actor: current, entity: "api_token", id: created.id, action: "create",
                                      after: ["name": name, "via": "命令行"], on: db)
            return created.secret
        }
        try await database.shutdown()
        return secret
    } catch {
        try? await database.shutdown()
        throw error
    }
}
