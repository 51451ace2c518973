import Foundation
import GaoxinCore

/// What a dispute is between (硚口 共享法庭's three kinds).
enum DisputeKind: String, CaseIterable, Sendable {
    case consumer, business, labour

    var label: String {
        switch self {
        case .consumer: "消费纠纷（消费者与商家）"
        case .business: "商事纠纷（企业与企业）"
        case .labour: "劳动争议"
        }
    }
}

/// A dispute's details beside its case.
struct MediationRow: Codable, Sendable {
    var caseId: Int64
    var zoneId: Int64
    var kind: String
    var claim: String
    var amountClaimed: Int64?
    var eventCaseId: Int64?
    var targetDay: String
    var targetMinute: Int
    var sessionAt: String?
    var sessionLink: String?
    var sessionParticipants: String?
    var agreement: String?
    var agreementAmount: Int64?
    var agreementDeadline: String?
    var outcomeNote: String?
    var onTarget: Bool?

    var kindLabel: String { DisputeKind(rawValue: kind)?.label ?? kind }
    var target: Deadline {
        Deadline(day: Day(targetDay) ?? Day(year: 2000, month: 1, day: 1)!, minuteOfDay: targetMinute, uncertain: false)
    }
}

/// A party: 申请人 or 被申请人, a person or an enterprise, with their confirmation of the agreement.
struct MediationPartyRow: Codable, Sendable {
    var id: Int64
    var caseId: Int64
    var zoneId: Int64
    var side: String
    var name: String
    var userId: Int64?
    var enterpriseId: Int64?
    var confirmedAt: Int64?

    var sideLabel: String { side == "applicant" ? "申请人" : "被申请人" }

    /// Whether `user` acts for this party (the person, or a user of the enterprise).
    func isActed(by user: CurrentUser) -> Bool {
        (userId != nil && userId == user.id)
            || (enterpriseId != nil && user.role == .enterpriseUser && user.enterpriseID == enterpriseId)
    }
}

/// An evidence file, without its bytes.
struct MediationEvidenceRow: Codable, Sendable {
    var id: Int64
    var caseId: Int64
    var fileName: String
    var createdAt: Int64
}

/// A dispute with its case and parties.
struct MediationCase: Sendable {
    var details: MediationRow
    var caseRow: CaseRow
    var parties: [MediationPartyRow]
    var id: Int64 { details.caseId }
    var number: String { CaseRow.number(details.caseId, prefix: "TJ") }

    var resource: Resource {
        .mediationCase(
            zoneID: caseRow.zoneId, partyUserIDs: parties.compactMap(\.userId),
            partyEnterpriseIDs: parties.compactMap(\.enterpriseId))
    }
}

/// A 司法建议 letter.
struct MediationLetterRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var kind: String
    var pattern: String
    var letter: String
    var sentOn: String
    var reply: String?
    var repliedAt: Int64?
    var createdAt: Int64
}
