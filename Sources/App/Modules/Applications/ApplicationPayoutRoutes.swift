import Foundation
import GaoxinCore
import Hummingbird

/// 免申即享 grants confirmed in bulk by the item's reviewers, and the payout totals (政策兑现统计).
extension ApplicationRoutes {
    private func autoGrantItem(_ request: Request, _ context: AppRequestContext) async throws -> (
        CurrentUser, PolicyItemRow, PolicyRow
    ) {
        let (user, zoneID) = try context.requireZone()
        let repo = PolicyRepository(db: db.sql)
        guard let item = try await repo.item(id: try request.id(context), zoneID: zoneID),
            let policy = try await repo.policy(id: item.policyId, zoneID: zoneID), item.autoGrant
        else { throw PageError.notFound }
        try context.authorize(
            .update, .application(zoneID: zoneID, departmentID: policy.departmentId, enterpriseID: nil))
        return (user, item, policy)
    }

    private func renderAutoGrant(
        _ item: PolicyItemRow, _ policy: PolicyRow, errors: [String] = [], request: Request, context: AppRequestContext
    ) async throws -> Response {
        var page = try await AutoGrantPage.load(
            item, policy: policy,
            pager: try Pager(query: request.uri.queryParameters.get("page"), size: AutoGrantPage.pageSize),
            tabs: try await tabs(context, current: .policyItemAutoGrant(item.id)), csrf: context.csrfToken, db: db)
        page.errors = errors
        return try await render(
            "applications/auto-grant", page: page, context: context, title: "免申即享兑现：\(page.heading)",
            crumbs: [.init(title: page.heading, href: page.itemHref), .init(title: "免申即享兑现", href: nil)])
    }

    @Sendable func autoGrantPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, item, policy) = try await autoGrantItem(request, context)
        return try await renderAutoGrant(item, policy, request: request, context: context)
    }

    @Sendable func confirmAutoGrant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, item, policy) = try await autoGrantItem(request, context)
        let form = try await FormData.from(request, context: context)
        let ids = form.all("enterprise").compactMap { Int64($0) }
        return try await services.submit {
            let saved = try await ApplicationService(database: db).confirmAutoGrant(
                item: item, enterpriseIDs: ids, paidOn: form["paid_on"], voucherPrefix: form["voucher_prefix"],
                actor: user)
            let total = saved.reduce(0) { $0 + $1.amount }
            return .redirect(
                to: .policyItemAutoGrant(item.id),
                flash: Flash(kind: .success, message: "已确认免申即享兑现 \(saved.count) 家企业，合计 \(Wan.text(total)) 万元。"))
        } refused: { errors in
            try await renderAutoGrant(
                item, policy, errors: errors.summary + ["未登记任何兑现。"], request: request, context: context)
        }
    }

    // MARK: - Totals

    /// Whose payouts `user` sees in the zone's totals: everyone's (nil) for the staff who read every
    /// line, else only their own enterprise's (none for an enterprise user without one).
    static func payoutScope(_ user: CurrentUser, zoneID: Int64) -> Int64? {
        Permissions.decide(user, .view, .payoutLines(zoneID: zoneID, enterpriseID: nil)) == .allow
            ? nil : (user.enterpriseID ?? -1)
    }

    @Sendable func totals(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .payouts(zoneID: zoneID))
        let model = try await PayoutTotalsPage.load(
            zoneID: zoneID, zoneName: context.zone?.name ?? "", enterpriseID: Self.payoutScope(user, zoneID: zoneID),
            tabs: try await tabs(context, current: .payoutTotals), db: db)
        if ListExport.isRequested(request) {
            // The page's four tables one after another, each line with the table it belongs to.
            let groups = [
                ("按政策", model.byPolicy), ("按部门", model.byDepartment), ("按年度", model.byYear),
                ("按企业", model.byEnterprise),
            ]
            return try await ListExport.csv(
                filename: "payout-totals", title: "政策兑现统计", headers: ["分组", "名称", "件数", "金额（万元）"],
                rows: groups.flatMap { g in g.1.map { (g.0, $0) } },
                cells: { [$0.0, $0.1.label, String($0.1.count), $0.1.amount] })
        }
        return try await render(
            "applications/totals", page: model, context: context, title: "政策兑现统计",
            crumbs: [.init(title: "政策兑现统计", href: nil)])
    }
}
