import Foundation
import GaoxinCore
import SQLKit

/// All SQL of 现场办公会, 上市培育 and 知识产权质押融资.
struct EnterpriseHelpFinanceRepository: Sendable {
    let db: any SQLDatabase

    // MARK: 现场办公会

    func insertMeeting(zoneID: Int64, title: String, heldOn: String, place: String, at: Int64) async throws -> Int64 {
        try await db.insert(into: "help_meetings").columns("zone_id", "title", "held_on", "place", "created_at")
            .values(SQLBind(zoneID), SQLBind(title), SQLBind(heldOn), SQLBind(place), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self)!
    }

    func meetings(zoneID: Int64) async throws -> [HelpMeetingRow] {
        try await db.select().column("*").from("help_meetings").where("zone_id", .equal, zoneID)
            .orderBy("held_on", .descending).limit(100)
            .rows(HelpMeetingRow.self)
    }

    func meeting(id: Int64, zoneID: Int64) async throws -> HelpMeetingRow? {
        try await db.select().column("*").from("help_meetings").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(HelpMeetingRow.self)
    }

    func setNotice(meetingID: Int64, notice: String) async throws {
        try await db.update("help_meetings").set("notice", to: notice).where("id", .equal, meetingID).run()
    }

    /// The meeting's problems (demands filed at it).
    func problems(meetingID: Int64) async throws -> [Int64] {
        try await db.select().column("case_id").from("help_demands").where("meeting_id", .equal, meetingID)
            .orderBy("case_id").all(decodingColumn: "case_id", as: Int64.self)
    }

    func setMeeting(caseID: Int64, meetingID: Int64) async throws {
        try await db.update("help_demands").set("meeting_id", to: meetingID).where("case_id", .equal, caseID).run()
    }

    // MARK: 上市培育

    func insertListing(zoneID: Int64, enterpriseID: Int64, stage: String, advisers: String, at: Int64) async throws
        -> Int64
    {
        try await db.insert(into: "help_listing").columns("zone_id", "enterprise_id", "stage", "advisers", "created_at")
            .values(SQLBind(zoneID), SQLBind(enterpriseID), SQLBind(stage), SQLBind(advisers), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self)!
    }

    func listings(zoneID: Int64) async throws -> [HelpListingRow] {
        try await db.select().column("*").from("help_listing").where("zone_id", .equal, zoneID).orderBy("id")
            .rows(HelpListingRow.self)
    }

    func listing(id: Int64, zoneID: Int64) async throws -> HelpListingRow? {
        try await db.select().column("*").from("help_listing").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(HelpListingRow.self)
    }

    func setStage(listingID: Int64, stage: String) async throws {
        try await db.update("help_listing").set("stage", to: stage).where("id", .equal, listingID).run()
    }

    func insertEvent(listingID: Int64, heldOn: String, kind: String, notes: String) async throws {
        try await db.insert(into: "help_listing_events").columns("listing_id", "held_on", "kind", "notes")
            .values(SQLBind(listingID), SQLBind(heldOn), SQLBind(kind), SQLBind(notes)).run()
    }

    func events(listingIDs: [Int64]) async throws -> [HelpListingEventRow] {
        guard !listingIDs.isEmpty else { return [] }
        return try await db.select().column("*").from("help_listing_events").where("listing_id", .in, listingIDs)
            .orderBy("held_on").orderBy("id")
            .rows(HelpListingEventRow.self)
    }

    // MARK: 知识产权质押融资

    func insertPledge(_ p: HelpPledgeRow) async throws -> Int64 {
        try await db.insert(into: "help_pledges")
            .columns(
                "zone_id", "enterprise_id", "collateral", "bank", "amount", "rate_bp", "term_months", "start_on",
                "end_on",
                "policy_item_id", "created_at"
            )
            .values(
                SQLBind(p.zoneId), SQLBind(p.enterpriseId), SQLBind(p.collateral), SQLBind(p.bank), SQLBind(p.amount),
                SQLBind(p.rateBp), SQLBind(p.termMonths), SQLBind(p.startOn), SQLBind(p.endOn), SQLBind(p.policyItemId),
                SQLBind(p.createdAt)
            ).returning("id").first(decodingColumn: "id", as: Int64.self)!
    }

    func pledgesPage(zoneID: Int64, _ pager: Pager) async throws -> Paged<HelpPledgeRow> {
        let total = try await db.select().from("help_pledges").where("zone_id", .equal, zoneID).countRows()
        let rows = try await db.select().column("*").from("help_pledges").where("zone_id", .equal, zoneID)
            .orderBy("start_on", .descending).orderBy("id", .descending).page(pager)
            .rows(HelpPledgeRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// The zone's pledged total (万元) and count.
    func pledgeTotal(zoneID: Int64) async throws -> (amount: Int64, count: Int) {
        let amounts = try await db.select().column("amount").from("help_pledges").where("zone_id", .equal, zoneID)
            .all(decodingColumn: "amount", as: Int64.self)
        return (amounts.reduce(0, +), amounts.count)
    }

    /// The zone's policy items whose title names 贴息 or 融资 (the support a pledge applies for).
    func subsidyItems(zoneID: Int64) async throws -> [(Int64, String)] {
        struct I: Decodable {
            var id: Int64
            var title: String
        }
        let rows = try await db.select().columns("id", "title").from("policy_items").where("zone_id", .equal, zoneID)
            .where { $0.where("title", .like, "%贴息%").orWhere("title", .like, "%融资%") }.orderBy("id").limit(50).all(
                decoding: I.self)
        return rows.map { ($0.id, $0.title) }
    }
}
