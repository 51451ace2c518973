import Foundation
import GaoxinCore
import SQLKit

/// Queries of the points scheme. Every query names its zone.
struct PointsRepository: Sendable {
    let db: any SQLDatabase

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    // MARK: - Items

    func items(zoneID: Int64) async throws -> [PointsItemRow] {
        try await db.select().column("*").from("points_items").where("zone_id", .equal, zoneID)
            .orderBy("position").orderBy("id").rows(PointsItemRow.self)
    }

    /// One page of the item list, in its order.
    func items(zoneID: Int64, _ pager: Pager) async throws -> Paged<PointsItemRow> {
        let rows = try await db.select().column("*").from("points_items").where("zone_id", .equal, zoneID)
            .orderBy("position").orderBy("id").page(pager)
            .rows(PointsItemRow.self)
        let total = try await db.select().from("points_items").where("zone_id", .equal, zoneID).countRows()
        return Paged(rows: rows, total: total, pager: pager)
    }

    /// How many items add points and how many take them away.
    func itemCounts(zoneID: Int64) async throws -> (positive: Int, negative: Int) {
        (
            try await db.select().from("points_items").where("zone_id", .equal, zoneID).where("points", .greaterThan, 0)
                .countRows(),
            try await db.select().from("points_items").where("zone_id", .equal, zoneID).where("points", .lessThan, 0)
                .countRows()
        )
    }

    func item(id: Int64, zoneID: Int64) async throws -> PointsItemRow? {
        try await db.select().column("*").from("points_items").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(PointsItemRow.self)
    }

    @discardableResult
    func insertItem(zoneID: Int64, _ item: PointsItem, position: Int) async throws -> Int64 {
        try await db.insert(into: "points_items")
            .columns("zone_id", "code", "name", "category", "points", "cap_points", "cap_per", "is_active", "position")
            .values(
                SQLBind(zoneID), SQLBind(item.id), SQLBind(item.name), SQLBind(item.category), SQLBind(item.points),
                SQLBind(item.cap?.maxPoints), SQLBind(item.cap?.per.rawValue), SQLBind(item.isActive), SQLBind(position)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func updateItem(id: Int64, zoneID: Int64, _ item: PointsItem) async throws {
        try await db.update("points_items").set("name", to: item.name).set("category", to: item.category).set(
            "points", to: item.points
        )
        .set("cap_points", to: item.cap?.maxPoints).set("cap_per", to: item.cap?.per.rawValue).set(
            "is_active", to: item.isActive
        )
        .where("id", .equal, id).where("zone_id", .equal, zoneID).run()
    }

    // MARK: - Entries

    func entries(zoneID: Int64) async throws -> [PointsEntryRow] {
        var q = db.select().from("points_entries")
        for c in PointsEntryRow.columns { q = q.column(c) }
        return try await q.where("zone_id", .equal, zoneID).orderBy("day").orderBy("id")
            .rows(PointsEntryRow.self)
    }

    func entry(id: Int64, zoneID: Int64) async throws -> PointsEntryRow? {
        var q = db.select().from("points_entries")
        for c in PointsEntryRow.columns { q = q.column(c) }
        return try await q.where("id", .equal, id).where("zone_id", .equal, zoneID)
            .row(PointsEntryRow.self)
    }

    /// One page of the declarations made from `from` to `to` (days, inclusive) in `gridIDs` (nil:
    /// every grid), by day.
    func declarations(zoneID: Int64, gridIDs: Set<Int64>?, from: Day, to: Day, _ pager: Pager) async throws
        -> Paged<PointsEntryRow>
    {
        if let gridIDs, gridIDs.isEmpty { return Paged(rows: [], total: 0, pager: pager) }
        func query() -> SQLSelectBuilder {
            var q = db.select().from("points_entries").where("zone_id", .equal, zoneID)
                .where("origin", .equal, PointsEntryOrigin.declaration.rawValue)
                .where("day", .greaterThanOrEqual, from.description).where("day", .lessThanOrEqual, to.description)
            if let gridIDs { q = q.where("grid_id", .in, Array(gridIDs)) }
            return q
        }
        var q = query()
        for c in PointsEntryRow.columns { q = q.column(c) }
        let rows = try await q.orderBy("day").orderBy("id").page(pager)
            .rows(PointsEntryRow.self)
        return Paged(rows: rows, total: try await query().countRows(), pager: pager)
    }

    func photo(entryID: Int64, zoneID: Int64) async throws -> Data? {
        struct Photo: Decodable { var photo: Data? }
        return try await db.select().column("photo").from("points_entries").where("id", .equal, entryID).where(
            "zone_id", .equal, zoneID
        )
        .first(decoding: Photo.self)?.photo
    }

    func insertEntry(zoneID: Int64, _ e: PointsEntry, gridID: Int64?, userID: Int64?, photo: MultipartForm.File?)
        async throws -> Int64
    {
        let id =
            try await db.insert(into: "points_entries")
            .columns(
                "zone_id", "subject", "grid_id", "item_code", "points", "day", "origin", "status", "evidence",
                "photo_name",
                "photo_type", "photo", "entered_by_user_id", "entered_by", "entered_at", "decisions_json",
                "corrections_json"
            )
            .values(
                SQLBind(zoneID), SQLBind(e.subject), SQLBind(gridID), SQLBind(e.itemID), SQLBind(e.points),
                SQLBind(e.day.description),
                SQLBind(e.origin.rawValue), SQLBind(e.status.rawValue), SQLBind(e.evidence), SQLBind(photo?.fileName),
                SQLBind(photo?.contentType), SQLBind(photo?.data), SQLBind(userID), SQLBind(e.enteredBy),
                SQLBind(e.enteredAt.unixSeconds()), SQLBind(Self.json(e.decisions)), SQLBind(Self.json(e.corrections))
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await addToBalances(zoneID: zoneID, subject: e.subject, day: e.day, e.status == .confirmed ? e.points : 0)
        if e.origin == .declaration { try await addToDeclarationDays(zoneID: zoneID, day: e.day, status: e.status, 1) }
        return id
    }

    /// Saves an entry's status, points and history after a decision or correction, and moves the
    /// subject's balances by what the change did to its confirmed points (and a declaration's day
    /// counts by its change of status).
    func updateEntry(zoneID: Int64, _ e: PointsEntry) async throws {
        guard let id = Int64(e.id), let before = try await entry(id: id, zoneID: zoneID) else { return }
        try await db.update("points_entries").set("status", to: e.status.rawValue).set("points", to: e.points)
            .set("decisions_json", to: Self.json(e.decisions)).set("corrections_json", to: Self.json(e.corrections))
            .where("id", .equal, id).where("zone_id", .equal, zoneID).run()
        let was = before.status == PointsEntryStatus.confirmed.rawValue ? before.points : 0
        try await addToBalances(
            zoneID: zoneID, subject: e.subject, day: e.day, (e.status == .confirmed ? e.points : 0) - was)
        if e.origin == .declaration, let old = PointsEntryStatus(rawValue: before.status), old != e.status {
            try await addToDeclarationDays(zoneID: zoneID, day: e.day, status: old, -1)
            try await addToDeclarationDays(zoneID: zoneID, day: e.day, status: e.status, 1)
        }
    }

    // MARK: - Publications and rewards

    func publications(zoneID: Int64) async throws -> [StoredPublication] {
        struct Row: Decodable {
            var publicationJson: String
            var namesJson: String
        }
        return try await db.select().column("publication_json").column("names_json").from("points_publications")
            .where("zone_id", .equal, zoneID).orderBy("month").orderBy("version")
            .rows(Row.self)
            .map {
                StoredPublication(
                    publication: try Self.decode(PointsPublication.self, $0.publicationJson),
                    names: try Self.decode([String: String].self, $0.namesJson))
            }
    }

    /// The latest version of each published month (month key → version), without the boards.
    func publishedMonths(zoneID: Int64) async throws -> [String: Int] {
        struct Row: Decodable {
            var month: String
            var version: Int
        }
        let rows = try await db.select().column("month")
            .column(SQLAlias(SQLFunction("MAX", args: SQLIdentifier("version")), as: SQLIdentifier("version")))
            .from("points_publications").where("zone_id", .equal, zoneID).groupBy("month").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.month, $0.version) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every version published for `month`, oldest first.
    func publications(zoneID: Int64, month: Period) async throws -> [StoredPublication] {
        struct Row: Decodable {
            var publicationJson: String
            var namesJson: String
        }
        return try await db.select().column("publication_json").column("names_json").from("points_publications")
            .where("zone_id", .equal, zoneID).where("month", .equal, month.key).orderBy("version")
            .rows(Row.self)
            .map {
                StoredPublication(
                    publication: try Self.decode(PointsPublication.self, $0.publicationJson),
                    names: try Self.decode([String: String].self, $0.namesJson))
            }
    }

    func insertPublication(zoneID: Int64, _ p: PointsPublication, names: [String: String]) async throws {
        try await db.insert(into: "points_publications")
            .columns("zone_id", "month", "version", "publication_json", "names_json", "published_at")
            .values(
                SQLBind(zoneID), SQLBind(p.month.key), SQLBind(p.version), SQLBind(Self.json(p)),
                SQLBind(Self.json(names)),
                SQLBind(p.publishedAt.unixSeconds())
            )
            .run()
    }

    func rewardRecords(zoneID: Int64) async throws -> [StoredRewardRecord] {
        struct Row: Decodable {
            var recordJson: String
            var prizesJson: String
            var namesJson: String
        }
        return try await db.select().column("record_json").column("prizes_json").column("names_json").from(
            "points_reward_records"
        )
        .where("zone_id", .equal, zoneID).orderBy("quarter")
        .rows(Row.self)
        .map {
            StoredRewardRecord(
                record: try Self.decode(PointsRewardRecord.self, $0.recordJson),
                prizes: try Self.decode([String: String].self, $0.prizesJson),
                names: try Self.decode([String: String].self, $0.namesJson))
        }
    }

    /// The quarter's recorded reward list, if it was recorded.
    func rewardRecord(zoneID: Int64, quarter: Period) async throws -> StoredRewardRecord? {
        struct Row: Decodable {
            var recordJson: String
            var prizesJson: String
            var namesJson: String
        }
        return try await db.select().column("record_json").column("prizes_json").column("names_json")
            .from("points_reward_records").where("zone_id", .equal, zoneID).where("quarter", .equal, quarter.key)
            .row(Row.self)
            .map {
                StoredRewardRecord(
                    record: try Self.decode(PointsRewardRecord.self, $0.recordJson),
                    prizes: try Self.decode([String: String].self, $0.prizesJson),
                    names: try Self.decode([String: String].self, $0.namesJson))
            }
    }

    func insertRewardRecord(zoneID: Int64, _ r: PointsRewardRecord, prizes: [String: String], names: [String: String])
        async throws
    {
        try await db.insert(into: "points_reward_records")
            .columns("zone_id", "quarter", "record_json", "prizes_json", "names_json", "recorded_at")
            .values(
                SQLBind(zoneID), SQLBind(r.quarter.key), SQLBind(Self.json(r)), SQLBind(Self.json(prizes)),
                SQLBind(Self.json(names)),
                SQLBind(r.recordedAt.unixSeconds())
            )
            .run()
    }

    func rewardTiers(zoneID: Int64) async throws -> [PointsRewardTierRow] {
        try await db.select().column("*").from("points_reward_tiers").where("zone_id", .equal, zoneID)
            .orderBy("minimum_points", .descending).rows(PointsRewardTierRow.self)
    }

    func replaceRewardTiers(zoneID: Int64, _ tiers: [(name: String, minimum: Int, prize: String)]) async throws {
        try await db.delete(from: "points_reward_tiers").where("zone_id", .equal, zoneID).run()
        for t in tiers {
            try await db.insert(into: "points_reward_tiers").columns("zone_id", "name", "minimum_points", "prize")
                .values(SQLBind(zoneID), SQLBind(t.name), SQLBind(t.minimum), SQLBind(t.prize)).run()
        }
    }

    // MARK: - Committee

    private func committeeQuery(zoneID: Int64) -> SQLSelectBuilder {
        db.select()
            .column(SQLColumn("id", table: "points_committee")).column(SQLColumn("zone_id", table: "points_committee"))
            .column(SQLColumn("user_id", table: "points_committee"))
            .column(SQLColumn("duty", table: "points_committee"))
            .column(SQLColumn("added_at", table: "points_committee")).column(SQLColumn("display_name", table: "users"))
            .column(SQLColumn("username", table: "users")).column(SQLColumn("role", table: "users"))
            .from("points_committee").join(
                "users", on: SQLColumn("user_id", table: "points_committee"), .equal, SQLColumn("id", table: "users")
            )
            .where(SQLColumn("zone_id", table: "points_committee"), .equal, SQLBind(zoneID))
    }

    /// Every member (the demo's check, and the committee's size).
    func committee(zoneID: Int64) async throws -> [PointsCommitteeRow] {
        try await committeeQuery(zoneID: zoneID).orderBy(SQLColumn("id", table: "points_committee"))
            .rows(PointsCommitteeRow.self)
    }

    /// One page of the committee's members, in the order they joined.
    func committee(zoneID: Int64, _ pager: Pager) async throws -> Paged<PointsCommitteeRow> {
        let rows = try await committeeQuery(zoneID: zoneID).orderBy(SQLColumn("id", table: "points_committee"))
            .page(pager).rows(PointsCommitteeRow.self)
        let total = try await db.select().from("points_committee").where("zone_id", .equal, zoneID).countRows()
        return Paged(rows: rows, total: total, pager: pager)
    }

    func member(id: Int64, zoneID: Int64) async throws -> PointsCommitteeRow? {
        try await committeeQuery(zoneID: zoneID).where(SQLColumn("id", table: "points_committee"), .equal, SQLBind(id))
            .row(PointsCommitteeRow.self)
    }

    func isMember(userID: Int64, zoneID: Int64) async throws -> Bool {
        try await db.select().column("id").from("points_committee").where("zone_id", .equal, zoneID).where(
            "user_id", .equal, userID
        )
        .first() != nil
    }

    func addMember(zoneID: Int64, userID: Int64, duty: String, at: Int64) async throws -> Int64 {
        try await db.insert(into: "points_committee").columns("zone_id", "user_id", "duty", "added_at")
            .values(SQLBind(zoneID), SQLBind(userID), SQLBind(duty), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func removeMember(id: Int64, zoneID: Int64) async throws {
        try await db.delete(from: "points_committee").where("id", .equal, id).where("zone_id", .equal, zoneID).run()
    }

    // MARK: - The ledger

    /// The zone's whole ledger: items, entries, publications and reward records. No request reads
    /// it (they read sums and the entries they show); tests compare the database's sums with it.
    func ledger(zoneID: Int64) async throws -> PointsLedger {
        try PointsLedger(
            items: try await items(zoneID: zoneID).map(\.item),
            entries: try await entries(zoneID: zoneID).map { try $0.entry() },
            publications: try await publications(zoneID: zoneID).map(\.publication),
            rewardRecords: try await rewardRecords(zoneID: zoneID).map(\.record))
    }
}
