import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The rest of 招商 in `/api/v1`: a project's blockers (open, resolve), the dispatch list with its
/// monthly reports and bulletin, events and ideas. Same repositories, `Permissions` and service as
/// the pages; the schema's limits are checked first, then the service's.
extension APIHandler {

    // MARK: - Blockers

    private func blockerProject(_ id: Int64, _ user: CurrentUser) async throws -> InvestProjectRow {
        let zoneID = try investmentZone(user)
        guard let p = try await InvestmentRepository(db: db).project(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return p
    }

    /// The blockers as the project page lists them, in the API's shape.
    private func investmentBlockers(_ rows: [InvestBlockerRow], zoneID: Int64, user: CurrentUser) async throws
        -> [Components.Schemas.InvestmentBlocker]
    {
        try await InvestmentBlockers(services: services).lines(rows, zoneID: zoneID, user: user).map {
            .init(
                caseId: $0.caseId, number: $0.number, text: $0.text, departmentId: $0.departmentId,
                department: $0.department, state: $0.state, deadline: $0.deadline, overdue: $0.overdue,
                resolution: $0.resolution)
        }
    }

    func listInvestmentBlockers(_ input: Operations.ListInvestmentBlockers.Input) async throws
        -> Operations.ListInvestmentBlockers.Output
    {
        let user = try APICaller.require()
        let p = try await blockerProject(input.path.projectId, user)
        let rows = try await InvestmentBlockerRepository(db: db).blockers(projectID: p.id, zoneID: p.zoneId)
        return .ok(.init(body: .json(.init(items: try await investmentBlockers(rows, zoneID: p.zoneId, user: user)))))
    }

    func openInvestmentBlocker(_ input: Operations.OpenInvestmentBlocker.Input) async throws
        -> Operations.OpenInvestmentBlocker.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        let text = bounds.text(body.text, "text", min: 1, max: 500)
        bounds.id(body.departmentId, "departmentId")
        try bounds.check()
        let p = try await blockerProject(input.path.projectId, user)
        let caseID = try await investmentWrite {
            try await InvestmentBlockers(services: services).open(
                p, text: text, department: String(body.departmentId), user: user)
        }
        let rows = try await InvestmentBlockerRepository(db: db).blockers(projectID: p.id, zoneID: p.zoneId)
        guard
            let made = try await investmentBlockers(rows.filter { $0.caseId == caseID }, zoneID: p.zoneId, user: user)
                .first
        else { throw APIError.notFound }
        return .created(.init(body: .json(made)))
    }

    func resolveInvestmentBlocker(_ input: Operations.ResolveInvestmentBlocker.Input) async throws
        -> Operations.ResolveInvestmentBlocker.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        let note = bounds.text(body.resolution, "resolution", min: 1, max: 1000)
        try bounds.check()
        let p = try await blockerProject(input.path.projectId, user)
        let repo = InvestmentBlockerRepository(db: db)
        guard let b = try await repo.blocker(caseID: input.path.caseId, projectID: p.id, zoneID: p.zoneId) else {
            throw APIError.notFound
        }
        if let row = try await CaseRepository(db: db).find(id: b.caseId, zoneID: b.zoneId), row.closedAt != nil {
            throw APIError.validation([.init(field: "resolution", message: "该难点堵点已解决")])
        }
        try await investmentWrite {
            try await InvestmentBlockers(services: services).resolve(b, note: note, user: user)
        }
        guard let done = try await investmentBlockers([b], zoneID: p.zoneId, user: user).first else {
            throw APIError.notFound
        }
        return .ok(.init(body: .json(done)))
    }

    // MARK: - Dispatch

    private func dispatchMonth(_ text: String?) throws -> DispatchMonth {
        guard let text else { return DispatchMonthReport.defaultMonth() }
        guard let month = DispatchMonth(text) else {
            throw APIError.validation([.init(field: "month", message: "月份格式应为 YYYY-MM")])
        }
        return month
    }

    private func dispatchItem(_ l: DispatchMonthReport.Line) -> Components.Schemas.InvestmentDispatchItem {
        .init(
            id: l.item.id, year: l.item.year, kind: .init(rawValue: l.item.kind) ?? .keyProject, name: l.item.name,
            projectId: l.item.projectId, departmentId: l.item.departmentId, department: l.department,
            annualPlan: l.item.annualPlan, progress: l.report?.progress, invested: l.report?.invested,
            earlierProgress: l.earlier, standing: .init(rawValue: l.standing.rawValue) ?? .unreported)
    }

    func listInvestmentDispatch(_ input: Operations.ListInvestmentDispatch.Input) async throws
        -> Operations.ListInvestmentDispatch.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let month = try dispatchMonth(input.query.month)
        let zoneID = try investmentZone(user)
        let paged = try await InvestmentDispatchRepository(db: db).items(
            zoneID: zoneID, year: month.year, departmentID: nil, pager)
        let report = try await DispatchMonthReport.load(items: paged.rows, zoneID: zoneID, month: month, db: db)
        return .ok(
            .init(
                body: .json(
                    .init(
                        month: month.description, expectedProgress: month.expectedProgress,
                        items: report.lines.map(dispatchItem), page: pager.page, perPage: pager.size,
                        total: paged.total))))
    }

    func getInvestmentDispatchBulletin(_ input: Operations.GetInvestmentDispatchBulletin.Input) async throws
        -> Operations.GetInvestmentDispatchBulletin.Output
    {
        let user = try APICaller.require()
        let month = try dispatchMonth(input.query.month)
        let zoneID = try investmentZone(user)
        let repo = InvestmentDispatchRepository(db: db)
        let report = try await DispatchMonthReport.load(
            items: try await repo.allItems(zoneID: zoneID, year: month.year), zoneID: zoneID, month: month, db: db)
        return .ok(
            .init(
                body: .json(
                    .init(
                        month: month.description, expectedProgress: month.expectedProgress, total: report.lines.count,
                        onPace: report.lines.count { $0.standing == .onPace },
                        behind: report.lines.count { $0.standing == .behind },
                        unreported: report.lines.count { $0.standing == .unreported },
                        ranking: report.ranking.map {
                            .init(
                                rank: $0.rank, department: $0.owner, projects: $0.projects,
                                averageProgress: $0.averageProgress, gap: $0.gap, late: $0.late,
                                unreported: $0.unreported)
                        },
                        escalations: try await repo.escalations(zoneID: zoneID, month: month.description).map {
                            .init(
                                itemId: $0.itemId, reason: $0.reason, interviewOn: $0.interviewOn,
                                interviewee: $0.interviewee, outcome: $0.outcome)
                        }))))
    }

    func reportInvestmentDispatch(_ input: Operations.ReportInvestmentDispatch.Input) async throws
        -> Operations.ReportInvestmentDispatch.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        bounds.month(body.month, "month")
        bounds.number(Int64(body.progress), "progress", min: 0, max: 100)
        bounds.number(body.invested, "invested", min: 0, max: ProjectStageMachine.maxInvestment)
        let note = bounds.text(body.note, "note", max: 500)
        try bounds.check()
        let zoneID = try investmentZone(user)
        let repo = InvestmentDispatchRepository(db: db)
        guard let item = try await repo.item(id: input.path.itemId, zoneID: zoneID) else { throw APIError.notFound }
        try await investmentWrite {
            try await investmentService.reportDispatch(
                item, month: body.month, progress: String(body.progress), invested: String(body.invested), note: note,
                user: user)
        }
        let report = try await DispatchMonthReport.load(
            items: [item], zoneID: zoneID, month: try dispatchMonth(body.month), db: db)
        return .ok(.init(body: .json(dispatchItem(report.lines[0]))))
    }

    // MARK: - Events and ideas

    private func investmentEvents(_ rows: [InvestEventRow]) async throws -> [Components.Schemas.InvestmentEvent] {
        let projects = try await InvestmentDispatchRepository(db: db).eventProjects(eventIDs: rows.map(\.id))
        return rows.map {
            .init(
                id: $0.id, kind: .init(rawValue: $0.kind) ?? .promotion, title: $0.title, heldOn: $0.heldOn,
                place: $0.place, team: $0.team, contacts: $0.contacts, visits: $0.visits, notes: $0.notes,
                projectIds: projects[$0.id] ?? [])
        }
    }

    func listInvestmentEvents(_ input: Operations.ListInvestmentEvents.Input) async throws
        -> Operations.ListInvestmentEvents.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let zoneID = try investmentZone(user)
        let paged = try await InvestmentDispatchRepository(db: db).events(zoneID: zoneID, pager)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try await investmentEvents(paged.rows), page: pager.page, perPage: pager.size,
                        total: paged.total))))
    }

    func createInvestmentEvent(_ input: Operations.CreateInvestmentEvent.Input) async throws
        -> Operations.CreateInvestmentEvent.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        var form = InvestmentService.EventForm()
        form.kind = body.kind.rawValue
        form.title = bounds.text(body.title, "title", min: 1, max: 80)
        form.heldOn = body.heldOn
        _ = bounds.day(body.heldOn, "heldOn")
        form.place = bounds.text(body.place, "place", min: 1, max: 60)
        form.team = bounds.text(body.team, "team", max: 200)
        bounds.number(body.contacts.map(Int64.init), "contacts", min: 0, max: 100_000)
        bounds.number(body.visits.map(Int64.init), "visits", min: 0, max: 100_000)
        form.notes = bounds.text(body.notes, "notes", max: 1000)
        try bounds.check()
        form.contacts = String(body.contacts ?? 0)
        form.visits = String(body.visits ?? 0)
        let zoneID = try investmentZone(user, .create)
        let id = try await investmentWrite { try await investmentService.addEvent(form, user: user, zoneID: zoneID) }
        guard let row = try await InvestmentDispatchRepository(db: db).event(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return .created(.init(body: .json(try await investmentEvents([row])[0])))
    }

    private func investmentIdea(_ i: InvestIdeaRow) -> Components.Schemas.InvestmentIdea {
        .init(
            id: i.id, title: i.title, detail: i.detail, proposer: i.proposer, submittedOn: i.submittedOn,
            status: .init(rawValue: i.status) ?? .submitted, screeningNote: i.screeningNote, projectId: i.projectId)
    }

    func listInvestmentIdeas(_ input: Operations.ListInvestmentIdeas.Input) async throws
        -> Operations.ListInvestmentIdeas.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let zoneID = try investmentZone(user)
        let paged = try await InvestmentDispatchRepository(db: db).ideas(
            zoneID: zoneID, status: input.query.status.flatMap { IdeaStatus(rawValue: $0.rawValue) }, pager)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: paged.rows.map(investmentIdea), page: pager.page, perPage: pager.size,
                        total: paged.total))))
    }

    func createInvestmentIdea(_ input: Operations.CreateInvestmentIdea.Input) async throws
        -> Operations.CreateInvestmentIdea.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        let title = bounds.text(body.title, "title", min: 1, max: 60)
        let detail = bounds.text(body.detail, "detail", min: 1, max: 1000)
        let proposer = bounds.text(body.proposer, "proposer", max: 40)
        try bounds.check()
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .create, .investmentIdeas(zoneID: zoneID)))
        let id = try await investmentWrite {
            try await investmentService.submitIdea(
                title: title, detail: detail, proposer: proposer, user: user, zoneID: zoneID)
        }
        guard let row = try await InvestmentDispatchRepository(db: db).idea(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return .created(.init(body: .json(investmentIdea(row))))
    }
}
