import Foundation
import GaoxinCore
import Hummingbird

/// Matching seen from both sides: the enterprises an item fits (staff, with 通知), the items an
/// enterprise fits (可申报的政策), and the enterprise's notices.
extension PolicyRoutes {
    /// An item of the user's zone with its document, for staff who may see the ledger.
    private func staffItem(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, PolicyRow, PolicyItemRow
    ) {
        let (user, zoneID) = try context.requireZone()
        let repo = PolicyRepository(db: db.sql)
        guard let item = try await repo.item(id: try request.id(context), zoneID: zoneID),
            let policy = try await repo.policy(id: item.policyId, zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(.view, .policy(zoneID: zoneID, departmentID: policy.departmentId))
        return (user, policy, item)
    }

    @Sendable func eligible(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, policy, item) = try await staffItem(request, context)
        let model = try await EligiblePage.load(
            item, policy: policy, canNotify: Self.canEdit(user, policy),
            pager: try Pager(query: request.uri.queryParameters.get("page"), size: EligiblePage.pageSize),
            tabs: try await tabs(context, current: .policyItemEligible(item.id)), csrf: context.csrfToken, db: db)
        return try await render(
            "policies/eligible", page: model, context: context, title: "符合条件的企业",
            crumbs: [
                .init(title: policy.title, href: SiteURL.policyDocument(policy.id).path),
                .init(title: item.title, href: SiteURL.policyItem(item.id).path), .init(title: "符合条件的企业", href: nil),
            ])
    }

    @Sendable func notify(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, policy, item) = try await staffItem(request, context)
        try context.authorize(.update, .policy(zoneID: policy.zoneId, departmentID: policy.departmentId))
        let form = try await FormData.from(request, context: context)
        let back = SiteURL.policyItemEligible(item.id)
        let one: Int64?
        if form["all"] == "1" {
            one = nil
        } else {
            guard let id = Int64(form["enterprise_id"]) else {
                return .redirect(to: back, flash: Flash(kind: .error, message: "通知未发送：请选择要通知的企业。"))
            }
            one = id
        }
        let targets: [Int64]
        do {
            targets = try await PolicyService(database: db, user: user).notify(
                item: item, policy: policy, enterpriseID: one)
        } catch let refusal as Refusal {
            // The list is where staff act: the reason comes back there, above the list.
            return .redirect(
                to: back, flash: Flash(kind: .error, message: refusal.errors.summary.joined(separator: "；")))
        }
        guard !targets.isEmpty else {
            return .redirect(to: back, flash: Flash(kind: .info, message: "没有需要通知的企业：符合条件的企业都已通知过。"))
        }
        return .redirect(to: back, flash: Flash(kind: .success, message: "已向 \(targets.count) 家企业发送站内通知。"))
    }

    /// The enterprise this signed-in user works for; anyone else has no desk here.
    private func desk(_ context: AppRequestContext) throws -> (CurrentUser, Int64, Int64) {
        let (user, zoneID) = try context.requireZone()
        guard let own = EnterpriseDesk.enterprise(of: user, zoneID: zoneID) else { throw PageError.forbidden }
        return (user, zoneID, own)
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, _, own) = try desk(context)
        return .redirect(to: SiteURL.policyMatches(enterpriseID: own))
    }

    @Sendable func matches(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.policies, zoneID: zoneID))
        guard
            let enterprise = try await EnterpriseRepository(db: db.sql).find(
                id: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        // Another enterprise's page answers "not found" to an enterprise user.
        try context.authorize(.view, .enterprise(zoneID: zoneID, enterpriseID: enterprise.id))
        let ownDesk = EnterpriseDesk.enterprise(of: user, zoneID: zoneID) == enterprise.id
        let model = try await EnterpriseMatchesPage.load(
            enterprise, ownDesk: ownDesk,
            canSeeRecord: Permissions.decide(user, .view, .enterprise(zoneID: zoneID, enterpriseID: enterprise.id))
                == .allow,
            tabs: try await tabs(context, current: ownDesk ? .policyMine : .policyMatches(enterpriseID: enterprise.id)),
            db: db)
        return try await render(
            "policies/matches", page: model, context: context, title: "可申报的政策",
            crumbs: [.init(title: "可申报的政策", href: nil)])
    }

    @Sendable func notices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, _, own) = try desk(context)
        let model = try await NoticesPage.load(
            enterpriseID: own,
            pager: try Pager(query: request.uri.queryParameters.get("page"), size: NoticesPage.pageSize),
            tabs: try await tabs(context, current: .policyNotices), csrf: context.csrfToken, db: db)
        return try await render(
            "policies/notices", page: model, context: context, title: "消息通知", crumbs: [.init(title: "消息通知", href: nil)])
    }

    @Sendable func readNotices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID, own) = try desk(context)
        let form = try await FormData.from(request, context: context)
        let one = form["all"] == "1" ? nil : Int64(form["id"])
        guard form["all"] == "1" || one != nil else { throw PageError.badRequest("请选择要标为已读的通知。") }
        let changed = try await PolicyService(database: db, user: user).markNoticesRead(
            enterpriseID: own, zoneID: zoneID, noticeID: one)
        return .redirect(
            to: SiteURL.policyNotices,
            flash: Flash(kind: .success, message: changed == 0 ? "没有未读通知。" : "已将 \(changed) 条通知标为已读。"))
    }
}
