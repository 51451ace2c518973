import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The 助企 operations of `/api/v1` (demands and visits): the same service, repositories and
/// `Permissions` as the pages.
extension APIHandler {
    private var helpService: EnterpriseHelpService { EnterpriseHelpService(services: services) }

    private func helpZone(_ user: CurrentUser) throws -> Int64 {
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .module(.enterpriseHelp, zoneID: zoneID)))
        return zoneID
    }

    private func demands(_ list: [HelpDemand], zoneID: Int64) async throws -> [Components.Schemas.Demand] {
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: zoneID)
        let departments = Dictionary(
            try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map { ($0.id, $0.name) },
            uniquingKeysWith: { a, _ in a })
        let repo = EnterpriseHelpDemandRepository(db: db)
        let children = Dictionary(
            grouping: try await CaseRepository(db: db).children(of: list.map(\.id)), by: { $0.parentCaseId ?? 0 })
        var out: [Components.Schemas.Demand] = []
        for d in list {
            let notes = try await repo.notes(caseID: d.id)
            let who = try await repo.userNames(notes.map(\.userId))
            out.append(
                .init(
                    id: d.id, number: d.number, enterpriseId: d.details.enterpriseId,
                    enterprise: names[d.details.enterpriseId] ?? "", category: d.details.category,
                    channel: d.details.channel, text: d.details.text, departmentId: d.details.departmentId,
                    department: d.details.departmentId.flatMap { departments[$0] }, visitId: d.details.visitId,
                    state: d.caseRow.state, stateLabel: services.cases.stateName(d.caseRow.typeCode, d.caseRow.state),
                    deadline: d.caseRow.closedAt == nil ? d.caseRow.deadlineDay : nil, overdue: d.caseRow.everOverdue,
                    answer: d.details.answer, rating: d.caseRow.ratingLevel,
                    notes: notes.map {
                        .init(
                            at: Date(timeIntervalSince1970: TimeInterval($0.createdAt)), author: who[$0.userId] ?? "",
                            note: $0.note)
                    }, followUpCaseIds: (children[d.id] ?? []).map(\.id)))
        }
        return out
    }

    private func demand(_ id: Int64, _ user: CurrentUser, _ action: Action) async throws -> HelpDemand {
        guard let zoneID = user.homeZoneID,
            let d = try await EnterpriseHelpDemandRepository(db: db).find(caseID: id, zoneID: zoneID)
        else { throw APIError.notFound }
        try APIError.check(Permissions.decide(user, action, d.resource))
        return d
    }

    private func reloadedDemand(_ id: Int64, zoneID: Int64) async throws -> Components.Schemas.Demand {
        guard let d = try await EnterpriseHelpDemandRepository(db: db).find(caseID: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return try await demands([d], zoneID: zoneID)[0]
    }

    func listDemands(_ input: Operations.ListDemands.Input) async throws -> Operations.ListDemands.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let zoneID = try helpZone(user)
        var filter = HelpDemandFilter(zoneID: zoneID)
        switch user.role {
        case .enterpriseUser: filter.enterpriseID = user.enterpriseID ?? -1
        case .departmentStaff: filter.departmentID = user.departmentID ?? -1
        case .zoneAdmin, .investmentOfficer: break
        default: throw APIError.forbidden
        }
        if let state = input.query.state {
            guard HelpCaseTypes.demand.state(state) != nil else {
                throw APIError.validation([
                    .init(field: "state", message: "状态只能是 submitted、handling、answered、confirmed")
                ])
            }
            filter.state = state
        }
        try await services.checkOverdue(zoneID: zoneID)
        let paged = try await EnterpriseHelpDemandRepository(db: db).page(filter, pager)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try await demands(paged.rows, zoneID: zoneID), page: pager.page, perPage: pager.size,
                        total: paged.total))))
    }

    func createDemand(_ input: Operations.CreateDemand.Input) async throws -> Operations.CreateDemand.Output {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let zoneID = try helpZone(user)
        var bounds = APIBounds()
        bounds.id(body.enterpriseId, "enterpriseId")
        bounds.text(body.text, "text", min: 1, max: 1000)
        bounds.text(body.channel, "channel", max: 10)
        try bounds.check()
        let id = try await helpService.fileDemand(
            enterprise: body.enterpriseId.map(String.init) ?? "", category: body.category.rawValue, text: body.text,
            channel: body.channel ?? "", zoneID: zoneID, user: user)
        return .created(.init(body: .json(try await reloadedDemand(id, zoneID: zoneID))))
    }

    func getDemand(_ input: Operations.GetDemand.Input) async throws -> Operations.GetDemand.Output {
        let user = try APICaller.require()
        let d = try await demand(input.path.demandId, user, .view)
        return .ok(.init(body: .json(try await reloadedDemand(d.id, zoneID: d.caseRow.zoneId))))
    }

    func stepDemand(_ input: Operations.StepDemand.Input) async throws -> Operations.StepDemand.Output {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let d = try await demand(input.path.demandId, user, .view)
        var bounds = APIBounds()
        bounds.text(body.note, "note", max: 2000)
        bounds.id(body.departmentId, "departmentId")
        try bounds.check()
        let transition = body.transition.rawValue
        if (user.role == .enterpriseUser) != ["confirm", "reopen"].contains(transition) { throw APIError.forbidden }
        if transition == "route" {
            try APIError.check(Permissions.decide(user, .update, .enterpriseHelp(zoneID: d.caseRow.zoneId)))
        } else {
            try APIError.check(Permissions.decide(user, .update, d.resource))
        }
        _ = try await helpService.step(
            d, transition: transition, note: body.note ?? "", department: body.departmentId.map(String.init) ?? "",
            user: user)
        return .ok(.init(body: .json(try await reloadedDemand(d.id, zoneID: d.caseRow.zoneId))))
    }

    func rateDemand(_ input: Operations.RateDemand.Input) async throws -> Operations.RateDemand.Output {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let d = try await demand(input.path.demandId, user, .view)
        try APIError.check(
            Permissions.decide(
                user, .update, .ownCase(zoneID: d.caseRow.zoneId, requesterUserID: d.caseRow.requesterUserId)))
        var bounds = APIBounds()
        let comment = bounds.text(body.comment, "comment", max: 500)
        try bounds.check()
        let level = RatingLevel(rawValue: body.level.rawValue)!
        if level.isNegative, comment.isEmpty {
            throw APIError.validation([.init(field: "comment", message: "选择不满意时请写明原因")])
        }
        _ = try await helpService.rate(d, level: level, comment: comment, user: user)
        return .ok(.init(body: .json(try await reloadedDemand(d.id, zoneID: d.caseRow.zoneId))))
    }

    // MARK: Visits

    private func visits(_ rows: [HelpVisitRow], zoneID: Int64) async throws -> [Components.Schemas.Visit] {
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: zoneID)
        let repo = EnterpriseHelpDemandRepository(db: db)
        let cadres = try await repo.userNames(rows.map(\.cadreUserId))
        var out: [Components.Schemas.Visit] = []
        for v in rows {
            out.append(
                .init(
                    id: v.id, enterpriseId: v.enterpriseId, enterprise: names[v.enterpriseId] ?? "",
                    cadreUserId: v.cadreUserId, cadre: cadres[v.cadreUserId] ?? "", visitedOn: v.visitedOn,
                    plannedOn: v.plannedOn, peopleMet: v.peopleMet, findings: v.findings, area: v.area,
                    leader: v.leader, plan: v.plan, demandIds: try await repo.raised(visitID: v.id).map(\.caseId)))
        }
        return out
    }

    func listVisits(_ input: Operations.ListVisits.Input) async throws -> Operations.ListVisits.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .enterpriseHelp(zoneID: zoneID)))
        let paged = try await EnterpriseHelpRepository(db: db).visitsPage(
            zoneID: zoneID, cadreID: nil, planned: false, pager)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try await visits(paged.rows, zoneID: zoneID), page: pager.page, perPage: pager.size,
                        total: paged.total))))
    }

    func createVisit(_ input: Operations.CreateVisit.Input) async throws -> Operations.CreateVisit.Output {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .create, .helpVisit(zoneID: zoneID, cadreUserID: user.id)))
        var bounds = APIBounds()
        bounds.id(body.enterpriseId, "enterpriseId")
        _ = bounds.day(body.visitedOn, "visitedOn")
        _ = bounds.day(body.plannedOn, "plannedOn")
        bounds.text(body.peopleMet, "peopleMet", max: 200)
        bounds.text(body.findings, "findings", max: 2000)
        bounds.text(body.area, "area", max: 200)
        bounds.text(body.leader, "leader", max: 200)
        bounds.text(body.plan, "plan", max: 1000)
        bounds.text(body.demandCategory, "demandCategory", max: 12)
        bounds.text(body.demandText, "demandText", max: 1000)
        try bounds.check()
        let form = EnterpriseHelpService.VisitForm(
            enterprise: String(body.enterpriseId), visitedOn: body.visitedOn ?? "", plannedOn: body.plannedOn ?? "",
            peopleMet: body.peopleMet ?? "", findings: body.findings ?? "", area: body.area ?? "",
            leader: body.leader ?? "", plan: body.plan ?? "", demandCategory: body.demandCategory ?? "",
            demandText: body.demandText ?? "")
        let (id, _) = try await helpService.logVisit(form, zoneID: zoneID, user: user)
        guard let v = try await EnterpriseHelpRepository(db: db).visit(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return .created(.init(body: .json(try await visits([v], zoneID: zoneID)[0])))
    }
}
