import Foundation
import GaoxinCore
import SQLKit

/// Every query of 评价: schemes with their units, runs per period and their results. Zone-owned rows
/// are always read with their zone.
struct StatisticsEvaluationRepository: Sendable {
    let db: any SQLDatabase

    func schemes(zoneID: Int64) async throws -> [EvalSchemeRow] {
        try await db.select().column("*").from("eval_schemes").where("zone_id", .equal, zoneID).orderBy("id")
            .all(decoding: EvalSchemeRow.self)
    }

    func scheme(id: Int64, zoneID: Int64) async throws -> EvalSchemeRow? {
        try await db.select().column("*").from("eval_schemes").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: EvalSchemeRow.self)
    }

    func units(schemeID: Int64) async throws -> [EvalUnitRow] {
        try await db.select().column("*").from("eval_units").where("scheme_id", .equal, schemeID).orderBy("position")
            .all(decoding: EvalUnitRow.self)
    }

    func insertScheme(
        zoneID: Int64, name: String, tableJSON: String, units: [(code: String, name: String)], by: String, at: Int64
    ) async throws -> Int64 {
        let id =
            try await db.insert(into: "eval_schemes").columns(
                "zone_id", "name", "table_json", "created_by", "created_at"
            )
            .values(SQLBind(zoneID), SQLBind(name), SQLBind(tableJSON), SQLBind(by), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        for (i, u) in units.enumerated() {
            try await db.insert(into: "eval_units").columns("scheme_id", "code", "name", "position")
                .values(SQLBind(id), SQLBind(u.code), SQLBind(u.name), SQLBind(i + 1)).run()
        }
        return id
    }

    /// The scheme's runs, newest period first.
    func runs(schemeID: Int64, zoneID: Int64) async throws -> [EvalRunRow] {
        try await db.select().column("*").from("eval_runs").where("scheme_id", .equal, schemeID)
            .where("zone_id", .equal, zoneID).orderBy("period", .descending).all(decoding: EvalRunRow.self)
    }

    func run(id: Int64, zoneID: Int64) async throws -> EvalRunRow? {
        try await db.select().column("*").from("eval_runs").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: EvalRunRow.self)
    }

    /// Every run of the zone, for the API list, newest first.
    func runs(zoneID: Int64) async throws -> [EvalRunRow] {
        try await db.select().column("*").from("eval_runs").where("zone_id", .equal, zoneID)
            .orderBy("computed_at", .descending).orderBy("id", .descending).all(decoding: EvalRunRow.self)
    }

    /// A run's results, best first.
    func results(runID: Int64, zoneID: Int64) async throws -> [EvalResultRow] {
        try await db.select().column("*").from("eval_results").where("run_id", .equal, runID)
            .where("zone_id", .equal, zoneID).orderBy("rank").orderBy("unit_code").all(decoding: EvalResultRow.self)
    }

    /// Replaces the scheme's run for the period (and its results) with a new one; returns its id.
    func replaceRun(_ run: EvalRunRow, results: [EvalResultRow]) async throws -> Int64 {
        if let old = try await db.select().column("id").from("eval_runs").where("scheme_id", .equal, run.schemeId)
            .where("period", .equal, run.period).first(decodingColumn: "id", as: Int64.self)
        {
            try await db.delete(from: "eval_results").where("run_id", .equal, old).run()
            try await db.delete(from: "eval_runs").where("id", .equal, old).run()
        }
        let id =
            try await db.insert(into: "eval_runs")
            .columns("zone_id", "scheme_id", "period", "normalisation", "grade_json", "computed_by", "computed_at")
            .values(
                SQLBind(run.zoneId), SQLBind(run.schemeId), SQLBind(run.period), SQLBind(run.normalisation),
                SQLBind(run.gradeJson), SQLBind(run.computedBy), SQLBind(run.computedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        for r in results {
            try await db.insert(into: "eval_results")
                .columns("run_id", "zone_id", "unit_code", "unit_name", "score", "rank", "grade", "detail_json")
                .values(
                    SQLBind(id), SQLBind(r.zoneId), SQLBind(r.unitCode), SQLBind(r.unitName), SQLBind(r.score),
                    SQLBind(r.rank), SQLBind(r.grade), SQLBind(r.detailJson)
                ).run()
        }
        return id
    }
}
