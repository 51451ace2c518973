import Foundation
import SQLKit

/// 难点堵点 rows: which case is which project's blocker, routed to which department.
struct InvestBlockerRow: Codable, Sendable {
    var caseId: Int64
    var zoneId: Int64
    var projectId: Int64
    var departmentId: Int64
}

/// The queries of project blockers (the cases themselves are read through `CaseRepository`).
struct InvestmentBlockerRepository: Sendable {
    let db: any SQLDatabase

    func insert(_ b: InvestBlockerRow) async throws {
        try await db.insert(into: "invest_blockers").columns("case_id", "zone_id", "project_id", "department_id")
            .values(SQLBind(b.caseId), SQLBind(b.zoneId), SQLBind(b.projectId), SQLBind(b.departmentId)).run()
    }

    /// A project's blockers, the latest first (a project has a handful, not pages of them).
    func blockers(projectID: Int64, zoneID: Int64) async throws -> [InvestBlockerRow] {
        try await db.select().column("*").from("invest_blockers").where("project_id", .equal, projectID)
            .where("zone_id", .equal, zoneID).orderBy("case_id", .descending).limit(200)
            .rows(InvestBlockerRow.self)
    }

    func blocker(caseID: Int64, projectID: Int64, zoneID: Int64) async throws -> InvestBlockerRow? {
        try await db.select().column("*").from("invest_blockers").where("case_id", .equal, caseID)
            .where("project_id", .equal, projectID).where("zone_id", .equal, zoneID)
            .row(InvestBlockerRow.self)
    }

    /// The project a blocker case belongs to (for the link in its notices).
    func projectID(caseID: Int64) async throws -> Int64? {
        try await db.select().column("project_id").from("invest_blockers").where("case_id", .equal, caseID)
            .first(decodingColumn: "project_id", as: Int64.self)
    }

    /// One page of the zone's blockers (one department's when given), open ones only when asked,
    /// the latest first.
    func page(zoneID: Int64, departmentID: Int64?, openOnly: Bool, _ pager: Pager) async throws
        -> Paged<InvestBlockerRow>
    {
        func filtered(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
            var q = q.from("invest_blockers").where(
                SQLColumn("zone_id", table: "invest_blockers"), .equal, SQLBind(zoneID))
            if let departmentID { q = q.where(SQLColumn("department_id"), .equal, SQLBind(departmentID)) }
            if openOnly {
                q = q.join(
                    SQLIdentifier("cases"), method: SQLJoinMethod.inner, on: SQLColumn("id", table: "cases"), .equal,
                    SQLColumn("case_id", table: "invest_blockers")
                )
                .where(SQLColumn("closed_at", table: "cases"), .is, SQLLiteral.null)
            }
            return q
        }
        let total = try await filtered(db.select()).countRows()
        let rows = try await filtered(
            db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("invest_blockers")))
        )
        .orderBy(SQLColumn("case_id", table: "invest_blockers"), SQLDirection.descending).page(pager)
        .rows(InvestBlockerRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }
}
