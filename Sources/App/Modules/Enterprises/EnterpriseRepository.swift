import Foundation
import GaoxinCore
import SQLKit

struct EnterpriseRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var parkId: Int64?
    var name: String
    var uscc: String
    var createdAt: Int64
    var industryCode: String?
    var chain: String?
    var foundedOn: String?
    var contactName: String?
    var contactPhone: String?
    var profileJson: String?

    /// The profile the criteria read: the stored JSON plus the registry's founding date.
    var profile: EnterpriseProfile {
        var profile =
            profileJson.flatMap { try? JSONDecoder().decode(EnterpriseProfile.self, from: Data($0.utf8)) }
            ?? EnterpriseProfile()
        profile.foundedOn = foundedOn.flatMap { Day($0) }
        return profile
    }
}

/// One certification row.
struct CertificationRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var kind: String
    var certifiedOn: String
    var expiresOn: String?
    var certificateNo: String?
    var createdAt: Int64

    var certification: Certification? {
        guard let kind = CertificationKind(rawValue: kind), let day = Day(certifiedOn) else { return nil }
        return Certification(kind: kind, certifiedOn: day, expiresOn: expiresOn.flatMap { Day($0) })
    }
}

/// Enterprises of one zone. Every read names the zone: an id from another zone finds nothing.
struct EnterpriseRepository: Sendable {
    let db: any SQLDatabase

    /// Names of some enterprises of the zone, for lists that show a page of matches.
    func names(ids: [Int64], zoneID: Int64) async throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for start in stride(from: 0, to: ids.count, by: 1000) {
            let rows = try await db.select().columns("id", "name").from("enterprises").where("zone_id", .equal, zoneID)
                .where("id", .in, Array(ids[start..<min(start + 1000, ids.count)])).all()
            for row in rows {
                names[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        return names
    }

    func find(id: Int64, zoneID: Int64) async throws -> EnterpriseRow? {
        try await db.select().column("*").from("enterprises").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: EnterpriseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Looks a row up in any zone; only for callers that then check the zone through `Permissions`.
    func findAnyZone(id: Int64) async throws -> EnterpriseRow? {
        try await db.select().column("*").from("enterprises").where("id", .equal, id)
            .first(decoding: EnterpriseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func list(scope: ZoneScope, limit: Int, offset: Int, search: String = "") async throws -> [EnterpriseRow] {
        var q = db.select().column("*").from("enterprises")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        if !search.isEmpty {
            q = q.where { $0.where("name", .like, "%\(search)%").orWhere("uscc", .equal, search.uppercased()) }
        }
        return try await q.orderBy("name").orderBy("id").limit(limit).offset(offset)
            .all(decoding: EnterpriseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func list(zoneID: Int64, limit: Int, offset: Int) async throws -> [EnterpriseRow] {
        try await list(scope: .zone(zoneID), limit: limit, offset: offset)
    }

    func count(scope: ZoneScope, search: String = "") async throws -> Int {
        var q = db.select().from("enterprises")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        if !search.isEmpty {
            q = q.where { $0.where("name", .like, "%\(search)%").orWhere("uscc", .equal, search.uppercased()) }
        }
        return try await q.countRows()
    }

    func count(zoneID: Int64) async throws -> Int { try await count(scope: .zone(zoneID)) }

    func insert(zoneID: Int64, parkID: Int64?, name: String, uscc: String, at: Int64) async throws -> Int64 {
        try await db.insert(into: "enterprises").columns("zone_id", "park_id", "name", "uscc", "created_at")
            .values(SQLBind(zoneID), SQLBind(parkID), SQLBind(name), SQLBind(uscc), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func find(uscc: String, zoneID: Int64) async throws -> EnterpriseRow? {
        try await db.select().column("*").from("enterprises").where("uscc", .equal, uscc).where(
            "zone_id", .equal, zoneID
        )
        .first(decoding: EnterpriseRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func updateRegistry(id: Int64, row: EnterpriseCSV.Row) async throws {
        try await db.update("enterprises").set("name", to: row.name).set("park_id", to: row.parkID)
            .set("industry_code", to: row.industryCode).set("chain", to: row.chain).set(
                "founded_on", to: row.foundedOn?.description
            )
            .set("contact_name", to: row.contactName).set("contact_phone", to: row.contactPhone)
            .where("id", .equal, id).run()
        if let profile = row.profile {
            let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
            try await db.update("enterprises").set("profile_json", to: json).where("id", .equal, id).run()
        }
    }

    // Figures by year.

    func facts(enterpriseID: Int64) async throws -> [YearFacts] {
        try await db.select().column("facts_json").from("enterprise_facts").where("enterprise_id", .equal, enterpriseID)
            .orderBy("year").all(decodingColumn: "facts_json", as: String.self)
            .compactMap { try? JSONDecoder().decode(YearFacts.self, from: Data($0.utf8)) }
    }

    /// Every enterprise's figures in a zone, grouped by enterprise (for evaluation and export).
    func facts(zoneID: Int64) async throws -> [Int64: [YearFacts]] {
        struct FactRow: Decodable {
            var enterpriseId: Int64
            var factsJson: String
        }
        let rows = try await db.select().columns("enterprise_id", "facts_json").from("enterprise_facts").where(
            "zone_id", .equal, zoneID
        )
        .orderBy("enterprise_id").orderBy("year").all(
            decoding: FactRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var result: [Int64: [YearFacts]] = [:]
        let decoder = JSONDecoder()
        for row in rows {
            if let facts = try? decoder.decode(YearFacts.self, from: Data(row.factsJson.utf8)) {
                result[row.enterpriseId, default: []].append(facts)
            }
        }
        return result
    }

    func upsertFacts(enterpriseID: Int64, zoneID: Int64, facts: YearFacts, at: Int64) async throws {
        let json = String(decoding: try JSONEncoder().encode(facts), as: UTF8.self)
        try await db.insert(into: "enterprise_facts").columns(
            "enterprise_id", "zone_id", "year", "facts_json", "updated_at"
        )
        .values(SQLBind(enterpriseID), SQLBind(zoneID), SQLBind(facts.year), SQLBind(json), SQLBind(at))
        .onConflict(with: ["enterprise_id", "year"]) {
            $0.set(excludedValueOf: "facts_json").set(excludedValueOf: "updated_at")
        }
        .run()
    }

    // Certifications.

    func certifications(enterpriseID: Int64) async throws -> [CertificationRow] {
        try await db.select().column("*").from("certifications").where("enterprise_id", .equal, enterpriseID)
            .orderBy("certified_on", .descending).all(
                decoding: CertificationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func certifications(zoneID: Int64) async throws -> [CertificationRow] {
        try await db.select().column("*").from("certifications").where("zone_id", .equal, zoneID)
            .orderBy("enterprise_id").all(decoding: CertificationRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insertCertification(
        zoneID: Int64, enterpriseID: Int64, certification: Certification, number: String?, at: Int64
    ) async throws -> Int64 {
        try await db.insert(into: "certifications")
            .columns("zone_id", "enterprise_id", "kind", "certified_on", "expires_on", "certificate_no", "created_at")
            .values(
                SQLBind(zoneID), SQLBind(enterpriseID), SQLBind(certification.kind.rawValue),
                SQLBind(certification.certifiedOn.description),
                SQLBind(certification.expiresOn?.description), SQLBind(number), SQLBind(at)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }
}
