import Foundation
import GaoxinCore
import SQLKit

/// Stores engine records. Every write goes through a transaction's `db` and writes its audit row
/// and the new history lines with it, so a case never changes without its trail.
struct CaseRepository: Sendable {
    let db: any SQLDatabase

    func find(id: Int64) async throws -> CaseRow? {
        try await db.select().column("*").from("cases").where("id", .equal, id)
            .row(CaseRow.self)
    }

    func find(id: Int64, zoneID: Int64) async throws -> CaseRow? {
        try await db.select().column("*").from("cases").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(CaseRow.self)
    }

    func find(ids: [Int64]) async throws -> [Int64: CaseRow] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column("*").from("cases").where("id", .in, ids)
            .rows(CaseRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
    }

    /// Open cases whose deadline day has come and that are not yet marked: what a sweep checks.
    func dueForCheck(zoneID: Int64?, today: Day) async throws -> [CaseRow] {
        var q = db.select().column("*").from("cases")
            .where("closed_at", .is, SQLLiteral.null).where("overdue", .equal, false)
            .where("deadline_day", .isNot, SQLLiteral.null).where("deadline_day", .lessThanOrEqual, today.description)
        if let zoneID { q = q.where("zone_id", .equal, zoneID) }
        return try await q.orderBy("id").rows(CaseRow.self)
    }

    /// Open cases of a type in a zone, optionally only those with one assignee, oldest deadline first.
    func open(typeCode: String, zoneID: Int64, assigneeID: String?) async throws -> [CaseRow] {
        var q = db.select().column("*").from("cases").where("zone_id", .equal, zoneID).where(
            "type_code", .equal, typeCode
        )
        .where("closed_at", .is, SQLLiteral.null)
        if let assigneeID { q = q.where("assignee_id", .equal, assigneeID) }
        return try await q.orderBy("deadline_day").orderBy("id").rows(CaseRow.self)
    }

    /// Follow-up cases opened from `parentIDs`.
    func children(of parentIDs: [Int64]) async throws -> [CaseRow] {
        guard !parentIDs.isEmpty else { return [] }
        return try await db.select().column("*").from("cases").where("parent_case_id", .in, parentIDs)
            .orderBy("id").rows(CaseRow.self)
    }

    /// Inserts a freshly opened case; returns its id.
    func insert(
        _ record: CaseRecord, zoneID: Int64, title: String, requesterUserID: Int64?, enterpriseID: Int64?,
        assignee: Assignee?,
        parentCaseID: Int64? = nil, actor: CurrentUser?
    ) async throws -> Int64 {
        var row = Self.columns(record, assignee: assignee)
        row.zoneId = zoneID
        row.title = title
        row.requesterUserId = requesterUserID
        row.enterpriseId = enterpriseID
        row.parentCaseId = parentCaseID
        let id =
            try await db.insert(into: "cases")
            .columns(
                "zone_id", "type_code", "state", "title", "requester_user_id", "enterprise_id", "assignee_kind",
                "assignee_id",
                "deadline_day", "deadline_minute", "deadline_uncertain", "overdue", "ever_overdue", "escalated_to",
                "opened_at",
                "closed_at", "record_json", "rating_level", "parent_case_id", "updated_at"
            )
            .values(
                SQLBind(row.zoneId), SQLBind(row.typeCode), SQLBind(row.state), SQLBind(row.title),
                SQLBind(row.requesterUserId),
                SQLBind(row.enterpriseId), SQLBind(row.assigneeKind), SQLBind(row.assigneeId), SQLBind(row.deadlineDay),
                SQLBind(row.deadlineMinute), SQLBind(row.deadlineUncertain), SQLBind(row.overdue),
                SQLBind(row.everOverdue),
                SQLBind(row.escalatedTo), SQLBind(row.openedAt), SQLBind(row.closedAt), SQLBind(row.recordJson),
                SQLBind(row.ratingLevel), SQLBind(row.parentCaseId), SQLBind(row.updatedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await appendHistory(caseID: id, record: record, from: 0)
        try await AuditLog.record(
            zoneID: zoneID, actor: actor, entity: "case", id: id, action: "open:\(record.typeCode)",
            after: Self.summary(record, title: title), on: db)
        return id
    }

    /// Stores the engine's new record for a case, with the history lines it added and an audit row
    /// naming `action`. `assignee` overrides the record's (the unit the app routed the case to).
    func save(_ record: CaseRecord, for row: CaseRow, action: String, actor: CurrentUser?, assignee: Assignee? = nil)
        async throws
    {
        let old = try row.record()
        let next = Self.columns(
            record,
            assignee: record.assignee ?? assignee
                ?? row.assigneeKind.flatMap { kind in
                    row.assigneeId.map { Assignee(id: $0, kind: Assignee.Kind(rawValue: kind) ?? .unit) }
                })
        try await db.update("cases")
            .set("state", to: next.state).set("assignee_kind", to: next.assigneeKind).set(
                "assignee_id", to: next.assigneeId
            )
            .set("deadline_day", to: next.deadlineDay).set("deadline_minute", to: next.deadlineMinute)
            .set("deadline_uncertain", to: next.deadlineUncertain).set("overdue", to: next.overdue)
            .set("ever_overdue", to: next.everOverdue || row.everOverdue).set(
                "escalated_to", to: next.escalatedTo ?? row.escalatedTo
            )
            .set("closed_at", to: next.closedAt).set("record_json", to: next.recordJson).set(
                "rating_level", to: next.ratingLevel
            )
            .set("updated_at", to: Clock.nowSeconds())
            .where("id", .equal, row.id).run()
        try await appendHistory(caseID: row.id, record: record, from: old.history.count)
        try await AuditLog.record(
            zoneID: row.zoneId, actor: actor, entity: "case", id: row.id, action: action,
            before: Self.summary(old, title: row.title), after: Self.summary(record, title: row.title), on: db)
    }

    private func appendHistory(caseID: Int64, record: CaseRecord, from start: Int) async throws {
        for (seq, event) in record.history.enumerated() where seq >= start {
            try await db.insert(into: "case_history")
                .columns(
                    "case_id", "seq", "kind", "actor_id", "actor_role", "at", "from_state", "to_state", "transition",
                    "note"
                )
                .values(
                    SQLBind(caseID), SQLBind(seq), SQLBind(event.kind.rawValue), SQLBind(event.actor?.id),
                    SQLBind(event.actor?.role.rawValue), SQLBind(event.at.unixSeconds()), SQLBind(event.from),
                    SQLBind(event.to),
                    SQLBind(event.transition), SQLBind(event.note)
                )
                .run()
        }
    }

    /// The list columns of a record (zone, title, requester are the caller's).
    static func columns(_ record: CaseRecord, assignee: Assignee?) -> CaseRow {
        let json = (try? JSONEncoder().encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return CaseRow(
            id: 0, zoneId: 0, typeCode: record.typeCode, state: record.state, title: "", requesterUserId: nil,
            enterpriseId: nil,
            assigneeKind: assignee?.kind.rawValue, assigneeId: assignee?.id,
            deadlineDay: record.deadline?.day.description,
            deadlineMinute: record.deadline?.minuteOfDay, deadlineUncertain: record.deadline?.uncertain ?? false,
            overdue: record.isOverdue, everOverdue: record.history.contains { $0.kind == .overdue },
            escalatedTo: record.escalatedTo?.rawValue
                ?? record.history.last { $0.kind == .escalated }?.escalatedTo?.rawValue,
            openedAt: record.openedAt.unixSeconds(), closedAt: record.closedAt?.unixSeconds(), recordJson: json,
            ratingLevel: record.rating?.level.rawValue, parentCaseId: nil, updatedAt: Clock.nowSeconds())
    }

    /// What the audit row shows of a case: enough to follow it without reading the whole record.
    static func summary(_ record: CaseRecord, title: String) -> [String: String] {
        var s = [
            "type": record.typeCode, "state": record.state, "title": title, "overdue": record.isOverdue ? "是" : "否",
        ]
        if let deadline = record.deadline { s["deadline"] = deadline.description }
        if let role = record.escalatedTo { s["escalated_to"] = role.rawValue }
        if let rating = record.rating { s["rating"] = rating.level.rawValue }
        return s
    }
}
