import Foundation
import GaoxinCore

/// A cadre's pairing with an enterprise; ended ones stay as history.
struct HelpPairingRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var cadreUserId: Int64
    var startedOn: String
    var endedOn: String?
    var endedReason: String?
    var createdAt: Int64
}

/// A staff user as a cadre: name, department and rank (职级).
struct HelpCadreRow: Codable, Sendable {
    var userId: Int64
    var displayName: String
    var departmentId: Int64?
    var rank: String?
}

/// A visit (planned when `visitedOn` is nil) with the 四个一 answers.
struct HelpVisitRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var cadreUserId: Int64
    var plannedOn: String?
    var visitedOn: String?
    var peopleMet: String
    var findings: String
    var area: String
    var leader: String
    var plan: String
    var createdAt: Int64
}

/// A photo of a visit, without its bytes.
struct HelpPhotoRow: Codable, Sendable {
    var id: Int64
    var visitId: Int64
    var fileName: String
}

/// A demand's own details beside its case.
struct HelpDemandRow: Codable, Sendable {
    var caseId: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var category: String
    var channel: String
    var visitId: Int64?
    var meetingId: Int64?
    var departmentId: Int64?
    var filedByUserId: Int64?
    var text: String
    var answer: String?

    var categoryLabel: String { DemandCategory(rawValue: category)?.label ?? category }
    var channelLabel: String { DemandChannel(rawValue: channel)?.label ?? channel }
}

/// A demand with its case.
struct HelpDemand: CaseBacked {
    var details: HelpDemandRow
    var caseRow: CaseRow
    var id: Int64 { details.caseId }
    var number: String { CaseRow.number(details.caseId, prefix: "SQ") }

    var resource: Resource {
        .helpDemand(zoneID: caseRow.zoneId, enterpriseID: details.enterpriseId, departmentID: details.departmentId)
    }
}

/// A progress note on a demand (the enterprise reads them).
struct HelpDemandNoteRow: Codable, Sendable {
    var id: Int64
    var caseId: Int64
    var userId: Int64
    var note: String
    var createdAt: Int64
}

/// Which demands a list shows.
struct HelpDemandFilter: Sendable {
    var zoneID: Int64
    var enterpriseID: Int64?
    var departmentID: Int64?
    var state: String?
}

/// A 楼委会 building.
struct HelpBuildingRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var name: String
    var address: String
    var createdAt: Int64
}

/// A 楼委会's rotating chair for a span of months (YYYY-MM).
struct HelpChairRow: Codable, Sendable {
    var id: Int64
    var buildingId: Int64
    var enterpriseId: Int64
    var fromMonth: String
    var toMonth: String
}

/// An entry of one of the three lists; `matchedItemId` is the entry that met it.
struct HelpBuildingItemRow: Codable, Sendable {
    var id: Int64
    var buildingId: Int64
    var zoneId: Int64
    var list: String
    var enterpriseId: Int64
    var category: String
    var text: String
    var matchedItemId: Int64?
    var matchedAt: Int64?
    var createdAt: Int64
}
