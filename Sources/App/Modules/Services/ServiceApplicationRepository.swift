import Foundation
import GaoxinCore
import SQLKit

/// Who a list of applications is for: the applicant's own, or the ones a department (or its 领办
/// officer) works, or the whole zone's.
enum ServiceApplicationScope: Sendable {
    case applicant(userID: Int64)
    case department(id: Int64, officerID: Int64)
    case zone
}

/// One application as the statistics read it (the case's state and rating beside the details).
struct ServiceFactRow: Decodable, Sendable {
    var caseId: Int64
    var bundleId: Int64
    var departmentId: Int64
    var channel: String
    var instant: Bool
    var promisedDays: Int
    var workingDays: Int?
    var openedOn: String
    var state: String
    var ratingLevel: String?
}

/// Every query of service applications: the details beside the case, the materials handed in,
/// lists per applicant and department, the figures' rows, and the 差评 appeals.
struct ServiceApplicationRepository: Sendable {
    let db: any SQLDatabase

    func insert(_ r: ServiceApplicationRow) async throws {
        try await db.insert(into: "svc_applications")
            .columns(
                "case_id", "zone_id", "bundle_id", "department_id", "channel", "applicant_name", "applicant_phone",
                "applicant_user_id", "enterprise_id", "entered_by", "officer_user_id", "purpose", "first_notice",
                "notice_count", "promised_days", "instant", "opened_on", "accepted_at", "finished_at",
                "working_days", "result_name", "result_no", "delivery", "tracking_no"
            )
            .values(
                SQLBind(r.caseId), SQLBind(r.zoneId), SQLBind(r.bundleId), SQLBind(r.departmentId),
                SQLBind(r.channel), SQLBind(r.applicantName), SQLBind(r.applicantPhone), SQLBind(r.applicantUserId),
                SQLBind(r.enterpriseId), SQLBind(r.enteredBy), SQLBind(r.officerUserId), SQLBind(r.purpose),
                SQLBind(r.firstNotice), SQLBind(r.noticeCount), SQLBind(r.promisedDays), SQLBind(r.instant),
                SQLBind(r.openedOn), SQLBind(r.acceptedAt), SQLBind(r.finishedAt), SQLBind(r.workingDays),
                SQLBind(r.resultName), SQLBind(r.resultNo), SQLBind(r.delivery), SQLBind(r.trackingNo)
            ).run()
    }

    /// Writes the details back after a step (notice, acceptance, result, officer).
    func update(_ r: ServiceApplicationRow) async throws {
        try await db.update("svc_applications")
            .set("officer_user_id", to: r.officerUserId).set("first_notice", to: r.firstNotice)
            .set("notice_count", to: r.noticeCount).set("accepted_at", to: r.acceptedAt)
            .set("finished_at", to: r.finishedAt).set("working_days", to: r.workingDays)
            .set("result_name", to: r.resultName).set("result_no", to: r.resultNo).set("delivery", to: r.delivery)
            .set("tracking_no", to: r.trackingNo)
            .where("case_id", .equal, r.caseId).run()
    }

    func find(caseID: Int64, zoneID: Int64) async throws -> ServiceCase? {
        guard
            let details = try await db.select().column("*").from("svc_applications").where("case_id", .equal, caseID)
                .where("zone_id", .equal, zoneID)
                .row(ServiceApplicationRow.self),
            let row = try await CaseRepository(db: db).find(id: caseID, zoneID: zoneID)
        else { return nil }
        return ServiceCase(caseRow: row, details: details)
    }

    /// One page of applications, newest first.
    func list(zoneID: Int64, scope: ServiceApplicationScope, _ pager: Pager) async throws -> Paged<ServiceCase> {
        func scoped(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
            let q = q.from("svc_applications").where("zone_id", .equal, zoneID)
            switch scope {
            case .applicant(let userID): return q.where("applicant_user_id", .equal, userID)
            case .department(let id, let officerID):
                return q.where(group: {
                    $0.where("department_id", .equal, id).orWhere("officer_user_id", .equal, officerID)
                })
            case .zone: return q
            }
        }
        let total = try await scoped(db.select()).countRows()
        let details = try await scoped(db.select().column("*")).orderBy("case_id", .descending).page(pager)
            .rows(ServiceApplicationRow.self)
        let cases = try await CaseRepository(db: db).find(ids: details.map(\.caseId))
        return Paged(
            rows: details.compactMap { d in cases[d.caseId].map { ServiceCase(caseRow: $0, details: d) } },
            total: total, pager: pager)
    }

    // MARK: - Materials handed in

    func files(caseID: Int64) async throws -> [ServiceApplicationFileRow] {
        try await db.select().columns("id", "case_id", "material_id", "file_name", "filled_text", "uploaded_at")
            .from("svc_application_files").where("case_id", .equal, caseID).orderBy("material_id")
            .rows(ServiceApplicationFileRow.self)
    }

    /// A material handed in again replaces the earlier file.
    func putFile(caseID: Int64, materialID: Int64, name: String, data: Data?, filledText: String?, at now: Int64)
        async throws
    {
        try await db.delete(from: "svc_application_files").where("case_id", .equal, caseID)
            .where("material_id", .equal, materialID).run()
        try await db.insert(into: "svc_application_files")
            .columns("case_id", "material_id", "file_name", "filled_text", "content", "uploaded_at")
            .values(
                SQLBind(caseID), SQLBind(materialID), SQLBind(name), SQLBind(filledText), SQLBind(data), SQLBind(now)
            ).run()
    }

    private struct Content: Decodable {
        var fileName: String
        var content: Data?
    }

    func fileContent(caseID: Int64, materialID: Int64) async throws -> ServiceMaterialFile? {
        let row = try await db.select().columns("file_name", "content").from("svc_application_files")
            .where("case_id", .equal, caseID).where("material_id", .equal, materialID)
            .row(Content.self)
        guard let row, let data = row.content else { return nil }
        return ServiceMaterialFile(name: row.fileName, data: data)
    }

    // MARK: - Figures

    /// Every application of the zone opened within [from, to] (days as text), with its case's state
    /// and rating: the statistics page groups them in memory (a zone's year is some ten thousand).
    func facts(zoneID: Int64, from: String, to: String) async throws -> [ServiceFactRow] {
        try await db.select()
            .column(SQLColumn("case_id", table: "a")).column(SQLColumn("bundle_id", table: "a"))
            .column(SQLColumn("department_id", table: "a")).column(SQLColumn("channel", table: "a"))
            .column(SQLColumn("instant", table: "a")).column(SQLColumn("promised_days", table: "a"))
            .column(SQLColumn("working_days", table: "a")).column(SQLColumn("opened_on", table: "a"))
            .column(SQLColumn("state", table: "c")).column(SQLColumn("rating_level", table: "c"))
            .from(SQLAlias(SQLIdentifier("svc_applications"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("cases"), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "c"), .equal, SQLColumn("case_id", table: "a")
            )
            .where(SQLColumn("zone_id", table: "a"), .equal, SQLBind(zoneID))
            .where(SQLColumn("opened_on", table: "a"), .greaterThanOrEqual, SQLBind(from))
            .where(SQLColumn("opened_on", table: "a"), .lessThanOrEqual, SQLBind(to))
            .orderBy(SQLColumn("case_id", table: "a"))
            .rows(ServiceFactRow.self)
    }

    /// Of `parentIDs`, those whose 差评 follow-up is closed.
    func parentsWithClosedFollowUp(zoneID: Int64) async throws -> Set<Int64> {
        Set(
            try await db.select().column("parent_case_id").from("cases").where("zone_id", .equal, zoneID)
                .where("parent_case_id", .isNot, SQLLiteral.null).where("closed_at", .isNot, SQLLiteral.null)
                .all(decodingColumn: "parent_case_id", as: Int64.self))
    }

    // MARK: - Appeals

    func insertAppeal(_ a: RatingAppealRow) async throws -> Int64 {
        try await db.insert(into: "rating_appeals")
            .columns(
                "zone_id", "case_id", "follow_up_case_id", "department_id", "reason", "state", "filed_by", "filed_at",
                "unit_id"
            )
            .values(
                SQLBind(a.zoneId), SQLBind(a.caseId), SQLBind(a.followUpCaseId), SQLBind(a.departmentId),
                SQLBind(a.reason), SQLBind(a.state), SQLBind(a.filedBy), SQLBind(a.filedAt), SQLBind(a.unitId)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func appeal(caseID: Int64) async throws -> RatingAppealRow? {
        try await db.select().column("*").from("rating_appeals").where("case_id", .equal, caseID)
            .row(RatingAppealRow.self)
    }

    func appeal(id: Int64, zoneID: Int64) async throws -> RatingAppealRow? {
        try await db.select().column("*").from("rating_appeals").where("id", .equal, id)
            .where("zone_id", .equal, zoneID)
            .row(RatingAppealRow.self)
    }

    func appeals(zoneID: Int64, departmentID: Int64?, _ pager: Pager) async throws -> Paged<RatingAppealRow> {
        func scoped(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
            let q = q.from("rating_appeals").where("zone_id", .equal, zoneID)
            return departmentID.map { q.where("department_id", .equal, $0) } ?? q
        }
        let total = try await scoped(db.select()).countRows()
        let rows = try await scoped(db.select().column("*")).orderBy("id", .descending).page(pager)
            .rows(RatingAppealRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// Case ids whose 差评 an upheld appeal took out of the figures.
    func upheldAppeals(zoneID: Int64) async throws -> Set<Int64> {
        Set(
            try await db.select().column("case_id").from("rating_appeals").where("zone_id", .equal, zoneID)
                .where("state", .equal, "upheld").all(decodingColumn: "case_id", as: Int64.self))
    }

    func decide(id: Int64, state: String, note: String, by userID: Int64, at now: Int64) async throws {
        try await db.update("rating_appeals").set("state", to: state).set("decision_note", to: note)
            .set("decided_by", to: userID).set("decided_at", to: now).where("id", .equal, id).run()
    }

    // MARK: - Per-zone follow-up limits

    private struct Limits: Decodable {
        var callbackDays: Int
        var fixDays: Int
    }

    /// The zone's 差评 call-back and fix limits in working days; nil for the platform's (1 and 15).
    func followUpLimits(zoneID: Int64) async throws -> (callback: Int, fix: Int)? {
        try await db.select().columns("callback_days", "fix_days").from("rating_followup_limits")
            .where("zone_id", .equal, zoneID)
            .row(Limits.self).map {
                ($0.callbackDays, $0.fixDays)
            }
    }

    func setFollowUpLimits(zoneID: Int64, callback: Int, fix: Int) async throws {
        try await db.delete(from: "rating_followup_limits").where("zone_id", .equal, zoneID).run()
        try await db.insert(into: "rating_followup_limits").columns("zone_id", "callback_days", "fix_days")
            .values(SQLBind(zoneID), SQLBind(callback), SQLBind(fix)).run()
    }
}
