import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The 政务服务 operations of `/api/v1`: the catalogue, applications (window entry, steps), 好差评
/// and appeals, and the statistics; the same service, repositories and `Permissions` as the pages.
extension APIHandler {
    var serviceWrites: ServiceService { ServiceService(services: services) }

    private func serviceZone(_ user: CurrentUser) throws -> Int64 {
        guard let zoneID = user.homeZoneID ?? user.zoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .module(.services, zoneID: zoneID)))
        return zoneID
    }

    private func bundleJSON(_ b: ServiceBundleRow, departments: [Int64: String]) -> Components.Schemas.ServiceBundle {
        .init(
            id: b.id, code: b.code, name: b.name, summary: b.summary, audience: b.audience, lifeEvent: b.lifeEvent,
            lifeEventLabel: b.event?.label ?? "", departmentId: b.departmentId,
            department: departments[b.departmentId] ?? "",
            legalDays: b.legalDays, promisedDays: b.promisedDays, instant: b.isInstant, online: b.online,
            itemId: b.itemId)
    }

    func listServiceBundles(_ input: Operations.ListServiceBundles.Input) async throws
        -> Operations.ListServiceBundles.Output
    {
        let user = try APICaller.require()
        let zoneID = try serviceZone(user)
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        var bounds = APIBounds()
        bounds.id(input.query.departmentId, "departmentId")
        let search = bounds.text(input.query.q, "q", max: 40)
        bounds.text(input.query.audience, "audience", max: 20)
        bounds.text(input.query.event, "event", max: 20)
        bounds.text(input.query.online, "online", max: 5)
        try bounds.check()
        var filter = ServiceCatalogueFilter()
        var errors: [APIError.FieldError] = []
        if let a = input.query.audience {
            filter.audience = ServiceAudience(rawValue: a)
            if filter.audience == nil {
                errors.append(.init(field: "audience", message: "服务对象只能是 person 或 enterprise"))
            }
        }
        if let e = input.query.event {
            filter.event = LifeEvent(rawValue: e)
            if filter.event == nil {
                errors.append(
                    .init(
                        field: "event", message: "事件编码只能是 \(LifeEvent.allCases.map(\.rawValue).joined(separator: "、"))")
                )
            }
        }
        switch input.query.online {
        case nil, "false", "0": break
        case "true", "1": filter.onlineOnly = true
        default: errors.append(.init(field: "online", message: "online 只能是 true 或 false"))
        }
        if !errors.isEmpty { throw APIError.validation(errors) }
        filter.departmentID = input.query.departmentId
        filter.search = search
        filter.kind = input.query.kind.flatMap { ServiceCatalogueKind(rawValue: $0.rawValue) }
        let paged = try await ServiceRepository(db: db).bundles(zoneID: zoneID, filter: filter, pager)
        let departments = try await ServiceRoutes(services: services).departmentNames(zoneID)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: paged.rows.map { bundleJSON($0, departments: departments) }, page: pager.page,
                        perPage: pager.size, total: paged.total))))
    }

    func getServiceBundle(_ input: Operations.GetServiceBundle.Input) async throws -> Operations.GetServiceBundle.Output
    {
        let user = try APICaller.require()
        let zoneID = try serviceZone(user)
        let repo = ServiceRepository(db: db)
        guard let b = try await repo.bundle(id: input.path.bundleId), b.zoneId == zoneID else {
            throw APIError.notFound
        }
        let departments = try await ServiceRoutes(services: services).departmentNames(zoneID)
        let items = try await repo.items(bundleID: b.id).map { i -> Components.Schemas.ServiceItem in
            .init(
                id: i.id, code: i.code, basicCode: i.basicCode, name: i.name, legalDays: i.legalDays,
                promisedDays: i.promisedDays, online: i.online,
                guide: ServiceItemSection.guide(i, department: departments[i.departmentId] ?? "").map {
                    .init(label: $0.label, value: $0.value)
                })
        }
        let materials = try await repo.materials(bundleID: b.id).map { m -> Components.Schemas.ServiceMaterial in
            .init(
                id: m.id, name: m.name, required: m.required, form: m.form, copies: m.copies, source: m.source,
                standard: m.standard, filledFrom: m.filledFrom,
                blankFormUrl: m.blankName.map { _ in SiteURL.serviceMaterialFile(m.id, kind: "blank").path },
                sampleUrl: m.sampleName.map { _ in SiteURL.serviceMaterialFile(m.id, kind: "sample").path })
        }
        return .ok(
            .init(
                body: .json(.init(bundle: bundleJSON(b, departments: departments), items: items, materials: materials)))
        )
    }

    private func applicationJSON(_ c: ServiceCase) async throws -> Components.Schemas.ServiceApplication {
        let record = try c.caseRow.record()
        let repo = ServiceApplicationRepository(db: db)
        let bundle = try await ServiceRepository(db: db).bundle(id: c.details.bundleId)
        let files = try await repo.files(caseID: c.id)
        let appeal = try await repo.appeal(caseID: c.id)
        let children = try await CaseRepository(db: db).children(of: [c.id])
        return .init(
            id: c.id, number: c.number, bundleId: c.details.bundleId, bundle: bundle?.name ?? "",
            departmentId: c.details.departmentId, channel: c.details.channel, applicantName: c.details.applicantName,
            state: record.state, stateLabel: services.cases.stateName(record.typeCode, record.state),
            promisedDays: c.details.promisedDays, instant: c.details.instant,
            openedAt: Date(timeIntervalSince1970: TimeInterval(c.caseRow.openedAt)),
            deadline: c.caseRow.closedAt == nil ? c.caseRow.deadlineDay : nil, overdue: c.caseRow.everOverdue,
            officerUserId: c.details.officerUserId, handedIn: files.map(\.materialId),
            noticeMaterialIds: (c.details.firstNoticeIDs ?? []).compactMap(Int64.init),
            workingDays: c.details.workingDays,
            resultNo: c.details.resultNo, delivery: c.details.delivery, trackingNo: c.details.trackingNo,
            rating: record.rating?.level.rawValue, ratingComment: record.rating?.comment, appealState: appeal?.state,
            followUpCaseIds: children.map(\.id))
    }

    func serviceCase(_ id: Int64, _ user: CurrentUser, _ action: Action) async throws -> ServiceCase {
        guard let zoneID = user.homeZoneID ?? user.zoneID,
            let c = try await ServiceApplicationRepository(db: db).find(caseID: id, zoneID: zoneID)
        else { throw APIError.notFound }
        try APIError.check(Permissions.decide(user, action, c.resource))
        return c
    }

    func reloadedCase(_ id: Int64, zoneID: Int64) async throws -> Components.Schemas.ServiceApplication {
        guard let c = try await ServiceApplicationRepository(db: db).find(caseID: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return try await applicationJSON(c)
    }

    func listServiceApplications(_ input: Operations.ListServiceApplications.Input) async throws
        -> Operations.ListServiceApplications.Output
    {
        let user = try APICaller.require()
        let zoneID = try serviceZone(user)
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let scope: ServiceApplicationScope =
            switch user.role {
            case .zoneAdmin, .platformAdmin: .zone
            case .departmentStaff: .department(id: user.departmentID ?? -1, officerID: user.id)
            default: .applicant(userID: user.id)
            }
        let paged = try await ServiceApplicationRepository(db: db).list(zoneID: zoneID, scope: scope, pager)
        var items: [Components.Schemas.ServiceApplication] = []
        for c in paged.rows { items.append(try await applicationJSON(c)) }
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }

    func getServiceApplication(_ input: Operations.GetServiceApplication.Input) async throws
        -> Operations.GetServiceApplication.Output
    {
        let user = try APICaller.require()
        return .ok(
            .init(body: .json(try await applicationJSON(try await serviceCase(input.path.applicationId, user, .view)))))
    }

    func createServiceApplication(_ input: Operations.CreateServiceApplication.Input) async throws
        -> Operations.CreateServiceApplication.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        bounds.id(body.bundleId, "bundleId")
        let name = bounds.text(body.applicantName, "applicantName", min: 1, max: 60)
        let phone = bounds.text(body.applicantPhone, "applicantPhone", min: 1, max: 20)
        let purpose = bounds.text(body.purpose, "purpose", max: 500)
        for id in body.paperMaterialIds ?? [] { bounds.id(id, "paperMaterialIds") }
        if (body.paperMaterialIds?.count ?? 0) > 50 {
            throw APIError.validation([.init(field: "paperMaterialIds", message: "最多 50 项")])
        }
        try bounds.check()
        guard let zoneID = user.homeZoneID ?? user.zoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .update, .serviceApply(zoneID: zoneID)))
        guard let b = try await ServiceRepository(db: db).bundle(id: body.bundleId), b.zoneId == zoneID else {
            throw APIError.notFound
        }
        let input = ServiceApplicationInput(
            channel: ServiceChannel.window.rawValue, applicantName: name, applicantPhone: phone, purpose: purpose,
            files: [:], paper: Set(body.paperMaterialIds ?? []))
        let id = try await serviceWrites.apply(input, bundle: b, user: user)
        return .created(.init(body: .json(try await reloadedCase(id, zoneID: zoneID))))
    }

    func stepServiceApplication(_ input: Operations.StepServiceApplication.Input) async throws
        -> Operations.StepServiceApplication.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        let note = bounds.text(body.note, "note", max: 1000)
        let resultNo = bounds.text(body.resultNo, "resultNo", max: 60)
        let delivery = bounds.text(body.delivery, "delivery", max: 10)
        let tracking = bounds.text(body.trackingNo, "trackingNo", max: 30)
        bounds.id(body.officerId, "officerId")
        for id in body.materialIds ?? [] { bounds.id(id, "materialIds") }
        if (body.materialIds?.count ?? 0) > 50 {
            throw APIError.validation([.init(field: "materialIds", message: "最多 50 项")])
        }
        try bounds.check()
        let c = try await serviceCase(input.path.applicationId, user, .update)
        let result = ServiceResultInput(resultNo: resultNo, delivery: delivery, trackingNo: tracking, note: note)
        switch body.action {
        case .notify: try await serviceWrites.notify(c, materialIDs: body.materialIds ?? [], note: note, user: user)
        case .accept: try await serviceWrites.accept(c, result: result, user: user)
        case .finish: try await serviceWrites.finish(c, result: result, user: user)
        case .refuse: try await serviceWrites.refuse(c, reason: note, user: user)
        case .officer:
            guard let officer = body.officerId else {
                throw APIError.validation([.init(field: "officerId", message: "请指定领办人")])
            }
            try await serviceWrites.assignOfficer(c, officerID: officer, user: user)
        }
        return .ok(.init(body: .json(try await reloadedCase(c.id, zoneID: c.details.zoneId))))
    }

    func rateServiceApplication(_ input: Operations.RateServiceApplication.Input) async throws
        -> Operations.RateServiceApplication.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        let comment = bounds.text(body.comment, "comment", max: 500)
        var facets: [RatingFacet: Int] = [:]
        let given: [(RatingFacet, Int?)] = [
            (.overall, body.facets?.overall), (.efficiency, body.facets?.efficiency),
            (.guideAccuracy, body.facets?.guideAccuracy), (.convenience, body.facets?.convenience),
            (.usability, body.facets?.usability),
        ]
        for (facet, score) in given {
            guard let score else { continue }
            bounds.number(Int64(score), "facets.\(facet.rawValue)", min: 1, max: 5)
            facets[facet] = score
        }
        try bounds.check()
        let c = try await serviceCase(input.path.applicationId, user, .view)
        try APIError.check(
            Permissions.decide(
                user, .update, .ownCase(zoneID: c.caseRow.zoneId, requesterUserID: c.caseRow.requesterUserId)))
        let level = RatingLevel(rawValue: body.level.rawValue) ?? .satisfied
        if level.isNegative, comment.isEmpty {
            throw APIError.validation([.init(field: "comment", message: "选择不满意时请写明原因，便于部门回访整改")])
        }
        _ = try await serviceWrites.rate(c, level: level, facets: facets, comment: comment, user: user)
        return .ok(.init(body: .json(try await reloadedCase(c.id, zoneID: c.details.zoneId))))
    }

    func appealServiceRating(_ input: Operations.AppealServiceRating.Input) async throws
        -> Operations.AppealServiceRating.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        let reason = bounds.text(body.reason, "reason", min: 10, max: 1000)
        try bounds.check()
        let c = try await serviceCase(input.path.applicationId, user, .view)
        try APIError.check(
            Permissions.decide(
                user, .create, .serviceOffice(zoneID: c.details.zoneId, departmentID: c.details.departmentId)))
        _ = try await serviceWrites.appeal(c, reason: reason, user: user)
        return .created(.init(body: .json(try await reloadedCase(c.id, zoneID: c.details.zoneId))))
    }

    func getServiceStatistics(_ input: Operations.GetServiceStatistics.Input) async throws
        -> Operations.GetServiceStatistics.Output
    {
        let user = try APICaller.require()
        guard let zoneID = user.homeZoneID ?? user.zoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .serviceOffice(zoneID: zoneID, departmentID: nil)))
        var bounds = APIBounds()
        bounds.number(input.query.year.map(Int64.init), "year", min: 2000, max: 2100)
        try bounds.check()
        let year = input.query.year ?? Clock.today.year
        let groups = try await ServiceStatisticsRoutes(services: services).figures(zoneID: zoneID, year: year)
        func json(_ name: String, _ f: ServiceFigures) -> Components.Schemas.ServiceFigures {
            .init(
                group: name, applications: f.applications, finished: f.finished, instantRate: f.instantRate,
                onlineRate: f.onlineRate, averageDays: f.averageDays, averagePromisedDays: f.averagePromised,
                withinOneDayRate: f.withinOneDayRate, withinPromiseRate: f.withinPromiseRate, rated: f.rated,
                goodRate: f.goodRate, satisfiedRate: f.satisfiedRate, bad: f.bad, fixRate: f.fixRate)
        }
        func list(_ dimension: Int) -> [Components.Schemas.ServiceFigures] {
            groups.tables[dimension].map { json($0.0, $0.1) }
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        year: year, total: json("合计", groups.total), byMonth: list(0), byBundle: list(1),
                        byItem: list(2), byDepartment: list(3), byChannel: list(4)))))
    }
}
