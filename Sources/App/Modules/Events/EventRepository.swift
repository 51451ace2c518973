import Foundation
import GaoxinCore
import SQLKit

/// All SQL of grid events: the `events` details beside their `cases` rows, the photo, the zone's
/// grids and the grid workers an event may be dispatched to. Lists page in SQL.
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

    /// Events matching the filter, newest first; at most `limit` (Open311 answers at most 1000).
    func list(_ f: EventFilter, limit: Int? = nil) async throws -> [GridEvent] {
        var q = ordered(f)
        if let limit { q = q.limit(limit) }
        return try await events(q)
    }

    /// One page of the events matching the filter, newest first.
    func page(_ f: EventFilter, _ pager: Pager) async throws -> Paged<GridEvent> {
        let total = try await filtered(f).countRows()
        return Paged(rows: try await events(ordered(f).page(pager)), total: total, pager: pager)
    }

    /// The list's total, open and late counts.
    func counts(_ f: EventFilter) async throws -> EventCounts {
        EventCounts(
            total: try await filtered(f).countRows(),
            open: try await filtered(f).where(SQLColumn("closed_at", table: "cases"), .is, SQLLiteral.null).countRows(),
            late: try await filtered(f).where(SQLColumn("ever_overdue", table: "cases"), .equal, SQLBind(true))
                .countRows())
    }

    /// The events of the filter joined to their cases, without columns: what lists and counts share.
    private func filtered(_ f: EventFilter) -> SQLSelectBuilder {
        var q = db.select().from("events").join(
            "cases", on: SQLColumn("id", table: "cases"), .equal, SQLColumn("case_id", table: "events")
        )
        .where(SQLColumn("zone_id", table: "events"), .equal, SQLBind(f.zoneID))
        if let v = f.gridID { q = q.where(SQLColumn("grid_id", table: "events"), .equal, SQLBind(v)) }
        if let v = f.category { q = q.where(SQLColumn("category_code", table: "events"), .equal, SQLBind(v)) }
        if !f.categories.isEmpty {
            q = q.where(SQLColumn("category_code", table: "events"), .in, SQLBind.group(f.categories))
        }
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
        return q
    }

    private func ordered(_ f: EventFilter) -> SQLSelectBuilder {
        filtered(f).columns(Self.detailColumns.map { SQLColumn($0, table: "events") })
            .orderBy(SQLOrderBy(expression: SQLColumn("opened_at", table: "cases"), direction: SQLDirection.descending))
            .orderBy(SQLOrderBy(expression: SQLColumn("case_id", table: "events"), direction: SQLDirection.descending))
    }

    private func events(_ q: SQLSelectBuilder) async throws -> [GridEvent] {
        let details = try await q.rows(EventRow.self)
        let cases = try await CaseRepository(db: db).find(ids: details.map(\.caseId))
        return details.compactMap { d in cases[d.caseId].map { GridEvent(caseRow: $0, details: d) } }
    }

    /// The zone's events counted by grid, category and state, with the steps grid workers took on
    /// them (from the history): the statistics without reading a single case record.
    func tallies(zoneID: Int64) async throws -> [EventTally] {
        var tallies = try await db.raw(
            """
            SELECT e.grid_id, e.category_code, c.state, COUNT(*) AS total,
              CAST(SUM(CASE WHEN c.closed_at IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS open,
              CAST(SUM(CASE WHEN c.ever_overdue THEN 1 ELSE 0 END) AS BIGINT) AS overdue,
              CAST(SUM(CASE WHEN c.closed_at IS NULL THEN 0 ELSE c.closed_at - c.opened_at END) AS BIGINT)
                AS close_seconds,
              CAST(SUM(CASE WHEN c.closed_at IS NOT NULL AND NOT c.ever_overdue THEN 1 ELSE 0 END) AS BIGINT)
                AS closed_on_time
            FROM events e JOIN cases c ON c.id = e.case_id
            WHERE e.zone_id = \(bind: zoneID)
            GROUP BY e.grid_id, e.category_code, c.state
            """
        ).rows(EventTally.self)
        struct Steps: Decodable {
            var gridId: Int64
            var categoryCode: String
            var state: String
            var steps: Int
        }
        let steps = try await db.raw(
            """
            SELECT e.grid_id, e.category_code, c.state, COUNT(*) AS steps
            FROM case_history h JOIN events e ON e.case_id = h.case_id JOIN cases c ON c.id = e.case_id
            WHERE e.zone_id = \(bind: zoneID) AND h.actor_role = \(bind: Role.gridWorker.rawValue)
              AND h.kind IN (\(bind: CaseEvent.Kind.opened.rawValue), \(bind: CaseEvent.Kind.transition.rawValue))
            GROUP BY e.grid_id, e.category_code, c.state
            """
        ).rows(Steps.self)
        for s in steps {
            if let i = tallies.firstIndex(where: {
                $0.gridId == s.gridId && $0.categoryCode == s.categoryCode && $0.state == s.state
            }) {
                tallies[i].gridWorkerSteps = s.steps
            }
        }
        return tallies
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
    func gridWorkerLogins(gridID: Int64) async throws -> [GridWorkerLogin] {
        try await db.select().column("user_id").column("name").from("grid_workers")
            .where("grid_id", .equal, gridID).where("user_id", .isNot, SQLLiteral.null).orderBy("name").orderBy(
                "user_id"
            ).rows(GridWorkerLogin.self)
    }

    /// The zone's grids with their boundaries, in id order: where the demo places its events.
    func gridShapes(zoneID: Int64) async throws -> [GridShape] {
        try await db.select().columns("id", "boundary_geojson", "min_lon", "min_lat", "max_lon", "max_lat")
            .from("grids").where("zone_id", .equal, zoneID).orderBy("id")
            .rows(GridShape.self)
    }

    /// The grids a login works in as a grid worker.
    func gridIDs(workerUserID: Int64) async throws -> Set<Int64> {
        Set(
            try await db.select().column("grid_id").from("grid_workers").where("user_id", .equal, workerUserID)
                .all(decodingColumn: "grid_id", as: Int64.self))
    }
}
