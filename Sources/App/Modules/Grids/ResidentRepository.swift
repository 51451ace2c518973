import Foundation
import GaoxinCore
import SQLKit

/// Reads and writes residents (persons with their residence), households and the areas a person
/// is registered in. Other modules read residents through `ResidentDirectory`, which asks here.
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

    /// One page of residents by name.
    func list(_ filter: ResidentFilter, _ pager: Pager) async throws -> Paged<ResidentRow> {
        let rows = try await withColumns(select(filter)).orderBy(SQLColumn("name", table: "persons")).orderBy(
            SQLColumn("person_id", table: "residents")
        )
        .page(pager).rows(ResidentRow.self)
        return Paged(rows: rows, total: try await count(filter), pager: pager)
    }

    func find(personID: Int64, zoneID: Int64) async throws -> ResidentRow? {
        try await withColumns(select(ResidentFilter(zoneID: zoneID)))
            .where(SQLColumn("person_id", table: "residents"), .equal, SQLBind(personID))
            .row(ResidentRow.self)
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
                try $0.decodeColumns(AreaRow.self),
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
        .row(HouseholdRow.self)
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
            .rows(HouseholdRow.self)
    }

    // MARK: The directory (what other modules read)

    /// The zone's residents with their name, household and grid: the directory's one select.
    private func directory(zoneID: Int64) -> SQLSelectBuilder {
        db.select().column(SQLColumn("id", table: "persons")).column(SQLColumn("name", table: "persons"))
            .column(SQLColumn("household_id", table: "residents")).column(SQLColumn("grid_id", table: "residents"))
            .from("residents")
            .join("persons", on: SQLColumn("person_id", table: "residents"), .equal, SQLColumn("id", table: "persons"))
            .where(SQLColumn("zone_id", table: "residents"), .equal, SQLBind(zoneID))
    }

    /// The zone's residents with their name, household and grid, by person id.
    func directoryResidents(zoneID: Int64) async throws -> [ResidentDirectory.Resident] {
        try await directory(zoneID: zoneID).orderBy(SQLColumn("id", table: "persons"))
            .rows(ResidentDirectory.Resident.self)
    }

    /// The named residents of the zone (by person id, household or grid), a thousand ids a query.
    func directoryResidents(
        zoneID: Int64, personIDs: [Int64] = [], householdIDs: [Int64] = [], gridIDs: [Int64] = []
    ) async throws -> [ResidentDirectory.Resident] {
        var found: [ResidentDirectory.Resident] = []
        for (column, ids) in [("person_id", personIDs), ("household_id", householdIDs), ("grid_id", gridIDs)] {
            for start in stride(from: 0, to: ids.count, by: 1000) {
                found += try await directory(zoneID: zoneID)
                    .where(
                        SQLColumn(column, table: "residents"), .in,
                        SQLBind.group(Array(ids[start..<min(start + 1000, ids.count)]))
                    )
                    .rows(ResidentDirectory.Resident.self)
            }
        }
        return found
    }

    /// Up to `limit` residents of the zone whose name contains `name` (every one when it is empty),
    /// within `gridIDs` when given, by person id: a form's choice among a zone of any size.
    func directorySearch(zoneID: Int64, name: String, gridIDs: [Int64]?, limit: Int) async throws
        -> [ResidentDirectory.Resident]
    {
        var q = directory(zoneID: zoneID)
        if let gridIDs {
            if gridIDs.isEmpty { return [] }  // no grids, no residents (and no `IN ()`, which PostgreSQL refuses)
            q = q.where(SQLColumn("grid_id", table: "residents"), .in, SQLBind.group(Array(gridIDs.prefix(1000))))
        }
        let words = name.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
        if !words.isEmpty { q = q.where(SQLColumn("name", table: "persons"), .like, SQLBind("%\(words)%")) }
        return try await q.orderBy(SQLColumn("id", table: "persons")).limit(limit).rows(ResidentDirectory.Resident.self)
    }

    /// The named households of the zone, a thousand ids a query.
    func directoryHouseholds(zoneID: Int64, ids: [Int64]) async throws -> [ResidentDirectory.Household] {
        var found: [ResidentDirectory.Household] = []
        for start in stride(from: 0, to: ids.count, by: 1000) {
            found += try await db.select().column("id").column("code").column("address").column("grid_id")
                .from("households").where("zone_id", .equal, zoneID)
                .where("id", .in, Array(ids[start..<min(start + 1000, ids.count)]))
                .rows(ResidentDirectory.Household.self)
        }
        return found
    }

    /// The zone's households, by id.
    func directoryHouseholds(zoneID: Int64) async throws -> [ResidentDirectory.Household] {
        try await db.select().column("id").column("code").column("address").column("grid_id").from("households")
            .where("zone_id", .equal, zoneID).orderBy("id")
            .rows(ResidentDirectory.Household.self)
    }

    /// A person's name as registered.
    func personName(id: Int64) async throws -> String? {
        try await db.select().column("name").from("persons").where("id", .equal, id)
            .first(decodingColumn: "name", as: String.self)
    }

    /// Whether the person has a residence (a `residents` row).
    func isResident(personID: Int64) async throws -> Bool {
        try await db.select().column("person_id").from("residents").where("person_id", .equal, personID).first() != nil
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
        let personID = try await insertPerson(
            zoneID: zoneID, name: draft.name, idNumber: draft.idNumber ?? "", phone: draft.phone, at: at)
        try await insertResidence(personID: personID, draft, zoneID: zoneID)
        return personID
    }

    /// A person of the zone (the register behind residents and resident logins).
    func insertPerson(zoneID: Int64, name: String, idNumber: String, phone: String?, at: Int64) async throws -> Int64 {
        try await db.insert(into: "persons").columns("zone_id", "name", "id_number", "phone", "created_at")
            .values(SQLBind(zoneID), SQLBind(name), SQLBind(idNumber), SQLBind(phone), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// Makes a person (e.g. the demo resident with a login) a resident too.
    func insertResidence(personID: Int64, _ draft: ResidentDraft, zoneID: Int64) async throws {
        try await insertResidentRow(
            personID: personID, zoneID: zoneID, householdID: try await householdID(draft, zoneID: zoneID),
            gridID: draft.gridID, address: draft.address, isPartyMember: draft.isPartyMember)
        try await setRegistrations(personID: personID, draft)
    }

    /// The `residents` row alone, without area registrations (the points demo's extra residents).
    func insertResidentRow(
        personID: Int64, zoneID: Int64, householdID: Int64?, gridID: Int64?, address: String, isPartyMember: Bool
    ) async throws {
        try await db.insert(into: "residents").columns(
            "person_id", "zone_id", "household_id", "grid_id", "address", "is_party_member"
        )
        .values(
            SQLBind(personID), SQLBind(zoneID), SQLBind(householdID), SQLBind(gridID), SQLBind(address),
            SQLBind(isPartyMember)
        )
        .run()
    }

    func setPartyMember(personID: Int64) async throws {
        try await db.update("residents").set("is_party_member", to: true).where("person_id", .equal, personID).run()
    }

    /// Inserts many residents at once (the demo's 150): persons and households in batches of 200,
    /// then the residences and area registrations.
    func insertMany(_ people: [ResidentBatchRow], zoneID: Int64, at: Int64) async throws {
        for chunk in stride(from: 0, to: people.count, by: 200).map({ people[$0..<min($0 + 200, people.count)] }) {
            var insert = db.insert(into: "persons").columns("zone_id", "name", "id_number", "phone", "created_at")
            for p in chunk {
                insert = insert.values(
                    SQLBind(zoneID), SQLBind(p.name), SQLBind(p.idNumber), SQLBind(p.phone), SQLBind(at))
            }
            try await insert.run()
            var houses = db.insert(into: "households").columns("zone_id", "grid_id", "code", "address")
            var seen = Set<String>()
            for p in chunk where seen.insert(p.householdCode).inserted {
                houses = houses.values(SQLBind(zoneID), SQLBind(p.gridID), SQLBind(p.householdCode), SQLBind(p.address))
            }
            try await houses.run()
        }
        let personIDs = Dictionary(
            uniqueKeysWithValues: try await db.select().columns("id", "id_number").from("persons").where(
                "zone_id", .equal, zoneID
            ).all()
                .map {
                    (try $0.decode(column: "id_number", as: String.self), try $0.decode(column: "id", as: Int64.self))
                })
        let householdIDs = Dictionary(
            uniqueKeysWithValues: try await db.select().columns("id", "code").from("households").where(
                "zone_id", .equal, zoneID
            ).all()
                .map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "id", as: Int64.self)) })
        for chunk in stride(from: 0, to: people.count, by: 200).map({ people[$0..<min($0 + 200, people.count)] }) {
            var insert = db.insert(into: "residents").columns(
                "person_id", "zone_id", "household_id", "grid_id", "address", "is_party_member")
            var areas = db.insert(into: "person_areas").columns("person_id", "area_id", "registration")
            for p in chunk {
                let id = personIDs[p.idNumber]!
                insert = insert.values(
                    SQLBind(id), SQLBind(zoneID), SQLBind(householdIDs[p.householdCode]), SQLBind(p.gridID),
                    SQLBind(p.address), SQLBind(p.isPartyMember))
                areas = areas.values(SQLBind(id), SQLBind(p.areaID), SQLBind(Registration.primary.rawValue))
                if let dual = p.dualAreaID {
                    areas = areas.values(SQLBind(id), SQLBind(dual), SQLBind(Registration.dual.rawValue))
                }
            }
            try await insert.run()
            try await areas.run()
        }
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
