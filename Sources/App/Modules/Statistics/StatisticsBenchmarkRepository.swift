import Foundation
import GaoxinCore
import SQLKit

/// The benchmark's generated zone, written in bulk with one `INSERT … SELECT` over a counter per
/// table (a recursive CTE both SQLite and PostgreSQL run), so a million cases load in seconds.
struct StatisticsBenchmarkRepository: Sendable {
    let db: any SQLDatabase

    private func counter(_ n: Int) -> SQLQueryString {
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(unsafeRaw: String(n))) "
    }

    func area(zoneID: Int64) async throws -> Int64 {
        try await db.insert(into: "areas").columns("zone_id", "level", "code", "name")
            .values(SQLBind(zoneID), SQLBind("community"), SQLBind("B001"), SQLBind("基准社区"))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// `count` square grids side by side (boundaries are not read by the pages timed).
    func grids(zoneID: Int64, areaID: Int64, count: Int, at: Int64) async throws -> [Int64] {
        try await db.raw(
            counter(count)
                + """
                INSERT INTO grids (zone_id, area_id, code, name, boundary_geojson, min_lon, min_lat, max_lon, max_lat, created_at)
                SELECT \(bind: zoneID), \(bind: areaID), 'G' || i, '网格' || i, '{}', i, 0, i + 1, 1, \(bind: at) FROM n
                """
        ).run()
        return try await db.select().column("id").from("grids").where("zone_id", .equal, zoneID).orderBy("id")
            .all(decodingColumn: "id", as: Int64.self)
    }

    /// `count` cases of every kind the to-do lists count, spread over states, deadlines and lateness;
    /// every third one a grid event with its row in `events`.
    func cases(zoneID: Int64, count: Int, firstGrid: Int64, grids: Int, departmentID: Int64, today: Day, at: Int64)
        async throws
    {
        // One case in 20 is open (spread over the open states), as in a zone that has run for years.
        let eventStates =
            "CASE WHEN i % 20 <> 0 THEN 'closed' ELSE (CASE (i / 20) % 5 WHEN 0 THEN 'reported' "
            + "WHEN 1 THEN 'accepted' WHEN 2 THEN 'dispatched' WHEN 3 THEN 'handled' ELSE 'verified' END) END"
        let typeCode =
            "CASE i % 3 WHEN 0 THEN 'event_hazard' WHEN 1 THEN 'consultation' ELSE "
            + "(CASE i % 2 WHEN 0 THEN 'rating_followup' ELSE 'invest_blocker' END) END"
        let state =
            "CASE i % 3 WHEN 0 THEN \(eventStates) WHEN 1 THEN "
            + "(CASE WHEN i % 20 <> 0 THEN 'answered' ELSE 'submitted' END) "
            + "ELSE (CASE WHEN i % 20 <> 0 THEN 'done' ELSE 'open' END) END"
        let closed = "CASE WHEN i % 20 <> 0 THEN \(at) ELSE NULL END"
        let assignee =
            "CASE i % 2 WHEN 0 THEN 'department:\(departmentID)' ELSE 'grid:' || (\(firstGrid) + i % \(grids)) END"
        try await db.raw(
            counter(count)
                + """
                INSERT INTO cases (zone_id, type_code, state, title, assignee_kind, assignee_id, deadline_day,
                    deadline_uncertain, overdue, ever_overdue, opened_at, closed_at, record_json, updated_at)
                SELECT \(bind: zoneID), \(unsafeRaw: typeCode), \(unsafeRaw: state), '基准事项 ' || i, 'unit',
                    \(unsafeRaw: assignee), \(bind: today.description), \(unsafeRaw: "i % 11 = 0"),
                    \(unsafeRaw: "i % 13 = 0"), \(unsafeRaw: "i % 13 = 0"), \(bind: at), \(unsafeRaw: closed), '{}', \(bind: at)
                FROM n
                """
        ).run()
        try await db.raw(
            """
            INSERT INTO events (case_id, zone_id, grid_id, category_code, description, latitude, longitude, source)
            SELECT id, zone_id, \(bind: firstGrid) + id % \(unsafeRaw: String(grids)), 'hazard', title, 0, 0, 'bench'
            FROM cases WHERE zone_id = \(bind: zoneID) AND type_code = 'event_hazard'
            """
        ).run()
    }

    /// `count` projects across the pipeline's stages.
    func projects(zoneID: Int64, count: Int, on day: Day, at: Int64) async throws {
        let stages = ProjectStage.allCases.map(\.rawValue)
        let stage =
            "CASE i % \(stages.count) "
            + stages.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ") + " END"
        try await db.raw(
            counter(count)
                + """
                INSERT INTO invest_projects (zone_id, name, investor, origin_province, origin_city, planned_investment,
                    foreign_investment, stage, stage_on, created_at)
                SELECT \(bind: zoneID), '基准项目 ' || i, '投资方', '广东省', '深圳市', 10000 + i, 0, \(unsafeRaw: stage),
                    \(bind: day.description), \(bind: at) FROM n
                """
        ).run()
    }

    /// `indicators` indicators with a figure for each of `months` months ending with `last`.
    func monthlyFigures(zoneID: Int64, indicators: Int, months: Int, last: Day, at: Int64) async throws {
        for k in 1...indicators {
            let id =
                try await db.insert(into: "stat_indicators")
                .columns("zone_id", "code", "name", "unit", "position", "created_at")
                .values(
                    SQLBind(zoneID), SQLBind("bench_\(k)"), SQLBind("基准指标\(k)"), SQLBind("亿元"), SQLBind(k), SQLBind(at)
                )
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            for m in 0..<months {
                let month = (last.year * 12 + last.month - 1) - m
                guard let p = ReportingPeriod(.month, year: month / 12, number: month % 12 + 1) else { continue }
                try await db.insert(into: "stat_figures")
                    .columns(
                        "zone_id", "indicator_id", "period", "period_end", "value", "source", "updated_by", "updated_at"
                    )
                    .values(
                        SQLBind(zoneID), SQLBind(id), SQLBind(p.key), SQLBind(p.end.description),
                        SQLBind(100 + Double(m % 12) + Double(k)), SQLBind(""), SQLBind("基准"), SQLBind(at)
                    ).run()
            }
        }
    }

    /// The zone, department and grids an earlier run generated here (its code `bench`), so a run can
    /// time again without generating a million cases anew.
    func generated() async throws -> (Int64, Int64, [Int64])? {
        guard let zone = try await ZoneRepository(db: db).zone(code: "bench"),
            let department = try await db.select().column("id").from("departments").where("zone_id", .equal, zone.id)
                .first(decodingColumn: "id", as: Int64.self)
        else { return nil }
        let grids = try await db.select().column("id").from("grids").where("zone_id", .equal, zone.id).orderBy("id")
            .all(decodingColumn: "id", as: Int64.self)
        return (zone.id, department, grids)
    }

    /// Fresh planner statistics after the bulk load, as the database's own maintenance would gather
    /// them (PostgreSQL's autovacuum, SQLite's `PRAGMA optimize`).
    func analyze() async throws {
        // VACUUM also marks the pages all-visible, which PostgreSQL needs before it reads an index alone.
        if db.dialect.name == "postgresql" {
            try await db.raw("VACUUM ANALYZE").run()
        } else {
            try await db.raw("ANALYZE").run()
        }
    }
}
