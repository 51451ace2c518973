import Foundation
import GaoxinCore
import SQLKit

/// What a to-do line counts: how many, how many of them late, and the nearest deadline.
struct ToDoCount: Sendable, Equatable {
    var count: Int
    var late: Int
    var nextDeadline: Day?

    static let none = ToDoCount(count: 0, late: 0, nextDeadline: nil)
}

/// Every count of the to-do lists, one function per kind of work, each a single `COUNT` with its
/// `WHERE` (never rows fetched and counted in Swift), so a list stays quick over a million cases.
/// A case is late when it was marked late at some step or its deadline day has passed (the sweep
/// may not have run yet today). Zone-owned rows are always read with their zone.
struct ToDoRepository: Sendable {
    let db: any SQLDatabase
    let today: Day

    private struct Tally: Decodable {
        var n: Int
        var late: Int?
        var next: String?
    }

    /// Counts open cases the query selects (`cases` under the alias `c`), with lateness and the nearest deadline.
    private func tally(_ q: SQLSelectBuilder) async throws -> ToDoCount {
        let row = try await q.column(SQLRaw("COUNT(*)"), as: "n")
            .column(
                SQLQueryString(
                    "SUM(CASE WHEN c.ever_overdue OR c.deadline_day < \(bind: today.description) THEN 1 ELSE 0 END)"),
                as: "late"
            )
            .column(SQLRaw("MIN(c.deadline_day)"), as: "next")
            .where(SQLColumn("closed_at", table: "c"), .is, SQLLiteral.null)
            .first(decoding: Tally.self)
        return ToDoCount(
            count: row?.n ?? 0, late: row?.late ?? 0, nextDeadline: row?.next.flatMap { Day($0) })
    }

    private func cases(zoneID: Int64, type: String? = nil, states: [String]? = nil) -> SQLSelectBuilder {
        var q = db.select().from(SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")))
            .where(SQLColumn("zone_id", table: "c"), .equal, SQLBind(zoneID))
        if let type { q = q.where(SQLColumn("type_code", table: "c"), .equal, SQLBind(type)) }
        if let states { q = q.where(SQLColumn("state", table: "c"), .in, SQLBind.group(states)) }
        return q
    }

    // MARK: - 政策咨询

    /// Questions waiting for an answer: the department's, or (nil) the zone's.
    func consultationsToAnswer(zoneID: Int64, departmentID: Int64?) async throws -> ToDoCount {
        var q = cases(zoneID: zoneID, type: ConsultationCaseTypes.consultation.code, states: ["submitted"])
        if let departmentID {
            q = q.join(
                SQLAlias(SQLIdentifier("consultations"), as: SQLIdentifier("q")), method: SQLJoinMethod.inner,
                on: SQLColumn("case_id", table: "q"), .equal, SQLColumn("id", table: "c")
            )
            .where(SQLColumn("department_id", table: "q"), .equal, SQLBind(departmentID))
        }
        return try await tally(q)
    }

    /// Answered questions the asker has not rated yet (好差评).
    func answersToRate(zoneID: Int64, requesterID: Int64) async throws -> ToDoCount {
        try await unrated(
            cases(zoneID: zoneID, type: ConsultationCaseTypes.consultation.code, states: ["answered"]),
            requesterID: requesterID)
    }

    private func unrated(_ q: SQLSelectBuilder, requesterID: Int64) async throws -> ToDoCount {
        // Closed cases: counted directly, not by `tally` (which counts open ones).
        let n = try await q.where(SQLColumn("requester_user_id", table: "c"), .equal, SQLBind(requesterID))
            .where(SQLColumn("rating_level", table: "c"), .is, SQLLiteral.null).countRows()
        return ToDoCount(count: n, late: 0, nextDeadline: nil)
    }

    // MARK: - 网格事件

    private func events(zoneID: Int64) -> SQLSelectBuilder {
        // The type codes keep the count on the open-cases index instead of every case of the zone.
        cases(zoneID: zoneID).where(
            SQLColumn("type_code", table: "c"), .in, SQLBind.group(EventCaseTypes.categories.map(\.caseTypeCode)))
    }

    /// The events of some grids: only then is the events table joined (for its grid), so the
    /// zone's and a department's counts stay on the open-cases index alone.
    private func events(zoneID: Int64, inGrids gridIDs: Set<Int64>) -> SQLSelectBuilder {
        events(zoneID: zoneID).join(
            SQLAlias(SQLIdentifier("events"), as: SQLIdentifier("e")), method: SQLJoinMethod.inner,
            on: SQLColumn("case_id", table: "e"), .equal, SQLColumn("id", table: "c")
        ).where(SQLColumn("grid_id", table: "e"), .in, SQLBind.group(Array(gridIDs)))
    }

    /// Events to take up or handle: for a grid worker those in their grids waiting for 受理/派遣 and
    /// those dispatched to them; for a department those dispatched to it; (both nil) the zone's.
    func eventsToHandle(zoneID: Int64, gridIDs: Set<Int64>?, userID: Int64?, departmentID: Int64?) async throws
        -> ToDoCount
    {
        var q = events(zoneID: zoneID)
        if let departmentID {
            q = q.where(SQLColumn("state", table: "c"), .equal, SQLBind("dispatched"))
                .where(SQLColumn("assignee_id", table: "c"), .equal, SQLBind(CaseIDs.department(departmentID).id))
        } else if let gridIDs, let userID {
            if gridIDs.isEmpty { return .none }
            q = events(zoneID: zoneID, inGrids: gridIDs)
                .where(group: { g in
                    g.where(SQLColumn("state", table: "c"), .in, SQLBind.group(["reported", "accepted"]))
                        .orWhere(group: { d in
                            d.where(SQLColumn("state", table: "c"), .equal, SQLBind("dispatched"))
                                .where(SQLColumn("assignee_id", table: "c"), .equal, SQLBind(CaseIDs.user(userID)))
                        })
                })
        } else {
            q = q.where(SQLColumn("state", table: "c"), .in, SQLBind.group(["reported", "accepted", "dispatched"]))
        }
        return try await tally(q)
    }

    /// Handled events to verify and close: in a grid worker's grids, or (nil) the zone's.
    func eventsToVerify(zoneID: Int64, gridIDs: Set<Int64>?) async throws -> ToDoCount {
        var q = events(zoneID: zoneID)
        if let gridIDs {
            if gridIDs.isEmpty { return .none }
            q = events(zoneID: zoneID, inGrids: gridIDs)
        }
        return try await tally(q.where(SQLColumn("state", table: "c"), .in, SQLBind.group(["handled", "verified"])))
    }

    /// Closed events the reporter has not rated yet.
    func eventsToRate(zoneID: Int64, requesterID: Int64) async throws -> ToDoCount {
        try await unrated(
            events(zoneID: zoneID).where(SQLColumn("state", table: "c"), .equal, SQLBind("closed")),
            requesterID: requesterID)
    }

    // MARK: - 差评回访整改 and 难点堵点

    /// Open 差评 follow-ups with one of `assignees` (nil: the zone's).
    func followUps(zoneID: Int64, assignees: [String]?) async throws -> ToDoCount {
        var q = cases(zoneID: zoneID, type: "rating_followup")
        if let assignees {
            if assignees.isEmpty { return .none }
            q = q.where(SQLColumn("assignee_id", table: "c"), .in, SQLBind.group(assignees))
        }
        return try await tally(q)
    }

    /// Open 难点堵点 of projects routed to the department (nil: the zone's).
    func blockers(zoneID: Int64, departmentID: Int64?) async throws -> ToDoCount {
        var q = cases(zoneID: zoneID, type: InvestmentBlockers.caseType.code)
        if let departmentID {
            q = q.where(SQLColumn("assignee_id", table: "c"), .equal, SQLBind(CaseIDs.department(departmentID).id))
        }
        return try await tally(q)
    }

    // MARK: - 企业诉求 and 政务服务办件

    /// Open cases of a type on the desk of the given assignees (a department, one of its staff), or
    /// (nil) anywhere in the zone; states that wait on the requester are left out.
    func onDesk(zoneID: Int64, type: String, assignees: [String]?, waitingOnRequester: [String]) async throws
        -> ToDoCount
    {
        var q = cases(zoneID: zoneID, type: type)
            .where(SQLColumn("state", table: "c"), .notIn, SQLBind.group(waitingOnRequester))
        if let assignees {
            if assignees.isEmpty { return .none }
            q = q.where(SQLColumn("assignee_id", table: "c"), .in, SQLBind.group(assignees))
        }
        return try await tally(q)
    }

    /// Open cases of a type waiting on the requester (an enterprise's, or one person's).
    func waitingOnRequester(zoneID: Int64, type: String, states: [String], enterpriseID: Int64?, userID: Int64?)
        async throws -> ToDoCount
    {
        var q = cases(zoneID: zoneID, type: type, states: states)
        if let enterpriseID { q = q.where(SQLColumn("enterprise_id", table: "c"), .equal, SQLBind(enterpriseID)) }
        if let userID { q = q.where(SQLColumn("requester_user_id", table: "c"), .equal, SQLBind(userID)) }
        return try await tally(q)
    }

    // MARK: - 申报审核 and 积分审核 (no case deadline: counted by state)

    /// Applications waiting for review: of items the department issued, or (nil) the zone's.
    func applicationsToReview(zoneID: Int64, departmentID: Int64?) async throws -> ToDoCount {
        var q = db.select().from("applications").where("zone_id", .equal, zoneID).where("state", .equal, "submitted")
        if let departmentID {
            q = q.where(
                SQLColumn("item_id"), .in,
                SQLSubquery.select { items in
                    items.column("id").from("policy_items").where(
                        SQLColumn("policy_id"), .in,
                        SQLSubquery.select {
                            $0.column("id").from("policies").where("department_id", .equal, departmentID)
                        }
                    )
                })
        }
        return ToDoCount(count: try await q.countRows(), late: 0, nextDeadline: nil)
    }

    /// The enterprise's applications returned for missing materials (退回补正).
    func applicationsReturned(zoneID: Int64, enterpriseID: Int64) async throws -> ToDoCount {
        let n = try await db.select().from("applications").where("zone_id", .equal, zoneID)
            .where("enterprise_id", .equal, enterpriseID).where("state", .equal, "returned").countRows()
        return ToDoCount(count: n, late: 0, nextDeadline: nil)
    }

    /// Points declarations waiting for the weekly review: in a grid worker's grids, or (nil) the zone's;
    /// `subject` narrows to one resident's own.
    func declarationsPending(zoneID: Int64, gridIDs: Set<Int64>?, subject: String? = nil) async throws -> ToDoCount {
        var q = db.select().from("points_entries").where("zone_id", .equal, zoneID)
            .where("status", .equal, PointsEntryStatus.pending.rawValue)
        if let gridIDs {
            if gridIDs.isEmpty { return .none }
            q = q.where("grid_id", .in, Array(gridIDs))
        }
        if let subject { q = q.where("subject", .equal, subject) }
        return ToDoCount(count: try await q.countRows(), late: 0, nextDeadline: nil)
    }

    func isPointsCommitteeMember(userID: Int64, zoneID: Int64) async throws -> Bool {
        try await db.select().column("id").from("points_committee").where("zone_id", .equal, zoneID)
            .where("user_id", .equal, userID).first() != nil
    }
}
