import Foundation
import GaoxinCore
import SQLKit

/// One resident as lists and pages read it: the person (name, 身份证号, phone) with their
/// residence (grid, household, address).
struct ResidentRow: Codable, Sendable {
    var personId: Int64
    var zoneId: Int64
    var name: String
    var idNumber: String
    var phone: String?
    var address: String
    var gridId: Int64?
    var householdId: Int64?
    var isPartyMember: Bool
    var gridName: String?
    var gridCode: String?
    var householdCode: String?

    /// What every page but the resident's own shows: the first 6 and last 4 characters.
    var maskedIDNumber: String {
        (try? ResidentID(idNumber, today: Clock.today).masked)
            ?? String(idNumber.prefix(6)) + String(repeating: "*", count: max(0, idNumber.count - 10))
            + String(idNumber.suffix(4))
    }
}

/// The areas a person is registered in: the 村/社区 of their grid, and for 双登记 a second one.
enum Registration: String, Sendable {
    /// The 村/社区 the resident's grid belongs to.
    case primary
    /// A second 村/社区 (金昌's 村居融合: registered in a village and a community at once).
    case dual
}

struct HouseholdRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var gridId: Int64
    var code: String
    var address: String
}

/// A resident to save: the person's fields and the residence.
struct ResidentDraft: Sendable {
    var name: String
    var idNumber: String?
    var phone: String?
    var address: String
    var gridID: Int64
    var householdCode: String?
    var isPartyMember: Bool
    var primaryAreaID: Int64
    var dualAreaID: Int64?
}

struct ResidentFilter: Sendable {
    var zoneID: Int64
    var gridID: Int64?
    var search: String = ""
}

struct ResidentRepository: Sendable {
    let db: any SQLDatabase

    private func select(_ filter: ResidentFilter) -> SQLSelectBuilder {
        var q = db.select().from("residents")
            .join("persons", on: SQLColumn("id", table: "persons"), .equal, SQLColumn("person_id", table: "residents"))
            .join(
                "grids", method: SQLJoinMethod.left, on: SQLColumn("id", table: "grids"), .equal,
                SQLColumn("grid_id", table: "residents")
            )
            .join(
                "households", method: SQLJoinMethod.left, on: SQLColumn("id", table: "households"), .equal,
                SQLColumn("household_id", table: "residents")
            )
            .where(SQLColumn("zone_id", table: "residents"), .equal, SQLBind(filter.zoneID))
        if let grid = filter.gridID { q = q.where(SQLColumn("grid_id", table: "residents"), .equal, SQLBind(grid)) }
        if !filter.search.isEmpty {
            q = q.where(SQLColumn("name", table: "persons"), .like, SQLBind("%\(filter.search)%"))
        }
        return q
    }

    private func withColumns(_ q: SQLSelectBuilder) -> SQLSelectBuilder {
        q.column(SQLColumn("person_id", table: "residents")).column(SQLColumn("zone_id", table: "residents"))
            .column(SQLColumn("name", table: "persons")).column(SQLColumn("id_number", table: "persons"))
            .column(SQLColumn("phone", table: "persons")).column(SQLColumn("address", table: "residents"))
            .column(SQLColumn("grid_id", table: "residents")).column(SQLColumn("household_id", table: "residents"))
            .column(SQLColumn("is_party_member", table: "residents"))
            .column(SQLAlias(SQLColumn("name", table: "grids"), as: SQLIdentifier("grid_name")))
            .column(SQLAlias(SQLColumn("code", table: "grids"), as: SQLIdentifier("grid_code")))
            .column(SQLAlias(SQLColumn("code", table: "households"), as: SQLIdentifier("household_code")))
    }

    /// Each person once: `residents` has one row per person, so 双登记 never doubles a line.
    func count(_ filter: ResidentFilter) async throws -> Int {
        try await select(filter).countRows()
    }

    func list(_ filter: ResidentFilter, limit: Int, offset: Int) async throws -> [ResidentRow] {
        try await withColumns(select(filter)).orderBy(SQLColumn("name", table: "persons")).orderBy(
            SQLColumn("person_id", table: "residents")
        )
        .limit(limit).offset(offset).all(decoding: ResidentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func find(personID: Int64, zoneID: Int64) async throws -> ResidentRow? {
        try await withColumns(select(ResidentFilter(zoneID: zoneID)))
            .where(SQLColumn("person_id", table: "residents"), .equal, SQLBind(personID))
            .first(decoding: ResidentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The areas the person is registered in, with the kind of registration.
    func registrations(personID: Int64) async throws -> [(area: AreaRow, registration: String)] {
        let rows = try await db.select().column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("areas")))
            .column(SQLColumn("registration", table: "person_areas")).from("person_areas")
            .join("areas", on: SQLColumn("id", table: "areas"), .equal, SQLColumn("area_id", table: "person_areas"))
            .where(SQLColumn("person_id", table: "person_areas"), .equal, SQLBind(personID)).orderBy(
                SQLColumn("code", table: "areas")
            ).all()
        return try rows.map {
            (
                try $0.decode(model: AreaRow.self, keyDecodingStrategy: .convertFromSnakeCase),
                try $0.decode(column: "registration", as: String.self)
            )
        }
    }

    /// Which of these persons are registered in a second 村/社区 (双登记).
    func dualRegistered(personIDs: [Int64]) async throws -> Set<Int64> {
        guard !personIDs.isEmpty else { return [] }
        let rows = try await db.select().column("person_id").from("person_areas").where("person_id", .in, personIDs)
            .where("registration", .equal, Registration.dual.rawValue).all(decodingColumn: "person_id", as: Int64.self)
        return Set(rows)
    }

    func household(code: String, zoneID: Int64) async throws -> HouseholdRow? {
        try await db.select().column("*").from("households").where("zone_id", .equal, zoneID).where(
            "code", .equal, code
        )
        .first(decoding: HouseholdRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func personID(idNumber: String, zoneID: Int64) async throws -> Int64? {
        try await db.select().column("id").from("persons").where("zone_id", .equal, zoneID).where(
            "id_number", .equal, idNumber
        )
        .first(decodingColumn: "id", as: Int64.self)
    }

    /// Residents in each household of a grid, for the grid page.
    func households(gridID: Int64) async throws -> [HouseholdRow] {
        try await db.select().column("*").from("households").where("grid_id", .equal, gridID).orderBy("code")
            .all(decoding: HouseholdRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    // MARK: Writes (inside a transaction)

    /// The household by code in the draft's grid, created with the resident's address when new.
    private func householdID(_ draft: ResidentDraft, zoneID: Int64) async throws -> Int64? {
        guard let code = draft.householdCode else { return nil }
        if let existing = try await household(code: code, zoneID: zoneID) { return existing.id }
        return try await db.insert(into: "households").columns("zone_id", "grid_id", "code", "address")
            .values(SQLBind(zoneID), SQLBind(draft.gridID), SQLBind(code), SQLBind(draft.address))
            .returning("id").first(decodingColumn: "id", as: Int64.self)
    }

    func insert(_ draft: ResidentDraft, zoneID: Int64, at: Int64) async throws -> Int64 {
        let personID =
            try await db.insert(into: "persons").columns("zone_id", "name", "id_number", "phone", "created_at")
            .values(
                SQLBind(zoneID), SQLBind(draft.name), SQLBind(draft.idNumber ?? ""), SQLBind(draft.phone), SQLBind(at)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await insertResidence(personID: personID, draft, zoneID: zoneID)
        return personID
    }

    /// Makes a person (e.g. the demo resident with a login) a resident too.
    func insertResidence(personID: Int64, _ draft: ResidentDraft, zoneID: Int64) async throws {
        try await db.insert(into: "residents").columns(
            "person_id", "zone_id", "household_id", "grid_id", "address", "is_party_member"
        )
        .values(
            SQLBind(personID), SQLBind(zoneID), SQLBind(try await householdID(draft, zoneID: zoneID)),
            SQLBind(draft.gridID),
            SQLBind(draft.address), SQLBind(draft.isPartyMember)
        )
        .run()
        try await setRegistrations(personID: personID, draft)
    }

    func update(personID: Int64, _ draft: ResidentDraft, zoneID: Int64) async throws {
        var person = db.update("persons").set("name", to: draft.name).set("phone", to: SQLBind(draft.phone))
        if let idNumber = draft.idNumber { person = person.set("id_number", to: idNumber) }
        try await person.where("id", .equal, personID).where("zone_id", .equal, zoneID).run()
        try await db.update("residents").set("household_id", to: SQLBind(try await householdID(draft, zoneID: zoneID)))
            .set("grid_id", to: draft.gridID).set("address", to: draft.address).set(
                "is_party_member", to: draft.isPartyMember
            )
            .where("person_id", .equal, personID).where("zone_id", .equal, zoneID).run()
        try await setRegistrations(personID: personID, draft)
    }

    private func setRegistrations(personID: Int64, _ draft: ResidentDraft) async throws {
        try await db.delete(from: "person_areas").where("person_id", .equal, personID).run()
        var insert = db.insert(into: "person_areas").columns("person_id", "area_id", "registration")
            .values(SQLBind(personID), SQLBind(draft.primaryAreaID), SQLBind(Registration.primary.rawValue))
        if let dual = draft.dualAreaID, dual != draft.primaryAreaID {
            insert = insert.values(SQLBind(personID), SQLBind(dual), SQLBind(Registration.dual.rawValue))
        }
        try await insert.run()
    }
}
