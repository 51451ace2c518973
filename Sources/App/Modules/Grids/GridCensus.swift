import GaoxinCore
import SQLKit

/// The zone's area tree with its grids, workers and resident counts, read at once for the tree
/// page, which counts at every level. Workers with a login count once however many grids they
/// serve; residents are counted from `person_areas` with DISTINCT, so a 双登记 person is one
/// resident of a street and of the zone.
struct GridCensus: Sendable {
    let areas: [AreaRow]
    let grids: [GridRow]
    let workers: [GridWorkerRow]
    let residentsByGrid: [Int64: Int]
    let residentsByArea: [Int64: Int]
    let residentsByParent: [Int64: Int]
    let residentsInZone: Int

    static func load(db: any SQLDatabase, zoneID: Int64) async throws -> GridCensus {
        let repo = GridRepository(db: db)
        let residents = try await repo.residentCountsByArea(zoneID: zoneID)
        return GridCensus(
            areas: try await repo.areas(zoneID: zoneID), grids: try await repo.grids(zoneID: zoneID),
            workers: try await repo.workers(zoneID: zoneID),
            residentsByGrid: try await repo.residentCounts(zoneID: zoneID),
            residentsByArea: residents.byArea, residentsByParent: residents.byParent, residentsInZone: residents.zone)
    }

    /// Distinct full-time and part-time workers of these grids.
    func workerCounts(inGrids ids: Set<Int64>) -> (fullTime: Int, partTime: Int) {
        var full = Set<Int64>()
        var part = Set<Int64>()
        for w in workers where ids.contains(w.gridId) {
            if w.kind == GridWorkerKind.fullTime.rawValue { full.insert(w.personKey) } else { part.insert(w.personKey) }
        }
        return (full.count, part.count)
    }

    func children(of parentID: Int64?) -> [AreaRow] { areas.filter { $0.parentId == parentID } }

    func grids(inArea id: Int64) -> [GridRow] { grids.filter { $0.areaId == id } }

    /// Grids of an area and of every area under it.
    func gridIDs(under id: Int64) -> Set<Int64> {
        var result = Set(grids(inArea: id).map(\.id))
        for child in children(of: id) { result.formUnion(gridIDs(under: child.id)) }
        return result
    }

    func area(id: Int64) -> AreaRow? { areas.first { $0.id == id } }
}
