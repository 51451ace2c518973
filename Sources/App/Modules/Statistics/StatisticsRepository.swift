import Foundation
import GaoxinCore
import SQLKit

/// Every query of 统计监测: the zone's indicators and figures, and the figures other modules'
/// data gives (高企数 from certifications, 兑现 from payouts, 签约项目 from the pipeline), summed in SQL
/// by year. Zone-owned rows are always read with their zone.
struct StatisticsRepository: Sendable {
    let db: any SQLDatabase

    func indicators(zoneID: Int64) async throws -> [StatIndicatorRow] {
        try await db.select().column("*").from("stat_indicators").where("zone_id", .equal, zoneID)
            .orderBy("position").orderBy("id").rows(StatIndicatorRow.self)
    }

    func indicator(id: Int64, zoneID: Int64) async throws -> StatIndicatorRow? {
        try await db.select().column("*").from("stat_indicators").where("id", .equal, id)
            .where("zone_id", .equal, zoneID).first(decoding: StatIndicatorRow.self)
    }

    func insertIndicator(zoneID: Int64, code: String, name: String, unit: String, at now: Int64) async throws -> Int64 {
        let next =
            try await db.select().column(SQLFunction("MAX", args: SQLColumn("position")), as: "p")
            .from("stat_indicators").where("zone_id", .equal, zoneID).first(decodingColumn: "p", as: Int?.self) ?? nil
        return try await db.insert(into: "stat_indicators")
            .columns("zone_id", "code", "name", "unit", "position", "created_at")
            .values(
                SQLBind(zoneID), SQLBind(code), SQLBind(name), SQLBind(unit), SQLBind((next ?? 0) + 1), SQLBind(now)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// Every figure of the zone's indicators, oldest period first (a zone holds a few thousand).
    func figures(zoneID: Int64) async throws -> [StatFigureRow] {
        try await db.select().column("*").from("stat_figures").where("zone_id", .equal, zoneID)
            .orderBy("period_end").orderBy("id").rows(StatFigureRow.self)
    }

    func figures(indicatorID: Int64, zoneID: Int64) async throws -> [StatFigureRow] {
        try await db.select().column("*").from("stat_figures").where("zone_id", .equal, zoneID)
            .where("indicator_id", .equal, indicatorID).orderBy("period_end").orderBy("id")
            .rows(StatFigureRow.self)
    }

    /// Writes the figure of (indicator, period): a correction replaces the figure, it does not add one.
    func upsert(_ d: StatFigureDraft, zoneID: Int64, by name: String, at now: Int64) async throws {
        try await db.delete(from: "stat_figures").where("indicator_id", .equal, d.indicatorID)
            .where("period", .equal, d.period.key).run()
        try await db.insert(into: "stat_figures")
            .columns(
                "zone_id", "indicator_id", "period", "period_end", "value", "stated_growth", "target", "source",
                "updated_by", "updated_at"
            )
            .values(
                SQLBind(zoneID), SQLBind(d.indicatorID), SQLBind(d.period.key), SQLBind(d.period.end.description),
                SQLBind(d.value), SQLBind(d.statedGrowth), SQLBind(d.target), SQLBind(d.source), SQLBind(name),
                SQLBind(now)
            ).run()
    }

    // MARK: - Figures the platform's own data gives, by year

    private struct YearSum: Decodable {
        var y: String
        var v: Double
    }

    /// The year of a "YYYY-MM-DD" text column.
    private static func year(of column: String) -> SQLFunction {
        SQLFunction("SUBSTR", args: SQLColumn(column), SQLLiteral.numeric("1"), SQLLiteral.numeric("4"))
    }

    private func byYear(_ rows: [YearSum]) -> [Int: Double] {
        Dictionary(rows.compactMap { r in Int(r.y).map { ($0, r.v) } }, uniquingKeysWith: +)
    }

    /// 兑现金额 (万元) by the year paid.
    func payoutsByYear(zoneID: Int64) async throws -> [Int: Double] {
        byYear(
            try await db.select().column(Self.year(of: "paid_on"), as: "y")
                .column(SQLFunction("SUM", args: SQLColumn("amount")), as: "v").from("payouts")
                .where("zone_id", .equal, zoneID).groupBy("y").all(decoding: YearSum.self))
    }

    /// Projects signed (签约) in each year, from the stage history.
    func signedProjectsByYear(zoneID: Int64) async throws -> [Int: Double] {
        byYear(
            try await db.select().column(Self.year(of: "moved_on"), as: "y")
                .column(SQLRaw("CAST(COUNT(*) AS DOUBLE PRECISION)"), as: "v").from("invest_project_stages")
                .where("zone_id", .equal, zoneID).where("stage", .equal, "signed").groupBy("y")
                .all(decoding: YearSum.self))
    }

    /// 高新技术企业 whose certificate is valid on 31 December of each of `years`.
    func highTechAtYearEnd(zoneID: Int64, years: [Int]) async throws -> [Int: Double] {
        var result: [Int: Double] = [:]
        for year in years {
            let end = "\(year)-12-31"
            let count = try await db.select().from("certifications").where("zone_id", .equal, zoneID)
                .where("kind", .equal, CertificationKind.highTech.rawValue).where("certified_on", .lessThanOrEqual, end)
                .where(group: {
                    $0.where("expires_on", .is, SQLLiteral.null).orWhere("expires_on", .greaterThanOrEqual, end)
                })
                .countRows()
            result[year] = Double(count)
        }
        return result
    }
}
