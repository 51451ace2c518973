import GaoxinCore

/// The policy pages' own navigation: what this visitor can open in the module.
struct PolicyTab: Sendable {
    let title: String
    let href: String
    let current: Bool

    static func tabs(for user: CurrentUser?, current: SiteURL, unread: Int = 0) -> [PolicyTab] {
        var tabs: [(String, SiteURL)] = [("政策列表", .module(.policies)), ("惠企政策发言人", .policySpokespersons)]
        if let user, let zoneID = user.zoneID {
            if Permissions.decide(user, .view, .policy(zoneID: zoneID, departmentID: nil)) == .allow {
                tabs.append(("政策台账", .policyLedger))
            }
            if user.role == .enterpriseUser, user.enterpriseID != nil {
                tabs.append(("可申报的政策", .policyMine))
                tabs.append((unread > 0 ? "消息通知（\(unread) 条未读）" : "消息通知", .policyNotices))
            }
            if user.role == .enterpriseUser, user.enterpriseID != nil {
                tabs.append(("我的申报", .applications))
            } else if Permissions.decide(user, .view, .application(zoneID: zoneID, departmentID: 0, enterpriseID: nil))
                == .allow
            {
                tabs.append(("申报审核", .applications))
            }
            if Permissions.decide(user, .view, .payouts(zoneID: zoneID)) == .allow {
                tabs.append(("兑现统计", .payoutTotals))
            }
            if user.role == .enterpriseUser || user.role == .resident { tabs.append(("我的咨询", .consultationsMine)) }
            if Permissions.decide(user, .view, .consultationList(zoneID: zoneID)) == .allow {
                tabs.append(("咨询办理", .consultations))
            }
            if user.role == .zoneAdmin || user.isPlatformAdmin { tabs.append(("超时督办", .consultationsLate)) }
        }
        tabs.append(("政策问答", .policyQA))
        if user == nil { tabs.append(("咨询进度查询", .consultationLookup)) }
        return tabs.map { PolicyTab(title: $0.0, href: $0.1.path, current: $0.1 == current) }
    }
}

/// An item as listed under its document.
struct PolicyItemLine: Sendable {
    let heading: String
    let href: String
    let benefit: String
    let window: String
    let autoGrant: Bool
    var eligibleCount: Int?
    var editHref: String?
    var eligibleHref: String?
}

/// The public list of policies in force, with search.
struct PolicyListPage: Sendable {
    struct Document: Sendable {
        let title: String
        let docNumber: String?
        let department: String
        let zone: String?
        let effectiveOn: String
        let expiresOn: String
        let href: String
        let items: [PolicyItemLine]
    }
    let tabs: [PolicyTab]
    let search: String
    /// The search shown back, nil when there is none (Mustache treats "" as present).
    let searchNote: String?
    let zones: [SelectOption]
    let showZones: Bool
    let openOnly: Bool
    let documents: [Document]
    let total: Int
    let previousHref: String?
    let nextHref: String?
    let searchHref = SiteURL.module(.policies).path
}

/// One policy document: public when in force; the ledger's staff see it in any state, with the
/// ledger's controls.
struct PolicyDocumentPage: Sendable {
    let tabs: [PolicyTab]
    let title: String
    let docNumber: String?
    let department: String
    let spokesperson: String?
    let zone: String
    let issuedOn: String
    let effectiveOn: String
    let expiresOn: String
    let validity: String
    let inForce: Bool
    let paragraphs: [String]
    let items: [PolicyItemLine]
    let staff: Bool
    let editHref: String?
    let newItemHref: String?
    let status: String
}

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
}

/// A published question and its answer.
struct PolicyQA: Sendable {
    let question: String
    let answer: String
    let answeredAt: String
    let item: String?
    let itemHref: String?
}

/// The directory of 惠企政策发言人: one per department, with how to reach them.
struct SpokespersonsPage: Sendable {
    struct Person: Sendable {
        let department: String
        let name: String
        let title: String
        let phone: String
    }
    struct Zone: Sendable {
        let name: String
        let people: [Person]
        let count: Int
    }
    let tabs: [PolicyTab]
    let zones: [Zone]
    let zoneOptions: [SelectOption]
    let showZones: Bool
    let filterHref = SiteURL.policySpokespersons.path
}

/// The ledger (台账) for staff: every document in any state, filtered.
struct PolicyLedgerPage: Sendable {
    struct Row: Sendable {
        let title: String
        let docNumber: String
        let department: String
        let effectiveOn: String
        let expiresOn: String
        let status: String
        let validity: String
        let itemCount: Int
        let eligible: Int
        let href: String
    }
    let tabs: [PolicyTab]
    let rows: [Row]
    let departments: [SelectOption]
    let statuses: [SelectOption]
    let validities: [SelectOption]
    let total: Int
    let itemTotal: Int
    let budgetTotal: String
    let canCreate: Bool
    let newHref = SiteURL.policyDocumentNew.path
    let filterHref = SiteURL.policyLedger.path
}

/// The enterprises an item fits, with the notify buttons.
struct EligiblePage: Sendable {
    struct Row: Sendable {
        let enterpriseID: Int64
        let name: String
        let href: String
        let amount: String
        let reasons: [String]
        let notifiedAt: String?
    }
    let tabs: [PolicyTab]
    let heading: String
    let itemHref: String
    let window: String
    let rows: [Row]
    let total: Int
    let amountTotal: String
    let unnotified: Int
    let prevHref: String?
    let nextHref: String?
    let canNotify: Bool
    let notifyAction: String
    let inForce: Bool
    let csrf: String
}

/// 可申报的政策: what one enterprise can apply for, why, and roughly how much.
struct EnterpriseMatchesPage: Sendable {
    struct Match: Sendable {
        let heading: String
        let policy: String
        let href: String
        let benefit: String
        let estimate: String?
        let window: String
        let autoGrant: Bool
        let reasons: [String]
        /// "申报" for the enterprise itself when the window is open and the item needs an application.
        var applyHref: String? = nil
    }
    let tabs: [PolicyTab]
    let enterprise: String
    let factsYear: String
    let matches: [Match]
    let others: [Match]
    let closedNote: String?
    let estimateTotal: String
    let enterpriseHref: String?
}

/// An enterprise's in-app notices.
struct NoticesPage: Sendable {
    struct Notice: Sendable {
        let id: Int64
        let message: String
        let at: String
        let unread: Bool
        let itemHref: String?
    }
    let tabs: [PolicyTab]
    let notices: [Notice]
    let unread: Int
    let hasUnread: Bool
    let readAction = SiteURL.policyNoticesRead.path
    let csrf: String
}
