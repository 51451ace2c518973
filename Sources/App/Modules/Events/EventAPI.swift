import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The event operations of `/api/v1`: the same service, repositories and `Permissions` as the pages.
extension APIHandler {
    private var eventService: EventService { EventService(services: services) }

    private func eventFilter(_ q: Operations.ListEvents.Input.Query, user: CurrentUser, zoneID: Int64) throws
        -> EventFilter
    {
        var errors: [APIError.FieldError] = []
        var f = EventFilter(zoneID: zoneID)
        f.gridID = q.gridId
        if let c = q.category {
            if EventCaseTypes.category(c) == nil {
                errors.append(
                    .init(
                        field: "category",
                        message:
                            "类别只能是 \(EventCaseTypes.categories.map(\.code).joined(separator: "、"))，收到“\(c.prefix(20))”")
                )
            } else {
                f.category = c
            }
        }
        if let s = q.state {
            let codes = EventCaseTypes.stateNames.map(\.code)
            if codes.contains(s) {
                f.state = s
            } else {
                errors.append(
                    .init(field: "state", message: "状态只能是 \(codes.joined(separator: "、"))，收到“\(s.prefix(20))”"))
            }
        }
        switch q.overdue {
        case nil, "false", "0": break
        case "true", "1": f.overdueOnly = true
        case let other?:
            errors.append(.init(field: "overdue", message: "overdue 只能是 true 或 false，收到“\(other.prefix(20))”"))
        }
        if !errors.isEmpty { throw APIError.validation(errors) }
        // The API lists what the viewer sees, the whole zone for a department (no work-list default).
        EventListScope(user, zoneID: zoneID).narrow(&f, user: user, wholeZoneAsked: true)
        return f
    }

    func apiEvent(_ e: GridEvent, user: CurrentUser) throws -> Components.Schemas.Event {
        let row = e.caseRow
        let record = try row.record()
        return .init(
            id: e.id, number: e.number, zoneId: row.zoneId, gridId: e.details.gridId, category: e.details.categoryCode,
            categoryLabel: EventCaseTypes.category(e.details.categoryCode)?.name ?? e.details.categoryCode,
            description: e.details.description,
            latitude: e.details.latitude, longitude: e.details.longitude, address: e.details.address,
            source: e.details.source,
            state: row.state, stateLabel: services.cases.stateName(row.typeCode, row.state),
            reportedAt: Date(timeIntervalSince1970: TimeInterval(row.openedAt)),
            closedAt: row.closedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            deadline: row.closedAt == nil ? record.deadline?.description : nil,
            deadlineUncertain: row.deadlineUncertain,
            overdue: row.everOverdue, escalated: row.escalatedTo != nil, assignee: row.assigneeId,
            rating: row.ratingLevel,
            availableTransitions: eventService.steps(for: user, on: e).map(\.code))
    }

    private func event(_ id: Int64, _ user: CurrentUser, _ action: Action) async throws -> GridEvent {
        guard let zoneID = user.homeZoneID, let e = try await EventRepository(db: db).find(caseID: id, zoneID: zoneID)
        else { throw APIError.notFound }
        try APIError.check(Permissions.decide(user, action, e.resource))
        return e
    }

    func listEvents(_ input: Operations.ListEvents.Input) async throws -> Operations.ListEvents.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .eventList(zoneID: zoneID)))
        let filter = try eventFilter(input.query, user: user, zoneID: zoneID)
        try await services.checkOverdue(zoneID: zoneID)
        let events = try await EventRepository(db: db).page(filter, pager)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: try events.rows.map { try apiEvent($0, user: user) }, page: pager.page,
                        perPage: pager.size, total: events.total))))
    }

    func getEvent(_ input: Operations.GetEvent.Input) async throws -> Operations.GetEvent.Output {
        let user = try APICaller.require()
        let e = try await event(input.path.eventId, user, .view)
        return .ok(.init(body: .json(try apiEvent(e, user: user))))
    }

    func createEvent(_ input: Operations.CreateEvent.Input) async throws -> Operations.CreateEvent.Output {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .create, .eventList(zoneID: zoneID)))
        let report = EventService.Report(
            category: body.category, description: body.description.trimmed,
            latitude: String(body.latitude), longitude: String(body.longitude), address: (body.address ?? "").trimmed)
        let id = try await eventService.report(report, zoneID: zoneID, user: user, source: .api)
        guard let e = try await EventRepository(db: db).find(caseID: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return .created(.init(body: .json(try apiEvent(e, user: user))))
    }

    func transitionEvent(_ input: Operations.TransitionEvent.Input) async throws -> Operations.TransitionEvent.Output {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let e = try await event(input.path.eventId, user, .update)
        let note = (body.note ?? "").trimmed
        try await eventService.perform(body.transition, on: e, user: user, note: note, assigneeID: body.assignee)
        guard let next = try await EventRepository(db: db).find(caseID: e.id, zoneID: e.caseRow.zoneId) else {
            throw APIError.notFound
        }
        return .ok(.init(body: .json(try apiEvent(next, user: user))))
    }
}
