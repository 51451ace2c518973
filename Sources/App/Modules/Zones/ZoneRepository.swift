import SQLKit

struct ZoneRow: Codable, Sendable {
    var id: Int64
    var code: String
    var name: String
    var fullName: String
    var province: String
    var city: String
    var createdAt: Int64
}

struct ParkRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var code: String
    var name: String
    var isActive: Bool = true
}

struct DepartmentRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var code: String
    var name: String
    var kind: String
    var spokespersonName: String?
    var spokespersonTitle: String?
    var spokespersonPhone: String?
    var spokespersonShown: Bool = true

    /// The spokesperson's name when they are shown to the public (directory, policy pages).
    var shownSpokespersonName: String? { spokespersonShown ? spokespersonName : nil }
}

/// Zones, parks and departments. Zone-owned rows are always read through a `ZoneScope`.
package struct ZoneRepository: Sendable {
    let db: any SQLDatabase

    package init(db: any SQLDatabase) { self.db = db }

    /// A zone by its code (the CLI's `--zone`, Open311's jurisdiction_id, public page addresses).
    func zone(code: String) async throws -> ZoneRow? {
        try await db.select().column("*").from("zones").where("code", .equal, code)
            .row(ZoneRow.self)
    }

    func zone(id: Int64) async throws -> ZoneRow? {
        try await db.select().column("*").from("zones").where("id", .equal, id)
            .row(ZoneRow.self)
    }

    func zones(scope: ZoneScope) async throws -> [ZoneRow] {
        var q = db.select().column("*").from("zones")
        if case .zone(let id) = scope { q = q.where("id", .equal, id) }
        return try await q.orderBy("id").rows(ZoneRow.self)
    }

    func zones(scope: ZoneScope, pager: Pager) async throws -> Paged<ZoneRow> {
        let q = db.select().from("zones")
        if case .zone(let id) = scope { q.where("id", .equal, id) }
        let total = try await q.countRows()
        let rows = try await q.column("*").orderBy("id").page(pager)
            .rows(ZoneRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    package func count() async throws -> Int {
        try await db.select().from("zones").countRows()
    }

    func parks(zoneID: Int64) async throws -> [ParkRow] {
        try await db.select().column("*").from("parks").where("zone_id", .equal, zoneID).orderBy("id")
            .rows(ParkRow.self)
    }

    func departments(scope: ZoneScope) async throws -> [DepartmentRow] {
        var q = db.select().column("*").from("departments")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        return try await q.orderBy("zone_id").orderBy("id").rows(DepartmentRow.self)
    }

    /// The names of the departments `ids`, in one query: a list names the departments of the rows
    /// it shows, not every department of every zone on the page.
    func departmentNames(ids: [Int64]) async throws -> [Int64: String] {
        struct Row: Decodable {
            var id: Int64
            var name: String
        }
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column("id").column("name").from("departments")
            .where("id", .in, Array(Set(ids))).rows(Row.self)
        return Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func department(id: Int64, zoneID: Int64) async throws -> DepartmentRow? {
        try await db.select().column("*").from("departments").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(DepartmentRow.self)
    }

    package func insertZone(code: String, name: String, fullName: String, province: String, city: String, at: Int64)
        async throws -> Int64
    {
        try await db.insert(into: "zones").columns("code", "name", "full_name", "province", "city", "created_at")
            .values(SQLBind(code), SQLBind(name), SQLBind(fullName), SQLBind(province), SQLBind(city), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func insertPark(zoneID: Int64, code: String, name: String) async throws -> Int64 {
        try await db.insert(into: "parks").columns("zone_id", "code", "name")
            .values(SQLBind(zoneID), SQLBind(code), SQLBind(name))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func insertDepartment(_ d: DepartmentRow) async throws -> Int64 {
        try await db.insert(into: "departments")
            .columns(
                "zone_id", "code", "name", "kind", "spokesperson_name", "spokesperson_title", "spokesperson_phone",
                "spokesperson_shown"
            )
            .values(
                SQLBind(d.zoneId), SQLBind(d.code), SQLBind(d.name), SQLBind(d.kind), SQLBind(d.spokespersonName),
                SQLBind(d.spokespersonTitle), SQLBind(d.spokespersonPhone), SQLBind(d.spokespersonShown)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// A department without a spokesperson (the benchmark's one department).
    package func insertDepartment(zoneID: Int64, code: String, name: String, kind: String) async throws -> Int64 {
        try await insertDepartment(
            DepartmentRow(
                id: 0, zoneId: zoneID, code: code, name: name, kind: kind, spokespersonName: nil,
                spokespersonTitle: nil, spokespersonPhone: nil))
    }

    // MARK: Zone setup (issue #12)

    func updateZone(id: Int64, name: String, fullName: String, province: String, city: String) async throws {
        try await db.update("zones").set("name", to: name).set("full_name", to: fullName)
            .set("province", to: province).set("city", to: city).where("id", .equal, id).run()
    }

    func park(id: Int64, zoneID: Int64) async throws -> ParkRow? {
        try await db.select().column("*").from("parks").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(ParkRow.self)
    }

    func updatePark(id: Int64, name: String, isActive: Bool) async throws {
        try await db.update("parks").set("name", to: name).set("is_active", to: isActive).where("id", .equal, id).run()
    }

    func updateDepartment(_ d: DepartmentRow) async throws {
        try await db.update("departments").set("name", to: d.name).set("kind", to: d.kind)
            .set("spokesperson_name", to: d.spokespersonName).set("spokesperson_title", to: d.spokespersonTitle)
            .set("spokesperson_phone", to: d.spokespersonPhone).set("spokesperson_shown", to: d.spokespersonShown)
            .where("id", .equal, d.id).where("zone_id", .equal, d.zoneId).run()
    }

    /// How far a zone is set up: the counts the go-live checklist reads.
    func setupCounts(zoneID: Int64) async throws -> [String: Int] {
        func count(_ table: String, _ extra: (SQLSelectBuilder) -> SQLSelectBuilder = { $0 }) async throws -> Int {
            try await extra(db.select().from(table).where("zone_id", .equal, zoneID)).countRows()
        }
        var counts: [String: Int] = [
            "parks": try await count("parks") { $0.where("is_active", .equal, true) },
            "departments": try await count("departments"),
            "spokespersons": try await count("departments") {
                $0.where("spokesperson_shown", .equal, true).where("spokesperson_name", .isNot, SQLLiteral.null)
            },
            "criteria_overrides": try await count("criteria_overrides"),
            "grids": try await count("grids"),
            "grids_with_workers": try await db.raw(
                "SELECT COUNT(DISTINCT grid_id) AS n FROM grid_workers WHERE zone_id = \(bind: zoneID)"
            ).first(decodingColumn: "n", as: Int.self) ?? 0,
            "open311_keys": try await count("open311_keys") { $0.where("revoked_at", .is, SQLLiteral.null) },
            "enterprises": try await count("enterprises"),
        ]
        let roles = try await db.select().column("role").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("users").where("zone_id", .equal, zoneID).where("is_active", .equal, true).groupBy("role")
            .all()
        for row in roles {
            counts["role:" + (try row.decode(column: "role", as: String.self))] = try row.decode(
                column: "n", as: Int.self)
        }
        return counts
    }
}
