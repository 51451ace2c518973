import Foundation
import GaoxinCore

/// One material on the application form: an upload, a paper tick (window), or 免提交 text.
struct ApplyMaterialField: Sendable {
    let field: String
    let name: String
    let required: Bool
    let blankHref: String?
    let sampleHref: String?
    let exempt: String?
    let paper: Bool
    let error: String?
}

/// 一表申请: the one form of a 一件事 with its one set of materials.
struct ServiceApplyPage: Sendable {
    let bundleName: String
    let bundleHref: String
    let action: String
    let csrf: String
    let isWindow: Bool
    var channels: [SelectOption]
    var applicantName: String
    var applicantPhone: String
    var purpose = ""
    var materials: [ApplyMaterialField]
    var errors = FormErrors()
    let maxSize = MaterialFileLimits.maxBytesText
    /// What one submission may carry in all (the upload body limit).
    let totalSize = "\(CSRFMiddleware.uploadLimit / 1024 / 1024) MB"
}

/// A material handed in, as the case page lists it.
struct HandedInLine: Sendable {
    let material: String
    let text: String
    let href: String?
}

/// A material the notice named, with its upload field for the 补正 form.
struct NoticeMaterial: Sendable {
    let field: String
    let name: String
    let error: String?
}

/// One application (办件) as its applicant or its handlers see it.
struct ServiceApplicationPage: Sendable {
    let number: String
    let title: String
    let bundleName: String
    let bundleHref: String
    let state: String
    let channel: String
    let applicant: String
    let phone: String
    let openedAt: String
    let promised: String
    let deadline: String?
    let overdue: Bool
    let officer: String?
    let handedIn: [HandedInLine]
    /// The one-time notice, once sent: the materials it named.
    let notice: [String]
    let noticeCount: Int
    let result: String?
    let delivery: String?
    // What the viewer may do now.
    let canWork: Bool
    let canNotify: Bool
    let canAccept: Bool
    let canFinish: Bool
    let canRefuse: Bool
    let needsResult: Bool
    let canSupplement: Bool
    let supplement: [NoticeMaterial]
    let noticeChoices: [SelectOption]
    let officers: [SelectOption]
    let deliveries: [SelectOption]
    let stepAction: String
    let supplementAction: String
    let appealAction: String
    /// 一次一评: the window records the applicant's rating of a finished window case.
    let canRateAtCounter: Bool
    let counterRatingAction: String
    let ratingLevels: [SelectOption]
    let canAppeal: Bool
    let appeal: String?
    var panel: CasePanel
    var errors = FormErrors()
    let csrf: String
}

/// A line of the applications list.
struct ServiceApplicationLine: Sendable {
    let number: String
    let href: String
    let title: String
    let channel: String
    let state: String
    let deadline: String
    let overdue: Bool
    let rating: String
}

struct ServiceApplicationsPage: Sendable {
    let heading: String
    let lines: [ServiceApplicationLine]
    let paging: PageLinks
    let catalogueHref: String
    /// This list, every page, as CSV.
    var exportHref = ""
}

/// A line of the appeals list, with the decision form for the zone admin.
struct AppealLine: Sendable {
    let caseNumber: String
    let caseHref: String
    let department: String
    let reason: String
    let state: String
    let decision: String?
    let canDecide: Bool
    let action: String
}

struct ServiceAppealsPage: Sendable {
    let lines: [AppealLine]
    let total: Int
    let paging: PageLinks
    var exportHref = SiteURL.serviceAppeals.path + "?format=csv"
    let csrf: String
    var errors = FormErrors()
    /// The zone's 差评 call-back and fix limits, and (zone admin) the form to change them.
    var callbackDays: String
    var fixDays: String
    let canSetLimits: Bool
    let limitsAction: String
}

extension ServiceApplicationLine {
    init(_ c: ServiceCase, services: AppServices) {
        number = c.number
        href = SiteURL.serviceApplication(c.id).path
        title = c.caseRow.title
        channel = c.details.channelValue.label
        state = services.cases.stateName(c.caseRow.typeCode, c.caseRow.state)
        deadline = c.caseRow.closedAt == nil ? (c.caseRow.deadlineText ?? "—") : "已结束"
        overdue = c.caseRow.everOverdue
        rating = c.caseRow.ratingLevel.flatMap(RatingLevel.init(rawValue:))?.label ?? "—"
    }
}
