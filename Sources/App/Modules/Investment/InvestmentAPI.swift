import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The 招商 reads of `/api/v1`: chains, the pipeline and the targets, with the same repositories,
/// `Permissions` and figures as the pages (only the caller's zone; other zones' ids are 404).
extension APIHandler {
    /// The caller's zone, once `Permissions` lets them take `action` on its 招商 work.
    func investmentZone(_ user: CurrentUser, _ action: Action = .view) throws -> Int64 {
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .investment(zoneID: zoneID)))
        if action != .view { try APIError.check(Permissions.decide(user, action, .investment(zoneID: zoneID))) }
        return zoneID
    }

    // MARK: - Chains

    func listInvestmentChains(_ input: Operations.ListInvestmentChains.Input) async throws
        -> Operations.ListInvestmentChains.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let zoneID = try investmentZone(user)
        let paged = try await InvestmentRepository(db: db).chains(zoneID: zoneID, leaderID: user.id, pager)
        let names = try await InvestmentNames.load(zoneID: zoneID, db: db)
        let departments = try await departmentNames(zoneID)
        let items = paged.rows.map { c in
            Components.Schemas.InvestmentChainSummary(
                id: c.id, zoneId: c.zoneId, name: c.name, leaderUserId: c.leaderUserId,
                leader: c.leaderUserId.flatMap { names.staff[$0] } ?? "未定", leadDepartmentId: c.leadDepartmentId,
                leadDepartment: c.leadDepartmentId.flatMap { departments[$0] })
        }
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }

    private func departmentNames(_ zoneID: Int64) async throws -> [Int64: String] {
        Dictionary(
            try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map { ($0.id, $0.name) },
            uniquingKeysWith: { a, _ in a })
    }

    func getInvestmentChain(_ input: Operations.GetInvestmentChain.Input) async throws
        -> Operations.GetInvestmentChain.Output
    {
        let user = try APICaller.require()
        let zoneID = try investmentZone(user)
        let repo = InvestmentRepository(db: db)
        guard let c = try await repo.chain(id: input.path.chainId, zoneID: zoneID) else { throw APIError.notFound }
        let names = try await InvestmentNames.load(zoneID: zoneID, db: db)
        let departments = try await departmentNames(zoneID)
        let nodes = try await repo.nodes(chainID: c.id)
        let onNodes = try await repo.enterprisesOnNodes(nodes.map(\.id))
        let placed = Set(onNodes.values.flatMap { $0.map(\.0) })
        let perNode = try await repo.projectCountsByNode(chainID: c.id)
        let projectCount = try await repo.projects(
            zoneID: zoneID, filter: ProjectFilter(chainID: c.id), try Pager(page: 1, size: 1)
        ).total
        let today = Clock.today
        let tasks = try await repo.tasks(chainID: c.id).map { t in
            Components.Schemas.InvestmentChainTask(
                id: t.id, title: t.title, ownerUserId: t.ownerUserId, owner: names.staff[t.ownerUserId] ?? "—",
                dueOn: t.dueOn, doneOn: t.doneOn, status: .init(rawValue: t.status(today: today).rawValue) ?? .open)
        }
        let unplaced = try await repo.registryEnterprises(zoneID: zoneID, chain: c.name)
            .filter { !placed.contains($0.0) }
        let body = Components.Schemas.InvestmentChain(
            id: c.id, zoneId: c.zoneId, name: c.name, leaderUserId: c.leaderUserId,
            leader: c.leaderUserId.flatMap { names.staff[$0] } ?? "未定", leadDepartmentId: c.leadDepartmentId,
            leadDepartment: c.leadDepartmentId.flatMap { departments[$0] },
            plan: c.plan, fund: c.fund, platform: c.platform, anchorFirms: c.anchorFirms, experts: c.experts,
            policies: try await repo.policies(chainID: c.id).map { .init(id: $0.0, title: $0.1) },
            nodes: nodes.map { n in
                .init(
                    id: n.id, segment: .init(rawValue: n.segmentValue.rawValue) ?? .midstream,
                    segmentLabel: n.segmentValue.label, name: n.name, isGap: n.isGap,
                    targetCompanies: n.targetCompanies,
                    enterprises: (onNodes[n.id] ?? []).map { .init(id: $0.0, name: $0.1) },
                    projectCount: perNode[n.id] ?? 0)
            },
            gapCount: nodes.count(where: \.isGap), projectCount: projectCount, tasks: tasks,
            overdueTasks: tasks.count { $0.status == .overdue },
            unplacedEnterprises: unplaced.map { .init(id: $0.0, name: $0.1) })
        return .ok(.init(body: .json(body)))
    }

    // MARK: - Projects

    func listInvestmentProjects(_ input: Operations.ListInvestmentProjects.Input) async throws
        -> Operations.ListInvestmentProjects.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        var bounds = APIBounds()
        bounds.id(input.query.parkId, "parkId")
        bounds.id(input.query.chainId, "chainId")
        try bounds.check()
        let zoneID = try investmentZone(user)
        let filter = ProjectFilter(
            stage: input.query.stage.flatMap { ProjectStage(rawValue: $0.rawValue) }, parkID: input.query.parkId,
            chainID: input.query.chainId)
        let paged = try await InvestmentRepository(db: db).projects(zoneID: zoneID, filter: filter, pager)
        let items = try await investmentProjects(paged.rows, zoneID: zoneID, detail: false)
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }

    func getInvestmentProject(_ input: Operations.GetInvestmentProject.Input) async throws
        -> Operations.GetInvestmentProject.Output
    {
        let user = try APICaller.require()
        let zoneID = try investmentZone(user)
        return .ok(.init(body: .json(try await investmentProject(input.path.projectId, zoneID: zoneID))))
    }

    /// One project of the zone as the API shows it, with its history and funds.
    func investmentProject(_ id: Int64, zoneID: Int64) async throws -> Components.Schemas.InvestmentProject {
        guard let p = try await InvestmentRepository(db: db).project(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        guard let body = try await investmentProjects([p], zoneID: zoneID, detail: true).first else {
            throw APIError.notFound
        }
        return body
    }

    /// Projects with their names resolved in a few reads (not one per project); `detail` adds each
    /// one's stage history and months of funds.
    func investmentProjects(_ rows: [InvestProjectRow], zoneID: Int64, detail: Bool) async throws
        -> [Components.Schemas.InvestmentProject]
    {
        let repo = InvestmentRepository(db: db)
        let names = try await InvestmentNames.load(zoneID: zoneID, db: db)
        let nodes = try await repo.nodeNames(ids: rows.compactMap(\.nodeId), zoneID: zoneID)
        let enterprises = try await EnterpriseRepository(db: db).names(
            ids: rows.compactMap(\.enterpriseId), zoneID: zoneID)
        let totals = try await repo.fundsTotals(projectIDs: rows.map(\.id))
        var out: [Components.Schemas.InvestmentProject] = []
        for p in rows {
            let stage = p.stageValue
            var moves = stage.next.map { [$0] } ?? []
            if !stage.isFinal { moves.append(.terminated) }
            var body = Components.Schemas.InvestmentProject(
                id: p.id, zoneId: p.zoneId, name: p.name, investor: p.investor, originProvince: p.originProvince,
                originCity: p.originCity, parkId: p.parkId, park: p.parkId.flatMap { names.parks[$0] },
                chainId: p.chainId, chain: p.chainId.flatMap { names.chains[$0] }, nodeId: p.nodeId,
                node: p.nodeId.flatMap { nodes[$0] }, plannedInvestment: p.plannedInvestment,
                agreedInvestment: p.agreedInvestment, foreignInvestment: p.foreignInvestment,
                officerUserId: p.officerUserId, officer: p.officerUserId.flatMap { names.staff[$0] },
                enterpriseId: p.enterpriseId, enterprise: p.enterpriseId.flatMap { enterprises[$0] },
                stage: Self.apiStage(stage), stageLabel: stage.label, stageOn: p.stageOn,
                terminationReason: p.terminationReason, availableStages: moves.map(Self.apiStage),
                fundsInPlace: totals[p.id] ?? 0)
            if detail {
                body.stages = try await repo.history(projectID: p.id).map { s in
                    let step = ProjectStage(rawValue: s.stage) ?? .lead
                    return .init(
                        stage: Self.apiStage(step), stageLabel: step.label, on: s.movedOn, note: s.note, by: s.byName)
                }
                body.funds = try await repo.funds(projectID: p.id).map {
                    .init(month: $0.month, funds: $0.funds, foreignFunds: $0.foreignFunds)
                }
            }
            out.append(body)
        }
        return out
    }

    static func apiStage(_ stage: ProjectStage) -> Components.Schemas.InvestmentStage {
        Components.Schemas.InvestmentStage(rawValue: stage.rawValue) ?? .lead
    }

    // MARK: - Targets

    func getInvestmentTargets(_ input: Operations.GetInvestmentTargets.Input) async throws
        -> Operations.GetInvestmentTargets.Output
    {
        let user = try APICaller.require()
        var bounds = APIBounds()
        bounds.number(input.query.year.map(Int64.init), "year", min: 2000, max: 2100)
        try bounds.check()
        let zoneID = try investmentZone(user)
        let year = input.query.year ?? Clock.today.year
        return .ok(.init(body: .json(try await investmentTargets(zoneID: zoneID, year: year))))
    }

    func investmentTargets(zoneID: Int64, year: Int) async throws -> Components.Schemas.InvestmentTargets {
        let report = try await TargetReport.load(zoneID: zoneID, year: year, db: db)
        let scopes = report.scopes.map { scope in
            Components.Schemas.InvestmentTargetScope(
                parkId: scope.parkID, name: scope.name, tested: scope.tested, passed: scope.passed,
                lines: scope.lines.map { (kind, p) in
                    .init(
                        kind: Components.Schemas.InvestmentTargetKind(rawValue: kind.rawValue) ?? .fundsInPlace,
                        kindLabel: kind.label, unit: kind.unit, target: p.target, actual: p.actual,
                        completion: p.completion.rate.value, timeProgress: p.timeProgress.fraction,
                        onPace: p.isOnPace,
                        halfYearActual: p.doubleHalf.map { Int64($0.completion.actual ?? 0) },
                        doubleHalf: p.doubleHalf?.isAchieved)
                })
        }
        let parks = report.scopes.filter { $0.parkID != nil && $0.tested }
        return .init(
            year: year, asOf: report.asOf.description,
            midYearReached: report.asOf >= Day(year: year, month: 6, day: 30)!, scopes: scopes,
            passedParks: parks.filter(\.passed).map(\.name), failedParks: parks.filter { !$0.passed }.map(\.name))
    }
}
