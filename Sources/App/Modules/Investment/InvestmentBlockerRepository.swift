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
            .all(decoding: InvestBlockerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func blocker(caseID: Int64, projectID: Int64, zoneID: Int64) async throws -> InvestBlockerRow? {
        try await db.select().column("*").from("invest_blockers").where("case_id", .equal, caseID)
            .where("project_id", .equal, projectID).where("zone_id", .equal, zoneID)
            .first(decoding: InvestBlockerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The project a blocker case belongs to (for the link in its notices).
    func projectID(caseID: Int64) async throws -> Int64? {
        try await db.select().column("project_id").from("invest_blockers").where("case_id", .equal, caseID)
            .first(decodingColumn: "project_id", as: Int64.self)
    }
}
