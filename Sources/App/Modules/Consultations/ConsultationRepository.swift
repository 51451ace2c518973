import Foundation
import GaoxinCore
import SQLKit

/// All SQL of consultations: the `consultations` details beside their `cases` rows. Lists page in SQL.
struct ConsultationRepository: Sendable {
    let db: any SQLDatabase

    func insert(_ c: ConsultationRow) async throws {
        try await db.insert(into: "consultations")
            .columns(
                "case_id", "zone_id", "policy_item_id", "department_id", "question", "asker_name", "asker_mobile",
                "answer",
                "answered_by", "answered_at", "published", "published_at"
            )
            .values(
                SQLBind(c.caseId), SQLBind(c.zoneId), SQLBind(c.policyItemId), SQLBind(c.departmentId),
                SQLBind(c.question),
                SQLBind(c.askerName), SQLBind(c.askerMobile), SQLBind(c.answer), SQLBind(c.answeredBy),
                SQLBind(c.answeredAt),
                SQLBind(c.published), SQLBind(c.publishedAt)
            )
            .run()
    }

    func setAnswer(caseID: Int64, answer: String, by userID: Int64?, at: Int64) async throws {
        try await db.update("consultations").set("answer", to: answer).set("answered_by", to: userID).set(
            "answered_at", to: at
        )
        .where("case_id", .equal, caseID).run()
    }

    func setPublished(caseID: Int64, _ published: Bool, at: Int64) async throws {
        try await db.update("consultations").set("published", to: published).set(
            "published_at", to: published ? at : nil
        )
        .where("case_id", .equal, caseID).run()
    }

    /// A consultation of any zone, for the public lookup (which then checks the asker's mobile).
    func findAnyZone(caseID: Int64) async throws -> Consultation? {
        guard
            let zoneID = try await db.select().column("zone_id").from("consultations").where("case_id", .equal, caseID)
                .first(decodingColumn: "zone_id", as: Int64.self)
        else { return nil }
        return try await find(caseID: caseID, zoneID: zoneID)
    }

    func find(caseID: Int64, zoneID: Int64) async throws -> Consultation? {
        guard
            let details = try await db.select().column("*").from("consultations").where("case_id", .equal, caseID)
                .where("zone_id", .equal, zoneID).row(ConsultationRow.self),
            let row = try await CaseRepository(db: db).find(id: caseID, zoneID: zoneID)
        else { return nil }
        return Consultation(details: details, caseRow: row)
    }

    /// One page of the consultations of the filter, newest first.
    func page(_ filter: ConsultationFilter, _ pager: Pager) async throws -> Paged<Consultation> {
        let total = try await filtered(filter).countRows()
        let details = try await filtered(filter).columns(Self.columns.map { SQLColumn($0, table: "consultations") })
            .orderBy(
                SQLOrderBy(expression: SQLColumn("case_id", table: "consultations"), direction: SQLDirection.descending)
            ).page(pager)
            .rows(ConsultationRow.self)
        let cases = try await CaseRepository(db: db).find(ids: details.map(\.caseId))
        return Paged(
            rows: details.compactMap { d in cases[d.caseId].map { Consultation(details: d, caseRow: $0) } },
            total: total, pager: pager)
    }

    /// The list's total, open and late counts.
    func counts(_ filter: ConsultationFilter) async throws -> ConsultationCounts {
        ConsultationCounts(
            total: try await filtered(filter).countRows(),
            open: try await filtered(filter).where(SQLColumn("closed_at", table: "cases"), .is, SQLLiteral.null)
                .countRows(),
            late: try await filtered(filter).where(SQLColumn("ever_overdue", table: "cases"), .equal, SQLBind(true))
                .countRows())
    }

    static let columns = [
        "case_id", "zone_id", "policy_item_id", "department_id", "question", "asker_name", "asker_mobile", "answer",
        "answered_by", "answered_at", "published", "published_at",
    ]

    /// The consultations of the filter joined to their cases, without columns.
    private func filtered(_ filter: ConsultationFilter) -> SQLSelectBuilder {
        var q = db.select().from("consultations").join(
            "cases", on: SQLColumn("id", table: "cases"), .equal, SQLColumn("case_id", table: "consultations")
        )
        .where(SQLColumn("zone_id", table: "consultations"), .equal, SQLBind(filter.zoneID))
        .where(SQLColumn("type_code", table: "cases"), .equal, SQLBind(ConsultationCaseTypes.consultation.code))
        if let department = filter.departmentID {
            q = q.where(SQLColumn("department_id", table: "consultations"), .equal, SQLBind(department))
        }
        if let askerID = filter.askerUserID {
            q = q.where(SQLColumn("requester_user_id", table: "cases"), .equal, SQLBind(askerID))
        }
        if filter.lateOnly {
            q = q.where {
                $0.where(SQLColumn("ever_overdue", table: "cases"), .equal, SQLBind(true))
                    .orWhere(SQLColumn("escalated_to", table: "cases"), .isNot, SQLLiteral.null)
            }
        }
        if let state = filter.state { q = q.where(SQLColumn("state", table: "cases"), .equal, SQLBind(state)) }
        return q
    }

    /// Published Q&As of one item, or of a zone (all zones when nil), newest first.
    func published(itemID: Int64? = nil, zoneID: Int64? = nil) async throws -> [ConsultationRow] {
        try await publishedQuery(itemID: itemID, zoneID: zoneID).column("*").orderBy("published_at", .descending)
            .orderBy("case_id", .descending)
            .rows(ConsultationRow.self)
    }

    /// One page of the published Q&As of a zone (all zones when nil), newest first.
    func publishedPage(zoneID: Int64?, _ pager: Pager) async throws -> Paged<ConsultationRow> {
        let total = try await publishedQuery(zoneID: zoneID).countRows()
        let rows = try await publishedQuery(zoneID: zoneID).column("*").orderBy("published_at", .descending)
            .orderBy("case_id", .descending).page(pager)
            .rows(ConsultationRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    private func publishedQuery(itemID: Int64? = nil, zoneID: Int64?) -> SQLSelectBuilder {
        var q = db.select().from("consultations").where("published", .equal, true).where(
            "answer", .isNot, SQLLiteral.null)
        if let itemID { q = q.where("policy_item_id", .equal, itemID) }
        if let zoneID { q = q.where("zone_id", .equal, zoneID) }
        return q
    }
}
