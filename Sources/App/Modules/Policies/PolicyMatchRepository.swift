import Foundation
import GaoxinCore
import SQLKit

/// The stored matches (which enterprises each item fits, with the estimate), what `PolicyMatching`
/// keeps to rewrite only what moved (digests, runs), and the notices that tell enterprises.
extension PolicyRepository {
    // MARK: - Matches

    func matches(enterpriseID: Int64) async throws -> [PolicyMatchRow] {
        try await db.select().column("*").from("policy_matches").where("enterprise_id", .equal, enterpriseID)
            .orderBy("item_id").rows(PolicyMatchRow.self)
    }

    func matches(itemID: Int64) async throws -> [PolicyMatchRow] {
        try await db.select().column("*").from("policy_matches").where("item_id", .equal, itemID)
            .orderBy("enterprise_id").rows(PolicyMatchRow.self)
    }

    /// One page of the enterprises an item fits, by enterprise.
    func matches(itemID: Int64, pager: Pager) async throws -> Paged<PolicyMatchRow> {
        let rows = try await db.select().column("*").from("policy_matches").where("item_id", .equal, itemID)
            .orderBy("enterprise_id").page(pager)
            .rows(PolicyMatchRow.self)
        return Paged(rows: rows, total: try await matchCount(itemID: itemID), pager: pager)
    }

    /// The matches of an item among some enterprises.
    func matches(itemID: Int64, enterpriseIDs: [Int64]) async throws -> [PolicyMatchRow] {
        var found: [PolicyMatchRow] = []
        for slice in EnterpriseRecordInputs.slices(enterpriseIDs) {
            guard let slice, !slice.isEmpty else { continue }
            found += try await db.select().column("*").from("policy_matches").where("item_id", .equal, itemID)
                .where("enterprise_id", .in, slice).orderBy("enterprise_id")
                .rows(PolicyMatchRow.self)
        }
        return found
    }

    /// How many enterprises an item fits that were not paid under it yet (免申即享 still to confirm).
    func unpaidMatchCount(itemID: Int64) async throws -> Int {
        try await db.select().from("policy_matches").where("item_id", .equal, itemID)
            .where(
                SQLColumn("enterprise_id"), .notIn,
                SQLSubquery.select { paid in
                    paid.column("enterprise_id").from("payouts").where("item_id", .equal, itemID)
                        .where("enterprise_id", .isNot, SQLLiteral.null)
                }
            ).countRows()
    }

    func matchCount(itemID: Int64) async throws -> Int {
        try await db.select().from("policy_matches").where("item_id", .equal, itemID).countRows()
    }

    func match(enterpriseID: Int64, itemID: Int64) async throws -> PolicyMatchRow? {
        try await db.select().column("*").from("policy_matches").where("enterprise_id", .equal, enterpriseID).where(
            "item_id", .equal, itemID
        )
        .row(PolicyMatchRow.self)
    }

    /// How many enterprises each of some items matches.
    func eligibleCounts(itemIDs: [Int64]) async throws -> [Int64: Int] {
        guard !itemIDs.isEmpty else { return [:] }
        let rows = try await db.select().column("item_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("policy_matches").where("item_id", .in, itemIDs).groupBy("item_id").all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "item_id", as: Int64.self), try $0.decode(column: "n", as: Int.self))
            })
    }

    /// How many (enterprise, item) matches the items of each of some documents have.
    func eligibleCounts(policyIDs: [Int64]) async throws -> [Int64: Int] {
        guard !policyIDs.isEmpty else { return [:] }
        let rows = try await db.select().column(SQLColumn("policy_id", table: "i"))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLIdentifier("policy_matches"), as: SQLIdentifier("m")))
            .join(
                SQLAlias(SQLIdentifier("policy_items"), as: SQLIdentifier("i")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "i"), .equal, SQLColumn("item_id", table: "m")
            )
            .where(SQLColumn("policy_id", table: "i"), .in, SQLBind.group(policyIDs))
            .groupBy(SQLColumn("policy_id", table: "i")).all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "policy_id", as: Int64.self), try $0.decode(column: "n", as: Int.self))
            })
    }

    /// An enterprise's matches with items of policies in force on `today` whose window has not
    /// closed (what it can still apply for), largest estimate first, a page at a time.
    func openMatches(enterpriseID: Int64, zoneID: Int64, today: Day, pager: Pager) async throws -> Paged<
        PolicyMatchRow
    > {
        func filtered() -> SQLSelectBuilder {
            let day = today.description
            return db.select()
                .from(SQLAlias(SQLIdentifier("policy_matches"), as: SQLIdentifier("m")))
                .join(
                    SQLAlias(SQLIdentifier("policy_items"), as: SQLIdentifier("i")), method: SQLJoinMethod.inner,
                    on: SQLColumn("id", table: "i"), .equal, SQLColumn("item_id", table: "m")
                )
                .join(
                    SQLAlias(SQLIdentifier("policies"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                    on: SQLColumn("id", table: "p"), .equal, SQLColumn("policy_id", table: "i")
                )
                .where(SQLColumn("enterprise_id", table: "m"), .equal, SQLBind(enterpriseID))
                .where(SQLColumn("zone_id", table: "p"), .equal, SQLBind(zoneID))
                .where(SQLColumn("status", table: "p"), .equal, SQLBind(PolicyStatus.published.rawValue))
                .where(SQLColumn("effective_on", table: "p"), .lessThanOrEqual, SQLBind(day))
                .where {
                    $0.where(SQLColumn("expires_on", table: "p"), .is, SQLLiteral.null)
                        .orWhere(SQLColumn("expires_on", table: "p"), .greaterThanOrEqual, SQLBind(day))
                }
                .where {
                    $0.where(SQLColumn("window_to", table: "i"), .is, SQLLiteral.null)
                        .orWhere(SQLColumn("window_to", table: "i"), .greaterThanOrEqual, SQLBind(day))
                }
        }
        let total = try await filtered().countRows()
        let rows = try await filtered().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("m")))
            .orderBy(
                SQLFunction("COALESCE", args: SQLColumn("estimated_amount", table: "m"), SQLLiteral.numeric("0")),
                SQLDirection.descending
            )
            .orderBy(SQLColumn("item_id", table: "m")).page(pager)
            .rows(PolicyMatchRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    // MARK: - The enterprises to reach

    /// The matches of an item whose enterprise has not applied for it (an application not
    /// rejected) nor been paid under it (免申即享 included): the eligible list, and whom to notify.
    private func reachable(itemID: Int64) -> SQLSelectBuilder {
        db.select().from("policy_matches").where("item_id", .equal, itemID)
            .where(
                SQLColumn("enterprise_id"), .notIn,
                SQLSubquery.select { applied in
                    applied.column("enterprise_id").from("applications").where("item_id", .equal, itemID)
                        .where("state", .notEqual, ApplicationState.rejected.rawValue)
                }
            )
            .where(
                SQLColumn("enterprise_id"), .notIn,
                SQLSubquery.select { paid in
                    paid.column("enterprise_id").from("payouts").where("item_id", .equal, itemID)
                        .where("enterprise_id", .isNot, SQLLiteral.null)
                })
    }

    /// One page of the enterprises to reach, largest estimate first.
    func reachable(itemID: Int64, pager: Pager) async throws -> Paged<PolicyMatchRow> {
        let total = try await reachable(itemID: itemID).countRows()
        let rows = try await reachable(itemID: itemID).column("*")
            .orderBy(
                SQLFunction("COALESCE", args: SQLColumn("estimated_amount"), SQLLiteral.numeric("0")),
                SQLDirection.descending
            )
            .orderBy("enterprise_id").page(pager)
            .rows(PolicyMatchRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// The estimates' sum (万元) over every enterprise to reach, and how many of them were not told yet.
    func reachableTotals(itemID: Int64) async throws -> (amount: Double, unnotified: Int) {
        let amount =
            try await reachable(itemID: itemID)
            .column(SQLFunction("SUM", args: SQLColumn("estimated_amount")), as: "total").first()
            .flatMap { try $0.decodeNil(column: "total") ? nil : try $0.decode(column: "total", as: Double.self) } ?? 0
        let unnotified = try await reachable(itemID: itemID).where(
            SQLColumn("enterprise_id"), .notIn, notifiedEnterprises(itemID: itemID)
        ).countRows()
        return (amount, unnotified)
    }

    /// Every enterprise to reach not told yet, by id (notify all).
    func unnotifiedReachable(itemID: Int64) async throws -> [PolicyMatchRow] {
        try await reachable(itemID: itemID).column("*")
            .where(SQLColumn("enterprise_id"), .notIn, notifiedEnterprises(itemID: itemID)).orderBy("enterprise_id")
            .rows(PolicyMatchRow.self)
    }

    private func notifiedEnterprises(itemID: Int64) -> some SQLExpression {
        SQLSubquery.select { told in
            told.column("enterprise_id").from("notices").where("policy_item_id", .equal, itemID)
        }
    }

    // MARK: - Matching runs

    /// The outcome digest stored per enterprise of the zone (or of some of its enterprises).
    func matchDigests(zoneID: Int64, enterpriseIDs: [Int64]?) async throws -> [Int64: Int64] {
        var q = db.select().column("enterprise_id").column("digest").from("policy_match_digests").where(
            "zone_id", .equal, zoneID)
        if let enterpriseIDs { q = q.where("enterprise_id", .in, enterpriseIDs) }
        let read = try await BulkRead(db: db).read(q, columns: [.init("enterprise_id", .int), .init("digest", .int)])
        var result: [Int64: Int64] = [:]
        result.reserveCapacity(read.count)
        for (id, digest) in zip(read.ints(0), read.ints(1)) { result[id ?? 0] = digest ?? 0 }
        return result
    }

    /// The stored pairs of some enterprises, what a re-match compares its outcomes with.
    func storedMatches(enterpriseIDs: [Int64]) async throws -> [StoredMatch] {
        var found: [StoredMatch] = []
        for slice in EnterpriseRecordInputs.slices(enterpriseIDs) {
            guard let slice, !slice.isEmpty else { continue }
            let read = try await BulkRead(db: db).read(
                db.select().columns("enterprise_id", "item_id", "estimated_amount", "facts_year")
                    .from("policy_matches").where("enterprise_id", .in, slice),
                columns: [
                    .init("enterprise_id", .int), .init("item_id", .int), .init("estimated_amount", .double),
                    .init("facts_year", .int),
                ])
            let (enterprise, item, amount, year) = (read.ints(0), read.ints(1), read.doubles(2), read.ints(3))
            found += (0..<read.count).map {
                StoredMatch(
                    enterpriseID: enterprise[$0] ?? 0, itemID: item[$0] ?? 0, amount: amount[$0],
                    factsYear: year[$0].map { Int($0) })
            }
        }
        return found
    }

    /// Deletes some (enterprise, item) pairs, in bulk.
    func deleteMatches(_ pairs: [(enterpriseID: Int64, itemID: Int64)]) async throws {
        try await BulkWrite(db: db).delete(
            from: "policy_matches",
            keys: [
                .init(name: "enterprise_id", postgresType: "bigint"), .init(name: "item_id", postgresType: "bigint"),
            ],
            rows: pairs.map { [.int($0.enterpriseID), .int($0.itemID)] })
    }

    /// Inserts pairs, in bulk. Into an empty table (the first zone's first match, two million pairs
    /// at 100 000 enterprises × 300 items) the item index is dropped and built after the rows:
    /// keeping it up row by row cost about half the insert on PostgreSQL, building it after a
    /// second. Only into an empty table, because until the transaction ends the dropped index
    /// locks the table for everyone (other zones' pages would wait) and the rebuild reads all of it.
    func insertMatches(_ matches: [StoredMatch], zoneID: Int64, at now: Int64) async throws {
        let rebuild =
            matches.count >= 100_000
            ? try await db.select().column("item_id").from("policy_matches").limit(1).first() == nil : false
        if rebuild { try await db.raw("DROP INDEX policy_matches_item").run() }
        try await BulkWrite(db: db).insert(
            into: "policy_matches",
            columns: [
                .init(name: "zone_id", postgresType: "bigint"), .init(name: "enterprise_id", postgresType: "bigint"),
                .init(name: "item_id", postgresType: "bigint"),
                .init(name: "estimated_amount", postgresType: "double precision"),
                .init(name: "facts_year", postgresType: "integer"), .init(name: "computed_at", postgresType: "bigint"),
            ],
            rows: matches.map { m in
                [
                    .int(zoneID), .int(m.enterpriseID), .int(m.itemID), BulkWrite.Cell(m.amount),
                    BulkWrite.Cell(m.factsYear), .int(now),
                ]
            })
        guard rebuild else { return }
        try await db.raw("CREATE INDEX policy_matches_item ON policy_matches (item_id)").run()
        // PostgreSQL plans from statistics, which a table filled in one transaction lacks until
        // autovacuum comes by: without them the next re-match read the pairs of 1000 enterprises by
        // a sequential scan of all two million (170 ms a query, 7 ms with them).
        if db.dialect.name == "postgresql" { try await db.raw("ANALYZE policy_matches").run() }
    }

    /// Replaces the digests of the changed enterprises (deleted by slices of ids, inserted in bulk;
    /// none is kept for an enterprise eligible for nothing).
    func replaceDigests(_ changed: [PolicyBatch.Outcome], zoneID: Int64) async throws {
        for slice in EnterpriseRecordInputs.slices(changed.map(\.enterpriseID)) {
            guard let slice else { continue }
            try await db.delete(from: "policy_match_digests").where("enterprise_id", .in, slice).run()
        }
        let empty = PolicyBatch.digest([])
        try await BulkWrite(db: db).insert(
            into: "policy_match_digests",
            columns: [
                .init(name: "enterprise_id", postgresType: "bigint"), .init(name: "zone_id", postgresType: "bigint"),
                .init(name: "digest", postgresType: "bigint"),
            ],
            rows: changed.filter { $0.digest != empty }.map { o in [.int(o.enterpriseID), .int(zoneID), .int(o.digest)]
            })
    }

    /// The zone has been matched (the server's start-up catch-up looks for zones that have not).
    func recordMatchRun(zoneID: Int64, trigger: String, at now: Int64) async throws {
        try await db.delete(from: "policy_match_runs").where("zone_id", .equal, zoneID).run()
        try await db.insert(into: "policy_match_runs").columns("zone_id", "ran_at", "trigger_text")
            .values(SQLBind(zoneID), SQLBind(now), SQLBind(trigger)).run()
    }

    /// Zones that have items but were never matched.
    func unmatchedZones() async throws -> [Int64] {
        let withItems = try await db.select().distinct().column("zone_id").from("policy_items").all(
            decodingColumn: "zone_id", as: Int64.self)
        let matched = Set(
            try await db.select().column("zone_id").from("policy_match_runs").all(
                decodingColumn: "zone_id", as: Int64.self))
        return withItems.filter { !matched.contains($0) }.sorted()
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
            .rows(NoticeRow.self)
    }

    /// One page of an enterprise's notices, latest first.
    func notices(enterpriseID: Int64, pager: Pager) async throws -> Paged<NoticeRow> {
        let total = try await db.select().from("notices").where("enterprise_id", .equal, enterpriseID).countRows()
        let rows = try await db.select().column("*").from("notices").where("enterprise_id", .equal, enterpriseID)
            .orderBy("created_at", .descending).orderBy("id", .descending).page(pager)
            .rows(NoticeRow.self)
        return Paged(rows: rows, total: total, pager: pager)
    }

    func unreadCount(enterpriseID: Int64) async throws -> Int {
        try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("notices")
            .where("enterprise_id", .equal, enterpriseID).where("read_at", .is, SQLLiteral.null)
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Marks one notice (or, with nil, every notice) of the enterprise read; returns the ids changed.
    func markRead(enterpriseID: Int64, noticeID: Int64?, at: Int64) async throws -> [Int64] {
        var q = db.select().column("id").from("notices").where("enterprise_id", .equal, enterpriseID).where(
            "read_at", .is, SQLLiteral.null)
        if let noticeID { q = q.where("id", .equal, noticeID) }
        let ids = try await q.all(decodingColumn: "id", as: Int64.self)
        guard !ids.isEmpty else { return [] }
        try await db.update("notices").set("read_at", to: at).where("id", .in, ids).run()
        return ids
    }

    /// When each enterprise was last notified about an item (or each of some enterprises).
    func notified(itemID: Int64, enterpriseIDs: [Int64]? = nil) async throws -> [Int64: Int64] {
        if enterpriseIDs?.isEmpty == true { return [:] }
        var q = db.select().column("enterprise_id").column(SQLFunction("MAX", args: SQLColumn("created_at")), as: "at")
            .from("notices").where("policy_item_id", .equal, itemID)
        if let enterpriseIDs { q = q.where("enterprise_id", .in, enterpriseIDs) }
        let rows = try await q.groupBy("enterprise_id").all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "enterprise_id", as: Int64.self), try $0.decode(column: "at", as: Int64.self))
            })
    }
}
