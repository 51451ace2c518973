import Foundation
import GaoxinCore
import SQLKit

/// All SQL of 企业诉求: the `help_demands` details beside their `cases` rows, and progress notes.
struct EnterpriseHelpDemandRepository: Sendable {
    let db: any SQLDatabase

    static let columns = [
        "case_id", "zone_id", "enterprise_id", "category", "channel", "visit_id", "meeting_id", "department_id",
        "filed_by_user_id", "text", "answer",
    ]

    func insert(_ d: HelpDemandRow) async throws {
        try await db.insert(into: "help_demands").columns(Self.columns)
            .values(
                SQLBind(d.caseId), SQLBind(d.zoneId), SQLBind(d.enterpriseId), SQLBind(d.category), SQLBind(d.channel),
                SQLBind(d.visitId), SQLBind(d.meetingId), SQLBind(d.departmentId), SQLBind(d.filedByUserId),
                SQLBind(d.text), SQLBind(d.answer)
            ).run()
    }

    func setDepartment(caseID: Int64, departmentID: Int64) async throws {
        try await db.update("help_demands").set("department_id", to: departmentID).where("case_id", .equal, caseID)
            .run()
    }

    func setAnswer(caseID: Int64, answer: String) async throws {
        try await db.update("help_demands").set("answer", to: answer).where("case_id", .equal, caseID).run()
    }

    func find(caseID: Int64, zoneID: Int64) async throws -> HelpDemand? {
        guard
            let details = try await db.select().column("*").from("help_demands").where("case_id", .equal, caseID)
                .where("zone_id", .equal, zoneID)
                .row(HelpDemandRow.self),
            let row = try await CaseRepository(db: db).find(id: caseID, zoneID: zoneID)
        else { return nil }
        return HelpDemand(details: details, caseRow: row)
    }

    private func filtered(_ f: HelpDemandFilter) -> SQLSelectBuilder {
        var q = db.select().from("help_demands")
            .join("cases", on: SQLColumn("id", table: "cases"), .equal, SQLColumn("case_id", table: "help_demands"))
            .where(SQLColumn("zone_id", table: "help_demands"), .equal, SQLBind(f.zoneID))
        if let e = f.enterpriseID { q = q.where(SQLColumn("enterprise_id", table: "help_demands"), .equal, SQLBind(e)) }
        if let d = f.departmentID { q = q.where(SQLColumn("department_id", table: "help_demands"), .equal, SQLBind(d)) }
        if let s = f.state { q = q.where(SQLColumn("state", table: "cases"), .equal, SQLBind(s)) }
        return q
    }

    func page(_ f: HelpDemandFilter, _ pager: Pager) async throws -> Paged<HelpDemand> {
        let total = try await filtered(f).countRows()
        let details = try await filtered(f).columns(Self.columns.map { SQLColumn($0, table: "help_demands") })
            .orderBy(
                SQLOrderBy(expression: SQLColumn("case_id", table: "help_demands"), direction: SQLDirection.descending)
            )
            .page(pager).rows(HelpDemandRow.self)
        let cases = try await CaseRepository(db: db).find(ids: details.map(\.caseId))
        return Paged(
            rows: details.compactMap { d in cases[d.caseId].map { HelpDemand(details: d, caseRow: $0) } }, total: total,
            pager: pager)
    }

    /// Demands raised on one visit.
    func raised(visitID: Int64) async throws -> [HelpDemandRow] {
        try await db.select().column("*").from("help_demands").where("visit_id", .equal, visitID).orderBy("case_id")
            .rows(HelpDemandRow.self)
    }

    func insertNote(caseID: Int64, zoneID: Int64, userID: Int64, note: String, at: Int64) async throws {
        try await db.insert(into: "help_demand_notes").columns("case_id", "zone_id", "user_id", "note", "created_at")
            .values(SQLBind(caseID), SQLBind(zoneID), SQLBind(userID), SQLBind(note), SQLBind(at)).run()
    }

    func notes(caseID: Int64) async throws -> [HelpDemandNoteRow] {
        try await db.select().columns("id", "case_id", "user_id", "note", "created_at").from("help_demand_notes")
            .where("case_id", .equal, caseID).orderBy("id")
            .rows(HelpDemandNoteRow.self)
    }

    /// The account the enterprise rates and confirms with: its first active enterprise user.
    func enterpriseUser(enterpriseID: Int64) async throws -> Int64? {
        try await db.select().column("id").from("users").where("enterprise_id", .equal, enterpriseID)
            .where("is_active", .equal, true).where("role", .equal, Role.enterpriseUser.rawValue).orderBy("id")
            .first(decodingColumn: "id", as: Int64.self)
    }

    /// Display names of users by id.
    func userNames(_ ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        struct U: Decodable {
            var id: Int64
            var displayName: String
        }
        let rows = try await db.select().columns("id", "display_name").from("users").where("id", .in, ids)
            .rows(U.self)
        return Dictionary(rows.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }
}
