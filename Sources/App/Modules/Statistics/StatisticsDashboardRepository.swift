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

    private struct LevelCount: Decodable {
        var k: String
        var n: Int
    }

    /// The rated cases of `typeCodes` counted by level, narrowed by `filter`.
    private func byLevel(
        zoneID: Int64, typeCodes: [String], _ filter: (SQLSelectBuilder) -> SQLSelectBuilder = { $0 }
    ) async throws -> [RatingLevel: Int] {
        let q = db.select().column("rating_level", as: "k").column(SQLRaw("COUNT(*)"), as: "n").from("cases")
            .where("zone_id", .equal, zoneID).where("type_code", .in, typeCodes)
            .where("rating_level", .isNot, SQLLiteral.null)
        var counts: [RatingLevel: Int] = [:]
        for row in try await filter(q).groupBy("rating_level").all(decoding: LevelCount.self) {
            if let level = RatingLevel(rawValue: row.k) { counts[level, default: 0] += row.n }
        }
        return counts
    }

    private static let upheldAppeal =
        "EXISTS (SELECT 1 FROM rating_appeals a WHERE a.case_id = cases.id AND a.state = 'upheld')"

    /// The 好差评 tally of the zone's cases of `typeCodes` (政策咨询, or the grid events' categories),
    /// counted in the database: ratings by level (on the partial index of rated cases, M0054), those
    /// an upheld appeal took out, and the 差评 whose follow-up is closed. A million cases are never
    /// read row by row.
    func ratingTally(zoneID: Int64, typeCodes: [String]) async throws -> RatingTally {
        let bad = [RatingLevel.dissatisfied, .veryDissatisfied].map(\.rawValue)
        return RatingTally(
            rated: try await byLevel(zoneID: zoneID, typeCodes: typeCodes),
            upheld: try await byLevel(zoneID: zoneID, typeCodes: typeCodes) { $0.where(SQLRaw(Self.upheldAppeal)) },
            fixed: try await byLevel(zoneID: zoneID, typeCodes: typeCodes) {
                $0.where("rating_level", .in, bad)
                    .where(
                        SQLRaw(
                            "EXISTS (SELECT 1 FROM cases f WHERE f.parent_case_id = cases.id AND f.closed_at IS NOT NULL)"
                        )
                    )
                    .where(SQLRaw("NOT " + Self.upheldAppeal))
            })
    }
}
