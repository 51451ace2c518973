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
        let repo = PolicyRepository(db: db.sql)
        let today = Clock.today
        let notified = try await repo.notified(itemID: item.id)
        let inForce = policy.validity(on: today) == .inForce
        // Largest estimate first; a page at a time, so the names and the reasons (rendered now,
        // not stored) are read only for the enterprises shown.
        // The eligible enterprises that haven't applied yet (nor been paid): the ones to reach.
        let engaged = try await ApplicationRepository(db: db.sql).engaged(itemID: item.id)
        let matches = (inForce ? try await repo.matches(itemID: item.id) : []).filter {
            !engaged.contains($0.enterpriseId)
        }
        .sorted { ($0.estimatedAmount ?? 0, $1.enterpriseId) > ($1.estimatedAmount ?? 0, $0.enterpriseId) }
        let perPage = 100
        let pageNumber = max(1, Int(request.uri.queryParameters.get("page") ?? "") ?? 1)
        let shown = Array(matches.dropFirst((pageNumber - 1) * perPage).prefix(perPage))
        let names = try await EnterpriseRepository(db: db.sql).names(
            ids: shown.map(\.enterpriseId), zoneID: policy.zoneId)
        let reasons = try await PolicyMatching(db: db.sql).explain(
            item: item, enterpriseIDs: shown.map(\.enterpriseId), zoneID: policy.zoneId, today: today)
        let rows = shown.map { m in
            EligiblePage.Row(
                enterpriseID: m.enterpriseId, name: names[m.enterpriseId] ?? "企业 #\(m.enterpriseId)",
                href: SiteURL.policyMatches(enterpriseID: m.enterpriseId).path,
                amount: m.estimatedAmount.map(PolicyBenefit.money) ?? "—", reasons: reasons[m.enterpriseId] ?? [],
                notifiedAt: notified[m.enterpriseId].map { DisplayTime.format($0) })
        }
        let base = SiteURL.policyItemEligible(item.id)
        let model = EligiblePage(
            tabs: try await tabs(context, current: .policyItemEligible(item.id)), heading: item.heading,
            itemHref: SiteURL.policyItem(item.id).path,
            window: item.window(on: today).label, rows: rows, total: matches.count,
            amountTotal: PolicyBenefit.money(matches.compactMap(\.estimatedAmount).reduce(0, +)),
            unnotified: matches.filter { notified[$0.enterpriseId] == nil }.count,
            prevHref: pageNumber > 1 ? base.with(query: [("page", String(pageNumber - 1))]) : nil,
            nextHref: pageNumber * perPage < matches.count ? base.with(query: [("page", String(pageNumber + 1))]) : nil,
            canNotify: inForce && Self.canEdit(user, policy), notifyAction: SiteURL.policyItemNotify(item.id).path,
            inForce: inForce,
            csrf: context.csrfToken)
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
            targets = try await PolicyEditing(database: db, user: user).notify(
                item: item, policy: policy, enterpriseID: one)
        } catch let refusal as PolicyEditing.NotifyRefusal {
            return .redirect(to: back, flash: Flash(kind: .error, message: refusal.message))
        }
        guard !targets.isEmpty else {
            return .redirect(to: back, flash: Flash(kind: .info, message: "没有需要通知的企业：符合条件的企业都已通知过。"))
        }
        return .redirect(to: back, flash: Flash(kind: .success, message: "已向 \(targets.count) 家企业发送站内通知。"))
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, _) = try context.requireZone()
        guard user.role == .enterpriseUser, let own = user.enterpriseID else { throw PageError.forbidden }
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
        let repo = PolicyRepository(db: db.sql)
        let today = Clock.today
        let policies = Dictionary(
            uniqueKeysWithValues: try await repo.policies(zoneID: zoneID).filter { $0.validity(on: today) == .inForce }
                .map { ($0.id, $0) })
        // Eligibility from the stored match (what staff and notices saw); reasons rendered now for
        // every item in force, eligible or not, from the same record.
        let stored = Dictionary(
            uniqueKeysWithValues: try await repo.matches(enterpriseID: enterprise.id).map { ($0.itemId, $0) })
        let (explained, factsYear) = try await PolicyMatching(db: db.sql).explain(
            enterpriseID: enterprise.id, zoneID: zoneID, today: today)
        let items = try await repo.items(ids: explained.keys.sorted())
        var open: [(Double, EnterpriseMatchesPage.Match)] = []
        var others: [EnterpriseMatchesPage.Match] = []
        var closed = 0
        for item in items {
            guard let policy = policies[item.policyId], let outcome = explained[item.id] else { continue }
            let m = stored[item.id]
            let window = item.window(on: today)
            let match = EnterpriseMatchesPage.Match(
                heading: item.heading, policy: policy.citation, href: SiteURL.policyItem(item.id).path,
                benefit: item.benefit.text,
                estimate: m?.estimatedAmount.map(PolicyBenefit.money), window: window.label, autoGrant: item.autoGrant,
                reasons: outcome.reasons,
                applyHref: user.enterpriseID == enterprise.id && !item.autoGrant && window.isOpen
                    ? SiteURL.policyItemApply(item.id).path : nil)
            if m == nil {
                others.append(match)
            } else if window.isOpenOrUpcoming {
                open.append((m?.estimatedAmount ?? 0, match))
            } else {
                closed += 1
            }
        }
        open.sort { $0.0 > $1.0 }
        let canSeeRecord =
            Permissions.decide(user, .view, .enterprise(zoneID: zoneID, enterpriseID: enterprise.id)) == .allow
        let model = EnterpriseMatchesPage(
            tabs: try await tabs(
                context,
                current: user.enterpriseID == enterprise.id ? .policyMine : .policyMatches(enterpriseID: enterprise.id)),
            enterprise: enterprise.name, factsYear: factsYear.map { "\($0) 年度" } ?? "（暂无年度数据）",
            matches: open.map(\.1), others: others, closedNote: closed > 0 ? "另有 \(closed) 项符合条件但已过申报期。" : nil,
            estimateTotal: PolicyBenefit.money(open.map(\.0).reduce(0, +)),
            enterpriseHref: canSeeRecord ? SiteURL.enterprise(enterprise.id).path : nil)
        return try await render(
            "policies/matches", page: model, context: context, title: "可申报的政策",
            crumbs: [.init(title: "可申报的政策", href: nil)])
    }

    /// The signed-in enterprise user's enterprise; anyone else has no notices here.
    private func noticeOwner(_ context: AppRequestContext) throws -> (CurrentUser, Int64, Int64) {
        let (user, zoneID) = try context.requireZone()
        guard user.role == .enterpriseUser, let enterpriseID = user.enterpriseID else { throw PageError.forbidden }
        return (user, zoneID, enterpriseID)
    }

    @Sendable func notices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, _, enterpriseID) = try noticeOwner(context)
        let repo = PolicyRepository(db: db.sql)
        let rows = try await repo.notices(enterpriseID: enterpriseID)
        let model = NoticesPage(
            tabs: try await tabs(context, current: .policyNotices),
            notices: rows.map {
                .init(
                    id: $0.id, message: $0.message, at: DisplayTime.format($0.createdAt), unread: $0.readAt == nil,
                    itemHref: $0.policyItemId.map { SiteURL.policyItem($0).path })
            },
            unread: rows.filter { $0.readAt == nil }.count, hasUnread: rows.contains { $0.readAt == nil },
            csrf: context.csrfToken)
        return try await render(
            "policies/notices", page: model, context: context, title: "消息通知", crumbs: [.init(title: "消息通知", href: nil)])
    }

    @Sendable func readNotices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID, enterpriseID) = try noticeOwner(context)
        let form = try await FormData.from(request, context: context)
        let one = form["all"] == "1" ? nil : Int64(form["id"])
        guard form["all"] == "1" || one != nil else { throw PageError.badRequest("请选择要标为已读的通知。") }
        let changed = try await db.transaction { db in
            let ids = try await PolicyRepository(db: db).markRead(
                enterpriseID: enterpriseID, noticeID: one, at: Clock.nowSeconds())
            if !ids.isEmpty {
                try await AuditLog.record(
                    zoneID: zoneID, actor: user, entity: "notice", id: one.map(String.init) ?? "all", action: "read",
                    after: ["ids": ids.map(String.init).joined(separator: ",")], on: db)
            }
            return ids.count
        }
        return .redirect(
            to: SiteURL.policyNotices,
            flash: Flash(kind: .success, message: changed == 0 ? "没有未读通知。" : "已将 \(changed) 条通知标为已读。"))
    }
}
