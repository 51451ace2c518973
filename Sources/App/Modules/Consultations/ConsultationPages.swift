import GaoxinCore

/// One consultation in a list (mine, the department's inbox, supervision).
struct ConsultationLine: Sendable {
    let number: String
    let href: String
    let title: String
    let item: String
    let department: String
    let asker: String
    let state: String
    let askedAt: String
    let deadline: String?
    let overdue: Bool
    let escalated: Bool
    let rating: String?
    let published: Bool
}

/// The consultation lists (inbox, mine, late) with the open 差评 follow-ups.
struct ConsultationListPage: Sendable {
    let tabs: [PolicyTab]
    let heading: String
    let intro: String
    let lines: [ConsultationLine]
    let total: Int
    let open: Int
    let late: Int
    let showAsker: Bool
    var followUps: [FollowUpLine] = []
}

/// The question form, reached from an item's "咨询此政策".
struct ConsultationAskPage: Sendable {
    let tabs: [PolicyTab]
    let itemHeading: String
    let itemHref: String
    let department: String
    let spokesperson: String?
    let signedIn: Bool
    let askerName: String?
    var question = ""
    var name = ""
    var mobile = ""
    var errors = FormErrors()
    let action: String
    let csrf: String
}

/// What a public asker sees after asking: the number to quote when calling the department.
struct ConsultationSubmittedPage: Sendable {
    let tabs: [PolicyTab]
    let number: String
    let itemHeading: String
    let itemHref: String
    let department: String
    let spokesperson: String?
    let deadline: String
}

/// 咨询进度查询: the public asker's way back to their question, by its number and their mobile.
struct ConsultationLookupPage: Sendable {
    struct Found: Sendable {
        let number: String
        let itemHeading: String
        let itemHref: String
        let department: String
        let state: String
        let askedAt: String
        let deadline: String?
        let overdue: Bool
        let question: String
        let answer: String?
        let answeredAt: String?
        let rating: String?
        let canRate: Bool
    }
    let tabs: [PolicyTab]
    var number = ""
    var mobile = ""
    var errors = FormErrors()
    var found: Found?
    var ratingErrors = FormErrors()
    var levels = RatingInput.levels()
    var comment = ""
    var notice: String?
    let action: String
    let rateAction = SiteURL.consultationLookupRate.path
    let csrf: String
}

/// One consultation with its history and the forms its viewer may use.
struct ConsultationPage: Sendable {
    struct Event: Sendable {
        let at: String
        let text: String
        let note: String?
    }
    let tabs: [PolicyTab]
    let number: String
    let itemHeading: String
    let itemHref: String
    let department: String
    let asker: String
    let askerMobile: String?
    let askedAt: String
    let state: String
    let deadline: String?
    let overdue: Bool
    let escalated: Bool
    let question: String
    let answer: String?
    let answeredAt: String?
    let history: [Event]
    let canAnswer: Bool
    let answerAction: String
    var answerText = ""
    var errors = FormErrors()
    let canWithdraw: Bool
    let withdrawAction: String
    let canRate: Bool
    let rateAction: String
    var levels: [SelectOption]
    var comment = ""
    let rating: String?
    let canPublish: Bool
    let published: Bool
    let publishAction: String
    let followUps: [FollowUpLine]
    let csrf: String
}

/// 政策问答: answered questions the departments published.
struct PolicyQAPage: Sendable {
    let tabs: [PolicyTab]
    let questions: [PolicyQA]
    let zones: [SelectOption]
    let showZones: Bool
    let filterHref = SiteURL.policyQA.path
}
