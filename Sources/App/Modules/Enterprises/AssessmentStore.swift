import Foundation
import GaoxinCore
import Logging
import SQLKit
import ServiceLifecycle

/// The zone-wide assessments as stored results (see M0017), read a page at a time. A zone is
/// computed when first read; after that `AssessmentRefresher` recomputes stale zones in the
/// background (at 100 000 enterprises a recompute takes over a minute, which no page view should
/// wait for), and pages show the last results meanwhile. The rows live in `EnterpriseRepository`.
package struct AssessmentStore {
    let database: Database

    package init(database: Database) { self.database = database }

    /// Marks the zone's results out of date; called in the transaction that changed figures,
    /// certifications or criteria, so the next reader recomputes.
    static func markStale(zoneID: Int64, db: any SQLDatabase) async throws {
        try await EnterpriseRepository(db: db).markAssessmentsStale(zoneID: zoneID)
    }

    /// Computes the zone now when it has no results yet; with `evenIfStale`, also when they are
    /// marked stale or from another day (the refresher and tests).
    func ensureFresh(zoneID: Int64, today: Day = Clock.today, evenIfStale: Bool = false) async throws {
        if let run = try await EnterpriseRepository(db: database.sql).assessmentRun(zoneID: zoneID) {
            guard evenIfStale else { return }
            if run.computedOn == today.description, !run.stale { return }
        }
        try await recompute(zoneID: zoneID, today: today)
    }

    /// Zones whose results are marked stale or were computed on an earlier day.
    func staleZones(today: Day = Clock.today) async throws -> [Int64] {
        try await EnterpriseRepository(db: database.sql).staleAssessmentZones(today: today)
    }

    /// Evaluates the zone (reading only) and then replaces its stored results in one short
    /// transaction, so the single SQLite writer is not held while a large zone is evaluated.
    /// A change marked during the evaluation bumps the version, so the zone stays stale and the
    /// refresher takes it again.
    package func recompute(zoneID: Int64, today: Day) async throws {
        let database = database
        try await AssessmentFlights.shared.run(.init(database: ObjectIdentifier(database), zoneID: zoneID)) {
            let version = try await EnterpriseRepository(db: database.sql).assessmentVersion(zoneID: zoneID)
            let results = try await Self.evaluate(zoneID: zoneID, today: today, db: database.sql)
            try await database.transaction { db in
                try await Self.store(results, zoneID: zoneID, today: today, evaluatedAt: version, db: db)
            }
        }
    }

    struct Results: Sendable {
        let enterprises: Int
        let innovation: InnovationPointsEvaluation
        let candidates: [(code: String, ranked: [Candidate])]
    }

    /// Evaluates every criterion and the innovation points for the zone's enterprises, a block at a
    /// time: a block's records exist only while it is evaluated (all of a 10 000-enterprise zone's
    /// at once, with every result, took 800 MB), and between blocks the cores are handed back, so
    /// pages are served while a large zone is evaluated (one uninterrupted evaluation per core held
    /// page requests for 3.6 s). Each block's criteria run side by side on the cores; a block of 250
    /// is a few milliseconds of work per criterion.
    static func evaluate(zoneID: Int64, today: Day, db: any SQLDatabase) async throws -> Results {
        try await evaluate(
            try await EnterpriseRecordInputs(db: db).load(zoneID: zoneID, enterpriseIDs: nil),
            library: try await CriteriaStore(db: db).library(zoneID: zoneID), today: today)
    }

    /// `evaluate(zoneID:today:db:)` once the zone's inputs and criteria are read.
    static func evaluate(_ inputs: [PolicyBatch.Input], library: CriterionLibrary, today: Day, block: Int = 250)
        async throws -> Results
    {
        let table = try Self.innovationTable.get()
        var innovation: [InnovationPointsInput] = []
        innovation.reserveCapacity(inputs.count)
        var ranked = Array(repeating: [Candidate](), count: library.criteria.count)
        for start in stride(from: 0, to: inputs.count, by: max(1, block)) {
            let records = ZoneEnterpriseRecords(inputs[start..<min(start + max(1, block), inputs.count)], today: today)
                .recorded
            innovation += records.map(table.input)
            await withTaskGroup(of: (Int, [Candidate]).self) { group in
                for (k, criterion) in library.criteria.enumerated() {
                    group.addTask { (k, criterion.candidates(records)) }
                }
                for await (k, candidates) in group { ranked[k] += candidates }
            }
            await Task.yield()
        }
        return Results(
            enterprises: inputs.count, innovation: try table.evaluate(inputs: innovation),
            candidates: zip(library.criteria, ranked).map {
                (code: $0.code, ranked: $1.sorted(by: Candidate.ranksBefore))
            })
    }

    /// Stores an evaluation made at `version`; when the zone was marked stale meanwhile (its version
    /// moved on), the results are kept but the zone stays stale.
    static func store(_ results: Results, zoneID: Int64, today: Day, evaluatedAt version: Int64, db: any SQLDatabase)
        async throws
    {
        try await ZoneLock.assessments.acquire(zoneID: zoneID, on: db)
        let repo = EnterpriseRepository(db: db)
        let current = try await repo.assessmentVersion(zoneID: zoneID)
        try await repo.replaceAssessments(
            results, zoneID: zoneID, today: today, stale: current != version, version: current)
    }

    /// The shipped innovation points table, parsed once.
    static let innovationTable = Result { () throws(CriterionError) -> InnovationPointsTable in
        try InnovationPointsTable.bundled()
    }

    // MARK: - Reading

    func innovation(zoneID: Int64, enterpriseID: Int64? = nil) async throws -> [InnovationRow] {
        try await EnterpriseRepository(db: database.sql).innovation(zoneID: zoneID, enterpriseID: enterpriseID)
    }
}

/// One recompute of a zone at a time: the first readers of a zone without results, arriving
/// together, and the refresher wait for the same evaluation instead of each building the zone's
/// records (at 10 000 enterprises, 800 MB and 10 s each: four at once took the server to 2 GB).
actor AssessmentFlights {
    struct Key: Hashable {
        let database: ObjectIdentifier
        let zoneID: Int64
    }

    static let shared = AssessmentFlights()
    private var running: [Key: Task<Void, any Error>] = [:]

    func run(_ key: Key, _ body: @escaping @Sendable () async throws -> Void) async throws {
        if let flight = running[key] { return try await flight.value }
        let flight = Task { try await body() }
        running[key] = flight
        defer { running[key] = nil }
        try await flight.value
    }
}

/// Recomputes stale zones' rankings in the background while the server runs.
struct AssessmentRefresher: Service {
    let services: AppServices
    let every: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let store = AssessmentStore(database: services.database)
                for zoneID in try await store.staleZones() {
                    try await store.ensureFresh(zoneID: zoneID, evenIfStale: true)
                }
            } catch {
                services.logger.warning("重算企业排名失败：\(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: every) }
        }
    }
}
