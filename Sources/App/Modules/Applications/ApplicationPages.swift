import Foundation

/// The application form (申报): one file input per listed material.
struct ApplyPage: Sendable {
    struct Material: Sendable {
        let field: String
        let name: String
        let required: Bool
    }
    let tabs: [PolicyTab]
    let heading: String
    let policyTitle: String
    let itemHref: String
    let benefit: String
    let window: String
    let ceiling: String?
    let estimate: String?
    let monetary: Bool
    let materials: [Material]
    var requestedAmount: String
    var note: String
    var errors: [String] = []
    /// Why the form can't be used now (outside the window, already applied); the form is hidden.
    var closedReason: String? = nil
    let action: String
    let csrf: String
}

/// One line of an application list.
struct ApplicationLine: Sendable {
    let id: Int64
    let href: String
    let enterprise: String
    let item: String
    let policy: String
    let state: String
    let requested: String
    let approved: String
    let submittedAt: String
    let updatedAt: String
}

/// 我的申报 (an enterprise's own) or 申报审核 (staff's queue).
struct ApplicationListPage: Sendable {
    let tabs: [PolicyTab]
    let heading: String
    let isEnterprise: Bool
    let states: [SelectOption]
    let rows: [ApplicationLine]
    let total: Int
    let listHref: String
    let totalsHref: String
}

/// One application, with what this visitor may do next.
struct ApplicationPage: Sendable {
    struct Material: Sendable {
        let name: String
        let fileName: String
        let size: String
        let href: String
        let uploadedAt: String
    }
    struct Listed: Sendable {
        let name: String
        let required: Bool
        let submitted: Bool
    }
    struct Field: Sendable {
        let field: String
        let name: String
    }
    struct Payout: Sendable {
        let amount: String
        let paidOn: String
        let voucher: String
    }
    let tabs: [PolicyTab]
    let id: Int64
    let enterprise: String
    let item: String
    let itemHref: String
    let policy: String
    let state: String
    let requested: String
    let approved: String?
    let note: String?
    let submittedAt: String
    let materials: [Material]
    let listed: [Listed]
    let missing: [String]
    let returnNote: String?
    let returnedAt: String?
    let resubmittedAt: String?
    let decisionReason: String?
    let payouts: [Payout]
    let canReview: Bool
    let canReturn: Bool
    let canPay: Bool
    let canResubmit: Bool
    let resubmitFields: [Field]
    let reviewAction: String
    let payoutAction: String
    let resubmitAction: String
    let today: String
    let ceiling: String?
    var errors: [String] = []
    let csrf: String
}

/// 免申即享: the item's eligible enterprises, to confirm payouts in bulk.
struct AutoGrantPage: Sendable {
    struct Row: Sendable {
        let enterpriseID: Int64
        let name: String
        let estimate: String
        let paid: Bool
    }
    let tabs: [PolicyTab]
    let heading: String
    let itemHref: String
    let policy: String
    let rows: [Row]
    let unpaidCount: Int
    let action: String
    let today: String
    var errors: [String] = []
    let csrf: String
}

/// 政策兑现统计: counts and amounts by policy, department, year and enterprise.
struct PayoutTotalsPage: Sendable {
    struct Line: Sendable {
        let label: String
        let count: Int
        let amount: String
    }
    let tabs: [PolicyTab]
    let zone: String
    let scopeNote: String
    let totalLine: String
    let byPolicy: [Line]
    let byDepartment: [Line]
    let byYear: [Line]
    let byEnterprise: [Line]
}
