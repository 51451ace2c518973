import Foundation
import GaoxinCore
import SQLKit

/// The queries of the monthly rhythms — 重点项目调度 (items, reports, 督办) and 一月一链 chain
/// reviews — and of investment outreach (events with the projects signed at them, 头脑风暴 ideas).
/// Every row is read with its zone.
struct InvestmentDispatchRepository: Sendable {
    let db: any SQLDatabase

    // MARK: - Dispatch items and reports

    private func items(_ q: SQLSelectBuilder, zoneID: Int64, year: Int, departmentID: Int64?) -> SQLSelectBuilder {
        var q = q.from("invest_dispatch_items").where("zone_id", .equal, zoneID).where("year", .equal, year)
        if let departmentID { q = q.where("department_id", .equal, departmentID) }
        return q
    }

    /// One page of the year's dispatch items (one unit's when given), by unit then name.
    func items(zoneID: Int64, year: Int, departmentID: Int64?, _ pager: Pager) async throws -> Paged<DispatchItemRow> {
        let total = try await items(db.select(), zoneID: zoneID, year: year, departmentID: departmentID).countRows()
        let rows = try await items(db.select().column("*"), zoneID: zoneID, year: year, departmentID: departmentID)
            .orderBy("department_id").orderBy("id").page(pager)
            .rows(DispatchItemRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// Every item of the year, for the bulletin's ranking (a zone dispatches dozens, not thousands;
    /// the cap keeps a mistaken import from loading a table).
    func allItems(zoneID: Int64, year: Int) async throws -> [DispatchItemRow] {
        try await items(db.select().column("*"), zoneID: zoneID, year: year, departmentID: nil).orderBy("id")
            .limit(5000).rows(DispatchItemRow.self)
    }

    func item(id: Int64, zoneID: Int64) async throws -> DispatchItemRow? {
        try await db.select().column("*").from("invest_dispatch_items").where("id", .equal, id)
            .where("zone_id", .equal, zoneID)
            .row(DispatchItemRow.self)
    }

    func itemExists(zoneID: Int64, year: Int, name: String) async throws -> Bool {
        try await db.select().from("invest_dispatch_items").where("zone_id", .equal, zoneID)
            .where("year", .equal, year).where("name", .equal, name).countRows() > 0
    }

    func insertItem(_ i: DispatchItemRow) async throws -> Int64 {
        try await db.insert(into: "invest_dispatch_items")
            .columns("zone_id", "year", "kind", "name", "project_id", "department_id", "annual_plan", "created_at")
            .values(
                SQLBind(i.zoneId), SQLBind(i.year), SQLBind(i.kind), SQLBind(i.name), SQLBind(i.projectId),
                SQLBind(i.departmentId), SQLBind(i.annualPlan), SQLBind(i.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// The month's reports of the given items, by item.
    func reports(itemIDs: [Int64], month: String) async throws -> [Int64: DispatchReportRow] {
        guard !itemIDs.isEmpty else { return [:] }
        let rows = try await db.select().column("*").from("invest_dispatch_reports")
            .where("item_id", .in, itemIDs).where("month", .equal, month)
            .rows(DispatchReportRow.self)
        return Dictionary(rows.map { ($0.itemId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The highest progress each item reported in the year before the month (progress is
    /// cumulative, so the highest is the last).
    func earlierProgress(itemIDs: [Int64], year: Int, before month: String) async throws -> [Int64: Int] {
        guard !itemIDs.isEmpty else { return [:] }
        struct Row: Decodable {
            var itemId: Int64
            var progress: Int
        }
        let rows = try await db.select().column("item_id").column(
            SQLFunction("MAX", args: SQLColumn("progress")), as: "progress"
        )
        .from("invest_dispatch_reports").where("item_id", .in, itemIDs)
        .where("month", .greaterThanOrEqual, "\(year)-01").where("month", .lessThan, month).groupBy("item_id")
        .rows(Row.self)
        return Dictionary(rows.map { ($0.itemId, $0.progress) }, uniquingKeysWith: max)
    }

    /// One report a month an item: a second entry in the month corrects the first.
    func setReport(_ r: DispatchReportRow) async throws {
        try await db.insert(into: "invest_dispatch_reports")
            .columns("item_id", "zone_id", "month", "progress", "invested", "note", "by_name", "created_at")
            .values(
                SQLBind(r.itemId), SQLBind(r.zoneId), SQLBind(r.month), SQLBind(r.progress), SQLBind(r.invested),
                SQLBind(r.note), SQLBind(r.byName), SQLBind(r.createdAt)
            )
            .onConflict(with: ["item_id", "month"]) {
                $0.set(excludedValueOf: "progress").set(excludedValueOf: "invested").set(excludedValueOf: "note")
                    .set(excludedValueOf: "by_name").set(excludedValueOf: "created_at")
            }
            .run()
    }

    /// A later month's report of the item, if any (a correction may not pass it).
    func laterProgress(itemID: Int64, after month: String) async throws -> Int? {
        try await db.select().column(SQLFunction("MIN", args: SQLColumn("progress")), as: "progress")
            .from("invest_dispatch_reports").where("item_id", .equal, itemID).where("month", .greaterThan, month)
            .first(decodingColumn: "progress", as: Int?.self) ?? nil
    }

    func insertEscalation(_ e: DispatchEscalationRow) async throws {
        try await db.insert(into: "invest_dispatch_escalations")
            .columns(
                "zone_id", "item_id", "month", "reason", "interview_on", "interviewee", "outcome", "by_name",
                "created_at"
            )
            .values(
                SQLBind(e.zoneId), SQLBind(e.itemId), SQLBind(e.month), SQLBind(e.reason), SQLBind(e.interviewOn),
                SQLBind(e.interviewee), SQLBind(e.outcome), SQLBind(e.byName), SQLBind(e.createdAt)
            )
            .run()
    }

    /// The month's 督办, in the order they were recorded.
    func escalations(zoneID: Int64, month: String) async throws -> [DispatchEscalationRow] {
        try await db.select().column("*").from("invest_dispatch_escalations").where("zone_id", .equal, zoneID)
            .where("month", .equal, month).orderBy("id").limit(1000)
            .rows(DispatchEscalationRow.self)
    }

    // MARK: - 一月一链

    /// A chain's latest reviews (a year of them).
    func reviews(chainID: Int64, zoneID: Int64) async throws -> [InvestChainReviewRow] {
        try await db.select().column("*").from("invest_chain_reviews").where("chain_id", .equal, chainID)
            .where("zone_id", .equal, zoneID).orderBy("month", .descending).limit(12)
            .rows(InvestChainReviewRow.self)
    }

    func reviewExists(chainID: Int64, month: String) async throws -> Bool {
        try await db.select().from("invest_chain_reviews").where("chain_id", .equal, chainID)
            .where("month", .equal, month).countRows() > 0
    }

    func insertReview(_ r: InvestChainReviewRow) async throws {
        try await db.insert(into: "invest_chain_reviews")
            .columns("zone_id", "chain_id", "month", "held_on", "attendees", "minutes", "by_name", "created_at")
            .values(
                SQLBind(r.zoneId), SQLBind(r.chainId), SQLBind(r.month), SQLBind(r.heldOn), SQLBind(r.attendees),
                SQLBind(r.minutes), SQLBind(r.byName), SQLBind(r.createdAt)
            )
            .run()
    }

    // MARK: - Events

    func events(zoneID: Int64, _ pager: Pager) async throws -> Paged<InvestEventRow> {
        let total = try await db.select().from("invest_events").where("zone_id", .equal, zoneID).countRows()
        let rows = try await db.select().column("*").from("invest_events").where("zone_id", .equal, zoneID)
            .orderBy("held_on", .descending).orderBy("id", .descending).page(pager)
            .rows(InvestEventRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func event(id: Int64, zoneID: Int64) async throws -> InvestEventRow? {
        try await db.select().column("*").from("invest_events").where("id", .equal, id)
            .where("zone_id", .equal, zoneID)
            .row(InvestEventRow.self)
    }

    func insertEvent(_ e: InvestEventRow) async throws -> Int64 {
        try await db.insert(into: "invest_events")
            .columns(
                "zone_id", "kind", "title", "held_on", "place", "team", "contacts", "visits", "notes", "created_at"
            )
            .values(
                SQLBind(e.zoneId), SQLBind(e.kind), SQLBind(e.title), SQLBind(e.heldOn), SQLBind(e.place),
                SQLBind(e.team), SQLBind(e.contacts), SQLBind(e.visits), SQLBind(e.notes), SQLBind(e.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func linkProject(eventID: Int64, projectID: Int64) async throws {
        try await db.insert(into: "invest_event_projects").columns("event_id", "project_id")
            .values(SQLBind(eventID), SQLBind(projectID)).ignoringConflicts().run()
    }

    /// The zone's projects that have been signed (and not terminated), the latest first: what an
    /// event's 签约项目 is picked from.
    func signedProjects(zoneID: Int64, limit: Int = 300) async throws -> [(Int64, String)] {
        struct Row: Decodable {
            var id: Int64
            var name: String
        }
        let stages = [ProjectStage.signed, .registered, .started, .completed, .producing].map(\.rawValue)
        return try await db.select().column("id").column("name").from("invest_projects").where(
            "zone_id", .equal, zoneID
        )
        .where("stage", .in, stages).orderBy("id", .descending).limit(limit).all(decoding: Row.self)
        .map { ($0.id, $0.name) }
    }

    /// Names and stages of the given projects of the zone.
    func projectNames(ids: [Int64], zoneID: Int64) async throws -> [Int64: (String, String)] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            var id: Int64
            var name: String
            var stage: String
        }
        let rows = try await db.select().column("id").column("name").column("stage").from("invest_projects")
            .where("zone_id", .equal, zoneID).where("id", .in, ids).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.id, ($0.name, $0.stage)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The projects signed at each of the events: event id → project ids.
    func eventProjects(eventIDs: [Int64]) async throws -> [Int64: [Int64]] {
        guard !eventIDs.isEmpty else { return [:] }
        struct Row: Decodable {
            var eventId: Int64
            var projectId: Int64
        }
        let rows = try await db.select().column("*").from("invest_event_projects").where("event_id", .in, eventIDs)
            .orderBy("project_id").rows(Row.self)
        return Dictionary(grouping: rows, by: \.eventId).mapValues { $0.map(\.projectId) }
    }

    /// The year's totals as the seeds quote them: events, enterprises met, visits received,
    /// projects signed at the events.
    func eventTotals(zoneID: Int64, year: Int) async throws -> (events: Int, contacts: Int, visits: Int, projects: Int)
    {
        struct Row: Decodable {
            var events: Int
            var contacts: Int?
            var visits: Int?
        }
        let range = ("\(year)-01-01", "\(year)-12-31")
        let row = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "events")
            .column(SQLFunction("SUM", args: SQLColumn("contacts")), as: "contacts")
            .column(SQLFunction("SUM", args: SQLColumn("visits")), as: "visits").from("invest_events")
            .where("zone_id", .equal, zoneID).where("held_on", .greaterThanOrEqual, range.0)
            .where("held_on", .lessThanOrEqual, range.1).first(decoding: Row.self)
        let projects = try await db.select().from("invest_event_projects")
            .join("invest_events", on: SQLColumn("id", table: "invest_events"), .equal, SQLColumn("event_id"))
            .where(SQLColumn("zone_id", table: "invest_events"), .equal, SQLBind(zoneID))
            .where(SQLColumn("held_on", table: "invest_events"), .greaterThanOrEqual, SQLBind(range.0))
            .where(SQLColumn("held_on", table: "invest_events"), .lessThanOrEqual, SQLBind(range.1)).countRows()
        return (row?.events ?? 0, row?.contacts ?? 0, row?.visits ?? 0, projects)
    }

    // MARK: - Ideas

    private func ideas(_ q: SQLSelectBuilder, zoneID: Int64, status: IdeaStatus?) -> SQLSelectBuilder {
        var q = q.from("invest_ideas").where("zone_id", .equal, zoneID)
        if let status { q = q.where("status", .equal, status.rawValue) }
        return q
    }

    func ideas(zoneID: Int64, status: IdeaStatus?, _ pager: Pager) async throws -> Paged<InvestIdeaRow> {
        let total = try await ideas(db.select(), zoneID: zoneID, status: status).countRows()
        let rows = try await ideas(db.select().column("*"), zoneID: zoneID, status: status)
            .orderBy("id", .descending).page(pager)
            .rows(InvestIdeaRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func idea(id: Int64, zoneID: Int64) async throws -> InvestIdeaRow? {
        try await db.select().column("*").from("invest_ideas").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(InvestIdeaRow.self)
    }

    func ideaCounts(zoneID: Int64) async throws -> [String: Int] {
        struct Row: Decodable {
            var status: String
            var n: Int
        }
        let rows = try await db.select().column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("invest_ideas").where("zone_id", .equal, zoneID).groupBy("status").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.status, $0.n) }, uniquingKeysWith: +)
    }

    func insertIdea(_ i: InvestIdeaRow) async throws -> Int64 {
        try await db.insert(into: "invest_ideas")
            .columns(
                "zone_id", "title", "detail", "proposer", "submitted_on", "status", "screening_note", "project_id",
                "created_at"
            )
            .values(
                SQLBind(i.zoneId), SQLBind(i.title), SQLBind(i.detail), SQLBind(i.proposer), SQLBind(i.submittedOn),
                SQLBind(i.status), SQLBind(i.screeningNote), SQLBind(i.projectId), SQLBind(i.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// Screening moves an idea on; the WHERE on the old status makes two screeners racing on the
    /// same idea apply only one decision (RETURNING tells which). Returns whether this one did.
    func screenIdea(id: Int64, zoneID: Int64, from: IdeaStatus, to: IdeaStatus, note: String, projectID: Int64?)
        async throws -> Bool
    {
        var q = db.update("invest_ideas").set("status", to: to.rawValue)
        if !note.isEmpty { q = q.set("screening_note", to: note) }
        if let projectID { q = q.set("project_id", to: projectID) }
        let updated = try await q.where("id", .equal, id).where("zone_id", .equal, zoneID)
            .where("status", .equal, from.rawValue).returning("id").all(decodingColumn: "id", as: Int64.self)
        return updated.count == 1
    }
}
