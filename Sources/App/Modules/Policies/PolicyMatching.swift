import Foundation
import GaoxinCore
import SQLKit

/// Matches a zone's enterprises against its items in force (`PolicyBatch`, all cores) and stores
/// the eligible pairs with their estimated amounts. Only the enterprises whose outcome changed are
/// looked at again (compared by digest), and of their stored pairs only those that moved are
/// written, so re-matching after one item changes writes only that item's pairs. Called inside the
/// caller's transaction when an item or document is saved, after an enterprise import or edit, and
/// by `gaoxin policies match`; the reasons for a pair are rendered on demand by `explain`.
package struct PolicyMatching {
    package struct Summary: Sendable, Equatable {
        package var items = 0
        package var enterprises = 0
        /// Eligible (enterprise, item) pairs after the run, within its scope.
        package var eligible = 0
        /// Enterprises whose outcome changed and were rewritten.
        package var changed = 0
    }

    /// Where a run spent its time, for the benchmark (the rest of the run is writing).
    package struct Timings: Sendable {
        package var read: Duration = .zero
        package var evaluate: Duration = .zero
    }

    let db: any SQLDatabase

    package init(db: any SQLDatabase) { self.db = db }

    /// Rematches the zone, or only some of its enterprises (after their figures changed). Every
    /// item in force is evaluated (cheap); what is written is only what changed. Items no longer
    /// in force drop out of the outcomes, so their pairs are removed in the same way.
    @discardableResult
    package func run(
        zoneID: Int64, enterpriseIDs: [Int64]? = nil, trigger: String, actor: CurrentUser?,
        today: Day = Clock.today, timings: TimingsBox? = nil
    ) async throws -> Summary {
        let clock = ContinuousClock()
        var started = clock.now
        // Two saves in one zone at once would each rewrite the same enterprises; on PostgreSQL the
        // second waits here for the first to commit, then sees its digests (SQLite has one writer).
        try await ZoneLock.matching.acquire(zoneID: zoneID, on: db)
        let batch = try await program(zoneID: zoneID, today: today)
        let inputs = try await EnterpriseRecordInputs(db: db).load(zoneID: zoneID, enterpriseIDs: enterpriseIDs)
        let stored = try await digests(zoneID: zoneID, enterpriseIDs: enterpriseIDs)
        timings?.value.read += clock.now - started

        started = clock.now
        let outcomes = batch.evaluate(inputs, today: today)
        let empty = PolicyBatch.digest([])
        // A missing digest means "eligible for nothing": such enterprises cost no write at all.
        let changed = outcomes.filter { (stored[$0.enterpriseID] ?? empty) != $0.digest }
        timings?.value.evaluate += clock.now - started

        let repo = PolicyRepository(db: db)
        let moved = Self.changes(
            stored: try await repo.storedMatches(enterpriseIDs: changed.map(\.enterpriseID)), outcomes: changed)
        try await repo.deleteMatches(moved.delete)
        try await repo.insertMatches(moved.insert, zoneID: zoneID, at: Clock.nowSeconds())
        try await repo.replaceDigests(changed, zoneID: zoneID)
        let eligible = outcomes.reduce(0) { (total: Int, o: PolicyBatch.Outcome) in total + o.eligible.count }
        let summary = Summary(
            items: batch.items.count, enterprises: inputs.count, eligible: eligible, changed: changed.count)
        try await repo.recordMatchRun(zoneID: zoneID, trigger: trigger, at: Clock.nowSeconds())
        try await AuditLog.record(
            zoneID: zoneID, actor: actor, entity: "policy_match", id: zoneID, action: "match",
            after: [
                "trigger": trigger, "items": "\(summary.items)", "enterprises": "\(summary.enterprises)",
                "eligible": "\(summary.eligible)", "changed": "\(summary.changed)",
            ] as [String: String],
            on: db)
        return summary
    }

    /// What turns the stored pairs of the changed enterprises into their outcomes: a pair that went,
    /// or whose amount or year moved, is deleted; a new or moved one is inserted; one that stayed
    /// is left alone, its `computed_at` too (as for the enterprises whose outcome did not change).
    /// When one item's rule changes, an enterprise gains or loses that one pair of the twenty or so
    /// it has, and rewriting them all cost most of the re-match.
    static func changes(stored: [StoredMatch], outcomes: [PolicyBatch.Outcome]) -> (
        delete: [(enterpriseID: Int64, itemID: Int64)], insert: [StoredMatch]
    ) {
        var before: [Int64: [Int64: StoredMatch]] = [:]
        for m in stored { before[m.enterpriseID, default: [:]][m.itemID] = m }
        var delete: [(enterpriseID: Int64, itemID: Int64)] = []
        var insert: [StoredMatch] = []
        for o in outcomes {
            var old = before.removeValue(forKey: o.enterpriseID) ?? [:]
            for e in o.eligible {
                // Stored as `BulkWrite.Cell` stores it: an amount that is not finite is NULL.
                let m = StoredMatch(
                    enterpriseID: o.enterpriseID, itemID: e.itemID, amount: e.amount.flatMap { $0.isFinite ? $0 : nil },
                    factsYear: o.factsYear)
                if old[e.itemID] == m {
                    old[e.itemID] = nil
                } else {
                    insert.append(m)
                }
            }
            // What is left went, or moved and is inserted again above.
            delete += old.keys.sorted().map { (o.enterpriseID, $0) }
        }
        return (delete, insert)
    }

    /// The zone's items in force whose stored rule compiles; one written outside the app's checks
    /// is left out rather than stopping every other item.
    private func itemsInForce(zoneID: Int64, today: Day) async throws -> [(row: PolicyItemRow, rule: JSONLogicRule)] {
        let repo = PolicyRepository(db: db)
        let inForce = Set(
            try await repo.policies(zoneID: zoneID).filter { $0.validity(on: today) == .inForce }.map(\.id))
        return try await repo.items(zoneID: zoneID).filter { inForce.contains($0.policyId) }.compactMap { row in
            row.rule.map { (row, $0) }
        }
    }

    /// The zone's items in force, compiled into one batch program.
    func program(zoneID: Int64, today: Day) async throws -> PolicyBatch {
        try PolicyBatch(
            items: try await itemsInForce(zoneID: zoneID, today: today).map {
                PolicyBatch.Item(id: $0.row.id, rule: $0.rule.source, benefit: $0.row.benefit)
            })
    }

    /// Why each item in force does or does not fit one enterprise, one sentence per condition.
    func explain(enterpriseID: Int64, zoneID: Int64, today: Day = Clock.today) async throws -> (
        outcomes: [Int64: PolicyMatcher.Outcome], factsYear: Int?
    ) {
        guard
            let input = try await EnterpriseRecordInputs(db: db).load(zoneID: zoneID, enterpriseIDs: [enterpriseID])
                .first
        else { return ([:], nil) }
        let items = try await itemsInForce(zoneID: zoneID, today: today).map {
            PolicyMatcher.Item(id: $0.row.id, rule: $0.rule, benefit: $0.row.benefit)
        }
        let (record, year) = PolicyBatch.record(input, today: today)
        let outcomes = PolicyMatcher().match(enterpriseID: enterpriseID, record: record, items: items)
        return (Dictionary(uniqueKeysWithValues: outcomes.map { ($0.itemID, $0) }), year)
    }

    /// Why one item fits each of some enterprises (the staff list shows a page of them at a time).
    func explain(item: PolicyItemRow, enterpriseIDs: [Int64], zoneID: Int64, today: Day = Clock.today) async throws
        -> [Int64: [String]]
    {
        guard let rule = item.rule else { return [:] }
        let matcher = PolicyMatcher()
        let matchItem = PolicyMatcher.Item(id: item.id, rule: rule, benefit: item.benefit)
        var reasons: [Int64: [String]] = [:]
        for input in try await EnterpriseRecordInputs(db: db).load(zoneID: zoneID, enterpriseIDs: enterpriseIDs) {
            let (record, _) = PolicyBatch.record(input, today: today)
            reasons[input.enterpriseID] =
                matcher.match(enterpriseID: input.enterpriseID, record: record, items: [matchItem]).first?.reasons
        }
        return reasons
    }

    /// Zones that have enterprises and items but were never matched (e.g. after an upgrade that
    /// reshaped the stored matches): the server matches them when it starts.
    static func unmatchedZones(db: any SQLDatabase) async throws -> [Int64] {
        try await PolicyRepository(db: db).unmatchedZones()
    }

    /// The stored digests, read by slices of enterprise ids.
    private func digests(zoneID: Int64, enterpriseIDs: [Int64]?) async throws -> [Int64: Int64] {
        var result: [Int64: Int64] = [:]
        for slice in EnterpriseRecordInputs.slices(enterpriseIDs) {
            result.merge(
                try await PolicyRepository(db: db).matchDigests(zoneID: zoneID, enterpriseIDs: slice),
                uniquingKeysWith: { _, new in new })
        }
        return result
    }
}

/// Lets the benchmark collect `PolicyMatching.Timings` from inside a transaction closure; one run
/// writes it at a time, and the benchmark reads it after the run.
package final class TimingsBox: @unchecked Sendable {
    package var value = PolicyMatching.Timings()

    package init() {}
}
