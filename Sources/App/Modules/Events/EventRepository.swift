import Foundation
import GaoxinCore
import SQLKit

/// The details of a grid event beside its `cases` row (the photo bytes are read on their own).
struct EventRow: Codable, Sendable {
    var caseId: Int64
    var zoneId: Int64
    var gridId: Int64
    var categoryCode: String
    var description: String
    var latitude: Double
    var longitude: Double
    var address: String?
    var source: String
    var reporterName: String?
    var reporterPhone: String?
    var reporterEmail: String?
    var apiKeyId: Int64?
    var photoName: String?
    var photoType: String?
}

/// An event: its case (state, deadline, history) and its details.
struct GridEvent: Sendable {
    let caseRow: CaseRow
    let details: EventRow
    var id: Int64 { caseRow.id }
    var number: String { CaseRow.number(caseRow.id, prefix: "SJ") }
    /// The department the event was dispatched to, if it went to one.
    var departmentID: Int64? {
        caseRow.assigneeKind == Assignee.Kind.unit.rawValue
            ? CaseIDs.departmentID(caseRow.assigneeId.map { Assignee(id: $0, kind: .unit) }) : nil
    }
    var resource: Resource {
        .event(
            zoneID: caseRow.zoneId, gridID: details.gridId, departmentID: departmentID,
            reporterUserID: caseRow.requesterUserId)
    }
}

/// What a list asks for; nil fields don't filter.
struct EventFilter: Sendable {
    var zoneID: Int64
    var gridID: Int64?
    var category: String?
    var state: String?
    var overdueOnly = false
    /// Open (nil closed_at) or closed; nil for both.
    var open: Bool?
    var reporterUserID: Int64?
    /// Only events now with this assignee (`department:ID`: a department's work list).
    var assigneeID: String?
    /// A grid worker's view: events in these grids or reported by `orReporter`.
    var gridIDs: Set<Int64>?
    var orReporter: Int64?
    var caseIDs: [Int64]?
    var openedFrom: Int64?
    var openedTo: Int64?
}

/// A grid of the zone, for filters, forms and statistics.
struct GridOption: Codable, Sendable {
    var id: Int64
    var code: String
    var name: String
}

struct EventRepository: Sendable {
    let db: any SQLDatabase

    static let detailColumns = [
        "case_id", "zone_id", "grid_id", "category_code", "description", "latitude", "longitude", "address",
        "source", "reporter_name", "reporter_phone", "reporter_email", "api_key_id", "photo_name", "photo_type",
    ]

    func insert(_ row: EventRow, photo: Data?) async throws {
        try await db.insert(into: "events").columns(Self.detailColumns + ["photo"])
            .values(
                SQLBind(row.caseId), SQLBind(row.zoneId), SQLBind(row.gridId), SQLBind(row.categoryCode),
                SQLBind(row.description),
                SQLBind(row.latitude), SQLBind(row.longitude), SQLBind(row.address), SQLBind(row.source),
                SQLBind(row.reporterName),
                SQLBind(row.reporterPhone), SQLBind(row.reporterEmail), SQLBind(row.apiKeyId), SQLBind(row.photoName),
                SQLBind(row.photoType), SQLBind(photo)
            )
            .run()
    }

    func find(caseID: Int64, zoneID: Int64) async throws -> GridEvent? {
        try await list(EventFilter(zoneID: zoneID, caseIDs: [caseID])).first
    }

    /// Events matching the filter, newest first.
    func list(_ f: EventFilter, limit: Int? = nil) async throws -> [GridEvent] {
        var q = db.select().columns(Self.detailColumns.map { SQLColumn($0, table: "events") })
            .from("events").join(
                "cases", on: SQLColumn("id", table: "cases"), .equal, SQLColumn("case_id", table: "events")
            )
            .where(SQLColumn("zone_id", table: "events"), .equal, SQLBind(f.zoneID))
        if let v = f.gridID { q = q.where(SQLColumn("grid_id", table: "events"), .equal, SQLBind(v)) }
        if let v = f.category { q = q.where(SQLColumn("category_code", table: "events"), .equal, SQLBind(v)) }
        if let v = f.state { q = q.where(SQLColumn("state", table: "cases"), .equal, SQLBind(v)) }
        if f.overdueOnly { q = q.where(SQLColumn("ever_overdue", table: "cases"), .equal, SQLBind(true)) }
        if let open = f.open {
            q = q.where(SQLColumn("closed_at", table: "cases"), open ? .is : .isNot, SQLLiteral.null)
        }
        if let v = f.reporterUserID { q = q.where(SQLColumn("requester_user_id", table: "cases"), .equal, SQLBind(v)) }
        if let v = f.assigneeID { q = q.where(SQLColumn("assignee_id", table: "cases"), .equal, SQLBind(v)) }
        if let grids = f.gridIDs {
            let ids = Array(grids)
            let reporter = f.orReporter ?? -1
            q = q.where(group: { g in
                if !ids.isEmpty { g.orWhere(SQLColumn("grid_id", table: "events"), .in, SQLBind.group(ids)) }
                return g.orWhere(SQLColumn("requester_user_id", table: "cases"), .equal, SQLBind(reporter))
            })
        }
        if let ids = f.caseIDs {
            q = q.where(SQLColumn("case_id", table: "events"), .in, SQLBind.group(ids.isEmpty ? [-1] : ids))
        }
        if let v = f.openedFrom { q = q.where(SQLColumn("opened_at", table: "cases"), .greaterThanOrEqual, SQLBind(v)) }
        if let v = f.openedTo { q = q.where(SQLColumn("opened_at", table: "cases"), .lessThanOrEqual, SQLBind(v)) }
        q = q.orderBy(
            SQLOrderBy(expression: SQLColumn("opened_at", table: "cases"), direction: SQLDirection.descending)
        )
        .orderBy(SQLOrderBy(expression: SQLColumn("case_id", table: "events"), direction: SQLDirection.descending))
        if let limit { q = q.limit(limit) }
        let details = try await q.all(decoding: EventRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let cases = try await CaseRepository(db: db).find(ids: details.map(\.caseId))
        return details.compactMap { d in cases[d.caseId].map { GridEvent(caseRow: $0, details: d) } }
    }

    func photo(caseID: Int64) async throws -> Data? {
        struct Photo: Decodable { var photo: Data? }
        return try await db.select().column("photo").from("events").where("case_id", .equal, caseID).first(
            decoding: Photo.self)?.photo
    }

    func grids(zoneID: Int64) async throws -> [GridOption] {
        try await db.select().columns("id", "code", "name").from("grids").where("zone_id", .equal, zoneID).orderBy(
            "code"
        ).orderBy("id")
            .all(decoding: GridOption.self)
    }

    func grid(id: Int64, zoneID: Int64) async throws -> GridOption? {
        try await db.select().columns("id", "code", "name").from("grids").where("id", .equal, id).where(
            "zone_id", .equal, zoneID
        )
        .first(decoding: GridOption.self)
    }

    /// Grid workers with a login in a grid: whom an event there may be dispatched to.
    func gridWorkerUsers(gridID: Int64) async throws -> [(userID: Int64, name: String)] {
        let rows = try await db.select().column("user_id").column("name").from("grid_workers")
            .where("grid_id", .equal, gridID).where("user_id", .isNot, SQLLiteral.null).orderBy("name").orderBy(
                "user_id"
            ).all()
        return try rows.map {
            (try $0.decode(column: "user_id", as: Int64.self), try $0.decode(column: "name", as: String.self))
        }
    }
}
