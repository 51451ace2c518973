import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The 共享法庭 operations of `/api/v1`: the same service, repository and `Permissions` as the pages.
extension APIHandler {
    private var mediationService: MediationService { MediationService(services: services) }

    private func mediationJSON(_ m: MediationCase) -> Components.Schemas.MediationCase {
        .init(
            id: m.id, number: m.number, kind: m.details.kind, claim: m.details.claim,
            amountClaimed: m.details.amountClaimed, state: m.caseRow.state,
            stateLabel: services.cases.stateName(m.caseRow.typeCode, m.caseRow.state), targetDay: m.details.targetDay,
            onTarget: m.details.onTarget, sessionAt: m.details.sessionAt, sessionLink: m.details.sessionLink,
            agreement: m.details.agreement, agreementAmount: m.details.agreementAmount,
            agreementDeadline: m.details.agreementDeadline, outcome: m.details.outcomeNote,
            parties: m.parties.map { .init(id: $0.id, side: $0.side, name: $0.name, confirmed: $0.confirmedAt != nil) })
    }

    private func mediationCase(_ id: Int64, _ user: CurrentUser, _ action: Action) async throws -> MediationCase {
        guard let zoneID = user.homeZoneID,
            let m = try await MediationRepository(db: db).find(caseID: id, zoneID: zoneID)
        else { throw APIError.notFound }
        try APIError.check(Permissions.decide(user, action, m.resource))
        return m
    }

    private func reloadedMediation(_ id: Int64, zoneID: Int64) async throws -> Components.Schemas.MediationCase {
        guard let m = try await MediationRepository(db: db).find(caseID: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return mediationJSON(m)
    }

    func listMediationCases(_ input: Operations.ListMediationCases.Input) async throws
        -> Operations.ListMediationCases.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .mediation(zoneID: zoneID)))
        let office = MediationRoutes.isOffice(user)
        let paged = try await MediationRepository(db: db).page(
            zoneID: zoneID, partyUserID: office ? nil : user.id,
            partyEnterpriseID: office ? nil : (user.role == .enterpriseUser ? user.enterpriseID : nil), pager)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: paged.rows.map(mediationJSON), page: pager.page, perPage: pager.size, total: paged.total)
                )))
    }

    func createMediationCase(_ input: Operations.CreateMediationCase.Input) async throws
        -> Operations.CreateMediationCase.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .create, .mediation(zoneID: zoneID)))
        var bounds = APIBounds()
        bounds.text(body.claim, "claim", min: 1, max: 2000)
        bounds.number(body.amount, "amount", min: 0, max: 10_000_000_000)
        bounds.text(body.applicant, "applicant", max: 60)
        bounds.text(body.respondent, "respondent", min: 1, max: 100)
        bounds.text(body.respondentCode, "respondentCode", max: 18)
        bounds.id(body.eventId, "eventId")
        try bounds.check()
        let filing = MediationService.Filing(
            kind: body.kind.rawValue, claim: body.claim, amount: body.amount.map(String.init) ?? "",
            applicantName: body.applicant ?? "", respondentName: body.respondent,
            respondentCode: body.respondentCode ?? "",
            event: body.eventId.map(String.init) ?? "")
        let id = try await mediationService.file(filing, zoneID: zoneID, user: user)
        return .created(.init(body: .json(try await reloadedMediation(id, zoneID: zoneID))))
    }

    func getMediationCase(_ input: Operations.GetMediationCase.Input) async throws -> Operations.GetMediationCase.Output
    {
        let user = try APICaller.require()
        let m = try await mediationCase(input.path.caseId, user, .view)
        return .ok(.init(body: .json(mediationJSON(m))))
    }

    func stepMediationCase(_ input: Operations.StepMediationCase.Input) async throws
        -> Operations.StepMediationCase.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let m = try await mediationCase(input.path.caseId, user, .update)
        guard MediationRoutes.isOffice(user) else { throw APIError.forbidden }
        var bounds = APIBounds()
        bounds.text(body.sessionAt, "sessionAt", max: 16)
        bounds.text(body.sessionLink, "sessionLink", max: 300)
        bounds.text(body.participants, "participants", max: 300)
        bounds.text(body.agreement, "agreement", max: 3000)
        bounds.number(body.agreementAmount, "agreementAmount", min: 0, max: 10_000_000_000)
        _ = bounds.day(body.agreementDeadline, "agreementDeadline")
        bounds.text(body.reason, "reason", max: 1000)
        try bounds.check()
        let step = MediationService.StepInput(
            sessionAt: body.sessionAt ?? "", sessionLink: body.sessionLink ?? "", participants: body.participants ?? "",
            agreement: body.agreement ?? "", agreementAmount: body.agreementAmount.map(String.init) ?? "",
            agreementDeadline: body.agreementDeadline ?? "", reason: body.reason ?? "")
        _ = try await mediationService.step(m, transition: body.transition.rawValue, form: step, user: user)
        return .ok(.init(body: .json(try await reloadedMediation(m.id, zoneID: m.caseRow.zoneId))))
    }

    func confirmMediationAgreement(_ input: Operations.ConfirmMediationAgreement.Input) async throws
        -> Operations.ConfirmMediationAgreement.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let m = try await mediationCase(input.path.caseId, user, .update)
        var bounds = APIBounds()
        bounds.id(body.partyId, "partyId")
        try bounds.check()
        _ = try await mediationService.confirm(m, partyID: body.partyId, user: user)
        return .ok(.init(body: .json(try await reloadedMediation(m.id, zoneID: m.caseRow.zoneId))))
    }
}
