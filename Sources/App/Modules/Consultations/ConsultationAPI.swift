import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The consultation operations of `/api/v1`: the same service, repositories and `Permissions` as the pages.
extension APIHandler {
    private var consultationService: ConsultationService { ConsultationService(services: services) }

    /// The list filter from the query, checked here so each error names its parameter in Chinese.
    private func consultationFilter(zoneID: Int64, state: String?, late: String?) throws -> ConsultationFilter {
        var errors: [APIError.FieldError] = []
        let states = ConsultationCaseTypes.consultation.states.map(\.code)
        if let state, !states.contains(state) {
            errors.append(
                .init(field: "state", message: "状态只能是 \(states.joined(separator: "、"))，收到“\(state.prefix(20))”"))
        }
        var lateOnly = false
        switch late {
        case nil, "false", "0": break
        case "true", "1": lateOnly = true
        case let other?: errors.append(.init(field: "late", message: "late 只能是 true 或 false，收到“\(other.prefix(20))”"))
        }
        if !errors.isEmpty { throw APIError.validation(errors) }
        return ConsultationFilter(zoneID: zoneID, lateOnly: lateOnly, state: state)
    }

    private func consultationPage(_ filter: ConsultationFilter, _ pager: Pager) async throws
        -> Components.Schemas.ConsultationPage
    {
        try await services.checkOverdue(zoneID: filter.zoneID)
        let paged = try await ConsultationRepository(db: db).page(filter, pager)
        return .init(
            items: try await consultations(paged.rows), page: pager.page, perPage: pager.size, total: paged.total)
    }

    private func consultations(_ list: [Consultation]) async throws -> [Components.Schemas.Consultation] {
        let items = Dictionary(
            uniqueKeysWithValues: try await PolicyRepository(db: db).items(
                ids: Array(Set(list.map(\.details.policyItemId)))
            )
            .map { ($0.id, $0) })
        var departments: [Int64: String] = [:]
        for zoneID in Set(list.map(\.caseRow.zoneId)) {
            for d in try await ZoneRepository(db: db).departments(scope: .zone(zoneID)) { departments[d.id] = d.name }
        }
        let children = Dictionary(
            grouping: try await CaseRepository(db: db).children(of: list.map(\.id)), by: { $0.parentCaseId ?? 0 })
        return try list.map { c in
            let record = try c.caseRow.record()
            return .init(
                id: c.id, number: c.number, zoneId: c.caseRow.zoneId, policyItemId: c.details.policyItemId,
                policyItemTitle: items[c.details.policyItemId]?.heading ?? "", departmentId: c.details.departmentId,
                department: departments[c.details.departmentId] ?? "", question: c.details.question,
                askerName: c.details.askerName,
                state: record.state, stateLabel: services.cases.stateName(record.typeCode, record.state),
                askedAt: Date(timeIntervalSince1970: TimeInterval(c.caseRow.openedAt)),
                deadline: c.caseRow.closedAt == nil ? c.caseRow.deadlineDay : nil,
                deadlineUncertain: c.caseRow.deadlineUncertain,
                overdue: c.caseRow.everOverdue, escalated: c.caseRow.escalatedTo != nil, answer: c.details.answer,
                answeredAt: c.details.answeredAt.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                rating: record.rating?.level.rawValue, ratingComment: record.rating?.comment,
                published: c.details.published,
                followUpCaseIds: (children[c.id] ?? []).map(\.id))
        }
    }

    private func consultation(_ id: Int64, _ user: CurrentUser, _ action: Action) async throws -> Consultation {
        guard let zoneID = user.homeZoneID,
            let c = try await ConsultationRepository(db: db).find(caseID: id, zoneID: zoneID)
        else {
            throw APIError.notFound
        }
        try APIError.check(
            Permissions.decide(
                user, action,
                .consultation(
                    zoneID: zoneID, departmentID: c.details.departmentId,
                    askerUserID: c.caseRow.requesterUserId)))
        return c
    }

    private func reloaded(_ id: Int64, zoneID: Int64) async throws -> Components.Schemas.Consultation {
        guard let c = try await ConsultationRepository(db: db).find(caseID: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return try await consultations([c])[0]
    }

    func listMyConsultations(_ input: Operations.ListMyConsultations.Input) async throws
        -> Operations.ListMyConsultations.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .ownConsultations(zoneID: zoneID)))
        var filter = try consultationFilter(zoneID: zoneID, state: input.query.state, late: input.query.late)
        filter.askerUserID = user.id
        return .ok(.init(body: .json(try await consultationPage(filter, pager))))
    }

    func listConsultations(_ input: Operations.ListConsultations.Input) async throws
        -> Operations.ListConsultations.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .consultationList(zoneID: zoneID)))
        var filter = try consultationFilter(zoneID: zoneID, state: input.query.state, late: input.query.late)
        // A department works its own questions; the zone admin sees every department's.
        if Permissions.decide(user, .view, .consultationSupervision(zoneID: zoneID)) != .allow {
            filter.departmentID = user.departmentID ?? -1
        }
        return .ok(.init(body: .json(try await consultationPage(filter, pager))))
    }

    func createConsultation(_ input: Operations.CreateConsultation.Input) async throws
        -> Operations.CreateConsultation.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .create, .consultationAsk(zoneID: zoneID)))
        let repo = PolicyRepository(db: db)
        guard let item = try await repo.item(id: body.policyItemId, zoneID: zoneID),
            let policy = try await repo.policy(id: item.policyId, zoneID: zoneID),
            policy.validity(on: Clock.today) == .inForce
        else { throw APIError.notFound }
        let question = ConsultationService.Question(
            question: body.question.trimmed, name: "", mobile: "", signedIn: true)
        let id = try await consultationService.ask(question, item: item, policy: policy, user: user)
        return .created(.init(body: .json(try await reloaded(id, zoneID: zoneID))))
    }

    func answerConsultation(_ input: Operations.AnswerConsultation.Input) async throws
        -> Operations.AnswerConsultation.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let c = try await consultation(input.path.consultationId, user, .update)
        let text = body.answer.trimmed
        if text.isEmpty { throw APIError.validation([.init(field: "answer", message: "答复内容不能为空")]) }
        if text.count > 2000 {
            throw APIError.validation([.init(field: "answer", message: "答复内容不能超过 2000 个字（现有 \(text.count) 个字）")])
        }
        try await consultationService.answer(c, ConsultationService.Answer(text), user: user)
        return .ok(.init(body: .json(try await reloaded(c.id, zoneID: c.caseRow.zoneId))))
    }

    func rateConsultation(_ input: Operations.RateConsultation.Input) async throws -> Operations.RateConsultation.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let c = try await consultation(input.path.consultationId, user, .view)
        try APIError.check(
            Permissions.decide(
                user, .update, .ownCase(zoneID: c.caseRow.zoneId, requesterUserID: c.caseRow.requesterUserId)))
        let comment = (body.comment ?? "").trimmed
        var errors: [APIError.FieldError] = []
        let level = RatingLevel(rawValue: body.level)
        if level == nil {
            errors.append(
                .init(field: "level", message: "评价等级只能是 \(RatingLevel.allCases.map(\.rawValue).joined(separator: "、"))")
            )
        }
        if comment.count > 500 { errors.append(.init(field: "comment", message: "评价意见不能超过 500 个字")) }
        if level?.isNegative == true, comment.isEmpty { errors.append(.init(field: "comment", message: "选择不满意时请写明原因")) }
        guard let level, errors.isEmpty else { throw APIError.validation(errors) }
        _ = try await consultationService.rate(c, level: level, comment: comment, user: user)
        return .ok(.init(body: .json(try await reloaded(c.id, zoneID: c.caseRow.zoneId))))
    }
}
