import Foundation
import GaoxinCore
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
            try await database.copySQLite(to: path)
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
        guard let current = try await UserRepository(db: database.sql).signedIn(username: username) else {
            throw ConfigError("没有找到启用中的用户：\(username)")
        }
        let secret = try await database.transaction { db in
            let created = try await APITokenRepository(db: db).create(userID: current.id, name: name)
            try await AuditLog.record(
                zoneID: current.homeZoneID, actor: current, entity: "api_token", id: created.id, action: "create",
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

/// What `gaoxin import enterprises` reports: the counts, or every problem in the file.
public enum EnterpriseImportResult: Sendable {
    case imported(created: Int, updated: Int, years: Int)
    case refused([String])
}

/// Runs a command's work on one zone: opens and migrates the database, finds the zone by its code,
/// and closes the database whatever happens.
func withZone<R: Sendable>(
    config: AppConfig, zoneCode: String, logger: Logger,
    _ body: (Database, ZoneRow) async throws -> R
) async throws -> R {
    let database = try await Database.open(config.database, logger: logger)
    do {
        try await MigrationRunner(database: database, logger: logger).run()
        guard let zone = try await ZoneRepository(db: database.sql).zone(code: zoneCode) else {
            throw ConfigError("没有代码为“\(zoneCode)”的园区")
        }
        let result = try await body(database, zone)
        try await database.shutdown()
        return result
    } catch {
        try? await database.shutdown()
        throw error
    }
}

/// Imports an enterprise CSV into a zone from the command line, with the same checks as the page.
public func importEnterprises(
    config: AppConfig, zoneCode: String, file: String, logger: Logger,
    progress: @escaping @Sendable (Int, Int) -> Void
) async throws -> EnterpriseImportResult {
    guard let data = FileManager.default.contents(atPath: file) else { throw ConfigError("无法读取文件：\(file)") }
    return try await withZone(config: config, zoneCode: zoneCode, logger: logger) { database, zone in
        let parks = Dictionary(
            try await ZoneRepository(db: database.sql).parks(zoneID: zone.id).map { ($0.name, $0.id) },
            uniquingKeysWith: { a, _ in a })
        switch EnterpriseCSV.parse(data, parks: parks, today: Clock.today) {
        case .refused(let problems):
            return .refused(problems.map { "\($0.line == 0 ? "文件" : "第 \($0.line) 行") \($0.column)：\($0.message)" })
        case .valid(let rows):
            let summary = try await EnterpriseImport(database: database).run(
                rows: rows, zoneID: zone.id, actor: nil, progress: progress)
            // The import marked the zone's rankings stale; recomputed here, by the batch tool, a
            // running server finds them fresh instead of evaluating the whole zone beside its
            // requests at its refresher's next turn.
            try await AssessmentStore(database: database).recompute(zoneID: zone.id, today: Clock.today)
            return .imported(created: summary.created, updated: summary.updated, years: summary.years)
        }
    }
}

/// What `gaoxin setup` is given: the platform admin and, optionally, the first zone.
public struct SetupInput: Sendable {
    public var username: String
    public var password: String
    public var zoneCode: String?
    public var zoneName: String
    public var zoneFullName: String
    public var province: String
    public var city: String
    public var zoneAdmin: String
    public var zoneAdminPassword: String

    public init(
        username: String, password: String, zoneCode: String?, zoneName: String, zoneFullName: String,
        province: String, city: String, zoneAdmin: String, zoneAdminPassword: String
    ) {
        self.username = username
        self.password = password
        self.zoneCode = zoneCode
        self.zoneName = zoneName
        self.zoneFullName = zoneFullName
        self.province = province
        self.city = city
        self.zoneAdmin = zoneAdmin
        self.zoneAdminPassword = zoneAdminPassword
    }
}

/// The first run (`gaoxin setup`): the platform admin and optionally the first zone with its admin.
/// Returns what was made, or throws `ConfigError` listing every problem (nothing is written then).
public func runSetup(config: AppConfig, input: SetupInput, logger: Logger) async throws -> [String] {
    var config = config
    config.loadDemo = false
    let services = try await makeServices(config: config, logger: logger)
    do {
        let zone = input.zoneCode.map {
            ZoneService.NewZone(
                code: $0, name: input.zoneName, fullName: input.zoneFullName, province: input.province,
                city: input.city, adminUsername: input.zoneAdmin, adminPassword: input.zoneAdminPassword)
        }
        try await ZoneService(services: services).setUp(username: input.username, password: input.password, zone: zone)
        try await services.database.shutdown()
        var lines = ["已创建平台管理员：\(input.username.lowercased())"]
        if let zone {
            lines.append("已创建园区：\(zone.name)（代码 \(zone.code)），园区管理员：\(zone.adminUsername.lowercased())")
        }
        lines.append("现在可以运行 `gaoxin serve` 并登录。")
        return lines
    } catch let refusal as Refusal {
        try? await services.database.shutdown()
        throw ConfigError("未完成初始设置，没有写入任何数据：\n  " + refusal.errors.summary.joined(separator: "\n  "))
    } catch {
        try? await services.database.shutdown()
        throw error
    }
}

/// Whether a platform admin exists; `serve` on an empty database says how to create one.
public func isSetUp(services: AppServices) async throws -> Bool {
    try await ZoneService(services: services).isSetUp()
}
