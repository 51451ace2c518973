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

    /// The zone's residents and households, read from Grids' `ResidentDirectory`.
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
