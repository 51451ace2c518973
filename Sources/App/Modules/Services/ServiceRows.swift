import Foundation
import GaoxinCore

/// One service item of the catalogue with every field of the national guide (办事指南).
struct ServiceItemRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var departmentId: Int64
    var code: String
    var basicCode: String
    var name: String
    var kind: String
    var basis: String
    var authority: String
    var audienceText: String
    var conditions: String
    var legalDays: Int
    var promisedDays: Int
    var fee: String
    var process: String
    var forms: String
    var visits: String
    var place: String
    var hours: String
    var consult: String
    var supervise: String
    var online: Bool
    var scope: String
    var resultName: String
    var resultType: String
    var audience: String
    var lifeEvent: String
    var createdAt: Int64

    /// The guide's text fields by their core names, for the check and the guide table.
    var guide: [GuideField: String] {
        [
            .name: name, .basicCode: basicCode, .code: code, .kind: kind, .basis: basis, .authority: authority,
            .audienceText: audienceText, .conditions: conditions, .fee: fee, .process: process, .forms: forms,
            .visits: visits, .place: place, .hours: hours, .consult: consult, .supervise: supervise, .scope: scope,
            .resultName: resultName, .resultType: resultType,
        ]
    }

    var limits: ServiceLimits { ServiceLimits(legalDays: legalDays, promisedDays: promisedDays) }
}

/// 一件事: several items behind one form and one set of materials. A row with `itemId` is one item's
/// own form (单项办理, M0062): applied for exactly like a 一件事, shown as the item.
struct ServiceBundleRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var departmentId: Int64
    var code: String
    var name: String
    var summary: String
    var audience: String
    var lifeEvent: String
    var legalDays: Int
    var promisedDays: Int
    var online: Bool
    var createdAt: Int64
    var itemId: Int64? = nil

    var limits: ServiceLimits { ServiceLimits(legalDays: legalDays, promisedDays: promisedDays) }
    var isInstant: Bool { promisedDays == 0 }
    /// The page a visitor reads about it: the 一件事's, or the item's for an item's own form.
    var page: SiteURL { itemId.map { .serviceItem($0) } ?? .serviceBundle(id) }
    /// Where its material list is kept: the 一件事's edit page, or the item's page.
    var materialsPage: SiteURL { itemId.map { .serviceItem($0) } ?? .serviceBundleEdit(id) }
    var event: LifeEvent? { LifeEvent(rawValue: lifeEvent) }
}

/// A material of a 一件事's one set, without its files (read separately when downloaded).
struct ServiceMaterialRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var bundleId: Int64
    var position: Int
    var name: String
    var required: Bool
    var form: String
    var copies: Int
    var source: String
    var standard: String
    var filledFrom: String?
    var blankName: String?
    var sampleName: String?

    var filledSource: MaterialSource? { filledFrom.flatMap(MaterialSource.init(rawValue:)) }
}

/// A material's blank form or sample as stored.
struct ServiceMaterialFile: Sendable {
    let name: String
    let data: Data
}

/// The service details of an application case (the case itself is in `cases`).
struct ServiceApplicationRow: Codable, Sendable {
    var caseId: Int64
    var zoneId: Int64
    var bundleId: Int64
    var departmentId: Int64
    var channel: String
    var applicantName: String
    var applicantPhone: String
    var applicantUserId: Int64?
    var enterpriseId: Int64?
    var enteredBy: Int64?
    var officerUserId: Int64?
    var purpose: String
    /// Material ids of the first 一次性告知, comma separated; nil until one was sent.
    var firstNotice: String?
    var noticeCount: Int
    var promisedDays: Int
    var instant: Bool
    var openedOn: String
    var acceptedAt: Int64?
    var finishedAt: Int64?
    var workingDays: Int?
    var resultName: String?
    var resultNo: String?
    var delivery: String?
    var trackingNo: String?

    var channelValue: ServiceChannel { ServiceChannel(rawValue: channel) ?? .online }
    var firstNoticeIDs: [String]? {
        firstNotice.map { $0.split(separator: ",").map(String.init) }
    }
}

/// A material handed in with an application: an upload, or (免证办) text filled from data held.
struct ServiceApplicationFileRow: Codable, Sendable {
    var id: Int64
    var caseId: Int64
    var materialId: Int64
    var fileName: String
    var filledText: String?
    var uploadedAt: Int64
}

/// A unit's appeal against a 差评 it thinks mistaken or malicious, decided by the zone admin.
struct RatingAppealRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var caseId: Int64
    var followUpCaseId: Int64?
    /// Set when the unit is a department (its staff's list of appeals reads it).
    var departmentId: Int64?
    var reason: String
    var state: String
    var filedBy: Int64
    var filedAt: Int64
    var decidedBy: Int64?
    var decidedAt: Int64?
    var decisionNote: String?
    /// The unit that filed it: the 差评 follow-up's assignee ("department:3", "grid:12").
    var unitId: String?

    var stateLabel: String {
        switch state {
        case "upheld": "申诉成立（该差评不计入统计）"
        case "rejected": "申诉不成立"
        default: "待管委会裁定"
        }
    }
}

/// An application with its case, as a page or the API reads it.
struct ServiceCase: CaseBacked {
    let caseRow: CaseRow
    let details: ServiceApplicationRow
    var id: Int64 { caseRow.id }
    var number: String { CaseRow.number(caseRow.id, prefix: "BJ") }
    var resource: Resource {
        .serviceApplication(
            zoneID: details.zoneId, departmentID: details.departmentId, applicantUserID: details.applicantUserId,
            officerUserID: details.officerUserId)
    }
}
