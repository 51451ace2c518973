import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The grid and resident operations of `/api/v1`: the same repositories, counts and `Permissions`
/// as the pages; 身份证号 and phone numbers leave the server masked.
extension APIHandler {
    private func gridDTO(
        _ g: GridRow, census: GridCensus, households: [Int64: Int], events: [Int64: Int], withBoundary: Bool
    ) throws -> Components.Schemas.Grid {
        let workers = census.workerCounts(inGrids: [g.id])
        let boundary =
            withBoundary
            ? try JSONDecoder().decode(Components.Schemas.GeoJSONGeometry.self, from: Data(g.boundaryGeojson.utf8))
            : nil
        return .init(
            id: g.id, zoneId: g.zoneId, areaId: g.areaId, area: census.area(id: g.areaId)?.name ?? "", code: g.code,
            name: g.name,
            partyBranch: g.partyBranch, bbox: [g.minLon, g.minLat, g.maxLon, g.maxLat],
            fullTimeWorkers: workers.fullTime,
            partTimeWorkers: workers.partTime, residents: census.residentsByGrid[g.id] ?? 0,
            households: households[g.id] ?? 0,
            openEvents: events[g.id] ?? 0, boundary: boundary)
    }

    func listGrids(_ input: Operations.ListGrids.Input) async throws -> Operations.ListGrids.Output {
        let user = try APICaller.require()
        let (page, perPage) = try Self.paging(input.query.page, input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, GridRoutes.zoneGrids(zoneID)))
        let repo = GridRepository(db: db)
        let census = try await GridCensus.load(db: db, zoneID: zoneID)
        let households = try await repo.householdCounts(zoneID: zoneID)
        let events = try await repo.openEventCounts(zoneID: zoneID)
        let rows = try await repo.grids(zoneID: zoneID, limit: perPage, offset: (page - 1) * perPage)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try rows.map {
                            try gridDTO($0, census: census, households: households, events: events, withBoundary: false)
                        },
                        page: page, perPage: perPage, total: try await repo.countGrids(zoneID: zoneID)))))
    }

    func getGrid(_ input: Operations.GetGrid.Input) async throws -> Operations.GetGrid.Output {
        let user = try APICaller.require()
        let repo = GridRepository(db: db)
        // Another zone's grid is "not found", whatever the caller's role.
        guard let grid = try await repo.gridAnyZone(id: input.path.gridId), grid.zoneId == user.homeZoneID else {
            throw APIError.notFound
        }
        try APIError.check(Permissions.decide(user, .view, .grid(zoneID: grid.zoneId, gridID: grid.id)))
        let census = try await GridCensus.load(db: db, zoneID: grid.zoneId)
        return .ok(
            .init(
                body: .json(
                    try gridDTO(
                        grid, census: census, households: try await repo.householdCounts(zoneID: grid.zoneId),
                        events: try await repo.openEventCounts(zoneID: grid.zoneId), withBoundary: true))))
    }

    func listResidents(_ input: Operations.ListResidents.Input) async throws -> Operations.ListResidents.Output {
        let user = try APICaller.require()
        let (page, perPage) = try Self.paging(input.query.page, input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        let gridID = input.query.gridId
        try APIError.check(Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: nil, gridID: gridID)))
        if let gridID, try await GridRepository(db: db).grid(id: gridID, zoneID: zoneID) == nil {
            throw APIError.notFound
        }
        let repo = ResidentRepository(db: db)
        let filter = ResidentFilter(zoneID: zoneID, gridID: gridID)
        let rows = try await repo.list(filter, limit: perPage, offset: (page - 1) * perPage)
        let dual = try await repo.dualRegistered(personIDs: rows.map(\.personId))
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: rows.map { r in
                            .init(
                                personId: r.personId, zoneId: r.zoneId, name: r.name, idNumberMasked: r.maskedIDNumber,
                                phoneMasked: r.phone.flatMap { try? MobileNumber($0).masked }, address: r.address,
                                gridId: r.gridId, gridName: r.gridName,
                                householdCode: r.householdCode, partyMember: r.isPartyMember,
                                dualRegistered: dual.contains(r.personId))
                        },
                        page: page, perPage: perPage, total: try await repo.count(filter)))))
    }
}
