import SQLKit

struct EnterpriseRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var parkId: Int64?
    var name: String
    var uscc: String
    var createdAt: Int64
}

/// Enterprises of one zone. Every read names the zone: an id from another zone finds nothing.
struct EnterpriseRepository: Sendable {
    let db: any SQLDatabase

    func find(id: Int64, zoneID: Int64) async throws -> EnterpriseRow? {
        try await db.select().column("*").from("enterprises").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: EnterpriseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Looks a row up in any zone; only for callers that then check the zone through `Permissions`.
    func findAnyZone(id: Int64) async throws -> EnterpriseRow? {
        try await db.select().column("*").from("enterprises").where("id", .equal, id)
            .first(decoding: EnterpriseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func list(scope: ZoneScope, limit: Int, offset: Int) async throws -> [EnterpriseRow] {
        var q = db.select().column("*").from("enterprises")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        return try await q.orderBy("name").orderBy("id").limit(limit).offset(offset)
            .all(decoding: EnterpriseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func list(zoneID: Int64, limit: Int, offset: Int) async throws -> [EnterpriseRow] {
        try await list(scope: .zone(zoneID), limit: limit, offset: offset)
    }

    func count(scope: ZoneScope) async throws -> Int {
        var q = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("enterprises")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        return try await q.first(decodingColumn: "n", as: Int.self) ?? 0
    }

    func count(zoneID: Int64) async throws -> Int { try await count(scope: .zone(zoneID)) }

    func insert(zoneID: Int64, parkID: Int64?, name: String, uscc: String, at: Int64) async throws -> Int64 {
        try await db.insert(into: "enterprises").columns("zone_id", "park_id", "name", "uscc", "created_at")
            .values(SQLBind(zoneID), SQLBind(parkID), SQLBind(name), SQLBind(uscc), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }
}
