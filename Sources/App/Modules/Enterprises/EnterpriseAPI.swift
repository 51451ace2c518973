import Foundation
import GaoxinCore
import HTTPTypes
import OpenAPIRuntime

/// The enterprise operations of `/api/v1` (declared in openapi.json): the registry, figures by
/// year, certifications, the official criteria for one enterprise, and the 后备 candidate lists.
extension APIHandler {
    func listEnterprises(_ input: Operations.ListEnterprises.Input) async throws -> Operations.ListEnterprises.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let repo = EnterpriseRepository(db: db)
        let scope = ZoneScope(user)
        if case .zone(let zoneID) = scope, let own = EnterpriseDesk.enterprise(of: user, zoneID: zoneID) {
            // An enterprise user's list is their own enterprise, nothing else.
            let items = try await repo.find(id: own, zoneID: zoneID).map { [Self.enterprise($0)] } ?? []
            return .ok(
                .init(
                    body: .json(
                        .init(
                            items: pager.page == 1 ? items : [], page: pager.page, perPage: pager.size,
                            total: items.count))))
        }
        if case .zone(let zoneID) = scope {
            try APIError.check(Permissions.decide(user, .view, .enterpriseList(zoneID: zoneID)))
        }
        let paged = try await repo.list(scope: scope, pager: pager)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: paged.rows.map(Self.enterprise), page: pager.page, perPage: pager.size,
                        total: paged.total))))
    }

    static func enterprise(_ e: EnterpriseRow) -> Components.Schemas.Enterprise {
        .init(id: e.id, zoneId: e.zoneId, parkId: e.parkId, name: e.name, uscc: e.uscc)
    }

    func getEnterprise(_ input: Operations.GetEnterprise.Input) async throws -> Operations.GetEnterprise.Output {
        let user = try APICaller.require()
        let row = try await enterprise(input.path.enterpriseId, .view, user: user)
        return .ok(.init(body: .json(Self.enterprise(row))))
    }

    /// The enterprise the caller may act on (404 for other zones' and other enterprises' ids).
    func enterprise(_ id: Int64, _ action: Action, user: CurrentUser) async throws -> EnterpriseRow {
        guard let row = try await EnterpriseRepository(db: db).findAnyZone(id: id) else { throw APIError.notFound }
        try APIError.check(Permissions.decide(user, .view, .enterprise(zoneID: row.zoneId, enterpriseID: row.id)))
        try APIError.check(Permissions.decide(user, action, .enterprise(zoneID: row.zoneId, enterpriseID: row.id)))
        return row
    }

    static func dto(_ facts: YearFacts) throws -> Components.Schemas.YearFacts {
        var values: [String: Double] = [:]
        for (key, path) in YearFacts.numericFields { if let v = facts[keyPath: path] { values[key] = v } }
        return try JSONDecoder().decode(Components.Schemas.YearFacts.self, from: JSONEncoder().encode(values))
    }

    static func facts(_ dto: Components.Schemas.YearFacts, year: Int) throws -> YearFacts {
        let values = try JSONDecoder().decode([String: Double].self, from: JSONEncoder().encode(dto))
        var facts = YearFacts(year: year)
        for (key, value) in values { facts[key] = value }
        return facts
    }

    func listEnterpriseFacts(_ input: Operations.ListEnterpriseFacts.Input) async throws
        -> Operations.ListEnterpriseFacts.Output
    {
        let user = try APICaller.require()
        let row = try await enterprise(input.path.enterpriseId, .view, user: user)
        let years = try await EnterpriseRepository(db: db).facts(enterpriseID: row.id)
        return .ok(.init(body: .json(.init(items: try years.map { .init(year: $0.year, facts: try Self.dto($0)) }))))
    }

    func putEnterpriseFacts(_ input: Operations.PutEnterpriseFacts.Input) async throws
        -> Operations.PutEnterpriseFacts.Output
    {
        let user = try APICaller.require()
        let row = try await enterprise(input.path.enterpriseId, .update, user: user)
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let thisYear = Clock.today.year
        let year = input.path.year
        var errors: [APIError.FieldError] = []
        if !(1949...thisYear).contains(year) {
            errors.append(.init(field: "year", message: "年度必须在 1949 到 \(thisYear) 之间"))
        }
        let facts = try Self.facts(body, year: year)
        errors += facts.problems().filter { $0.field != "year" }.map { .init(field: $0.field, message: $0.message) }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        try await EnterpriseService(database: services.database, user: user).saveFacts(facts, of: row)
        return .ok(.init(body: .json(.init(year: year, facts: try Self.dto(facts)))))
    }

    func listCertifications(_ input: Operations.ListCertifications.Input) async throws
        -> Operations.ListCertifications.Output
    {
        let user = try APICaller.require()
        let row = try await enterprise(input.path.enterpriseId, .view, user: user)
        let rows = try await EnterpriseRepository(db: db).certifications(enterpriseID: row.id)
        return .ok(.init(body: .json(.init(items: rows.compactMap { Self.certification($0, today: Clock.today) }))))
    }

    func createCertification(_ input: Operations.CreateCertification.Input) async throws
        -> Operations.CreateCertification.Output
    {
        let user = try APICaller.require()
        let row = try await enterprise(input.path.enterpriseId, .administer, user: user)
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        try Self.checkDates([("certifiedOn", body.certifiedOn), ("expiresOn", body.expiresOn)])
        let input = EnterpriseService.CertificationInput(
            kind: body.kind.rawValue, certifiedOn: body.certifiedOn, expiresOn: body.expiresOn ?? "",
            number: (body.certificateNo ?? "").trimmed)
        let id: Int64
        do {
            id = try await EnterpriseService(database: services.database, user: user).addCertification(input, to: row)
        } catch let refusal as Refusal {
            throw APIError.validation(
                refusal.errors,
                rename: ["certified_on": "certifiedOn", "expires_on": "expiresOn", "certificate_no": "certificateNo"])
        }
        guard
            let saved = try await EnterpriseRepository(db: db).certifications(enterpriseID: row.id).first(where: {
                $0.id == id
            }),
            let body = Self.certification(saved, today: Clock.today)
        else { throw APIError.notFound }
        return .created(.init(body: .json(body)))
    }

    static func certification(_ row: CertificationRow, today: Day) -> Components.Schemas.Certification? {
        row.certification.map { c in
            .init(
                id: row.id, kind: c.kind.rawValue, label: c.kind.label, certifiedOn: c.certifiedOn.description,
                expiresOn: c.effectiveExpiry?.description, certificateNo: row.certificateNo, valid: c.isValid(on: today)
            )
        }
    }

    func getEnterpriseAssessment(_ input: Operations.GetEnterpriseAssessment.Input) async throws
        -> Operations.GetEnterpriseAssessment.Output
    {
        let user = try APICaller.require()
        let row = try await enterprise(input.path.enterpriseId, .view, user: user)
        let today = Clock.today
        let records = try await ZoneEnterpriseRecords.load(db: db, zoneID: row.zoneId, today: today, only: row.id)
        let library = try await CriteriaStore(db: db).library(zoneID: row.zoneId)
        guard let entry = records.entry(id: row.id) else { throw APIError.notFound }
        let criteria = library.criteria.map { criterion -> Components.Schemas.CriterionAssessment in
            let result = criterion.evaluate(entry.record)
            return .init(
                code: criterion.code, name: result.criterionName,
                verdict: .init(rawValue: result.verdict.rawValue) ?? .undetermined, summary: result.summary,
                score: result.score?.total, maxScore: result.score?.maximum,
                conditions: result.conditions.map {
                    .init(
                        code: $0.code, label: $0.label, status: .init(rawValue: $0.status.rawValue) ?? .missingData,
                        sentences: $0.sentences + $0.gapTexts)
                })
        }
        return .ok(.init(body: .json(.init(enterpriseId: row.id, year: entry.year, criteria: criteria))))
    }

    func listCandidates(_ input: Operations.ListCandidates.Input) async throws -> Operations.ListCandidates.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID else {
            throw APIError(status: .badRequest, title: "需要园区", detail: "后备企业库按园区计算；平台管理员请使用园区管理员的令牌。")
        }
        try APIError.check(Permissions.decide(user, .view, .enterpriseList(zoneID: zoneID)))
        guard let criterion = try await CriteriaStore(db: db).library(zoneID: zoneID)[input.path.code] else {
            throw APIError.notFound
        }
        let store = AssessmentStore(database: services.database)
        try await store.ensureFresh(zoneID: zoneID)
        let paged = try await EnterpriseRepository(db: db).candidates(
            zoneID: zoneID, code: criterion.code, pager: pager)
        let shortfalls = try await store.shortfalls(paged.rows, criterion: criterion, zoneID: zoneID)
        let items = paged.rows.map { c in
            Components.Schemas.CandidateEntry(
                enterpriseId: c.enterpriseID, name: c.name, closeness: c.closeness, partsMet: c.partsMet,
                partsTotal: c.partsTotal, shortfalls: shortfalls[c.enterpriseID] ?? [])
        }
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }
}
