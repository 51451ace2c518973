import Foundation
import SQLKit

/// Applications, their materials and payouts. Zone-owned rows are read with their zone in the
/// query, so an id of another zone finds nothing.
struct ApplicationRepository: Sendable {
    let db: any SQLDatabase

    static let materialColumns = [
        "id", "application_id", "material_name", "file_name", "content_type", "size_bytes", "uploaded_at",
    ]

    func application(id: Int64, zoneID: Int64) async throws -> ApplicationRow? {
        try await db.select().column("*").from("applications").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(ApplicationRow.self)
    }

    func application(id: Int64) async throws -> ApplicationRow? {
        try await db.select().column("*").from("applications").where("id", .equal, id)
            .row(ApplicationRow.self)
    }

    /// A zone's applications, optionally one enterprise's, some items' or some states', newest first.
    func applications(
        zoneID: Int64, enterpriseID: Int64? = nil, itemIDs: [Int64]? = nil, states: [ApplicationState]? = nil
    ) async throws -> [ApplicationRow] {
        if itemIDs?.isEmpty == true { return [] }
        var q = db.select().column("*").from("applications").where("zone_id", .equal, zoneID)
        if let enterpriseID { q = q.where("enterprise_id", .equal, enterpriseID) }
        if let itemIDs { q = q.where("item_id", .in, itemIDs) }
        if let states, !states.isEmpty { q = q.where("state", .in, states.map(\.rawValue)) }
        return try await q.orderBy("updated_at", .descending).orderBy("id", .descending)
            .rows(ApplicationRow.self)
    }

    /// A zone's applications, optionally one enterprise's, those of items issued by some
    /// departments (a department's queue) or one state's, newest first, a page at a time.
    func applications(
        zoneID: Int64, enterpriseID: Int64? = nil, departmentIDs: [Int64]? = nil, state: ApplicationState? = nil,
        pager: Pager
    ) async throws -> Paged<ApplicationRow> {
        if departmentIDs?.isEmpty == true { return Paged(rows: [], total: 0, pager: pager) }
        func filtered() -> SQLSelectBuilder {
            var q = db.select().from("applications").where("zone_id", .equal, zoneID)
            if let enterpriseID { q = q.where("enterprise_id", .equal, enterpriseID) }
            if let departmentIDs {
                q = q.where(
                    SQLColumn("item_id"), .in,
                    SQLSubquery.select { items in
                        items.column("id").from("policy_items").where(
                            SQLColumn("policy_id"), .in,
                            SQLSubquery.select { policies in
                                policies.column("id").from("policies").where("department_id", .in, departmentIDs)
                            })
                    })
            }
            if let state { q = q.where("state", .equal, state.rawValue) }
            return q
        }
        let total = try await filtered().countRows()
        let rows = try await filtered().column("*").orderBy("updated_at", .descending).orderBy("id", .descending)
            .page(pager).rows(ApplicationRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// Enterprises that already applied for the item (an application not rejected) or were paid
    /// under it (免申即享 included): the eligible list leaves them out.
    func engaged(itemID: Int64) async throws -> Set<Int64> {
        let applied = try await db.select().column("enterprise_id").from("applications").where(
            "item_id", .equal, itemID
        )
        .where("state", .notEqual, ApplicationState.rejected.rawValue).all(
            decodingColumn: "enterprise_id", as: Int64.self)
        let paid = try await db.select().column("enterprise_id").from("payouts").where("item_id", .equal, itemID)
            .where("enterprise_id", .isNot, SQLLiteral.null).all(decodingColumn: "enterprise_id", as: Int64.self)
        return Set(applied + paid)
    }

    /// An application of this enterprise for this item that is still live (not rejected).
    func live(enterpriseID: Int64, itemID: Int64) async throws -> ApplicationRow? {
        try await db.select().column("*").from("applications").where("enterprise_id", .equal, enterpriseID)
            .where("item_id", .equal, itemID).where("state", .notEqual, ApplicationState.rejected.rawValue)
            .row(ApplicationRow.self)
    }

    func insert(_ a: ApplicationRow) async throws -> Int64 {
        try await db.insert(into: "applications")
            .columns(
                "zone_id", "item_id", "enterprise_id", "applicant_user_id", "state", "requested_amount",
                "approved_amount", "note",
                "missing_json", "return_note", "returned_at", "resubmitted_at", "decision_reason", "reviewer_user_id",
                "decided_at",
                "submitted_at", "updated_at"
            )
            .values(
                SQLBind(a.zoneId), SQLBind(a.itemId), SQLBind(a.enterpriseId), SQLBind(a.applicantUserId),
                SQLBind(a.state),
                SQLBind(a.requestedAmount), SQLBind(a.approvedAmount), SQLBind(a.note), SQLBind(a.missingJson),
                SQLBind(a.returnNote),
                SQLBind(a.returnedAt), SQLBind(a.resubmittedAt), SQLBind(a.decisionReason), SQLBind(a.reviewerUserId),
                SQLBind(a.decidedAt), SQLBind(a.submittedAt), SQLBind(a.updatedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func update(_ a: ApplicationRow) async throws {
        try await db.update("applications")
            .set("state", to: a.state).set("requested_amount", to: a.requestedAmount).set(
                "approved_amount", to: a.approvedAmount
            )
            .set("missing_json", to: a.missingJson).set("return_note", to: a.returnNote).set(
                "returned_at", to: a.returnedAt
            )
            .set("resubmitted_at", to: a.resubmittedAt).set("decision_reason", to: a.decisionReason)
            .set("reviewer_user_id", to: a.reviewerUserId).set("decided_at", to: a.decidedAt).set(
                "updated_at", to: a.updatedAt
            )
            .where("id", .equal, a.id).where("zone_id", .equal, a.zoneId).run()
    }

    // MARK: - Materials

    func insertMaterial(applicationID: Int64, _ m: MaterialUpload, at: Int64) async throws -> Int64 {
        try await db.insert(into: "application_materials")
            .columns(
                "application_id", "material_name", "file_name", "content_type", "size_bytes", "content", "uploaded_at"
            )
            .values(
                SQLBind(applicationID), SQLBind(m.materialName), SQLBind(m.fileName), SQLBind(m.contentType),
                SQLBind(Int64(m.content?.count ?? 0)), SQLBind(m.content), SQLBind(at)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func materials(applicationID: Int64) async throws -> [ApplicationMaterialRow] {
        var q = db.select().from("application_materials")
        for c in Self.materialColumns { q = q.column(c) }
        return try await q.where("application_id", .equal, applicationID).orderBy("id")
            .rows(ApplicationMaterialRow.self)
    }

    func materialContent(id: Int64, applicationID: Int64) async throws -> (ApplicationMaterialRow, Data?)? {
        struct Full: Decodable {
            var id: Int64
            var applicationId: Int64
            var materialName: String
            var fileName: String
            var contentType: String
            var sizeBytes: Int64
            var uploadedAt: Int64
            var content: Data?
        }
        guard
            let f = try await db.select().column("*").from("application_materials").where("id", .equal, id)
                .where("application_id", .equal, applicationID).row(Full.self)
        else { return nil }
        return (
            ApplicationMaterialRow(
                id: f.id, applicationId: f.applicationId, materialName: f.materialName, fileName: f.fileName,
                contentType: f.contentType, sizeBytes: f.sizeBytes, uploadedAt: f.uploadedAt), f.content
        )
    }

    // MARK: - Payouts

    func insert(_ p: PayoutRow) async throws -> Int64 {
        try await db.insert(into: "payouts")
            .columns(
                "zone_id", "item_id", "enterprise_id", "application_id", "amount", "cases", "paid_on", "voucher_no",
                "note",
                "recorded_by", "recorded_at"
            )
            .values(
                SQLBind(p.zoneId), SQLBind(p.itemId), SQLBind(p.enterpriseId), SQLBind(p.applicationId),
                SQLBind(p.amount),
                SQLBind(p.cases), SQLBind(p.paidOn), SQLBind(p.voucherNo), SQLBind(p.note), SQLBind(p.recordedBy),
                SQLBind(p.recordedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// Payouts of a zone, optionally one enterprise's, one item's or one application's, latest first.
    func payouts(zoneID: Int64, enterpriseID: Int64? = nil, itemID: Int64? = nil, applicationID: Int64? = nil)
        async throws -> [PayoutRow]
    {
        var q = db.select().column("*").from("payouts").where("zone_id", .equal, zoneID)
        if let enterpriseID { q = q.where("enterprise_id", .equal, enterpriseID) }
        if let itemID { q = q.where("item_id", .equal, itemID) }
        if let applicationID { q = q.where("application_id", .equal, applicationID) }
        return try await q.orderBy("paid_on", .descending).orderBy("id", .descending)
            .rows(PayoutRow.self)
    }

    /// A page of a zone's payouts (one enterprise's, one year's), latest first.
    func payouts(zoneID: Int64, enterpriseID: Int64?, year: Int?, pager: Pager) async throws -> Paged<PayoutRow> {
        func filtered() -> SQLSelectBuilder {
            var q = db.select().from("payouts").where("zone_id", .equal, zoneID)
            if let enterpriseID { q = q.where("enterprise_id", .equal, enterpriseID) }
            if let year { q = q.where("paid_on", .like, "\(year)-%") }
            return q
        }
        let total = try await filtered().countRows()
        let rows = try await filtered().column("*").orderBy("paid_on", .descending).orderBy("id", .descending)
            .page(pager).rows(PayoutRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// How many cases and how much (万元) have been paid under an item.
    func paid(itemID: Int64, zoneID: Int64) async throws -> (cases: Int, amount: Double) {
        let row = try await db.select()
            .column(
                SQLFunction("COALESCE", args: SQLFunction("SUM", args: SQLColumn("cases")), SQLLiteral.numeric("0")),
                as: "cases"
            )
            .column(
                SQLFunction("COALESCE", args: SQLFunction("SUM", args: SQLColumn("amount")), SQLLiteral.numeric("0.0")),
                as: "amount"
            )
            .from("payouts").where("zone_id", .equal, zoneID).where("item_id", .equal, itemID).first()
        return (
            try row?.decode(column: "cases", as: Int.self) ?? 0, try row?.decode(column: "amount", as: Double.self) ?? 0
        )
    }

    /// The enterprises already paid under an item (免申即享 grants included).
    func paidEnterprises(itemID: Int64) async throws -> Set<Int64> {
        Set(
            try await db.select().column("enterprise_id").from("payouts").where("item_id", .equal, itemID)
                .where("enterprise_id", .isNot, SQLLiteral.null).all(decodingColumn: "enterprise_id", as: Int64.self))
    }

    // MARK: - Budget

    /// What is committed under an item in a year: paid, and approved but not yet paid (万元).
    func committed(itemID: Int64, year: Int) async throws -> (paid: Double, approved: Double) {
        let paid =
            try await db.select().column(SQLFunction("SUM", args: SQLColumn("amount")), as: "total").from("payouts")
            .where("item_id", .equal, itemID).where("paid_on", .like, "\(year)-%")
            .first().flatMap {
                try $0.decodeNil(column: "total") ? nil : try $0.decode(column: "total", as: Double.self)
            } ?? 0
        let approved =
            try await db.select().column(SQLFunction("SUM", args: SQLColumn("approved_amount")), as: "total").from(
                "applications"
            )
            .where("item_id", .equal, itemID).where("state", .equal, ApplicationState.approved.rawValue)
            .first().flatMap {
                try $0.decodeNil(column: "total") ? nil : try $0.decode(column: "total", as: Double.self)
            } ?? 0
        return (paid, approved)
    }

    /// Locks the item's row for the rest of the transaction (PostgreSQL), so two approvals of the
    /// same item can't both spend the last of its budget.
    func lockItemForBudget(itemID: Int64) async throws {
        try await db.raw("SELECT id FROM policy_items WHERE id = \(bind: itemID) FOR UPDATE").run()
    }
}
