import Foundation
import GaoxinCore

/// One enterprise of the registry.
struct EnterpriseRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var parkId: Int64?
    var name: String
    var uscc: String
    var createdAt: Int64
    var industryCode: String?
    var chain: String?
    var foundedOn: String?
    var contactName: String?
    var contactPhone: String?
    var profileJson: String?

    /// The profile the criteria read: the stored JSON plus the registry's founding date.
    var profile: EnterpriseProfile {
        var profile =
            profileJson.flatMap { try? JSONDecoder().decode(EnterpriseProfile.self, from: Data($0.utf8)) }
            ?? EnterpriseProfile()
        profile.foundedOn = foundedOn.flatMap { Day($0) }
        return profile
    }
}

/// One certification row.
struct CertificationRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var kind: String
    var certifiedOn: String
    var expiresOn: String?
    var certificateNo: String?
    var createdAt: Int64

    var certification: Certification? {
        guard let kind = CertificationKind(rawValue: kind), let day = Day(certifiedOn) else { return nil }
        return Certification(kind: kind, certifiedOn: day, expiresOn: expiresOn.flatMap { Day($0) })
    }
}

/// One enterprise's stored innovation points (企业创新积分) and its place in the zone.
struct InnovationRow: Sendable {
    let enterpriseID: Int64
    let name: String
    let stage: GrowthStage?
    let score: Double
    let rank: Int
    let stageRank: Int
    /// The parts' numbers (see `InnovationPointsTable.storedParts`); `partTexts` words them.
    let storedParts: String
}

/// A zone's last rankings run (see M0017, M0084).
struct AssessmentRunRow: Sendable {
    let computedOn: String
    let stale: Bool
    let version: Int64
    let criteriaDigest: Int64
    /// What the stored innovation ranking was made from (nil before M0090).
    let innovationDigest: Int64?
}

/// One enterprise on a criterion's stored 后备 list, closest first.
struct CandidateRow: Sendable {
    let position: Int
    let enterpriseID: Int64
    let name: String
    let closeness: Double
    let partsMet: Int
    let partsTotal: Int
}

/// What an enterprise's rule record is built from, as stored (see `EnterpriseRecordInputs`).
struct RecordRegistryRow: Sendable {
    let enterpriseID: Int64
    let profileJSON: String?
    let foundedOn: String?
}

/// A certification as the rule records read it.
struct RecordCertificationRow: Sendable {
    let enterpriseID: Int64
    let kind: String
    let certifiedOn: String
    let expiresOn: String?
}

/// One enterprise with its figures and certifications, written in bulk (the re-matching benchmark
/// fills a province-size zone this way).
package struct EnterpriseBulkRow: Sendable {
    package var name: String
    package var uscc: String
    package var foundedOn: String?
    package var profileJSON: String?
    /// Each year's figures as stored JSON.
    package var years: [(year: Int, factsJSON: String)]
    /// Certifications as (kind, certified on, expires on).
    package var certifications: [(kind: String, certifiedOn: String, expiresOn: String?)]

    package init(
        name: String, uscc: String, foundedOn: String?, profileJSON: String?, years: [(year: Int, factsJSON: String)],
        certifications: [(kind: String, certifiedOn: String, expiresOn: String?)]
    ) {
        self.name = name
        self.uscc = uscc
        self.foundedOn = foundedOn
        self.profileJSON = profileJSON
        self.years = years
        self.certifications = certifications
    }
}
