import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The grid and resident operations of `/api/v1`: the same repositories, counts and `Permissions`
/// as the pages; 身份证号 and phone numbers leave the server masked.
extension APIHandler {
    private func gridDTO(_ g: GridRow, area: String, figures: GridFigures, withBoundary: Bool) throws
        -> Components.Schemas.Grid
    {
        let boundary =
            withBoundary
            ? try JSONDecoder().decode(Components.Schemas.GeoJSONGeometry.self, from: Data(g.boundaryGeojson.utf8))
            : nil
        return .init(
            id: g.id, zoneId: g.zoneId, areaId: g.areaId, area: area, code: g.code, name: g.name,
            partyBranch: g.partyBranch, bbox: [g.minLon, g.minLat, g.maxLon, g.maxLat],
            fullTimeWorkers: figures.fullTime, partTimeWorkers: figures.partTime, residents: figures.residents,
            households: figures.households, openEvents: figures.openEvents, boundary: boundary)
    }

    func listGrids(_ input: Operations.ListGrids.Input) async throws -> Operations.ListGrids.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .gridList(zoneID: zoneID)))
        let repo = GridRepository(db: db)
        let paged = try await repo.grids(zoneID: zoneID, pager)
        let figures = try await repo.figures(gridIDs: paged.rows.map(\.id))
        let areas = Dictionary(uniqueKeysWithValues: try await repo.areas(zoneID: zoneID).map { ($0.id, $0.name) })
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try paged.rows.map {
                            try gridDTO(
                                $0, area: areas[$0.areaId] ?? "", figures: figures[$0.id] ?? GridFigures(),
                                withBoundary: false)
                        },
                        page: pager.page, perPage: pager.size, total: paged.total))))
    }

    func getGrid(_ input: Operations.GetGrid.Input) async throws -> Operations.GetGrid.Output {
        let user = try APICaller.require()
        let repo = GridRepository(db: db)
        // Another zone's grid is "not found", whatever the caller's role.
        guard let grid = try await repo.gridAnyZone(id: input.path.gridId), grid.zoneId == user.homeZoneID else {
            throw APIError.notFound
        }
        try APIError.check(Permissions.decide(user, .view, .grid(zoneID: grid.zoneId, gridID: grid.id)))
        let area = try await repo.area(id: grid.areaId, zoneID: grid.zoneId)
        let figures = try await repo.figures(gridIDs: [grid.id])[grid.id] ?? GridFigures()
        return .ok(
            .init(body: .json(try gridDTO(grid, area: area?.name ?? "", figures: figures, withBoundary: true))))
    }

    func listResidents(_ input: Operations.ListResidents.Input) async throws -> Operations.ListResidents.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        let gridID = input.query.gridId
        try APIError.check(Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: nil, gridID: gridID)))
        if let gridID, try await GridRepository(db: db).grid(id: gridID, zoneID: zoneID) == nil {
            throw APIError.notFound
        }
        let repo = ResidentRepository(db: db)
        let paged = try await repo.list(ResidentFilter(zoneID: zoneID, gridID: gridID), pager)
        let dual = try await repo.dualRegistered(personIDs: paged.rows.map(\.personId))
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: paged.rows.map { r in
                            .init(
                                personId: r.personId, zoneId: r.zoneId, name: r.name, idNumberMasked: r.maskedIDNumber,
                                phoneMasked: r.phone.flatMap { try? MobileNumber($0).masked }, address: r.address,
                                gridId: r.gridId, gridName: r.gridName,
                                householdCode: r.householdCode, partyMember: r.isPartyMember,
                                dualRegistered: dual.contains(r.personId))
                        },
                        page: pager.page, perPage: pager.size, total: paged.total))))
    }
}
