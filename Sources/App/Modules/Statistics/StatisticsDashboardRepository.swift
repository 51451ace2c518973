import Foundation
import GaoxinCore
import SQLKit

/// The committee dashboard's figures from the modules that hold the data, each one grouped
/// `COUNT`/`SUM` over an indexed filter: the pipeline by stage, payouts by year, events by state,
/// consultations answered and late.
struct StatisticsDashboardRepository: Sendable {
    let db: any SQLDatabase

    private struct KeyCount: Decodable {
        var k: String
        var n: Int
    }

    /// The zone's projects by their current stage.
    func projectsByStage(zoneID: Int64) async throws -> [String: Int] {
        let rows = try await db.select().column("stage", as: "k").column(SQLRaw("COUNT(*)"), as: "n")
            .from("invest_projects").where("zone_id", .equal, zoneID).groupBy("stage").all(decoding: KeyCount.self)
        return Dictionary(rows.map { ($0.k, $0.n) }, uniquingKeysWith: +)
    }

    /// The zone's cases of `typeCodes` (the grid events' categories, say) by state.
    func eventsByState(zoneID: Int64, typeCodes: [String]) async throws -> [String: Int] {
        let rows = try await db.select().column("state", as: "k").column(SQLRaw("COUNT(*)"), as: "n")
            .from("cases").where("zone_id", .equal, zoneID).where("type_code", .in, typeCodes).groupBy("state")
            .all(decoding: KeyCount.self)
        return Dictionary(rows.map { ($0.k, $0.n) }, uniquingKeysWith: +)
    }

    struct PayoutYear: Decodable, Sendable {
        var y: String
        var cases: Int
        var amount: Double
    }

    /// 兑现 N 件、金额 X 万元 by the year paid, oldest first.
    func payoutsByYear(zoneID: Int64) async throws -> [PayoutYear] {
        try await db.select()
            .column(
                SQLFunction("SUBSTR", args: SQLColumn("paid_on"), SQLLiteral.numeric("1"), SQLLiteral.numeric("4")),
                as: "y"
            )
            .column(SQLRaw("SUM(cases)"), as: "cases").column(SQLRaw("SUM(amount)"), as: "amount")
            .from("payouts").where("zone_id", .equal, zoneID).groupBy("y").orderBy("y")
            .all(decoding: PayoutYear.self)
    }

    struct ServiceTally: Decodable, Sendable {
        var total: Int
        var answered: Int?
        var late: Int?
    }

    /// 政策咨询: received, answered, and late at some step (服务效率), each counted on an index.
    func consultations(zoneID: Int64, typeCode: String) async throws -> ServiceTally {
        let byState = try await eventsByState(zoneID: zoneID, typeCodes: [typeCode])
        let late = try await db.select().from("cases").where("zone_id", .equal, zoneID)
            .where("type_code", .equal, typeCode).where(SQLColumn("ever_overdue")).countRows()
        return ServiceTally(
            total: byState.values.reduce(0, +), answered: byState["answered"] ?? 0, late: late)
    }

    private struct Rated: Decodable {
        var id: Int64
        var ratingLevel: String
    }

    /// The rated cases of `typeCodes` (政策咨询, or the grid events' categories), each with whether its
    /// 差评 follow-up is closed and whether the unit's appeal of it was upheld.
    func ratingFacts(zoneID: Int64, typeCodes: [String]) async throws -> [RatingFact] {
        let rated = try await db.select().columns("id", "rating_level").from("cases").where("zone_id", .equal, zoneID)
            .where("type_code", .in, typeCodes).where("rating_level", .isNot, SQLLiteral.null)
            .rows(Rated.self)
        let fixed = Set(
            try await db.select().column("parent_case_id").from("cases").where("zone_id", .equal, zoneID)
                .where("parent_case_id", .isNot, SQLLiteral.null).where("closed_at", .isNot, SQLLiteral.null)
                .all(decodingColumn: "parent_case_id", as: Int64.self))
        let upheld = Set(
            try await db.select().column("case_id").from("rating_appeals").where("zone_id", .equal, zoneID)
                .where("state", .equal, "upheld").all(decodingColumn: "case_id", as: Int64.self))
        return rated.compactMap { r in
            RatingLevel(rawValue: r.ratingLevel).map {
                RatingFact(level: $0, followUpClosed: fixed.contains(r.id), appealUpheld: upheld.contains(r.id))
            }
        }
    }
}
