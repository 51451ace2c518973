import Foundation
import GaoxinCore
import SQLKit

/// One line of the zone's item list (正负积分事项清单), as stored.
struct PointsItemRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var code: String
    var name: String
    var category: String
    var points: Int
    var capPoints: Int?
    var capPer: String?
    var isActive: Bool
    var position: Int

    var item: PointsItem {
        let cap = capPoints.flatMap { max in
            capPer.flatMap(PeriodKind.init(rawValue:)).map { PointsCap(maxPoints: max, per: $0) }
        }
        return PointsItem(id: code, name: name, category: category, points: points, cap: cap, isActive: isActive)
    }
}

/// One points entry as stored; the photo bytes are read only by the photo route.
struct PointsEntryRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var subject: String
    var gridId: Int64?
    var itemCode: String
    var points: Int
    var day: String
    var origin: String
    var status: String
    var evidence: String
    var photoName: String?
    var photoType: String?
    var enteredByUserId: Int64?
    var enteredBy: String
    var enteredAt: Int64
    var decisionsJson: String
    var correctionsJson: String

    static let columns = [
        "id", "zone_id", "subject", "grid_id", "item_code", "points", "day", "origin", "status", "evidence",
        "photo_name", "photo_type", "entered_by_user_id", "entered_by", "entered_at", "decisions_json",
        "corrections_json",
    ]

    /// The ledger's view: the entry id is the row id as text.
    func entry() throws -> PointsEntry {
        let decoder = JSONDecoder()
        return PointsEntry(
            id: String(id), subject: subject, itemID: itemCode, points: points,
            day: Day(day) ?? Day(year: 2000, month: 1, day: 1)!,
            origin: PointsEntryOrigin(rawValue: origin) ?? .declaration,
            status: PointsEntryStatus(rawValue: status) ?? .pending,
            evidence: evidence, attachments: photoName.map { [$0] } ?? [], enteredBy: enteredBy,
            enteredAt: LocalMoment(unixSeconds: enteredAt),
            decisions: try decoder.decode([PointsDecision].self, from: Data(decisionsJson.utf8)),
            corrections: try decoder.decode([PointsCorrection].self, from: Data(correctionsJson.utf8)))
    }
}

/// A member of the points committee (积分管理小组) with their login.
struct PointsCommitteeRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var userId: Int64
    var duty: String
    var addedAt: Int64
    var displayName: String
    var username: String
    var role: String
}

/// A reward level with the prize handed out (奖励工作、生活用品).
struct PointsRewardTierRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var name: String
    var minimumPoints: Int
    var prize: String
}

/// A published month: the frozen board and the names it was published with.
struct StoredPublication: Sendable {
    let publication: PointsPublication
    let names: [String: String]
}

/// A recorded quarter: the frozen reward list with prizes and names.
struct StoredRewardRecord: Sendable {
    let record: PointsRewardRecord
    let prizes: [String: String]
    let names: [String: String]
}

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
            .orderBy("position").orderBy("id").all(
                decoding: PointsItemRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func item(id: Int64, zoneID: Int64) async throws -> PointsItemRow? {
        try await db.select().column("*").from("points_items").where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: PointsItemRow.self, keyDecodingStrategy: .convertFromSnakeCase)
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
            .all(decoding: PointsEntryRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func entry(id: Int64, zoneID: Int64) async throws -> PointsEntryRow? {
        var q = db.select().from("points_entries")
        for c in PointsEntryRow.columns { q = q.column(c) }
        return try await q.where("id", .equal, id).where("zone_id", .equal, zoneID)
            .first(decoding: PointsEntryRow.self, keyDecodingStrategy: .convertFromSnakeCase)
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
    }

    /// Saves an entry's status, points and history after a decision or correction.
    func updateEntry(zoneID: Int64, _ e: PointsEntry) async throws {
        guard let id = Int64(e.id) else { return }
        try await db.update("points_entries").set("status", to: e.status.rawValue).set("points", to: e.points)
            .set("decisions_json", to: Self.json(e.decisions)).set("corrections_json", to: Self.json(e.corrections))
            .where("id", .equal, id).where("zone_id", .equal, zoneID).run()
    }

    // MARK: - Publications and rewards

    func publications(zoneID: Int64) async throws -> [StoredPublication] {
        struct Row: Decodable {
            var publicationJson: String
            var namesJson: String
        }
        return try await db.select().column("publication_json").column("names_json").from("points_publications")
            .where("zone_id", .equal, zoneID).orderBy("month").orderBy("version")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
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
        .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
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
            .orderBy("minimum_points", .descending).all(
                decoding: PointsRewardTierRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func replaceRewardTiers(zoneID: Int64, _ tiers: [(name: String, minimum: Int, prize: String)]) async throws {
        try await db.delete(from: "points_reward_tiers").where("zone_id", .equal, zoneID).run()
        for t in tiers {
            try await db.insert(into: "points_reward_tiers").columns("zone_id", "name", "minimum_points", "prize")
                .values(SQLBind(zoneID), SQLBind(t.name), SQLBind(t.minimum), SQLBind(t.prize)).run()
        }
    }

    // MARK: - Committee

    func committee(zoneID: Int64) async throws -> [PointsCommitteeRow] {
        try await db.select()
            .column(SQLColumn("id", table: "points_committee")).column(SQLColumn("zone_id", table: "points_committee"))
            .column(SQLColumn("user_id", table: "points_committee")).column(
                SQLColumn("duty", table: "points_committee")
            )
            .column(SQLColumn("added_at", table: "points_committee")).column(SQLColumn("display_name", table: "users"))
            .column(SQLColumn("username", table: "users")).column(SQLColumn("role", table: "users"))
            .from("points_committee").join(
                "users", on: SQLColumn("user_id", table: "points_committee"), .equal, SQLColumn("id", table: "users")
            )
            .where(SQLColumn("zone_id", table: "points_committee"), .equal, SQLBind(zoneID))
            .orderBy(SQLColumn("id", table: "points_committee"))
            .all(decoding: PointsCommitteeRow.self, keyDecodingStrategy: .convertFromSnakeCase)
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

    /// The zone's whole ledger: items, entries, publications and reward records.
    func ledger(zoneID: Int64) async throws -> PointsLedger {
        try PointsLedger(
            items: try await items(zoneID: zoneID).map(\.item),
            entries: try await entries(zoneID: zoneID).map { try $0.entry() },
            publications: try await publications(zoneID: zoneID).map(\.publication),
            rewardRecords: try await rewardRecords(zoneID: zoneID).map(\.record))
    }
}

/// Who the ledger's subjects are: "person:ID" (a resident) or "household:ID" (a household).
struct PointsSubjects: Sendable {
    struct Person: Sendable {
        let id: Int64
        let name: String
        let householdID: Int64?
        let gridID: Int64?
    }
    struct Household: Sendable {
        let id: Int64
        let code: String
        let address: String
        let gridID: Int64
    }
    let persons: [Int64: Person]
    let households: [Int64: Household]

    static func person(_ id: Int64) -> String { "person:\(id)" }
    static func household(_ id: Int64) -> String { "household:\(id)" }

    static func parse(_ subject: String) -> (kind: String, id: Int64)? {
        let parts = subject.split(separator: ":")
        guard parts.count == 2, let id = Int64(parts[1]), parts[0] == "person" || parts[0] == "household" else {
            return nil
        }
        return (String(parts[0]), id)
    }

    /// The zone's residents (with their name from `persons`) and households.
    static func load(zoneID: Int64, db: any SQLDatabase) async throws -> PointsSubjects {
        struct P: Decodable {
            var id: Int64
            var name: String
            var householdId: Int64?
            var gridId: Int64?
        }
        let persons = try await db.select().column(SQLColumn("id", table: "persons")).column(
            SQLColumn("name", table: "persons")
        )
        .column(SQLColumn("household_id", table: "residents")).column(SQLColumn("grid_id", table: "residents"))
        .from("residents").join(
            "persons", on: SQLColumn("person_id", table: "residents"), .equal, SQLColumn("id", table: "persons")
        )
        .where(SQLColumn("zone_id", table: "residents"), .equal, SQLBind(zoneID))
        .orderBy(SQLColumn("id", table: "persons"))
        .all(decoding: P.self, keyDecodingStrategy: .convertFromSnakeCase)
        struct H: Decodable {
            var id: Int64
            var code: String
            var address: String
            var gridId: Int64
        }
        let households = try await db.select().column("id").column("code").column("address").column("grid_id").from(
            "households"
        )
        .where("zone_id", .equal, zoneID).orderBy("id").all(
            decoding: H.self, keyDecodingStrategy: .convertFromSnakeCase)
        return PointsSubjects(
            persons: Dictionary(
                uniqueKeysWithValues: persons.map {
                    ($0.id, Person(id: $0.id, name: $0.name, householdID: $0.householdId, gridID: $0.gridId))
                }),
            households: Dictionary(
                uniqueKeysWithValues: households.map {
                    ($0.id, Household(id: $0.id, code: $0.code, address: $0.address, gridID: $0.gridId))
                }))
    }

    func name(_ subject: String) -> String {
        guard let (kind, id) = Self.parse(subject) else { return subject }
        if kind == "person" { return persons[id]?.name ?? "居民 \(id)" }
        return households[id].map { "\($0.address)户" } ?? "户 \(id)"
    }

    func exists(_ subject: String) -> Bool {
        guard let (kind, id) = Self.parse(subject) else { return false }
        return kind == "person" ? persons[id] != nil : households[id] != nil
    }

    /// The persons a subject's record belongs to: the resident, or every resident of the household.
    func personIDs(_ subject: String) -> Set<Int64> {
        guard let (kind, id) = Self.parse(subject) else { return [] }
        if kind == "person" { return [id] }
        return Set(persons.values.filter { $0.householdID == id }.map(\.id))
    }

    func gridID(_ subject: String) -> Int64? {
        guard let (kind, id) = Self.parse(subject) else { return nil }
        return kind == "person"
            ? persons[id]?.gridID ?? persons[id]?.householdID.flatMap { households[$0]?.gridID }
            : households[id]?.gridID
    }

    /// A resident's own subjects: themselves, and their household when they have one.
    func own(personID: Int64?) -> [String] {
        guard let personID, let person = persons[personID] else { return [] }
        return [Self.person(personID)] + (person.householdID.map { [Self.household($0)] } ?? [])
    }

    func names(_ subjects: some Sequence<String>) -> [String: String] {
        Dictionary(Set(subjects).map { ($0, name($0)) }, uniquingKeysWith: { a, _ in a })
    }
}
