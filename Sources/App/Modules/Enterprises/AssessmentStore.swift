import Foundation
import GaoxinCore
import Logging
import SQLKit
import ServiceLifecycle

/// The zone-wide assessments as stored results (see M0017), read a page at a time. A zone is
/// computed when first read; after that `AssessmentRefresher` recomputes stale zones in the
/// background (at 100 000 enterprises a recompute takes over a minute, which no page view should
/// wait for), and pages show the last results meanwhile.
struct AssessmentStore {
    let database: Database

    /// Marks the zone's results out of date; called in the transaction that changed figures,
    /// certifications or criteria, so the next reader recomputes.
    static func markStale(zoneID: Int64, db: any SQLDatabase) async throws {
        try await db.update("assessment_runs").set("stale", to: true).set("version", to: SQLRaw("version + 1"))
            .where("zone_id", .equal, zoneID).run()
    }

    /// Computes the zone now when it has no results yet; with `evenIfStale`, also when they are
    /// marked stale or from another day (the refresher and tests).
    func ensureFresh(zoneID: Int64, today: Day = Clock.today, evenIfStale: Bool = false) async throws {
        let run = try await database.sql.select().columns("computed_on", "stale").from("assessment_runs").where(
            "zone_id", .equal, zoneID
        ).first()
        if let run {
            guard evenIfStale else { return }
            if try run.decode(column: "computed_on", as: String.self) == today.description,
                try !run.decode(column: "stale", as: Bool.self)
            {
                return
            }
        }
        try await recompute(zoneID: zoneID, today: today)
    }

    /// Zones whose results are marked stale or were computed on an earlier day.
    func staleZones(today: Day = Clock.today) async throws -> [Int64] {
        try await database.sql.select().column("zone_id").from("assessment_runs")
            .where { $0.where("stale", .equal, true).orWhere("computed_on", .notEqual, today.description) }
            .orderBy("zone_id").all(decodingColumn: "zone_id", as: Int64.self)
    }

    /// Evaluates the zone (reading only) and then replaces its stored results in one short
    /// transaction, so the single SQLite writer is not held while a large zone is evaluated.
    /// A change marked during the evaluation bumps the version, so the zone stays stale and the
    /// refresher takes it again.
    func recompute(zoneID: Int64, today: Day) async throws {
        let version = try await Self.version(zoneID: zoneID, db: database.sql)
        let results = try await Self.evaluate(zoneID: zoneID, today: today, db: database.sql)
        try await database.transaction { db in
            try await Self.store(results, zoneID: zoneID, today: today, evaluatedAt: version, db: db)
        }
    }

    private static func version(zoneID: Int64, db: any SQLDatabase) async throws -> Int64 {
        try await db.select().column("version").from("assessment_runs").where("zone_id", .equal, zoneID)
            .first(decodingColumn: "version", as: Int64.self) ?? 0
    }

    struct Results: Sendable {
        let enterprises: Int
        let innovation: InnovationPointsEvaluation
        let candidates: [(code: String, ranked: [Candidate])]
    }

    static func evaluate(zoneID: Int64, today: Day, db: any SQLDatabase) async throws -> Results {
        let recorded = try await ZoneEnterpriseRecords.load(db: db, zoneID: zoneID, today: today).recorded
        let library = try await CriteriaStore(db: db).library(zoneID: zoneID)
        // Each criterion's ranking is independent: they run side by side on the cores.
        let candidates = await withTaskGroup(of: (Int, String, [Candidate]).self) { group in
            for (k, criterion) in library.criteria.enumerated() {
                group.addTask { (k, criterion.code, criterion.candidates(recorded)) }
            }
            var all: [(Int, String, [Candidate])] = []
            for await ranked in group { all.append(ranked) }
            return all.sorted { $0.0 < $1.0 }.map { (code: $0.1, ranked: $0.2) }
        }
        return Results(
            enterprises: recorded.count, innovation: try AssessmentRoutes.innovationTable.get().evaluate(recorded),
            candidates: candidates)
    }

    static func store(_ results: Results, zoneID: Int64, today: Day, evaluatedAt version: Int64, db: any SQLDatabase)
        async throws
    {
        try await ZoneLock.assessments.acquire(zoneID: zoneID, on: db)
        let current = try await Self.version(zoneID: zoneID, db: db)
        let evaluation = results.innovation
        try await db.delete(from: "enterprise_innovation").where("zone_id", .equal, zoneID).run()
        try await db.delete(from: "criterion_candidates").where("zone_id", .equal, zoneID).run()
        for start in stride(from: 0, to: evaluation.results.count, by: 500) {
            var insert = db.insert(into: "enterprise_innovation").columns(
                "enterprise_id", "zone_id", "stage", "score", "rank", "stage_rank", "parts_json")
            for r in evaluation.results[start..<min(start + 500, evaluation.results.count)] {
                insert = insert.values(
                    SQLBind(Int64(r.id) ?? 0), SQLBind(zoneID), SQLBind(r.stage?.rawValue), SQLBind(r.score),
                    SQLBind(r.rank),
                    SQLBind(r.stageRank), SQLBind(AuditLog.json(r.parts.map(\.text))))
            }
            try await insert.run()
        }
        for (code, ranked) in results.candidates {
            for start in stride(from: 0, to: ranked.count, by: 500) {
                var insert = db.insert(into: "criterion_candidates")
                    .columns(
                        "enterprise_id", "zone_id", "code", "position", "closeness", "parts_met", "parts_total",
                        "shortfalls")
                for (offset, c) in ranked[start..<min(start + 500, ranked.count)].enumerated() {
                    let shortfalls = c.shortfalls.map { "\($0.label)：\($0.details.joined(separator: "，"))" }.joined(
                        separator: "；")
                    insert = insert.values(
                        SQLBind(Int64(c.id) ?? 0), SQLBind(zoneID), SQLBind(code), SQLBind(start + offset + 1),
                        SQLBind(c.closeness), SQLBind(c.partsMet), SQLBind(c.partsTotal), SQLBind(shortfalls))
                }
                try await insert.run()
            }
        }
        try await db.delete(from: "assessment_runs").where("zone_id", .equal, zoneID).run()
        try await db.insert(into: "assessment_runs").columns(
            "zone_id", "computed_on", "stale", "version", "enterprises", "skipped"
        )
        .values(
            SQLBind(zoneID), SQLBind(today.description), SQLBind(current != version), SQLBind(current),
            SQLBind(results.enterprises),
            SQLBind(evaluation.skipped.count)
        )
        .run()
    }

    // MARK: - Reading

    struct InnovationRow: Sendable {
        let enterpriseID: Int64
        let name: String
        let stage: GrowthStage?
        let score: Double
        let rank: Int
        let stageRank: Int
        let parts: [String]
    }

    func innovation(zoneID: Int64, enterpriseID: Int64? = nil) async throws -> [InnovationRow] {
        var q = database.sql.select()
            .columns(
                SQLColumn("enterprise_id", table: "i"), SQLColumn("name", table: "e"), SQLColumn("stage", table: "i"),
                SQLColumn("score", table: "i"),
                SQLColumn("rank", table: "i"), SQLColumn("stage_rank", table: "i"), SQLColumn("parts_json", table: "i")
            )
            .from(SQLAlias(SQLIdentifier("enterprise_innovation"), as: SQLIdentifier("i")))
            .join(
                SQLAlias(SQLIdentifier("enterprises"), as: SQLIdentifier("e")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "e"), .equal, SQLColumn("enterprise_id", table: "i")
            )
            .where(SQLColumn("zone_id", table: "i"), .equal, SQLBind(zoneID))
        if let enterpriseID { q = q.where(SQLColumn("enterprise_id", table: "i"), .equal, SQLBind(enterpriseID)) }
        return try await q.orderBy(SQLColumn("rank", table: "i")).orderBy(SQLColumn("enterprise_id", table: "i")).all()
            .map { row in
                let stage =
                    try row.decodeNil(column: "stage")
                    ? nil : GrowthStage(rawValue: try row.decode(column: "stage", as: String.self))
                let parts =
                    (try? JSONDecoder().decode(
                        [String].self, from: Data(try row.decode(column: "parts_json", as: String.self).utf8))) ?? []
                return InnovationRow(
                    enterpriseID: try row.decode(column: "enterprise_id", as: Int64.self),
                    name: try row.decode(column: "name", as: String.self),
                    stage: stage, score: try row.decode(column: "score", as: Double.self),
                    rank: try row.decode(column: "rank", as: Int.self),
                    stageRank: try row.decode(column: "stage_rank", as: Int.self), parts: parts)
            }
    }

    /// How many enterprises were assessed and how many the innovation table had to skip.
    func counts(zoneID: Int64) async throws -> (enterprises: Int, skipped: Int, ranked: Int) {
        let run = try await database.sql.select().columns("enterprises", "skipped").from("assessment_runs").where(
            "zone_id", .equal, zoneID
        ).first()
        let ranked = try await database.sql.select().from("enterprise_innovation").where("zone_id", .equal, zoneID)
            .countRows()
        return (
            try run?.decode(column: "enterprises", as: Int.self) ?? 0,
            try run?.decode(column: "skipped", as: Int.self) ?? 0, ranked
        )
    }

    struct CandidateRow: Sendable {
        let position: Int
        let enterpriseID: Int64
        let name: String
        let closeness: Double
        let partsMet: Int
        let partsTotal: Int
        let shortfalls: String
    }

    func candidates(zoneID: Int64, code: String, limit: Int, offset: Int) async throws -> (
        rows: [CandidateRow], total: Int
    ) {
        let total = try await database.sql.select().from("criterion_candidates").where("zone_id", .equal, zoneID).where(
            "code", .equal, code
        ).countRows()
        let rows = try await database.sql.select()
            .columns(
                SQLColumn("position", table: "c"), SQLColumn("enterprise_id", table: "c"),
                SQLColumn("name", table: "e"), SQLColumn("closeness", table: "c"),
                SQLColumn("parts_met", table: "c"), SQLColumn("parts_total", table: "c"),
                SQLColumn("shortfalls", table: "c")
            )
            .from(SQLAlias(SQLIdentifier("criterion_candidates"), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier("enterprises"), as: SQLIdentifier("e")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "e"), .equal, SQLColumn("enterprise_id", table: "c")
            )
            .where(SQLColumn("zone_id", table: "c"), .equal, SQLBind(zoneID)).where(
                SQLColumn("code", table: "c"), .equal, SQLBind(code)
            )
            .orderBy(SQLColumn("position", table: "c")).limit(limit).offset(offset).all()
        return (
            try rows.map { row in
                CandidateRow(
                    position: try row.decode(column: "position", as: Int.self),
                    enterpriseID: try row.decode(column: "enterprise_id", as: Int64.self),
                    name: try row.decode(column: "name", as: String.self),
                    closeness: try row.decode(column: "closeness", as: Double.self),
                    partsMet: try row.decode(column: "parts_met", as: Int.self),
                    partsTotal: try row.decode(column: "parts_total", as: Int.self),
                    shortfalls: try row.decode(column: "shortfalls", as: String.self))
            }, total
        )
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
