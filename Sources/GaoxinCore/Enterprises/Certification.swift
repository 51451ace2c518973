/// The steps of the zone's cultivation ladder (梯度培育), lowest first. Raw values are stored.
public enum CertificationKind: String, Sendable, Codable, CaseIterable, Hashable {
    case techSME = "tech_sme"  // 科技型中小企业
    case innovativeSME = "innovative_sme"  // 创新型中小企业
    case highTech = "high_tech"  // 高新技术企业
    case specialisedSME = "specialised_sme"  // 专精特新中小企业
    case littleGiant = "little_giant"  // 专精特新“小巨人”
    case gazelle  // 瞪羚企业
    case unicorn  // 独角兽企业
    case listed  // 上市企业

    public var label: String {
        switch self {
        case .techSME: "科技型中小企业"
        case .innovativeSME: "创新型中小企业"
        case .highTech: "高新技术企业"
        case .specialisedSME: "专精特新中小企业"
        case .littleGiant: "专精特新“小巨人”企业"
        case .gazelle: "瞪羚企业"
        case .unicorn: "独角兽企业"
        case .listed: "上市企业"
        }
    }

    /// How long a certification lasts when the certificate gives no end date (高企 3 years,
    /// 科小 is re-registered each year, 专精特新 3 years); nil = does not expire.
    public var defaultValidityYears: Int? {
        switch self {
        case .techSME: 1
        case .highTech, .innovativeSME, .specialisedSME, .littleGiant: 3
        case .gazelle, .unicorn: 1
        case .listed: nil
        }
    }
}

/// One certification an enterprise holds or held.
public struct Certification: Sendable, Hashable, Codable {
    public var kind: CertificationKind
    public var certifiedOn: Day
    public var expiresOn: Day?

    public init(kind: CertificationKind, certifiedOn: Day, expiresOn: Day? = nil) {
        self.kind = kind
        self.certifiedOn = certifiedOn
        self.expiresOn = expiresOn
    }

    /// The day it stops being valid: the stated expiry, or the default validity from the
    /// certification day.
    public var effectiveExpiry: Day? {
        if let expiresOn { return expiresOn }
        guard let years = kind.defaultValidityYears else { return nil }
        let year = certifiedOn.year + years
        // 2024-02-29 + 1 year lands on 2025-02-28 (the month has no 29th); the day before is the last valid day.
        let day = min(certifiedOn.day, Day.daysIn(month: certifiedOn.month, year: year))
        return Day(year: year, month: certifiedOn.month, day: day)!.adding(days: -1)
    }

    public func isValid(on day: Day) -> Bool {
        certifiedOn <= day && (effectiveExpiry.map { day <= $0 } ?? true)
    }
}
