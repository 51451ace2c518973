import Foundation
import GaoxinCore

/// A consultation's own details beside its case: the question, who asked, the answer and whether
/// it is published as a policy Q&A.
struct ConsultationRow: Codable, Sendable {
    var caseId: Int64
    var zoneId: Int64
    var policyItemId: Int64
    var departmentId: Int64
    var question: String
    var askerName: String
    var askerMobile: String?
    var answer: String?
    var answeredBy: Int64?
    var answeredAt: Int64?
    var published: Bool
    var publishedAt: Int64?
}

/// A consultation with its case, as lists and pages show it.
struct Consultation: CaseBacked {
    var details: ConsultationRow
    var caseRow: CaseRow
    var id: Int64 { details.caseId }
    var number: String { CaseRow.number(details.caseId) }
}

/// Which consultations a list shows.
struct ConsultationFilter: Sendable {
    var zoneID: Int64
    var departmentID: Int64?
    var askerUserID: Int64?
    /// Late (now or when answered) or escalated only: the zone admin's supervision list.
    var lateOnly = false
    var state: String?
}

/// How many consultations of a list are open and how many were late, beside the total.
struct ConsultationCounts: Sendable {
    let total: Int
    let open: Int
    let late: Int
}

extension Consultation {
    /// The consultation as `Permissions` sees it: its zone, the department it is with, its asker.
    var resource: Resource {
        .consultation(zoneID: caseRow.zoneId, departmentID: details.departmentId, askerUserID: caseRow.requesterUserId)
    }
}
