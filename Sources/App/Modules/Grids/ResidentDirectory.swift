import SQLKit

/// The one way other modules read residents (居民): who they are, their households and grids.
/// Points reads its subjects (a resident or a household) here and Deliberation the name of a
/// resident raising an issue; the SQL is `ResidentRepository`'s, so the residents' tables have
/// one owner.
struct ResidentDirectory: Sendable {
    /// A resident of the zone: the person's name, household and grid.
    struct Resident: Codable, Sendable {
        let id: Int64
        let name: String
        let householdID: Int64?
        let gridID: Int64?

        enum CodingKeys: String, CodingKey {
            case id, name
            case householdID = "householdId"
            case gridID = "gridId"
        }
    }

    /// A household (家庭户) of the zone and the grid it lives in.
    struct Household: Codable, Sendable {
        let id: Int64
        let code: String
        let address: String
        let gridID: Int64

        enum CodingKeys: String, CodingKey {
            case id, code, address
            case gridID = "gridId"
        }
    }

    let db: any SQLDatabase

    /// The zone's residents, by person id.
    func residents(zoneID: Int64) async throws -> [Resident] {
        try await ResidentRepository(db: db).directoryResidents(zoneID: zoneID)
    }

    /// The zone's households, by id.
    func households(zoneID: Int64) async throws -> [Household] {
        try await ResidentRepository(db: db).directoryHouseholds(zoneID: zoneID)
    }

    /// Only the named residents: these persons, and every resident of these households and grids.
    func residents(zoneID: Int64, personIDs: [Int64], householdIDs: [Int64], gridIDs: [Int64] = []) async throws
        -> [Resident]
    {
        try await ResidentRepository(db: db).directoryResidents(
            zoneID: zoneID, personIDs: personIDs, householdIDs: householdIDs, gridIDs: gridIDs)
    }

    /// Up to `limit` residents whose name contains `name`, within `gridIDs` when given.
    func search(zoneID: Int64, name: String, gridIDs: Set<Int64>?, limit: Int) async throws -> [Resident] {
        try await ResidentRepository(db: db).directorySearch(
            zoneID: zoneID, name: name, gridIDs: gridIDs?.sorted(), limit: limit)
    }

    /// Only the named households.
    func households(zoneID: Int64, ids: [Int64]) async throws -> [Household] {
        try await ResidentRepository(db: db).directoryHouseholds(zoneID: zoneID, ids: ids)
    }

    /// The registered name of a person (a resident with a login raising an issue in their own name).
    func name(personID: Int64) async throws -> String? {
        try await ResidentRepository(db: db).personName(id: personID)
    }
}
