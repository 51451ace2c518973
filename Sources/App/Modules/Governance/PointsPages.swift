import Foundation
import GaoxinCore

/// A link of the points sub-navigation.
struct PointsTab: Sendable {
    let title: String
    let href: String
    let current: Bool
}

/// One line of a points record (history), as a resident or the committee sees it.
struct PointsEntryLine: Sendable {
    let id: Int64
    let day: String
    let subject: String
    let item: String
    let points: String
    let negative: Bool
    let status: String
    let pending: Bool
    let origin: String
    let evidence: String
    let reason: String?
    let decidedBy: String?
    let photoHref: String?
}

/// 我的积分: a subject's balance, rank and history in one year.
struct PointsSubjectSummary: Sendable {
    let name: String
    let balance: Int
    let rank: String
    let monthPoints: Int
    let entries: [PointsEntryLine]
}

/// The points landing page: one's own points, and the links one's role may use.
struct PointsHomePage: Sendable {
    let tabs: [PointsTab]
    let year: Int
    let isCurrentYear: Bool
    let years: [SelectOption]
    let own: [PointsSubjectSummary]
    let hasOwn: Bool
    let pendingInScope: Int
    let reviews: Bool
    let isCommittee: Bool
    let published: [PointsMonthLink]
    let rule: String
    let resetNote: String
}

struct PointsMonthLink: Sendable {
    let label: String
    let href: String
    let noticeHref: String
    let version: Int
}

/// The item list (正负积分事项清单), with edit links for the committee.
struct PointsItemsPage: Sendable {
    struct Line: Sendable {
        let code: String
        let name: String
        let category: String
        let points: String
        let negative: Bool
        let cap: String
        let active: Bool
        let editHref: String
    }
    let tabs: [PointsTab]
    let lines: [Line]
    let positiveCount: Int
    let negativeCount: Int
    let canEdit: Bool
    var form: PointsItemFormModel
}

/// The add/edit form of one item.
struct PointsItemFormModel: Sendable {
    var heading: String
    var action: String
    var name = ""
    var category = ""
    var points = ""
    var capPoints = ""
    var capPers: [SelectOption] = []
    var isActive = true
    var errors = FormErrors()
    var csrf: String
}

struct PointsItemEditPage: Sendable {
    let tabs: [PointsTab]
    var form: PointsItemFormModel
}

/// 申报积分 (or, for the committee and grid workers, 记录积分).
struct PointsDeclarePage: Sendable {
    let tabs: [PointsTab]
    let subjects: [SelectOption]
    let items: [SelectOption]
    let recordsForOthers: Bool
    var day: String
    var evidence: String
    var errors = FormErrors()
    let action: String
    let csrf: String
}

/// 一周一定: the weekly review queue, grouped by week.
struct PointsReviewPage: Sendable {
    struct Week: Sendable {
        let label: String
        let href: String
        let pending: Int
        let total: Int
        let current: Bool
    }
    let tabs: [PointsTab]
    let scope: String
    let weeks: [Week]
    let weekLabel: String
    let weekKey: String
    let lines: [PointsEntryLine]
    let pendingCount: Int
    let hasPending: Bool
    var errors = FormErrors()
    let action: String
    let csrf: String
}

/// Board lines as pages show them (names resolved).
struct PointsPositiveLine: Sendable {
    let rank: Int
    let name: String
    let periodPoints: Int
    let balance: Int
}
struct PointsNegativeLine: Sendable {
    let rank: Int
    let name: String
    let points: Int
    let count: Int
    let items: String
}
struct PointsNegativeItemLine: Sendable {
    let item: String
    let count: Int
    let subjects: Int
    let points: Int
}

/// The committee's board of a month (live, with names on both boards) and its publication.
struct PointsBoardsPage: Sendable {
    struct Version: Sendable {
        let version: Int
        let publishedAt: String
        let by: String
        let note: String?
    }
    let tabs: [PointsTab]
    let months: [SelectOption]
    let monthKey: String
    let monthLabel: String
    let positive: [PointsPositiveLine]
    let negative: [PointsNegativeLine]
    let pendingCount: Int
    let hasPending: Bool
    let versions: [Version]
    let isPublished: Bool
    let canPublish: Bool
    let publicHref: String
    let noticeHref: String
    var errors = FormErrors()
    let action: String
    let csrf: String
}

/// 一季一奖励: reward levels, the quarter's list, and the recorded list once recorded.
struct PointsRewardsPage: Sendable {
    struct Line: Sendable {
        let rank: Int
        let name: String
        let points: Int
        let tier: String
        let prize: String
    }
    let tabs: [PointsTab]
    let quarters: [SelectOption]
    let quarterKey: String
    let quarterLabel: String
    let tiers: [Line]
    var tiersText: String
    let lines: [Line]
    let recorded: Bool
    let recordedBy: String
    let recordedAt: String
    let canRecord: Bool
    var errors = FormErrors()
    let action: String
    let csrf: String
}

/// 积分管理小组: members, managed by the zone admin.
struct PointsCommitteePage: Sendable {
    struct Member: Sendable {
        let name: String
        let username: String
        let role: String
        let duty: String
        let removeAction: String
    }
    let tabs: [PointsTab]
    let members: [Member]
    let canManage: Bool
    var username = ""
    var duties: [SelectOption]
    var errors = FormErrors()
    let action: String
    let csrf: String
}

/// The public list of published months of a zone.
struct PublicPointsIndexPage: Sendable {
    let zoneName: String
    let months: [PointsMonthLink]
    let rule: String
}

/// A published month as the public sees it: names on the positive board, 反向曝光 by item only.
struct PublicPointsBoardPage: Sendable {
    let zoneName: String
    let monthLabel: String
    let version: Int
    let publishedAt: String
    let publishedBy: String
    /// Why a corrected version was published; nil for the first version.
    let note: String?
    let positive: [PointsPositiveLine]
    let negativeByItem: [PointsNegativeItemLine]
    let rewards: [PointsRewardsPage.Line]
    let rewardsLabel: String
    let rule: String
    let indexHref: String
    let noticeHref: String
    let boardHref: String
    let olderVersions: Int
    let hasOlderVersions: Bool
}
