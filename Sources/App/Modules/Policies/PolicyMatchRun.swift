import Foundation
import Logging

/// What `gaoxin policies match` reports.
public struct PolicyMatchReport: Sendable {
    public let zone: String
    public let items: Int
    public let enterprises: Int
    public let eligible: Int
}

/// Matches every enterprise of a zone against every policy item in force, from the command line
/// (e.g. nightly, so expiry and new certifications are reflected), in one transaction.
public func matchPolicies(config: AppConfig, zoneCode: String, logger: Logger) async throws -> PolicyMatchReport {
    let database = try await Database.open(config.database, logger: logger)
    do {
        try await MigrationRunner(database: database, logger: logger).run()
        guard let zone = try await ZoneRepository(db: database.sql).zone(code: zoneCode) else {
            throw ConfigError("没有代码为“\(zoneCode)”的园区")
        }
        let summary = try await database.transaction { db in
            try await PolicyMatching(db: db).run(zoneID: zone.id, trigger: "命令行 gaoxin policies match", actor: nil)
        }
        try await database.shutdown()
        return PolicyMatchReport(
            zone: zone.name, items: summary.items, enterprises: summary.enterprises, eligible: summary.eligible)
    } catch {
        try? await database.shutdown()
        throw error
    }
}
