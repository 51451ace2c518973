import SQLKit

/// Who the ledger's subjects are: "person:ID" (a resident) or "household:ID" (a household), with
/// their names and grids from the resident directory.
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

    /// Every resident and household of the zone, read from Grids' `ResidentDirectory`: only for
    /// the recording form's list of residents; everything else loads the subjects it names.
    static func load(zoneID: Int64, db: any SQLDatabase) async throws -> PointsSubjects {
        let directory = ResidentDirectory(db: db)
        return PointsSubjects(
            persons: Dictionary(
                uniqueKeysWithValues: try await directory.residents(zoneID: zoneID).map {
                    ($0.id, Person(id: $0.id, name: $0.name, householdID: $0.householdID, gridID: $0.gridID))
                }),
            households: Dictionary(
                uniqueKeysWithValues: try await directory.households(zoneID: zoneID).map {
                    ($0.id, Household(id: $0.id, code: $0.code, address: $0.address, gridID: $0.gridID))
                }))
    }

    /// Only the subjects a request shows or checks, with `personID`'s own (themselves and their
    /// household) and the residents of `gridIDs`: each person with their household, each
    /// household with its residents.
    static func load(
        zoneID: Int64, subjects: [String], personID: Int64? = nil, gridIDs: Set<Int64> = [], db: any SQLDatabase
    ) async throws -> PointsSubjects {
        var personIDs = Set(personID.map { [$0] } ?? [])
        var householdIDs = Set<Int64>()
        for subject in subjects {
            guard let (kind, id) = parse(subject) else { continue }
            if kind == "person" { personIDs.insert(id) } else { householdIDs.insert(id) }
        }
        let directory = ResidentDirectory(db: db)
        let residents = try await directory.residents(
            zoneID: zoneID, personIDs: personIDs.sorted(), householdIDs: householdIDs.sorted(),
            gridIDs: gridIDs.sorted())
        let households = try await directory.households(
            zoneID: zoneID, ids: householdIDs.union(residents.compactMap(\.householdID)).sorted())
        return PointsSubjects(
            persons: Dictionary(
                residents.map {
                    ($0.id, Person(id: $0.id, name: $0.name, householdID: $0.householdID, gridID: $0.gridID))
                }, uniquingKeysWith: { a, _ in a }),
            households: Dictionary(
                households.map { ($0.id, Household(id: $0.id, code: $0.code, address: $0.address, gridID: $0.gridID)) },
                uniquingKeysWith: { a, _ in a }))
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
