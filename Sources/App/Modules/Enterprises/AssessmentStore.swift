import Foundation
import GaoxinCore
import Logging
import SQLKit
import ServiceLifecycle
import Synchronization

/// The zone-wide assessments as stored results (see M0017), read a page at a time. A zone is
/// computed when first read; after that `AssessmentRefresher` recomputes stale zones in the
/// background (at 100 000 enterprises a recompute takes over a minute, which no page view should
/// wait for), and pages show the last results meanwhile. The rows live in `EnterpriseRepository`.
package struct AssessmentStore {
    let database: Database

    package init(database: Database) { self.database = database }

    /// Marks the zone's results out of date; called in the transaction that changed figures,
    /// certifications or criteria, so the next reader recomputes.
    package static func markStale(zoneID: Int64, db: any SQLDatabase) async throws {
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
    /// refresher takes it again. With the same criteria as the last run, only the enterprises whose
    /// record's digest changed are evaluated: their stored inputs, or on a new day their valid
    /// certifications or an age the criteria still read (see `AgeHorizon`); a new year evaluates
    /// everyone.
    /// `timings`, when given, gets the time spent reading and evaluating (the benchmark prints them).
    package func recompute(zoneID: Int64, today: Day, timings: TimingsBox? = nil) async throws {
        let database = database
        try await AssessmentFlights.shared.run(ZoneKey(database: ObjectIdentifier(database), zoneID: zoneID)) {
            let clock = ContinuousClock()
            let start = clock.now
            let repo = EnterpriseRepository(db: database.sql)
            let run = try await repo.assessmentRun(zoneID: zoneID)
            let library = try await CriteriaStore(db: database.sql).library(zoneID: zoneID)
            let known =
                run?.criteriaDigest == Self.digest(library) ? try await repo.assessmentDigests(zoneID: zoneID) : nil
            let inputs = try await EnterpriseRecordInputs(db: database.sql).load(zoneID: zoneID, enterpriseIDs: nil)
            let kept = ZoneKey(database: ObjectIdentifier(database), zoneID: zoneID)
            let read = clock.now
            let results = try await Self.evaluate(
                inputs, library: library, today: today, known: known,
                innovationInputs: InnovationInputs.shared.inputs(kept), storedInnovation: run?.innovationDigest)
            timings?.value = .init(read: read - start, evaluate: clock.now - read)
            try await database.transaction { db in
                try await Self.store(results, zoneID: zoneID, today: today, evaluatedAt: run?.version ?? 0, db: db)
            }
            InnovationInputs.shared.keep(results.innovationInputs, kept)
        }
    }

    struct Results: Sendable {
        let enterprises: Int
        /// Nil when what the points read of every enterprise is what the stored ranking was made
        /// from (it stands).
        let innovation: InnovationPointsEvaluation?
        /// Each of `innovation`'s results' parts as stored (`InnovationPointsTable.storedParts`),
        /// written on every core.
        let innovationParts: [String]
        /// The fingerprint of the inputs the innovation ranking is made from (see
        /// `InnovationPointsTable.digest(of:)`), stored with the run.
        let innovationDigest: Int64?
        /// The enterprises evaluated against the criteria, with their input digests.
        let evaluated: [(id: Int64, digest: Int64)]
        /// Per criterion, the evaluated enterprises that do not qualify, closest first.
        let candidates: [(code: String, ranked: [Candidate])]
        /// Whose stored candidates and digests this run replaces (the evaluated and those no longer
        /// in the zone); nil when it replaces the whole zone's.
        let replaced: [Int64]?
        let criteriaDigest: Int64
        /// Every enterprise's innovation points input, by id, with the digest it was read at.
        let innovationInputs: [Int64: InnovationInputs.Kept]
    }

    /// Evaluates the zone's enterprises a block at a time, blocks side by side on every core: a
    /// block's records exist only while it is evaluated (all of a 10 000-enterprise zone's at once,
    /// with every result, took 800 MB), and between blocks each worker hands its core back, so pages
    /// are served while a large zone is evaluated (one uninterrupted evaluation per core held page
    /// requests for 3.6 s). The criteria are evaluated without sentences (see
    /// `Criterion.evaluate(_:explaining:)`), and only for the enterprises whose digest differs from
    /// `known` (all when nil); the innovation points, normalised over the whole zone, read everyone,
    /// but records are built only for those whose input is not in `innovationInputs` at its digest,
    /// and they are scored only when their digest differs from `storedInnovation`.
    static func evaluate(
        _ inputs: [PolicyBatch.Input], library: CriterionLibrary, today: Day, known: [Int64: Int64]? = nil,
        innovationInputs kept: [Int64: InnovationInputs.Kept] = [:], storedInnovation: Int64? = nil,
        block: Int = 250
    ) async throws -> Results {
        let table = try Self.innovationTable.get()
        let block = max(1, block)
        let ages = library.ageHorizon + table.ageHorizon
        let digests = await Self.digests(inputs, on: today, ages: ages)
        let changed = inputs.indices.map { known?[inputs[$0].enterpriseID] != digests[$0] }
        if let known, known.count == inputs.count, !changed.contains(true) {
            return Results(
                enterprises: inputs.count, innovation: nil, innovationParts: [], innovationDigest: storedInnovation,
                evaluated: [],
                candidates: library.criteria.map { (code: $0.code, ranked: []) }, replaced: [],
                criteriaDigest: digest(library), innovationInputs: kept)
        }
        let blocks = (inputs.count + block - 1) / block
        let workers = max(1, min(blocks, ProcessInfo.processInfo.activeProcessorCount))
        struct Part: Sendable {
            let block: Int
            let innovation: [InnovationPointsInput]
            let ranked: [[Candidate]]
        }
        var parts = try await withThrowingTaskGroup(of: [Part].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var done: [Part] = []
                    for b in stride(from: worker, to: blocks, by: workers) {
                        let range = (b * block)..<min((b + 1) * block, inputs.count)
                        func keptInput(_ i: Int) -> InnovationPointsInput? {
                            kept[inputs[i].enterpriseID].flatMap { $0.digest == digests[i] ? $0.input : nil }
                        }
                        // Records only where the criteria or the innovation points need one.
                        let built = range.filter { changed[$0] || keptInput($0) == nil }
                        let records = ZoneEnterpriseRecords(built.map { inputs[$0] }, today: today).recorded
                        var (innovation, due, next) = ([InnovationPointsInput](), [RecordedEnterprise](), 0)
                        for i in range {
                            if !changed[i], let input = keptInput(i) {
                                innovation.append(input)
                                continue
                            }
                            let record = records[next]
                            next += 1
                            innovation.append(keptInput(i) ?? table.input(record))
                            if changed[i] { due.append(record) }
                        }
                        done.append(
                            Part(
                                block: b, innovation: innovation,
                                ranked: library.criteria.map { $0.candidates(due, explaining: false) }))
                        await Task.yield()
                    }
                    return done
                }
            }
            var all: [Part] = []
            for try await done in group { all += done }
            return all
        }
        parts.sort { $0.block < $1.block }
        let innovation = parts.flatMap(\.innovation)
        let evaluated = inputs.indices.filter { changed[$0] }.map { (id: inputs[$0].enterpriseID, digest: digests[$0]) }
        var replaced: [Int64]?
        if let known {
            let present = Set(inputs.map(\.enterpriseID))
            replaced = evaluated.map(\.id) + known.keys.filter { !present.contains($0) }
        }
        // The points are normalised over the zone: any change re-scores everyone, none leaves the
        // stored ranking as it is (a new day re-evaluates the young for the criteria only).
        let innovationDigest = table.digest(of: innovation)
        let ranking =
            innovationDigest == storedInnovation ? nil : try table.evaluate(inputs: innovation, explaining: false)
        return Results(
            enterprises: inputs.count, innovation: ranking,
            innovationParts: await onEveryCore(ranking?.results ?? []) { table.storedParts($0.parts) },
            innovationDigest: innovationDigest, evaluated: evaluated,
            candidates: library.criteria.indices.map { k in
                (
                    code: library.criteria[k].code,
                    ranked: parts.flatMap { $0.ranked[k] }.sorted(by: Candidate.ranksBefore)
                )
            }, replaced: replaced, criteriaDigest: digest(library),
            innovationInputs: Dictionary(
                uniqueKeysWithValues: inputs.indices.map {
                    (inputs[$0].enterpriseID, InnovationInputs.Kept(digest: digests[$0], input: innovation[$0]))
                }))
    }

    /// Every input's digest as of `today`, on every core: hashing 100 000 enterprises' stored text
    /// was a sixth of a recompute that finds nothing changed.
    static func digests(_ inputs: [PolicyBatch.Input], on today: Day, ages: AgeHorizon) async -> [Int64] {
        await onEveryCore(inputs) { $0.digest(on: today, ages: ages) }
    }

    /// `items.map(transform)`, a share of the items per core (in order).
    static func onEveryCore<Item: Sendable, Value: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) -> Value
    ) async -> [Value] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count / 1000))
        let share = (items.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Value]).self) { group in
            for w in 0..<workers {
                group.addTask {
                    (w, items[min(w * share, items.count)..<min((w + 1) * share, items.count)].map(transform))
                }
            }
            var parts = [[Value]](repeating: [], count: workers)
            for await (w, part) in group { parts[w] = part }
            return parts.flatMap { $0 }
        }
    }

    /// A stable fingerprint of the criteria as defined and of the innovation table they are ranked
    /// with (a zone's edit, or a release with another table, changes it).
    static func digest(_ library: CriterionLibrary, innovationTable: Int64? = nil) -> Int64 {
        var digest = StableDigest()
        for criterion in library.criteria { digest.add(CriteriaStore.json(of: criterion)) }
        // A release that ships another innovation table re-ranks every zone, even one where no
        // enterprise's record changed.
        digest.add(UInt64(bitPattern: innovationTable ?? (try? Self.innovationTable.get().digest) ?? 0))
        return digest.value
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

    /// What each of `rows` still lacks for `criterion`, in words, one line per unmet part
    /// ("label：detail，detail"), by enterprise id. The stored rankings keep only numbers; the
    /// sentences are written here, for the rows a page shows, from the records as of `today`.
    func shortfalls(_ rows: [CandidateRow], criterion: Criterion, zoneID: Int64, today: Day = Clock.today)
        async throws -> [Int64: [String]]
    {
        let inputs = try await EnterpriseRecordInputs(db: database.sql).load(
            zoneID: zoneID, enterpriseIDs: rows.map(\.enterpriseID))
        var lines: [Int64: [String]] = [:]
        for entry in ZoneEnterpriseRecords(inputs, today: today).entries {
            lines[entry.enterpriseID] =
                criterion.candidate(id: String(entry.enterpriseID), result: criterion.evaluate(entry.record))
                .shortfallLines
        }
        return lines
    }

    func innovation(zoneID: Int64, enterpriseID: Int64? = nil) async throws -> [InnovationRow] {
        try await EnterpriseRepository(db: database.sql).innovation(zoneID: zoneID, enterpriseID: enterpriseID)
    }
}

/// A zone of one database, for what is kept or run per zone in memory.
struct ZoneKey: Hashable {
    let database: ObjectIdentifier
    let zoneID: Int64
}

/// The innovation points inputs of each zone's last ranking, kept in memory with the digest of the
/// record each was read from (see `PolicyBatch.Input.digest(on:ages:)`): a re-rank after a few
/// enterprises changed, or on a new day, builds only their records (building all of a
/// 100 000-enterprise zone's was a third of it). About 200 bytes an enterprise.
final class InnovationInputs: Sendable {
    struct Kept: Sendable {
        let digest: Int64
        let input: InnovationPointsInput
    }

    static let shared = InnovationInputs()
    private let zones = Mutex<[ZoneKey: [Int64: Kept]]>([:])

    func inputs(_ key: ZoneKey) -> [Int64: Kept] { zones.withLock { $0[key] ?? [:] } }

    /// Replaces the zone's inputs.
    func keep(_ inputs: [Int64: Kept], _ key: ZoneKey) { zones.withLock { $0[key] = inputs } }
}

/// One recompute of a zone at a time: the first readers of a zone without results, arriving
/// together, and the refresher wait for the same evaluation instead of each building the zone's
/// records (at 10 000 enterprises, 800 MB and 10 s each: four at once took the server to 2 GB).
actor AssessmentFlights {
    static let shared = AssessmentFlights()
    private var running: [ZoneKey: Task<Void, any Error>] = [:]

    func run(_ key: ZoneKey, _ body: @escaping @Sendable () async throws -> Void) async throws {
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
