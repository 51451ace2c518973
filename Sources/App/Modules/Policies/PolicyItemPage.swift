import Foundation
import GaoxinCore

/// One item's interpretation (政策解读): 政策内容、适用对象、适用时间、申报条件、申请材料.
struct PolicyItemPage: Sendable {
    struct Material: Sendable {
        let number: Int
        let name: String
        let required: Bool
    }
    let tabs: [PolicyTab]
    let heading: String
    let policyTitle: String
    let policyHref: String
    let department: String
    let spokesperson: String?
    let zone: String
    let benefit: String
    let budget: String?
    let window: String
    let autoGrant: Bool
    let content: String
    let audience: String
    let period: String
    let conditions: String
    let materials: [Material]
    let ruleText: String
    let validity: String
    let inForce: Bool
    let staff: Bool
    let editHref: String?
    let eligibleHref: String?
    let eligibleCount: Int?
    let ruleJSON: String?
    /// "申报" for an enterprise user while the window is open; "免申即享兑现" for the item's reviewers.
    var applyHref: String? = nil
    var autoGrantHref: String? = nil
    /// For the ledger's staff: what has been paid under the item so far ("已兑现 N 件、金额 X 万元").
    var paidLine: String? = nil
    /// "咨询此政策", for those who may ask (the public, enterprises, residents).
    var askHref: String?
    /// Answered questions the department published (政策问答).
    var questions: [PolicyQA] = []

    /// The item of `policy` as `user` sees it: the ledger's staff also get its rule, how many
    /// enterprises it fits (one COUNT) and what was paid under it; the buttons each visitor may use.
    static func load(
        _ item: PolicyItemRow, policy: PolicyRow, user: CurrentUser?, zoneName: String, tabs: [PolicyTab],
        db: Database, today: Day = Clock.today
    ) async throws -> Self {
        let staff = PolicyRoutes.worksLedger(user, policy)
        let validity = policy.validity(on: today)
        let inForce = validity == .inForce
        let window = item.window(on: today)
        let department = try await ZoneRepository(db: db.sql).department(
            id: policy.departmentId, zoneID: policy.zoneId)
        let reviews = Resource.application(zoneID: item.zoneId, departmentID: policy.departmentId, enterpriseID: nil)
        var paidLine: String?
        if staff {
            let paid = try await ApplicationRepository(db: db.sql).paid(itemID: item.id, zoneID: item.zoneId)
            paidLine =
                "已兑现 \(paid.cases) 件、金额 \(Wan.text(paid.amount)) 万元"
                + (item.budget.map { "（年度资金规模 \(Wan.text($0)) 万元）" } ?? "")
        }
        return PolicyItemPage(
            tabs: tabs, heading: item.heading, policyTitle: policy.citation,
            policyHref: SiteURL.policyDocument(policy.id).path, department: department?.name ?? "—",
            spokesperson: PolicyRoutes.spokesperson(department), zone: zoneName, benefit: item.benefit.text,
            budget: item.budget.map(PolicyBenefit.money), window: window.label, autoGrant: item.autoGrant,
            content: item.content, audience: item.audience, period: item.applicablePeriod, conditions: item.conditions,
            materials: item.materials.enumerated().map { .init(number: $0 + 1, name: $1.name, required: $1.required) },
            ruleText: item.ruleText, validity: validity.label, inForce: inForce, staff: staff,
            editHref: PolicyRoutes.canEdit(user, policy) ? SiteURL.policyItemEdit(item.id).path : nil,
            eligibleHref: staff ? SiteURL.policyItemEligible(item.id).path : nil,
            eligibleCount: staff ? try await PolicyRepository(db: db.sql).matchCount(itemID: item.id) : nil,
            ruleJSON: staff ? item.ruleValue?.jsonString(pretty: true) : nil,
            applyHref: inForce && !item.autoGrant && window.isOpen
                && EnterpriseDesk.enterprise(of: user, zoneID: item.zoneId) != nil
                ? SiteURL.policyItemApply(item.id).path : nil,
            autoGrantHref: item.autoGrant && Permissions.decide(user, .update, reviews) == .allow
                ? SiteURL.policyItemAutoGrant(item.id).path : nil,
            paidLine: paidLine,
            askHref: inForce && ConsultationRoutes.mayAsk(user, zoneID: policy.zoneId)
                ? SiteURL.policyItemAsk(item.id).path : nil,
            questions: try await ConsultationRepository(db: db.sql).published(itemID: item.id).map {
                ConsultationRoutes.qa($0, item: nil)
            })
    }
}
