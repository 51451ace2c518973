import Foundation
import GaoxinCore
import OpenAPIRuntime
import SQLKit

/// The `/api/v1` operations, one method per `operationId` in `openapi.json`. Every row access
/// goes through the same repositories and `Permissions` as the pages.
struct APIHandler: APIProtocol {
    let services: AppServices
    var db: any SQLDatabase { services.database.sql }

    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let user = try APICaller.require()
        return .ok(
            .init(
                body: .json(
                    .init(
                        id: user.id, username: user.username, displayName: user.displayName,
                        role: Components.Schemas.Role(rawValue: user.role.rawValue) ?? .resident,
                        roleLabel: user.role.label,
                        zoneId: user.homeZoneID, enterpriseId: user.enterpriseID, departmentId: user.departmentID,
                        personId: user.personID))))
    }

    func listZones(_ input: Operations.ListZones.Input) async throws -> Operations.ListZones.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let paged = try await ZoneRepository(db: db).zones(scope: ZoneScope(user), pager: pager)
        let body = Components.Schemas.ZonePage(
            items: paged.rows.map(Self.zone), page: pager.page, perPage: pager.size, total: paged.total)
        return .ok(.init(body: .json(body)))
    }

    static func zone(_ z: ZoneRow) -> Components.Schemas.Zone {
        .init(id: z.id, code: z.code, name: z.name, fullName: z.fullName, province: z.province, city: z.city)
    }

    func getZone(_ input: Operations.GetZone.Input) async throws -> Operations.GetZone.Output {
        let user = try APICaller.require()
        let id = input.path.zoneId
        try APIError.check(Permissions.decide(user, .view, .zone(id: id)))
        let repo = ZoneRepository(db: db)
        guard let zone = try await repo.zone(id: id) else { throw APIError.notFound }
        let parks = try await repo.parks(zoneID: id).map {
            Components.Schemas.Park(id: $0.id, code: $0.code, name: $0.name)
        }
        let departments = try await repo.departments(scope: .zone(id)).map { d in
            Components.Schemas.Department(
                id: d.id, code: d.code, name: d.name, kind: d.kind,
                spokesperson: d.spokespersonName.map {
                    .init(name: $0, title: d.spokespersonTitle, phone: d.spokespersonPhone)
                })
        }
        return .ok(.init(body: .json(.init(zone: Self.zone(zone), parks: parks, departments: departments))))
    }

    func listAuditLog(_ input: Operations.ListAuditLog.Input) async throws -> Operations.ListAuditLog.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        if let entity = input.query.entity, entity.textLength > 60 {
            throw APIError.validation([.init(field: "entity", message: "对象类型不能超过 60 个字符")])
        }
        let scope = ZoneScope(user)
        if case .zone(let zoneID) = scope {
            try APIError.check(Permissions.decide(user, .view, .auditLog(zoneID: zoneID)))
        }
        let paged = try await AuditRepository(db: db).page(
            scope: scope, filter: AuditFilter(entity: input.query.entity), pager: pager)
        let items = paged.rows.map {
            Components.Schemas.AuditEntry(
                id: $0.id, at: Date(timeIntervalSince1970: TimeInterval($0.at)), actor: $0.actorName, entity: $0.entity,
                entityId: $0.entityId, action: $0.action, before: $0.beforeJson, after: $0.afterJson,
                requestId: $0.requestId)
        }
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }
}
