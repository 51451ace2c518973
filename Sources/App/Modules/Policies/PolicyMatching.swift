import Foundation
import GaoxinCore
import SQLKit

/// Runs `PolicyMatcher` over a zone's enterprises and its items in force and stores the outcomes
/// (every pair, eligible or not, with its reasons). Each enterprise is read as of its latest year
/// with figures and with the certifications valid today. Called inside the caller's transaction
/// when an item or document is saved and after an enterprise import, and by `gaoxin policies match`.
struct PolicyMatching {
    struct Summary: Sendable, Equatable {
        var items = 0
        var enterprises = 0
        var eligible = 0
    }

    let db: any SQLDatabase

    /// Rematches the zone, or only some items or enterprises of it. Matches of items no longer in
    /// force are removed with the rest of the scope and not written again.
    @discardableResult
    func run(zoneID: Int64, itemIDs: [Int64]? = nil, enterpriseIDs: [Int64]? = nil, trigger: String, actor: CurrentUser?,
             today: Day = Clock.today) async throws -> Summary {
        let repo = PolicyRepository(db: db)
        let inForce = Set(try await repo.policies(zoneID: zoneID).filter { $0.validity(on: today) == .inForce }.map(\.id))
        var items = try await repo.items(zoneID: zoneID)
        if let itemIDs { let wanted = Set(itemIDs); items = items.filter { wanted.contains($0.id) } }
        let matchable = items.filter { inForce.contains($0.policyId) }.compactMap { row in
            row.rule.map { PolicyMatcher.Item(id: row.id, rule: $0, benefit: row.benefit) }
        }
        let enterprises = EnterpriseRepository(db: db)
        var rows = try await enterprises.list(zoneID: zoneID, limit: 1_000_000, offset: 0)
        if let enterpriseIDs { let wanted = Set(enterpriseIDs); rows = rows.filter { wanted.contains($0.id) } }
        // Nothing to add and nothing stored to clear: skip reading every enterprise's figures.
        if matchable.isEmpty, try await !hasMatches(zoneID: zoneID) { return Summary(enterprises: rows.count) }

        let facts = try await enterprises.facts(zoneID: zoneID)
        let certifications = Dictionary(grouping: try await enterprises.certifications(zoneID: zoneID), by: \.enterpriseId)
        let matcher = PolicyMatcher()
        let now = Clock.nowSeconds()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var out: [PolicyMatchRow] = []
        var summary = Summary(items: matchable.count, enterprises: rows.count)
        for enterprise in rows where !matchable.isEmpty {
            let years = facts[enterprise.id] ?? []
            let year = years.map(\.year).max() ?? today.year - 1
            let valid = Set((certifications[enterprise.id] ?? []).compactMap(\.certification).filter { $0.isValid(on: today) }.map(\.kind.rawValue))
            let record = EnterpriseRecord.build(profile: enterprise.profile, years: years, year: year, today: today, certifications: valid)
            for outcome in matcher.match(enterpriseID: enterprise.id, record: record, items: matchable) {
                if outcome.eligible { summary.eligible += 1 }
                out.append(PolicyMatchRow(
                    zoneId: zoneID, enterpriseId: enterprise.id, itemId: outcome.itemID, eligible: outcome.eligible,
                    estimatedAmount: outcome.estimatedAmount, reasonsJson: String(decoding: try encoder.encode(outcome.reasons), as: UTF8.self),
                    factsYear: years.isEmpty ? nil : year, computedAt: now))
            }
        }
        try await repo.replaceMatches(zoneID: zoneID, itemIDs: itemIDs, enterpriseIDs: enterpriseIDs.map { _ in rows.map(\.id) }, with: out)
        try await AuditLog.record(
            zoneID: zoneID, actor: actor, entity: "policy_match", id: zoneID, action: "match",
            after: ["trigger": trigger, "items": String(summary.items), "enterprises": String(summary.enterprises), "eligible": String(summary.eligible)],
            on: db)
        return summary
    }

    private func hasMatches(zoneID: Int64) async throws -> Bool {
        try await db.select().column("item_id").from("policy_matches").where("zone_id", .equal, zoneID).limit(1).first() != nil
    }
}
