import Foundation
import GaoxinCore
import SQLKit

/// Policy documents, items, matches and notices. Zone-owned rows are read with their zone named
/// in the query, so an id from another zone finds nothing.
struct PolicyRepository: Sendable {
    let db: any SQLDatabase

    // MARK: - Documents

    func policies(zoneID: Int64) async throws -> [PolicyRow] {
        try await db.select().column("*").from("policies").where("zone_id", .equal, zoneID)
            .orderBy("effective_on", .descending).orderBy("id", .descending)
            .all(decoding: PolicyRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func policy(id: Int64, zoneID: Int64) async throws -> PolicyRow? {
        try await db.select().column("*").from("policies").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: PolicyRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Any zone's document; for the public pages, which then show it only when it is in force.
    func policyAnyZone(id: Int64) async throws -> PolicyRow? {
        try await db.select().column("*").from("policies").where("id", .equal, id)
            .first(decoding: PolicyRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Documents in force on `today` (published, effective, not expired), optionally of one zone and
    /// matching a search in their title, 文号, text or items.
    func inForce(scope: ZoneScope, today: Day, search: String = "") async throws -> [PolicyRow] {
        let day = today.description
        var q = db.select().column("*").from("policies")
            .where("status", .equal, PolicyStatus.published.rawValue)
            .where("effective_on", .lessThanOrEqual, day)
            .where { $0.where("expires_on", .is, SQLLiteral.null).orWhere("expires_on", .greaterThanOrEqual, day) }
        if case .zone(let id) = scope { q = q.where("zone_id", .equal, id) }
        if !search.isEmpty {
            let pattern = "%\(search)%"
            q = q.where {
                $0.where("title", .like, pattern).orWhere("doc_number", .like, pattern).orWhere(
                    "full_text", .like, pattern
                )
                .orWhere(
                    SQLColumn("id"), .in,
                    SQLSubquery.select { sub in
                        sub.column("policy_id").from("policy_items").where { w in
                            w.where("title", .like, pattern).orWhere("content", .like, pattern).orWhere(
                                "audience", .like, pattern)
                        }
                    })
            }
        }
        return try await q.orderBy("zone_id").orderBy("effective_on", .descending).orderBy("id", .descending)
            .all(decoding: PolicyRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func insert(_ p: PolicyRow) async throws -> Int64 {
        try await db.insert(into: "policies")
            .columns(
                "zone_id", "department_id", "title", "doc_number", "issued_on", "effective_on", "expires_on",
                "full_text", "status",
                "created_at", "updated_at"
            )
            .values(
                SQLBind(p.zoneId), SQLBind(p.departmentId), SQLBind(p.title), SQLBind(p.docNumber), SQLBind(p.issuedOn),
                SQLBind(p.effectiveOn), SQLBind(p.expiresOn), SQLBind(p.fullText), SQLBind(p.status),
                SQLBind(p.createdAt),
                SQLBind(p.updatedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func update(_ p: PolicyRow) async throws {
        try await db.update("policies")
            .set("department_id", to: p.departmentId).set("title", to: p.title).set("doc_number", to: p.docNumber)
            .set("issued_on", to: p.issuedOn).set("effective_on", to: p.effectiveOn).set("expires_on", to: p.expiresOn)
            .set("full_text", to: p.fullText).set("status", to: p.status).set("updated_at", to: p.updatedAt)
            .where("id", .equal, p.id).where("zone_id", .equal, p.zoneId).run()
    }

    // MARK: - Items

    func items(policyID: Int64) async throws -> [PolicyItemRow] {
        try await db.select().column("*").from("policy_items").where("policy_id", .equal, policyID)
            .orderBy("position").orderBy("id").all(
                decoding: PolicyItemRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func items(zoneID: Int64) async throws -> [PolicyItemRow] {
        try await db.select().column("*").from("policy_items").where("zone_id", .equal, zoneID)
            .orderBy("policy_id").orderBy("position").orderBy("id").all(
                decoding: PolicyItemRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func items(ids: [Int64]) async throws -> [PolicyItemRow] {
        guard !ids.isEmpty else { return [] }
        return try await db.select().column("*").from("policy_items").where("id", .in, ids)
            .orderBy("policy_id").orderBy("position").orderBy("id").all(
                decoding: PolicyItemRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func items(policyIDs: [Int64]) async throws -> [PolicyItemRow] {
        guard !policyIDs.isEmpty else { return [] }
        return try await db.select().column("*").from("policy_items").where("policy_id", .in, policyIDs)
            .orderBy("policy_id").orderBy("position").orderBy("id").all(
                decoding: PolicyItemRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func item(id: Int64) async throws -> PolicyItemRow? {
        try await db.select().column("*").from("policy_items").where("id", .equal, id)
            .first(decoding: PolicyItemRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func item(id: Int64, zoneID: Int64) async throws -> PolicyItemRow? {
        try await db.select().column("*").from("policy_items").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: PolicyItemRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func nextPosition(policyID: Int64) async throws -> Int {
        let max =
            try await db.select().column(SQLFunction("MAX", args: SQLColumn("position")), as: "n").from("policy_items")
            .where("policy_id", .equal, policyID).first(decodingColumn: "n", as: Int?.self) ?? nil
        return (max ?? 0) + 1
    }

    func insert(_ i: PolicyItemRow) async throws -> Int64 {
        try await db.insert(into: "policy_items")
            .columns(
                "zone_id", "policy_id", "position", "code", "title", "benefit_kind", "benefit_amount",
                "benefit_formula", "benefit_cap",
                "budget", "rule_json", "window_from", "window_to", "auto_grant", "content", "audience",
                "applicable_period",
                "conditions", "materials_json", "created_at", "updated_at"
            )
            .values(
                SQLBind(i.zoneId), SQLBind(i.policyId), SQLBind(i.position), SQLBind(i.code), SQLBind(i.title),
                SQLBind(i.benefitKind),
                SQLBind(i.benefitAmount), SQLBind(i.benefitFormula), SQLBind(i.benefitCap), SQLBind(i.budget),
                SQLBind(i.ruleJson),
                SQLBind(i.windowFrom), SQLBind(i.windowTo), SQLBind(i.autoGrant), SQLBind(i.content),
                SQLBind(i.audience),
                SQLBind(i.applicablePeriod), SQLBind(i.conditions), SQLBind(i.materialsJson), SQLBind(i.createdAt),
                SQLBind(i.updatedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func update(_ i: PolicyItemRow) async throws {
        try await db.update("policy_items")
            .set("code", to: i.code).set("title", to: i.title).set("benefit_kind", to: i.benefitKind)
            .set("benefit_amount", to: i.benefitAmount).set("benefit_formula", to: i.benefitFormula).set(
                "benefit_cap", to: i.benefitCap
            )
            .set("budget", to: i.budget).set("rule_json", to: i.ruleJson).set("window_from", to: i.windowFrom).set(
                "window_to", to: i.windowTo
            )
            .set("auto_grant", to: i.autoGrant).set("content", to: i.content).set("audience", to: i.audience)
            .set("applicable_period", to: i.applicablePeriod).set("conditions", to: i.conditions).set(
                "materials_json", to: i.materialsJson
            )
            .set("updated_at", to: i.updatedAt)
            .where("id", .equal, i.id).where("zone_id", .equal, i.zoneId).run()
    }

    // MARK: - Matches

    func matches(enterpriseID: Int64) async throws -> [PolicyMatchRow] {
        try await db.select().column("*").from("policy_matches").where("enterprise_id", .equal, enterpriseID)
            .orderBy("item_id").all(decoding: PolicyMatchRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func matches(itemID: Int64) async throws -> [PolicyMatchRow] {
        try await db.select().column("*").from("policy_matches").where("item_id", .equal, itemID)
            .orderBy("enterprise_id").all(decoding: PolicyMatchRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func matchCount(itemID: Int64) async throws -> Int {
        try await db.select().from("policy_matches").where("item_id", .equal, itemID).countRows()
    }

    func match(enterpriseID: Int64, itemID: Int64) async throws -> PolicyMatchRow? {
        try await db.select().column("*").from("policy_matches").where("enterprise_id", .equal, enterpriseID).where(
            "item_id", .equal, itemID
        )
        .first(decoding: PolicyMatchRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// How many enterprises each item of the zone matches.
    func eligibleCounts(zoneID: Int64) async throws -> [Int64: Int] {
        struct Count: Decodable {
            var itemId: Int64
            var n: Int
        }
        let rows = try await db.select().column("item_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("policy_matches")
            .where("zone_id", .equal, zoneID).groupBy("item_id")
            .all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.itemId, $0.n) })
    }

    // MARK: - Notices

    func insert(_ n: NoticeRow) async throws -> Int64 {
        try await db.insert(into: "notices")
            .columns("zone_id", "enterprise_id", "policy_item_id", "message", "created_at", "created_by", "read_at")
            .values(
                SQLBind(n.zoneId), SQLBind(n.enterpriseId), SQLBind(n.policyItemId), SQLBind(n.message),
                SQLBind(n.createdAt),
                SQLBind(n.createdBy), SQLBind(n.readAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func notices(enterpriseID: Int64, limit: Int = 200) async throws -> [NoticeRow] {
        try await db.select().column("*").from("notices").where("enterprise_id", .equal, enterpriseID)
            .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit)
            .all(decoding: NoticeRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func unreadCount(enterpriseID: Int64) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notices")
            .where("enterprise_id", .equal, enterpriseID).where("read_at", .is, SQLLiteral.null)
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Marks one notice (or, with nil, every notice) of the enterprise read; returns how many changed.
    func markRead(enterpriseID: Int64, noticeID: Int64?, at: Int64) async throws -> [Int64] {
        var q = db.select().column("id").from("notices").where("enterprise_id", .equal, enterpriseID).where(
            "read_at", .is, SQLLiteral.null)
        if let noticeID { q = q.where("id", .equal, noticeID) }
        let ids = try await q.all(decodingColumn: "id", as: Int64.self)
        guard !ids.isEmpty else { return [] }
        try await db.update("notices").set("read_at", to: at).where("id", .in, ids).run()
        return ids
    }

    /// When each enterprise was last notified about an item.
    func notified(itemID: Int64) async throws -> [Int64: Int64] {
        struct Last: Decodable {
            var enterpriseId: Int64
            var at: Int64
        }
        let rows = try await db.select().column("enterprise_id").column(
            SQLFunction("MAX", args: SQLColumn("created_at")), as: "at"
        )
        .from("notices").where("policy_item_id", .equal, itemID).groupBy("enterprise_id")
        .all(decoding: Last.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.enterpriseId, $0.at) })
    }
}
