import Foundation
import GaoxinCore
import SQLKit

/// The stored assessments of a zone (see M0017: the innovation points ranking, each criterion's 后备
/// list and the run that computed them) and the zone's own versions of the criteria.
extension EnterpriseRepository {
    // MARK: - The zone's criteria

    func criterionOverrides(zoneID: Int64) async throws -> [(code: String, json: String)] {
        struct Row: Decodable {
            var code: String
            var definitionJson: String
        }
        return try await db.select().columns("code", "definition_json").from("criteria_overrides").where(
            "zone_id", .equal, zoneID
        )
        .orderBy("code").rows(Row.self).map {
            ($0.code, $0.definitionJson)
        }
    }

    /// The zone's own version of one criterion, as saved.
    func criterionOverride(zoneID: Int64, code: String) async throws -> String? {
        try await db.select().column("definition_json").from("criteria_overrides").where("zone_id", .equal, zoneID)
            .where("code", .equal, code).first(decodingColumn: "definition_json", as: String.self)
    }

    func saveCriterion(zoneID: Int64, code: String, json: String, at: Int64) async throws {
        try await db.insert(into: "criteria_overrides").columns("zone_id", "code", "definition_json", "updated_at")
            .values(SQLBind(zoneID), SQLBind(code), SQLBind(json), SQLBind(at))
            .onConflict(with: ["zone_id", "code"]) {
                $0.set(excludedValueOf: "definition_json").set(excludedValueOf: "updated_at")
            }
            .run()
    }

    func removeCriterion(zoneID: Int64, code: String) async throws {
        try await db.delete(from: "criteria_overrides").where("zone_id", .equal, zoneID).where("code", .equal, code)
            .run()
    }

    // MARK: - Runs

    /// Marks the zone's results out of date (and bumps their version); called in the transaction
    /// that changed figures, certifications or criteria, so the next reader recomputes.
    func markAssessmentsStale(zoneID: Int64) async throws {
        try await db.update("assessment_runs").set("stale", to: true).set("version", to: SQLRaw("version + 1"))
            .where("zone_id", .equal, zoneID).run()
    }

    /// The zone's last run: the day it computed, whether it has been marked stale since, its
    /// version and the fingerprint of the criteria it evaluated.
    func assessmentRun(zoneID: Int64) async throws -> AssessmentRunRow? {
        guard
            let run = try await db.select()
                .columns("computed_on", "stale", "version", "criteria_digest", "innovation_digest")
                .from("assessment_runs").where("zone_id", .equal, zoneID).first()
        else { return nil }
        return AssessmentRunRow(
            computedOn: try run.decode(column: "computed_on", as: String.self),
            stale: try run.decode(column: "stale", as: Bool.self),
            version: try run.decode(column: "version", as: Int64.self),
            criteriaDigest: try run.decode(column: "criteria_digest", as: Int64.self),
            innovationDigest: try run.decode(column: "innovation_digest", as: Int64?.self))
    }

    func assessmentVersion(zoneID: Int64) async throws -> Int64 {
        try await db.select().column("version").from("assessment_runs").where("zone_id", .equal, zoneID)
            .first(decodingColumn: "version", as: Int64.self) ?? 0
    }

    /// Zones whose results are marked stale or were computed on an earlier day.
    func staleAssessmentZones(today: Day) async throws -> [Int64] {
        let stale = try await db.select().column("zone_id").from("assessment_runs")
            .where { $0.where("stale", .equal, true).orWhere("computed_on", .notEqual, today.description) }
            .orderBy("zone_id").all(decodingColumn: "zone_id", as: Int64.self)
        // Zones with enterprises but never computed: in the background too, so that no first page
        // view of a zone has to wait for its whole evaluation.
        // Asked of the zones, not of every enterprise: the refresher asks every minute.
        let never = try await db.select().column("id").from("zones")
            .where(SQLRaw("id NOT IN (SELECT zone_id FROM assessment_runs)"))
            .where(SQLRaw("EXISTS (SELECT 1 FROM enterprises e WHERE e.zone_id = zones.id)"))
            .all(decodingColumn: "id", as: Int64.self)
        return Array(Set(stale + never)).sorted()
    }

    /// Each enterprise's input fingerprint as of the zone's last run.
    func assessmentDigests(zoneID: Int64) async throws -> [Int64: Int64] {
        let read = try await BulkRead(db: db).read(
            db.select().columns("enterprise_id", "digest").from("assessment_digests").where("zone_id", .equal, zoneID),
            columns: [.init("enterprise_id", .int), .init("digest", .int)])
        var digests: [Int64: Int64] = [:]
        digests.reserveCapacity(read.count)
        for (id, digest) in zip(read.ints(0), read.ints(1)) { digests[id ?? 0] = digest ?? 0 }
        return digests
    }

    /// Stores a run: the innovation ranking whole, and the candidates and digests of the enterprises
    /// evaluated (the whole zone's, or only those of `results.replaced` when the run evaluated only
    /// what changed), then the run row.
    func replaceAssessments(
        _ results: AssessmentStore.Results, zoneID: Int64, today: Day, stale: Bool, version: Int64
    ) async throws {
        let bulk = BulkWrite(db: db)
        if let evaluation = results.innovation {
            try await db.delete(from: "enterprise_innovation").where("zone_id", .equal, zoneID).run()
            try await bulk.insert(
                into: "enterprise_innovation",
                columns: [
                    .init(name: "enterprise_id", postgresType: "bigint"),
                    .init(name: "zone_id", postgresType: "bigint"), .init(name: "stage", postgresType: "text"),
                    .init(name: "score", postgresType: "double precision"),
                    .init(name: "rank", postgresType: "integer"), .init(name: "stage_rank", postgresType: "integer"),
                    .init(name: "parts_json", postgresType: "text"),
                ],
                rows: zip(evaluation.results, results.innovationParts).map { r, parts in
                    [
                        .int(Int64(r.id) ?? 0), .int(zoneID), r.stage.map { .text($0.rawValue) } ?? .null,
                        .double(r.score), .int(Int64(r.rank)), .int(Int64(r.stageRank)), .text(parts),
                    ]
                })
        }
        // The evaluated enterprises' rows as they are stored.
        var written = results.candidates.flatMap { code, candidates in
            candidates.map { c in
                (
                    id: Int64(c.id) ?? 0,
                    row: StoredCandidate(
                        code: code, closeness: c.rankedCloseness, partsMet: c.partsMet, partsTotal: c.partsTotal)
                )
            }
        }
        if let replaced = results.replaced {
            // Only the rows that moved: a new day re-evaluates the young, whose 高企 closeness moves
            // with their age while their other rows stay. The rows sit all over the ranking's
            // indexes, and rewriting every row of the evaluated touched most of their pages.
            let stored = try await storedCandidates(of: replaced)
            let fresh = Dictionary(grouping: written, by: \.id).mapValues { $0.map(\.row) }
            var gone: [[BulkWrite.Cell]] = []
            written = []
            for id in replaced {
                let (old, new) = (stored[id] ?? [], fresh[id] ?? [])
                for row in old where !new.contains(row) { gone.append([.int(id), .text(row.code)]) }
                for row in new where !old.contains(row) { written.append((id, row)) }
            }
            try await bulk.delete(
                from: "criterion_candidates",
                keys: [
                    .init(name: "enterprise_id", postgresType: "bigint"), .init(name: "code", postgresType: "text"),
                ],
                rows: gone)
            for slice in EnterpriseRecordInputs.slices(replaced) {
                guard let slice else { continue }
                try await db.delete(from: "assessment_digests").where("enterprise_id", .in, slice).run()
            }
        } else {
            try await db.delete(from: "criterion_candidates").where("zone_id", .equal, zoneID).run()
            try await db.delete(from: "assessment_digests").where("zone_id", .equal, zoneID).run()
        }
        try await bulk.insert(
            into: "criterion_candidates",
            columns: [
                .init(name: "enterprise_id", postgresType: "bigint"), .init(name: "zone_id", postgresType: "bigint"),
                .init(name: "code", postgresType: "text"), .init(name: "closeness", postgresType: "double precision"),
                .init(name: "parts_met", postgresType: "integer"), .init(name: "parts_total", postgresType: "integer"),
            ],
            rows: written.map { id, c in
                [
                    .int(id), .int(zoneID), .text(c.code), .double(c.closeness), .int(Int64(c.partsMet)),
                    .int(Int64(c.partsTotal)),
                ]
            })
        try await bulk.insert(
            into: "assessment_digests",
            columns: [
                .init(name: "enterprise_id", postgresType: "bigint"), .init(name: "zone_id", postgresType: "bigint"),
                .init(name: "digest", postgresType: "bigint"),
            ],
            rows: results.evaluated.map { [.int($0.id), .int(zoneID), .int($0.digest)] })
        guard let evaluation = results.innovation else {
            // The innovation ranking stands, and with it the run's counts (the points read every
            // enterprise, so the same inputs are the same enterprises); the criteria may be new.
            try await db.update("assessment_runs").set("computed_on", to: today.description).set("stale", to: stale)
                .set("version", to: version).set("criteria_digest", to: results.criteriaDigest)
                .where("zone_id", .equal, zoneID).run()
            return
        }
        try await db.delete(from: "assessment_runs").where("zone_id", .equal, zoneID).run()
        try await db.insert(into: "assessment_runs").columns(
            "zone_id", "computed_on", "stale", "version", "enterprises", "skipped", "ranked", "criteria_digest",
            "innovation_digest"
        )
        .values(
            SQLBind(zoneID), SQLBind(today.description), SQLBind(stale), SQLBind(version),
            SQLBind(results.enterprises), SQLBind(evaluation.skipped.count), SQLBind(evaluation.results.count),
            SQLBind(results.criteriaDigest), SQLBind(results.innovationDigest)
        )
        .run()
    }

    /// One stored 后备 row of an enterprise, as compared before a rewrite.
    struct StoredCandidate: Equatable {
        let code: String
        let closeness: Double
        let partsMet: Int
        let partsTotal: Int
    }

    /// The stored 后备 rows of `ids`, by enterprise.
    private func storedCandidates(of ids: [Int64]) async throws -> [Int64: [StoredCandidate]] {
        var out: [Int64: [StoredCandidate]] = [:]
        for slice in EnterpriseRecordInputs.slices(ids) {
            guard let slice else { continue }
            let read = try await BulkRead(db: db).read(
                db.select().columns("enterprise_id", "code", "closeness", "parts_met", "parts_total")
                    .from("criterion_candidates").where("enterprise_id", .in, slice),
                columns: [
                    .init("enterprise_id", .int), .init("code", .text), .init("closeness", .double),
                    .init("parts_met", .int), .init("parts_total", .int),
                ])
            let (ids, codes, closeness) = (read.ints(0), read.texts(1), read.doubles(2))
            let (met, total) = (read.ints(3), read.ints(4))
            for k in 0..<read.count {
                out[ids[k] ?? 0, default: []].append(
                    StoredCandidate(
                        code: codes[k] ?? "", closeness: closeness[k] ?? .nan, partsMet: Int(met[k] ?? 0),
                        partsTotal: Int(total[k] ?? 0)))
            }
        }
        return out
    }

    // MARK: - Reading

    private func innovationRows() -> SQLSelectBuilder {
        db.select()
            .from(SQLAlias(SQLIdentifier("enterprise_innovation"), as: SQLIdentifier("i")))
            .join(
                SQLAlias(SQLIdentifier("enterprises"), as: SQLIdentifier("e")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "e"), .equal, SQLColumn("enterprise_id", table: "i")
            )
    }

    private static func innovation(_ row: any SQLRow) throws -> InnovationRow {
        let stage =
            try row.decodeNil(column: "stage")
            ? nil : GrowthStage(rawValue: try row.decode(column: "stage", as: String.self))
        return InnovationRow(
            enterpriseID: try row.decode(column: "enterprise_id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            stage: stage, score: try row.decode(column: "score", as: Double.self),
            rank: try row.decode(column: "rank", as: Int.self),
            stageRank: try row.decode(column: "stage_rank", as: Int.self),
            storedParts: try row.decode(column: "parts_json", as: String.self))
    }

    /// The zone's innovation ranking (or one enterprise's line of it), best first.
    func innovation(zoneID: Int64, enterpriseID: Int64? = nil, pager: Pager? = nil) async throws -> [InnovationRow] {
        var q = innovationRows()
            .columns(
                SQLColumn("enterprise_id", table: "i"), SQLColumn("name", table: "e"), SQLColumn("stage", table: "i"),
                SQLColumn("score", table: "i"),
                SQLColumn("rank", table: "i"), SQLColumn("stage_rank", table: "i"), SQLColumn("parts_json", table: "i")
            )
            .where(SQLColumn("zone_id", table: "i"), .equal, SQLBind(zoneID))
        if let enterpriseID { q = q.where(SQLColumn("enterprise_id", table: "i"), .equal, SQLBind(enterpriseID)) }
        q = q.orderBy(SQLColumn("rank", table: "i")).orderBy(SQLColumn("enterprise_id", table: "i"))
        if let pager { q = q.page(pager) }
        return try await q.all().map(Self.innovation)
    }

    /// How many enterprises the last run assessed, how many the innovation table skipped, and how
    /// many it ranked.
    func assessmentCounts(zoneID: Int64) async throws -> (enterprises: Int, skipped: Int, ranked: Int) {
        let run = try await db.select().columns("enterprises", "skipped", "ranked").from("assessment_runs").where(
            "zone_id", .equal, zoneID
        ).first()
        return (
            try run?.decode(column: "enterprises", as: Int.self) ?? 0,
            try run?.decode(column: "skipped", as: Int.self) ?? 0, try run?.decode(column: "ranked", as: Int.self) ?? 0
        )
    }

    /// One page of a criterion's 后备 list, closest first (ties by enterprise id), numbered by its
    /// place in the list; the shortfalls are left for the caller to render (see
    /// `AssessmentStore.shortfalls`).
    func candidates(zoneID: Int64, code: String, pager: Pager) async throws -> Paged<CandidateRow> {
        let total = try await db.select().from("criterion_candidates").where("zone_id", .equal, zoneID).where(
            "code", .equal, code
        ).countRows()
        let rows = try await db.select()
            .columns(
                SQLColumn("enterprise_id", table: "c"), SQLColumn("name", table: "e"),
                SQLColumn("closeness", table: "c"), SQLColumn("parts_met", table: "c"),
                SQLColumn("parts_total", table: "c")
            )
            .from(SQLAlias(SQLIdentifier("criterion_candidates"), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier("enterprises"), as: SQLIdentifier("e")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "e"), .equal, SQLColumn("enterprise_id", table: "c")
            )
            .where(SQLColumn("zone_id", table: "c"), .equal, SQLBind(zoneID)).where(
                SQLColumn("code", table: "c"), .equal, SQLBind(code)
            )
            .orderBy(SQLOrderBy(expression: SQLColumn("closeness", table: "c"), direction: SQLDirection.descending))
            .orderBy(SQLColumn("enterprise_id", table: "c")).page(pager).all()
        return Paged(
            rows: try rows.enumerated().map { k, row in
                CandidateRow(
                    position: pager.offset + k + 1,
                    enterpriseID: try row.decode(column: "enterprise_id", as: Int64.self),
                    name: try row.decode(column: "name", as: String.self),
                    closeness: try row.decode(column: "closeness", as: Double.self),
                    partsMet: try row.decode(column: "parts_met", as: Int.self),
                    partsTotal: try row.decode(column: "parts_total", as: Int.self))
            }, total: total, pager: pager)
    }
}
