import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The 招商 writes of `/api/v1`: a new project, a stage move, a month's funds and a target. The
/// schema's limits are checked here (the generated layer does not), then `InvestmentService` runs
/// the pages' checks and writes in one transaction; its field errors come back under the API's
/// field names.
extension APIHandler {
    var investmentService: InvestmentService { InvestmentService(database: services.database) }

    /// The pages' form field names the 招商 API calls otherwise.
    private static let projectFields = [
        "origin_province": "originProvince", "origin_city": "originCity", "park": "parkId", "chain": "chainId",
        "node": "nodeId", "planned_investment": "plannedInvestment", "foreign_investment": "foreignInvestment",
        "officer": "officerUserId", "agreed_investment": "agreedInvestment", "enterprise": "enterpriseId",
        "foreign_funds": "foreignFunds", "blocker": "text", "department": "departmentId", "held_on": "heldOn",
    ]

    /// Runs a 招商 service write, renaming its form fields to the API's.
    func investmentWrite<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let refusal as Refusal {
            throw APIError.validation(refusal.errors, rename: Self.projectFields, status: refusal.status)
        }
    }

    private static func text(_ id: Int64?) -> String { id.map(String.init) ?? "" }

    func createInvestmentProject(_ input: Operations.CreateInvestmentProject.Input) async throws
        -> Operations.CreateInvestmentProject.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let zoneID = try investmentZone(user, .create)
        var bounds = APIBounds()
        var form = InvestmentService.ProjectForm()
        form.name = bounds.text(body.name, "name", min: 1, max: 80)
        form.investor = bounds.text(body.investor, "investor", min: 1, max: 80)
        form.originProvince = bounds.text(body.originProvince, "originProvince", min: 1, max: 20)
        form.originCity = bounds.text(body.originCity, "originCity", min: 1, max: 20)
        for (value, field) in [
            (body.parkId, "parkId"), (body.chainId, "chainId"), (body.nodeId, "nodeId"),
            (body.officerUserId, "officerUserId"),
        ] {
            bounds.id(value, field)
        }
        bounds.number(body.plannedInvestment, "plannedInvestment", min: 1, max: ProjectStageMachine.maxInvestment)
        bounds.number(body.foreignInvestment, "foreignInvestment", min: 0, max: ProjectStageMachine.maxInvestment)
        _ = bounds.day(body.on, "on")
        try bounds.check()
        form.park = Self.text(body.parkId)
        form.chain = Self.text(body.chainId)
        form.node = Self.text(body.nodeId)
        form.officer = Self.text(body.officerUserId)
        form.plannedInvestment = String(body.plannedInvestment)
        form.foreignInvestment = String(body.foreignInvestment ?? 0)
        form.stage = body.stage?.rawValue ?? ProjectStage.lead.rawValue
        form.on = body.on
        let id = try await investmentWrite {
            try await investmentService.createProject(form, user: user, zoneID: zoneID)
        }
        return .created(.init(body: .json(try await investmentProject(id, zoneID: zoneID))))
    }

    /// The caller's project to change, once they may update the zone's pipeline.
    private func changeableProject(_ id: Int64, _ user: CurrentUser) async throws -> InvestProjectRow {
        let zoneID = try investmentZone(user, .update)
        guard let p = try await InvestmentRepository(db: db).project(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return p
    }

    func moveInvestmentProject(_ input: Operations.MoveInvestmentProject.Input) async throws
        -> Operations.MoveInvestmentProject.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let p = try await changeableProject(input.path.projectId, user)
        var bounds = APIBounds()
        _ = bounds.day(body.on, "on")
        bounds.number(body.agreedInvestment, "agreedInvestment", min: 1, max: ProjectStageMachine.maxInvestment)
        bounds.id(body.enterpriseId, "enterpriseId")
        let reason = bounds.text(body.reason, "reason", max: 500)
        let note = bounds.text(body.note, "note", max: 500)
        try bounds.check()
        let move = InvestmentService.MoveForm(
            stage: body.stage.rawValue, on: body.on, agreedInvestment: body.agreedInvestment.map(String.init) ?? "",
            enterprise: Self.text(body.enterpriseId), reason: reason, note: note)
        try await investmentWrite { try await investmentService.move(p, move, user: user) }
        return .ok(.init(body: .json(try await investmentProject(p.id, zoneID: p.zoneId))))
    }

    func setInvestmentProjectFunds(_ input: Operations.SetInvestmentProjectFunds.Input) async throws
        -> Operations.SetInvestmentProjectFunds.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let p = try await changeableProject(input.path.projectId, user)
        var bounds = APIBounds()
        bounds.month(body.month, "month")
        bounds.number(body.funds, "funds", min: 0, max: ProjectStageMachine.maxInvestment)
        bounds.number(body.foreignFunds, "foreignFunds", min: 0, max: ProjectStageMachine.maxInvestment)
        try bounds.check()
        try await investmentWrite {
            try await investmentService.setFunds(
                p, month: body.month, funds: String(body.funds), foreign: String(body.foreignFunds ?? 0), user: user)
        }
        return .ok(.init(body: .json(try await investmentProject(p.id, zoneID: p.zoneId))))
    }

    func setInvestmentTarget(_ input: Operations.SetInvestmentTarget.Input) async throws
        -> Operations.SetInvestmentTarget.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let zoneID = try investmentZone(user, .administer)
        var bounds = APIBounds()
        bounds.number(Int64(body.year), "year", min: 2000, max: 2100)
        bounds.id(body.parkId, "parkId")
        bounds.number(body.target, "target", min: 1, max: ProjectStageMachine.maxInvestment)
        try bounds.check()
        try await investmentWrite {
            try await investmentService.setTarget(
                zoneID: zoneID, park: Self.text(body.parkId), year: String(body.year), kind: body.kind.rawValue,
                target: String(body.target), user: user)
        }
        return .ok(.init(body: .json(try await investmentTargets(zoneID: zoneID, year: body.year))))
    }
}
