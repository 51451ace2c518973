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

    /// The zone's last run: the day it computed and whether it has been marked stale since.
    func assessmentRun(zoneID: Int64) async throws -> (computedOn: String, stale: Bool)? {
        guard
            let run = try await db.select().columns("computed_on", "stale").from("assessment_runs").where(
                "zone_id", .equal, zoneID
            ).first()
        else { return nil }
        return (try run.decode(column: "computed_on", as: String.self), try run.decode(column: "stale", as: Bool.self))
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

    /// Replaces the zone's stored results (in batches of 500 rows) and its run row.
    func replaceAssessments(
        _ results: AssessmentStore.Results, zoneID: Int64, today: Day, stale: Bool, version: Int64
    ) async throws {
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
            SQLBind(zoneID), SQLBind(today.description), SQLBind(stale), SQLBind(version),
            SQLBind(results.enterprises), SQLBind(evaluation.skipped.count)
        )
        .run()
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
        let run = try await db.select().columns("enterprises", "skipped").from("assessment_runs").where(
            "zone_id", .equal, zoneID
        ).first()
        let ranked = try await db.select().from("enterprise_innovation").where("zone_id", .equal, zoneID)
            .countRows()
        return (
            try run?.decode(column: "enterprises", as: Int.self) ?? 0,
            try run?.decode(column: "skipped", as: Int.self) ?? 0, ranked
        )
    }

    /// One page of a criterion's 后备 list, closest first.
    func candidates(zoneID: Int64, code: String, pager: Pager) async throws -> Paged<CandidateRow> {
        let total = try await db.select().from("criterion_candidates").where("zone_id", .equal, zoneID).where(
            "code", .equal, code
        ).countRows()
        let rows = try await db.select()
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
            .orderBy(SQLColumn("position", table: "c")).page(pager).all()
        return Paged(
            rows: try rows.map { row in
                CandidateRow(
                    position: try row.decode(column: "position", as: Int.self),
                    enterpriseID: try row.decode(column: "enterprise_id", as: Int64.self),
                    name: try row.decode(column: "name", as: String.self),
                    closeness: try row.decode(column: "closeness", as: Double.self),
                    partsMet: try row.decode(column: "parts_met", as: Int.self),
                    partsTotal: try row.decode(column: "parts_total", as: Int.self),
                    shortfalls: try row.decode(column: "shortfalls", as: String.self))
            }, total: total, pager: pager)
    }
}
