import Foundation
import GaoxinCore
import Logging
import SQLKit
import ServiceLifecycle

/// The case engine as the app runs it: the official working calendar (plus the notices in
/// `GAOXIN_CALENDAR_DIR`) and every module's case types. Modules open and move cases through
/// the engine and store them with `CaseRepository`; `checkOverdue` is the deadline sweep.
public struct CaseService: Sendable {
    let engine: CaseEngine

    /// Every case type the platform runs; a module adds its types here.
    static let types: [CaseType] =
        ConsultationCaseTypes.all + EventCaseTypes.all + [InvestmentBlockers.caseType] + HelpCaseTypes.all
        + ServiceCaseTypes.all  // services

    init(calendar: WorkCalendar) throws {
        engine = try CaseEngine(calendar: calendar, types: Self.types)
    }

    /// Loads the calendar once at start; a bad notice file stops the start with its message.
    public init(config: AppConfig) throws {
        let calendar = try WorkCalendar.official(directory: config.calendarDirectory.map { URL(fileURLWithPath: $0) })
        try self.init(calendar: calendar)
    }

    func typeName(_ code: String) -> String { engine.types[code]?.name ?? code }
    func stateName(_ type: String, _ state: String) -> String { engine.types[type]?.state(state)?.name ?? state }

    /// Marks every open case of the zone (all zones when nil) whose deadline has passed, escalating
    /// where the state says so, in one transaction with an audit row per case. Returns how many
    /// cases changed; repeating the sweep changes nothing.
    @discardableResult
    func checkOverdue(zoneID: Int64?, now: LocalMoment, database: Database) async throws -> Int {
        let due = try await CaseRepository(db: database.sql).dueForCheck(zoneID: zoneID, today: now.day)
        guard !due.isEmpty else { return 0 }
        let engine = self.engine
        return try await database.transaction { db -> Int in
            let repo = CaseRepository(db: db)
            var changed = 0
            for candidate in due {
                // Re-read inside the transaction: a staff answer may have closed it meanwhile.
                guard let row = try await repo.find(id: candidate.id), row.closedAt == nil, !row.overdue else {
                    continue
                }
                let check = try engine.checkDeadline(try row.record(), now: now)
                switch check.outcome {
                case .notDue, .alreadyOverdue: continue
                case .becameOverdue: try await repo.save(check.record, for: row, action: "overdue", actor: nil)
                case .escalated(let role):
                    try await repo.save(check.record, for: row, action: "escalate:\(role.rawValue)", actor: nil)
                }
                // The assignee (and on escalation the zone admins) hear of it through the outbox.
                var escalated = false
                if case .escalated = check.outcome { escalated = true }
                try await CaseNotices.deadlinePassed(
                    row, typeName: typeName(row.typeCode), escalated: escalated, on: db)
                changed += 1
            }
            return changed
        }
    }
}

/// Runs the deadline sweep every 10 minutes while the server runs, so overdue marks and escalations
/// appear even when nobody opens a list.
struct CaseSweeper: Service {
    let services: AppServices
    let every: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let changed = try await services.cases.checkOverdue(zoneID: nil, now: .now, database: services.database)
                if changed > 0 { services.logger.info("办理时限检查：\(changed) 件案件超时") }
            } catch {
                services.logger.warning("办理时限检查失败：\(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: every) }
        }
    }
}

/// What `gaoxin cases sweep` reports.
public struct CaseSweepReport: Sendable {
    public let changed: Int
}

/// The deadline sweep from the command line (e.g. from cron when the server is not running).
public func sweepCases(config: AppConfig, logger: Logger) async throws -> CaseSweepReport {
    try await withCaseDatabase(config: config, logger: logger) { cases, database in
        CaseSweepReport(changed: try await cases.checkOverdue(zoneID: nil, now: .now, database: database))
    }
}

/// A case command's run: the case types and the migrated database, shut down whatever happens.
func withCaseDatabase<T: Sendable>(
    config: AppConfig, logger: Logger, _ body: (CaseService, Database) async throws -> T
) async throws -> T {
    let cases = try CaseService(config: config)
    let database = try await Database.open(config.database, logger: logger)
    do {
        try await MigrationRunner(database: database, logger: logger).run()
        let result = try await body(cases, database)
        try await database.shutdown()
        return result
    } catch {
        try? await database.shutdown()
        throw error
    }
}

extension AppServices {
    /// The deadline sweep for one zone (every zone when nil), on the app's database.
    @discardableResult
    func checkOverdue(zoneID: Int64?, now: LocalMoment = .now) async throws -> Int {
        try await cases.checkOverdue(zoneID: zoneID, now: now, database: database)
    }
}
