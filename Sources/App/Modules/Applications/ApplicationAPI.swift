import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The application and payout operations of `/api/v1`: the same `ApplicationService`, checks and
/// `Permissions` as the pages (its `Refusal`s become 400 problems in `ProblemMiddleware`). Materials
/// are declared by name here; files come through the pages.
extension APIHandler {
    /// The application with its item and document, refused unless the caller may do `action`.
    private func loadedApplication(_ id: Int64, _ action: Action, user: CurrentUser) async throws -> (
        ApplicationRow, PolicyItemRow, PolicyRow
    ) {
        let repo = PolicyRepository(db: db)
        guard let a = try await ApplicationRepository(db: db).application(id: id),
            let item = try await repo.item(id: a.itemId, zoneID: a.zoneId),
            let policy = try await repo.policy(id: item.policyId, zoneID: a.zoneId)
        else { throw APIError.notFound }
        let resource = Resource.application(
            zoneID: a.zoneId, departmentID: policy.departmentId, enterpriseID: a.enterpriseId)
        try APIError.check(Permissions.decide(user, .view, resource))
        try APIError.check(Permissions.decide(user, action, resource))
        return (a, item, policy)
    }

    private func dto(_ a: ApplicationRow, item: PolicyItemRow? = nil) async throws -> Components.Schemas.Application {
        var itemRow = item
        if itemRow == nil { itemRow = try await PolicyRepository(db: db).item(id: a.itemId, zoneID: a.zoneId) }
        let enterprise = try await EnterpriseRepository(db: db).find(id: a.enterpriseId, zoneID: a.zoneId)
        let materials = try await ApplicationRepository(db: db).materials(applicationID: a.id)
        return .init(
            id: a.id, zoneId: a.zoneId, itemId: a.itemId, itemTitle: itemRow?.heading ?? "",
            enterpriseId: a.enterpriseId,
            enterpriseName: enterprise?.name ?? "", state: a.state, stateLabel: a.applicationState.label,
            requestedAmount: a.requestedAmount,
            approvedAmount: a.approvedAmount, note: a.note, missing: a.missing, returnNote: a.returnNote,
            decisionReason: a.decisionReason,
            materials: materials.map {
                .init(
                    id: $0.id, name: $0.materialName, fileName: $0.fileName, sizeBytes: $0.sizeBytes,
                    uploadedAt: Date(timeIntervalSince1970: TimeInterval($0.uploadedAt)))
            },
            submittedAt: Date(timeIntervalSince1970: TimeInterval(a.submittedAt)),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(a.updatedAt)))
    }

    static func payout(_ p: PayoutRow) -> Components.Schemas.Payout {
        .init(
            id: p.id, itemId: p.itemId, enterpriseId: p.enterpriseId, applicationId: p.applicationId, amount: p.amount,
            cases: p.cases,
            paidOn: p.paidOn, voucherNo: p.voucherNo, note: p.note)
    }

    /// The caller's zone and, for an enterprise user, their enterprise.
    private func applicationScope(_ user: CurrentUser) throws -> (zoneID: Int64, enterpriseID: Int64?) {
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        if let own = EnterpriseDesk.enterprise(of: user, zoneID: zoneID) { return (zoneID, own) }
        try APIError.check(
            Permissions.decide(
                user, .view, .application(zoneID: zoneID, departmentID: user.departmentID ?? 0, enterpriseID: nil)))
        return (zoneID, nil)
    }

    func listApplications(_ input: Operations.ListApplications.Input) async throws -> Operations.ListApplications.Output
    {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        var state: ApplicationState?
        if let text = input.query.state, !text.isEmpty {
            guard let s = ApplicationState(rawValue: text) else {
                throw APIError.validation([
                    .init(field: "state", message: "状态必须是 submitted、returned、approved、rejected 或 paid")
                ])
            }
            state = s
        }
        let (zoneID, own) = try applicationScope(user)
        let paged = try await ApplicationRepository(db: db).applications(
            zoneID: zoneID, enterpriseID: own,
            departmentIDs: own == nil
                ? try await ApplicationRoutes.queue(user, zoneID: zoneID, db: services.database) : nil,
            state: state, pager: pager)
        var items: [Components.Schemas.Application] = []
        for a in paged.rows { items.append(try await dto(a)) }
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }

    func getApplication(_ input: Operations.GetApplication.Input) async throws -> Operations.GetApplication.Output {
        let user = try APICaller.require()
        let (a, item, _) = try await loadedApplication(input.path.applicationId, .view, user: user)
        return .ok(.init(body: .json(try await dto(a, item: item))))
    }

    func createApplication(_ input: Operations.CreateApplication.Input) async throws
        -> Operations.CreateApplication.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        let repo = PolicyRepository(db: db)
        guard let item = try await repo.item(id: body.itemId, zoneID: zoneID),
            let policy = try await repo.policy(id: item.policyId, zoneID: zoneID),
            policy.validity(on: Clock.today) == .inForce
        else { throw APIError.validation([.init(field: "itemId", message: "没有这个可申报的政策条款")]) }
        guard let own = EnterpriseDesk.enterprise(of: user, zoneID: zoneID) else { throw APIError.forbidden }
        try APIError.check(
            Permissions.decide(
                user, .create, .application(zoneID: zoneID, departmentID: policy.departmentId, enterpriseID: own)))
        var files: [String: MaterialUpload] = [:]
        for name in body.materials where !name.isEmpty {
            files[name] = MaterialUpload(materialName: name, fileName: "（线下提交）", contentType: "", content: nil)
        }
        let id = try await ApplicationService(database: services.database).submit(
            .init(
                item: item, policy: policy, enterpriseID: own,
                requestedAmount: body.requestedAmount.map { String($0) } ?? "",
                note: body.note ?? "", files: files),
            actor: user)
        guard let saved = try await ApplicationRepository(db: db).application(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        return .created(.init(body: .json(try await dto(saved, item: item))))
    }

    func reviewApplication(_ input: Operations.ReviewApplication.Input) async throws
        -> Operations.ReviewApplication.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let (a, item, _) = try await loadedApplication(input.path.applicationId, .update, user: user)
        let decision: ApplicationService.Decision
        switch body.decision {
        case "return": decision = .returnForMissing(body.missing ?? [], note: body.note ?? "")
        case "approve": decision = .approve(amount: body.approvedAmount.map { String($0) } ?? "")
        case "reject": decision = .reject(reason: (body.reason ?? "").trimmed)
        default:
            throw APIError.validation([
                .init(field: "decision", message: "审核结论必须是 return（退回补正）、approve（通过）或 reject（驳回）")
            ])
        }
        let after = try await ApplicationService(database: services.database).review(
            a, item: item, decision: decision, actor: user)
        return .ok(.init(body: .json(try await dto(after, item: item))))
    }

    func recordApplicationPayout(_ input: Operations.RecordApplicationPayout.Input) async throws
        -> Operations.RecordApplicationPayout.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let (a, _, _) = try await loadedApplication(input.path.applicationId, .update, user: user)
        let payout = try await ApplicationService(database: services.database).recordPayout(
            a, amount: String(body.amount), paidOn: body.paidOn.trimmingCharacters(in: .whitespaces),
            voucher: body.voucherNo.trimmingCharacters(in: .whitespaces), actor: user)
        return .created(.init(body: .json(Self.payout(payout))))
    }

    private func payoutScope(_ user: CurrentUser) throws -> (Int64, Int64?) {
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .payouts(zoneID: zoneID)))
        return (zoneID, ApplicationRoutes.payoutScope(user, zoneID: zoneID))
    }

    func listPayouts(_ input: Operations.ListPayouts.Input) async throws -> Operations.ListPayouts.Output {
        let user = try APICaller.require()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        if let year = input.query.year, !(1949...2100).contains(year) {
            throw APIError.validation([.init(field: "year", message: "年度必须在 1949 到 2100 之间")])
        }
        let (zoneID, own) = try payoutScope(user)
        let paged = try await ApplicationRepository(db: db).payouts(
            zoneID: zoneID, enterpriseID: own, year: input.query.year, pager: pager)
        return .ok(
            .init(
                body: .json(
                    .init(items: paged.rows.map(Self.payout), page: pager.page, perPage: pager.size, total: paged.total)
                )))
    }

    func getPayoutTotals(_ input: Operations.GetPayoutTotals.Input) async throws -> Operations.GetPayoutTotals.Output {
        let user = try APICaller.require()
        let (zoneID, own) = try payoutScope(user)
        let t = try await PayoutTotals.load(db: services.database, zoneID: zoneID, enterpriseID: own)
        func lines(_ l: [PayoutTotals.Line]) -> [Components.Schemas.PayoutTotalLine] {
            l.map { .init(label: $0.key, count: $0.count, amount: ($0.amount * 100).rounded() / 100) }
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        count: t.count, amount: (t.amount * 100).rounded() / 100, sentence: t.sentence,
                        byPolicy: lines(t.byPolicy), byDepartment: lines(t.byDepartment), byYear: lines(t.byYear),
                        byEnterprise: lines(t.byEnterprise)))))
    }
}
