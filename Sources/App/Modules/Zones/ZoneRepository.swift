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
}

/// Zones, parks and departments. Zone-owned rows are always read through a `ZoneScope`.
package struct ZoneRepository: Sendable {
    let db: any SQLDatabase

    package init(db: any SQLDatabase) { self.db = db }

    /// A zone by its code (the CLI's `--zone`, Open311's jurisdiction_id, public page addresses).
    func zone(code: String) async throws -> ZoneRow? {
        try await db.select().column("*").from("zones").where("code", .equal, code)
            .first(decoding: ZoneRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func zone(id: Int64) async throws -> ZoneRow? {
        try await db.select().column("*").from("zones").where("id", .equal, id)
            .first(decoding: ZoneRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func zones(scope: ZoneScope) async throws -> [ZoneRow] {
        var q = db.select().column("*").from("zones")
        if case .zone(let id) = scope { q = q.where("id", .equal, id) }
        return try await q.orderBy("id").all(decoding: ZoneRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func zones(scope: ZoneScope, pager: Pager) async throws -> Paged<ZoneRow> {
        let q = db.select().from("zones")
        if case .zone(let id) = scope { q.where("id", .equal, id) }
        let total = try await q.countRows()
        let rows = try await q.column("*").orderBy("id").page(pager)
            .all(decoding: ZoneRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Paged(rows: rows, total: total, pager: pager)
    }

    package func count() async throws -> Int {
        try await db.select().from("zones").countRows()
    }

    func parks(zoneID: Int64) async throws -> [ParkRow] {
        try await db.select().column("*").from("parks").where("zone_id", .equal, zoneID).orderBy("id")
            .all(decoding: ParkRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func departments(scope: ZoneScope) async throws -> [DepartmentRow] {
        var q = db.select().column("*").from("departments")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        return try await q.orderBy("zone_id").orderBy("id").all(
            decoding: DepartmentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func department(id: Int64, zoneID: Int64) async throws -> DepartmentRow? {
        try await db.select().column("*").from("departments").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: DepartmentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
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
            .columns("zone_id", "code", "name", "kind", "spokesperson_name", "spokesperson_title", "spokesperson_phone")
            .values(
                SQLBind(d.zoneId), SQLBind(d.code), SQLBind(d.name), SQLBind(d.kind), SQLBind(d.spokespersonName),
                SQLBind(d.spokespersonTitle), SQLBind(d.spokespersonPhone)
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
}
