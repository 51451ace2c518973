import Foundation
import GaoxinCore
import SQLKit

/// A consultation's own details beside its case: the question, who asked, the answer and whether
/// it is published as a policy Q&A.
struct ConsultationRow: Codable, Sendable {
    var caseId: Int64
    var zoneId: Int64
    var policyItemId: Int64
    var departmentId: Int64
    var question: String
    var askerName: String
    var askerMobile: String?
    var answer: String?
    var answeredBy: Int64?
    var answeredAt: Int64?
    var published: Bool
    var publishedAt: Int64?
}

/// A consultation with its case, as lists and pages show it.
struct Consultation: Sendable {
    var details: ConsultationRow
    var caseRow: CaseRow
    var id: Int64 { details.caseId }
    var number: String { CaseRow.number(details.caseId) }
}

/// Which consultations a list shows.
struct ConsultationFilter: Sendable {
    var zoneID: Int64
    var departmentID: Int64?
    var askerUserID: Int64?
    /// Late (now or when answered) or escalated only: the zone admin's supervision list.
    var lateOnly = false
    var state: String?
}

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
                .where("zone_id", .equal, zoneID).first(
                    decoding: ConsultationRow.self, keyDecodingStrategy: .convertFromSnakeCase),
            let row = try await CaseRepository(db: db).find(id: caseID, zoneID: zoneID)
        else { return nil }
        return Consultation(details: details, caseRow: row)
    }

    /// Newest first.
    func list(_ filter: ConsultationFilter) async throws -> [Consultation] {
        var q = db.select().column("*").from("consultations").where("zone_id", .equal, filter.zoneID)
        if let department = filter.departmentID { q = q.where("department_id", .equal, department) }
        let askerID = filter.askerUserID
        let lateOnly = filter.lateOnly
        let state = filter.state
        if askerID != nil || lateOnly || state != nil {
            q = q.where(
                SQLColumn("case_id"), .in,
                SQLSubquery.select { sub in
                    sub.column("id").from("cases").where("type_code", .equal, ConsultationCaseTypes.consultation.code)
                    if let askerID { sub.where("requester_user_id", .equal, askerID) }
                    if lateOnly {
                        sub.where {
                            $0.where("ever_overdue", .equal, true).orWhere("escalated_to", .isNot, SQLLiteral.null)
                        }
                    }
                    if let state { sub.where("state", .equal, state) }
                    return sub
                })
        }
        let details = try await q.orderBy("case_id", .descending)
            .all(decoding: ConsultationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let cases = try await CaseRepository(db: db).find(ids: details.map(\.caseId))
        return details.compactMap { d in cases[d.caseId].map { Consultation(details: d, caseRow: $0) } }
    }

    /// Published Q&As of one item, or of a zone (all zones when nil), newest first.
    func published(itemID: Int64? = nil, zoneID: Int64? = nil) async throws -> [ConsultationRow] {
        var q = db.select().column("*").from("consultations").where("published", .equal, true).where(
            "answer", .isNot, SQLLiteral.null)
        if let itemID { q = q.where("policy_item_id", .equal, itemID) }
        if let zoneID { q = q.where("zone_id", .equal, zoneID) }
        return try await q.orderBy("published_at", .descending).orderBy("case_id", .descending)
            .all(decoding: ConsultationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
