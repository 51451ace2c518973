import Foundation
import GaoxinCore
import SQLKit

/// All SQL of 共享法庭: disputes beside their cases, parties, evidence and 司法建议 letters.
struct MediationRepository: Sendable {
    let db: any SQLDatabase

    static let columns = [
        "case_id", "zone_id", "kind", "claim", "amount_claimed", "event_case_id", "target_day", "target_minute",
        "session_at", "session_link", "session_participants", "agreement", "agreement_amount", "agreement_deadline",
        "outcome_note", "on_target",
    ]

    func insert(_ m: MediationRow) async throws {
        try await db.insert(into: "mediation_cases")
            .columns(
                "case_id", "zone_id", "kind", "claim", "amount_claimed", "event_case_id", "target_day", "target_minute"
            )
            .values(
                SQLBind(m.caseId), SQLBind(m.zoneId), SQLBind(m.kind), SQLBind(m.claim), SQLBind(m.amountClaimed),
                SQLBind(m.eventCaseId), SQLBind(m.targetDay), SQLBind(m.targetMinute)
            ).run()
    }

    func insertParty(_ p: MediationPartyRow) async throws {
        try await db.insert(into: "mediation_parties")
            .columns("case_id", "zone_id", "side", "name", "user_id", "enterprise_id")
            .values(
                SQLBind(p.caseId), SQLBind(p.zoneId), SQLBind(p.side), SQLBind(p.name), SQLBind(p.userId),
                SQLBind(p.enterpriseId)
            ).run()
    }

    func setSession(caseID: Int64, at: String, link: String, participants: String) async throws {
        try await db.update("mediation_cases").set("session_at", to: at).set("session_link", to: link)
            .set("session_participants", to: participants).where("case_id", .equal, caseID).run()
    }

    func setAgreement(caseID: Int64, text: String, amount: Int64?, deadline: String?) async throws {
        try await db.update("mediation_cases").set("agreement", to: text).set("agreement_amount", to: amount)
            .set("agreement_deadline", to: deadline).where("case_id", .equal, caseID).run()
    }

    func setOutcome(caseID: Int64, note: String?, onTarget: Bool) async throws {
        try await db.update("mediation_cases").set("outcome_note", to: note).set("on_target", to: onTarget)
            .where("case_id", .equal, caseID).run()
    }

    func confirm(partyID: Int64, at: Int64) async throws {
        try await db.update("mediation_parties").set("confirmed_at", to: at).where("id", .equal, partyID).run()
    }

    func parties(caseIDs: [Int64]) async throws -> [MediationPartyRow] {
        guard !caseIDs.isEmpty else { return [] }
        return try await db.select().column("*").from("mediation_parties").where("case_id", .in, caseIDs).orderBy("id")
            .rows(MediationPartyRow.self)
    }

    func find(caseID: Int64, zoneID: Int64) async throws -> MediationCase? {
        guard
            let details = try await db.select().column("*").from("mediation_cases").where("case_id", .equal, caseID)
                .where("zone_id", .equal, zoneID)
                .row(MediationRow.self),
            let row = try await CaseRepository(db: db).find(id: caseID, zoneID: zoneID)
        else { return nil }
        return MediationCase(details: details, caseRow: row, parties: try await parties(caseIDs: [caseID]))
    }

    /// One page of the zone's disputes, or of those where `user` is a party, newest first.
    func page(zoneID: Int64, partyUserID: Int64?, partyEnterpriseID: Int64?, _ pager: Pager) async throws
        -> Paged<MediationCase>
    {
        var own: [Int64]?
        if partyUserID != nil || partyEnterpriseID != nil {
            own = try await db.select().column("case_id").from("mediation_parties").where {
                $0.where("user_id", .equal, SQLBind(partyUserID ?? -1))
                    .orWhere("enterprise_id", .equal, SQLBind(partyEnterpriseID ?? -1))
            }.all(decodingColumn: "case_id", as: Int64.self)
        }
        func base() -> SQLSelectBuilder {
            var q = db.select().from("mediation_cases").where(
                SQLColumn("zone_id", table: "mediation_cases"), .equal, SQLBind(zoneID))
            if let own {
                q = q.where(
                    SQLColumn("case_id", table: "mediation_cases"), .in, SQLBind.group(own.isEmpty ? [Int64(-1)] : own))
            }
            return q
        }
        let total = try await base().countRows()
        let details = try await base().columns(Self.columns.map { SQLColumn($0, table: "mediation_cases") })
            .orderBy(SQLColumn("case_id", table: "mediation_cases"), SQLDirection.descending).page(pager)
            .rows(MediationRow.self)
        let cases = try await CaseRepository(db: db).find(ids: details.map(\.caseId))
        let parties = Dictionary(grouping: try await parties(caseIDs: details.map(\.caseId)), by: \.caseId)
        return Paged(
            rows: details.compactMap { d in
                cases[d.caseId].map { MediationCase(details: d, caseRow: $0, parties: parties[d.caseId] ?? []) }
            }, total: total, pager: pager)
    }

    func insertEvidence(caseID: Int64, zoneID: Int64, name: String, userID: Int64, data: Data, at: Int64) async throws {
        try await db.insert(into: "mediation_evidence")
            .columns("case_id", "zone_id", "file_name", "uploaded_by", "data", "created_at")
            .values(SQLBind(caseID), SQLBind(zoneID), SQLBind(name), SQLBind(userID), SQLBind(data), SQLBind(at)).run()
    }

    func evidence(caseID: Int64) async throws -> [MediationEvidenceRow] {
        try await db.select().columns("id", "case_id", "file_name", "created_at").from("mediation_evidence")
            .where("case_id", .equal, caseID).orderBy("id")
            .rows(MediationEvidenceRow.self)
    }

    func evidenceFile(id: Int64, caseID: Int64, zoneID: Int64) async throws -> (name: String, data: Data)? {
        struct F: Decodable {
            var fileName: String
            var data: Data
        }
        return try await db.select().columns("file_name", "data").from("mediation_evidence").where("id", .equal, id)
            .where("case_id", .equal, caseID).where("zone_id", .equal, zoneID)
            .row(F.self).map { ($0.fileName, $0.data) }
    }

    /// A grid event of the zone (its category, to check it is a 调解矛盾纠纷 event).
    func eventCategory(caseID: Int64, zoneID: Int64) async throws -> String? {
        try await db.select().column("category_code").from("events").where("case_id", .equal, caseID)
            .where("zone_id", .equal, zoneID).first(decodingColumn: "category_code", as: String.self)
    }

    // MARK: 司法建议

    func insertLetter(_ l: MediationLetterRow) async throws -> Int64 {
        try await db.insert(into: "mediation_letters")
            .columns("zone_id", "enterprise_id", "kind", "pattern", "letter", "sent_on", "created_at")
            .values(
                SQLBind(l.zoneId), SQLBind(l.enterpriseId), SQLBind(l.kind), SQLBind(l.pattern), SQLBind(l.letter),
                SQLBind(l.sentOn), SQLBind(l.createdAt)
            ).returning("id").first(decodingColumn: "id", as: Int64.self)!
    }

    func letters(zoneID: Int64, enterpriseID: Int64?) async throws -> [MediationLetterRow] {
        var q = db.select().column("*").from("mediation_letters").where("zone_id", .equal, zoneID)
        if let enterpriseID { q = q.where("enterprise_id", .equal, enterpriseID) }
        return try await q.orderBy("id", .descending).limit(200)
            .rows(MediationLetterRow.self)
    }

    func letter(id: Int64, zoneID: Int64) async throws -> MediationLetterRow? {
        try await db.select().column("*").from("mediation_letters").where("id", .equal, id).where(
            "zone_id", .equal, zoneID
        )
        .row(MediationLetterRow.self)
    }

    func reply(letterID: Int64, text: String, at: Int64) async throws {
        try await db.update("mediation_letters").set("reply", to: text).set("replied_at", to: at)
            .where("id", .equal, letterID).run()
    }

    /// The 1-working-day target: settled or referred disputes, and how many met it.
    func targetCounts(zoneID: Int64) async throws -> (closed: Int, met: Int) {
        let closed = try await db.select().from("mediation_cases").where("zone_id", .equal, zoneID)
            .where("on_target", .isNot, SQLLiteral.null).countRows()
        let met = try await db.select().from("mediation_cases").where("zone_id", .equal, zoneID)
            .where("on_target", .equal, true).countRows()
        return (closed, met)
    }
}
