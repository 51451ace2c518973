import Foundation
import GaoxinCore
import SQLKit

/// Enterprises of one zone. Every read names the zone: an id from another zone finds nothing.
package struct EnterpriseRepository: Sendable {
    let db: any SQLDatabase

    package init(db: any SQLDatabase) { self.db = db }

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
            .row(EnterpriseRow.self)
    }

    /// Looks a row up in any zone; only for callers that then check the zone through `Permissions`.
    /// Written out rather than built: every enterprise API request reads it (see
    /// `APITokenRepository.user(forSecret:)`).
    func findAnyZone(id: Int64) async throws -> EnterpriseRow? {
        try await db.raw("SELECT * FROM enterprises WHERE id = \(bind: id)").row(EnterpriseRow.self)
    }

    /// The registry's rows matching a search (name contains it, or the credit code is it).
    private func filtered(scope: ZoneScope, search: String) -> SQLSelectBuilder {
        var q = db.select().from("enterprises")
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        if !search.isEmpty {
            q = q.where { $0.where("name", .like, "%\(search)%").orWhere("uscc", .equal, search.uppercased()) }
        }
        return q
    }

    /// One page of the registry by name, with the search's total.
    func list(scope: ZoneScope, search: String = "", pager: Pager) async throws -> Paged<EnterpriseRow> {
        let total = try await filtered(scope: scope, search: search).countRows()
        let rows = try await filtered(scope: scope, search: search).column("*").orderBy("name").orderBy("id")
            .page(pager).rows(EnterpriseRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// The first enterprises of a zone by name (pickers and the demo).
    func list(zoneID: Int64, limit: Int, offset: Int) async throws -> [EnterpriseRow] {
        try await filtered(scope: .zone(zoneID), search: "").column("*").orderBy("name").orderBy("id").limit(limit)
            .offset(offset).rows(EnterpriseRow.self)
    }

    /// Every enterprise matching the search, for the CSV export (which streams the whole registry).
    func all(zoneID: Int64, search: String) async throws -> [EnterpriseRow] {
        try await filtered(scope: .zone(zoneID), search: search).column("*").orderBy("name").orderBy("id")
            .rows(EnterpriseRow.self)
    }

    /// The ids of a zone's enterprises (the demo's applications pick among them).
    package func ids(zoneID: Int64) async throws -> [Int64] {
        try await db.select().column("id").from("enterprises").where("zone_id", .equal, zoneID).orderBy("name")
            .orderBy("id").all(decodingColumn: "id", as: Int64.self)
    }

    func count(scope: ZoneScope, search: String = "") async throws -> Int {
        try await filtered(scope: scope, search: search).countRows()
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
        .row(EnterpriseRow.self)
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

    func setProfile(enterpriseID: Int64, _ profile: EnterpriseProfile) async throws {
        let json = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        try await db.update("enterprises").set("profile_json", to: json).where("id", .equal, enterpriseID).run()
    }

    // Figures by year.

    func facts(enterpriseID: Int64) async throws -> [YearFacts] {
        Self.yearFacts(
            stored: try await db.select().column("facts_json").from("enterprise_facts")
                .where("enterprise_id", .equal, enterpriseID).all(decodingColumn: "facts_json", as: String.self))
    }

    /// Stored `facts_json` texts as figures, by year (an unreadable one is left out).
    static func yearFacts(stored: [String]) -> [YearFacts] {
        let decoder = JSONDecoder()
        return stored.compactMap { try? decoder.decode(YearFacts.self, from: Data($0.utf8)) }.sorted {
            $0.year < $1.year
        }
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
        .orderBy("enterprise_id").orderBy("year").rows(FactRow.self)
        var result: [Int64: [YearFacts]] = [:]
        let decoder = JSONDecoder()
        for row in rows {
            if let facts = try? decoder.decode(YearFacts.self, from: Data(row.factsJson.utf8)) {
                result[row.enterpriseId, default: []].append(facts)
            }
        }
        return result
    }

    package func upsertFacts(enterpriseID: Int64, zoneID: Int64, facts: YearFacts, at: Int64) async throws {
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
            .orderBy("certified_on", .descending).rows(CertificationRow.self)
    }

    func certifications(zoneID: Int64) async throws -> [CertificationRow] {
        try await db.select().column("*").from("certifications").where("zone_id", .equal, zoneID)
            .orderBy("enterprise_id").rows(CertificationRow.self)
    }

    /// The certifications of some enterprises of the zone (a page of the list).
    func certifications(enterpriseIDs: [Int64], zoneID: Int64) async throws -> [CertificationRow] {
        guard !enterpriseIDs.isEmpty else { return [] }
        return try await db.select().column("*").from("certifications").where("zone_id", .equal, zoneID)
            .where("enterprise_id", .in, enterpriseIDs).orderBy("enterprise_id")
            .rows(CertificationRow.self)
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

    // MARK: - What rule records are built from (see `EnterpriseRecordInputs`)

    /// Registry fields of the zone's enterprises (or some of them), by id. These three reads run for
    /// every enterprise at each matching and ranking, so they go through `BulkRead`.
    func recordRegistry(zoneID: Int64, ids: [Int64]?) async throws -> [RecordRegistryRow] {
        var q = db.select().columns("id", "founded_on", "profile_json").from("enterprises").where(
            "zone_id", .equal, zoneID)
        if let ids { q = q.where("id", .in, ids) }
        let read = try await BulkRead(db: db).read(
            q, columns: [.init("id", .int), .init("founded_on", .text), .init("profile_json", .text)])
        let (id, founded, profile) = (read.ints(0), read.texts(1), read.texts(2))
        return (0..<read.count).map {
            RecordRegistryRow(enterpriseID: id[$0] ?? 0, profileJSON: profile[$0], foundedOn: founded[$0])
        }.sorted { $0.enterpriseID < $1.enterpriseID }
    }

    /// A zone's rows, or some enterprises' by `enterprise_id` alone: the caller keeps only the rows
    /// of the enterprises `recordRegistry` found in the zone. Naming the zone as well let SQLite
    /// (which has no statistics unless analysed) walk the zone's index, every row of a 10 000-
    /// enterprise zone to read one enterprise's: most of the enterprise page's database time.
    private static func ofZoneOrIDs(_ q: SQLSelectBuilder, zoneID: Int64, ids: [Int64]?) -> SQLSelectBuilder {
        if let ids { q.where("enterprise_id", .in, ids) } else { q.where("zone_id", .equal, zoneID) }
    }

    /// Every year's figures (as stored JSON) of the zone's enterprises (or some of them).
    func recordFacts(zoneID: Int64, ids: [Int64]?) async throws -> [(enterpriseID: Int64, json: String)] {
        let q = Self.ofZoneOrIDs(
            db.select().columns("enterprise_id", "facts_json").from("enterprise_facts"), zoneID: zoneID, ids: ids)
        let read = try await BulkRead(db: db).read(
            q, columns: [.init("enterprise_id", .int), .init("facts_json", .text)])
        return zip(read.ints(0), read.texts(1)).map { ($0 ?? 0, $1 ?? "") }
    }

    /// The certifications of the zone's enterprises (or some of them), only the columns rules read.
    func recordCertifications(zoneID: Int64, ids: [Int64]?) async throws -> [RecordCertificationRow] {
        let q = Self.ofZoneOrIDs(
            db.select().columns("enterprise_id", "kind", "certified_on", "expires_on").from("certifications"),
            zoneID: zoneID, ids: ids)
        let read = try await BulkRead(db: db).read(
            q,
            columns: [
                .init("enterprise_id", .int), .init("kind", .text), .init("certified_on", .text),
                .init("expires_on", .text),
            ])
        let (id, kind, certified, expires) = (read.ints(0), read.texts(1), read.texts(2), read.texts(3))
        return (0..<read.count).map {
            RecordCertificationRow(
                enterpriseID: id[$0] ?? 0, kind: kind[$0] ?? "", certifiedOn: certified[$0] ?? "",
                expiresOn: expires[$0])
        }
    }

    // MARK: - Bulk

    /// Writes enterprises with their figures and certifications in three statements (the benchmark's
    /// province-size zone); call inside a transaction.
    package func insertBulk(_ rows: [EnterpriseBulkRow], zoneID: Int64, at now: Int64) async throws {
        guard !rows.isEmpty else { return }
        var insert = db.insert(into: "enterprises").columns(
            "zone_id", "name", "uscc", "created_at", "founded_on", "profile_json")
        for r in rows {
            insert = insert.values(
                SQLBind(zoneID), SQLBind(r.name), SQLBind(r.uscc), SQLBind(now), SQLBind(r.foundedOn),
                SQLBind(r.profileJSON))
        }
        // RETURNING's row order is not promised: pair ids by their credit codes.
        var byCode: [String: Int64] = [:]
        for row in try await insert.returning("id", "uscc").all() {
            byCode[try row.decode(column: "uscc", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        var facts = db.insert(into: "enterprise_facts").columns(
            "enterprise_id", "zone_id", "year", "facts_json", "updated_at")
        var certifications = db.insert(into: "certifications").columns(
            "zone_id", "enterprise_id", "kind", "certified_on", "expires_on", "created_at")
        var anyFacts = false
        var anyCertification = false
        for r in rows {
            let id = byCode[r.uscc] ?? 0
            for year in r.years {
                facts = facts.values(
                    SQLBind(id), SQLBind(zoneID), SQLBind(year.year), SQLBind(year.factsJSON), SQLBind(now))
                anyFacts = true
            }
            for c in r.certifications {
                certifications = certifications.values(
                    SQLBind(zoneID), SQLBind(id), SQLBind(c.kind), SQLBind(c.certifiedOn), SQLBind(c.expiresOn),
                    SQLBind(now))
                anyCertification = true
            }
        }
        if anyFacts { try await facts.run() }
        if anyCertification { try await certifications.run() }
    }
}
