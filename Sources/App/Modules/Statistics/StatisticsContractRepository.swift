import Foundation
import GaoxinCore
import SQLKit

/// The 技术合同登记 register's queries: a page of contracts, the yearly totals (the computed
/// 技术合同成交额), the export reads the pages. Always read with the zone.
struct StatisticsContractRepository: Sendable {
    let db: any SQLDatabase

    func page(zoneID: Int64, _ pager: Pager) async throws -> Paged<TechContractRow> {
        let q = db.select().from("tech_contracts").where("zone_id", .equal, zoneID)
        let total = try await q.countRows()
        let rows = try await q.column("*").orderBy("registered_on", .descending).orderBy("id", .descending)
            .page(pager).all(decoding: TechContractRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func exists(zoneID: Int64, contractNo: String) async throws -> Bool {
        try await db.select().column("id").from("tech_contracts").where("zone_id", .equal, zoneID)
            .where("contract_no", .equal, contractNo).first() != nil
    }

    /// Contracts, 成交额 and technical income by the year registered, oldest first.
    func byYear(zoneID: Int64) async throws -> [TechContractYear] {
        try await db.select()
            .column(
                SQLFunction(
                    "SUBSTR", args: SQLColumn("registered_on"), SQLLiteral.numeric("1"), SQLLiteral.numeric("4")),
                as: "y"
            )
            .column(SQLRaw("COUNT(*)"), as: "n").column(SQLRaw("SUM(amount)"), as: "amount")
            .column(SQLRaw("SUM(tech_income)"), as: "income")
            .from("tech_contracts").where("zone_id", .equal, zoneID).groupBy("y").orderBy("y")
            .all(decoding: TechContractYear.self)
    }

    func insert(_ c: TechContractRow) async throws -> Int64 {
        try await db.insert(into: "tech_contracts")
            .columns(
                "zone_id", "contract_no", "title", "seller", "buyer", "kind", "amount", "tech_income", "registered_on",
                "created_by", "created_at"
            )
            .values(
                SQLBind(c.zoneId), SQLBind(c.contractNo), SQLBind(c.title), SQLBind(c.seller), SQLBind(c.buyer),
                SQLBind(c.kind), SQLBind(c.amount), SQLBind(c.techIncome), SQLBind(c.registeredOn),
                SQLBind(c.createdBy), SQLBind(c.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }
}
