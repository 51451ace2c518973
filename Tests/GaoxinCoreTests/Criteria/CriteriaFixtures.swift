import Foundation
import GaoxinCore

/// Made-up enterprises for the criteria tests. Each `…Firm()` passes its criterion with a margin;
/// tests change one figure to land on or just past a boundary.
enum CriteriaFixtures {
    static let today = Day("2026-03-01")!
    static let year = 2025

    /// Loaded once for all tests: reading and compiling the bundled files is the slow part.
    private static let bundled = Result { try CriterionLibrary.bundled() }

    static func library() throws -> CriterionLibrary { try bundled.get() }

    static func criterion(_ code: String) throws -> Criterion {
        guard let criterion = try library()[code] else { throw FixtureError.missing(code) }
        return criterion
    }

    enum FixtureError: Error { case missing(String) }

    /// One firm: a profile, three years of figures (2023–2025) and its certifications.
    struct Firm {
        var profile = EnterpriseProfile()
        var years: [YearFacts] = [YearFacts(year: 2023), YearFacts(year: 2024), YearFacts(year: 2025)]
        var certifications: Set<String> = []

        /// Sets `key` in each of the three years, oldest first.
        mutating func set(_ key: String, _ values: Double?...) {
            precondition(values.count == years.count)
            for i in years.indices { years[i][key] = values[i] }
        }

        /// Sets `key` in the evaluated year only.
        mutating func current(_ key: String, _ value: Double?) { years[years.count - 1][key] = value }

        var record: JSONValue {
            EnterpriseRecord.build(
                profile: profile, years: years, year: CriteriaFixtures.year, today: CriteriaFixtures.today,
                certifications: certifications)
        }
    }

    /// A 高企 applicant scoring 77: sales ≤ 5000万 and 5.71% R&D over three years.
    static func highTechFirm() -> Firm {
        var f = Firm()
        f.profile.foundedOn = Day("2018-05-01")
        f.profile.inSupportedField = true
        f.profile.seriousIncident = false
        f.set("revenue", 3000, 3500, 4000)
        f.set("rdExpense", 180, 200, 220)
        f.set("rdExpenseDomestic", 180, 200, 220)
        f.set("netAssets", 1000, 1300, 1690)
        f.current("highTechRevenue", 3000)
        f.current("staff", 100)
        f.current("techStaff", 20)
        f.current("ipClass1", 2)
        f.current("ipClass2", 5)
        f.current("ipQualityScore", 18)
        f.current("techCommercialisationScore", 22)
        f.current("rdManagementScore", 15)
        return f
    }

    /// A 科小 scoring 64 (tech staff 20% → 12, R&D 5% of sales → 40, two Ⅱ类 → 12).
    static func techSMEFirm() -> Firm {
        var f = Firm()
        f.profile.residentEnterprise = true
        f.profile.restrictedIndustry = false
        f.profile.seriousIncident = false
        f.profile.onDishonestList = false
        f.current("staff", 80)
        f.current("techStaff", 16)
        f.current("revenue", 3000)
        f.current("totalAssets", 5000)
        f.current("rdExpense", 150)
        f.current("totalCost", 2500)
        f.current("ipClass1", 0)
        f.current("ipClass2", 2)
        return f
    }

    /// A 创新型中小企业 scoring 85 (innovation 30, growth 30, specialisation 25).
    static func innovativeSMEFirm() -> Firm {
        var f = Firm()
        f.profile.smallOrMediumEnterprise = true
        f.profile.onDishonestList = false
        f.profile.strategicEmergingIndustry = false
        f.current("ipClass1HighValue", 0)
        f.current("ipClass1SelfDeveloped", 1)
        f.current("ipClass1", 1)
        f.current("ipClass2", 3)
        f.set("revenue", 1800, 2000, 2400)
        f.current("rdExpense", 72)  // 3% → 15
        f.set("mainRevenue", 1500, 1800, 2160)  // +20% → 20
        f.current("debtRatio", 0.4)  // → 10
        // 2160 ÷ 2400 = 90% → 20; not 战略性新兴产业 → 5
        return f
    }

    /// A 专精特新中小企业 (2022) scoring 91.
    static func specialisedSMEFirm() -> Firm {
        var f = Firm()
        f.profile.smallOrMediumEnterprise = true
        f.profile.onDishonestList = false
        f.profile.yearsInNiche = 6
        f.profile.supplyChainKeyLink = true
        f.profile.rdInstitutionLevel = .provincial
        f.set("revenue", 5000, 5600, 6300)
        f.set("mainRevenue", 4000, 4600, 5400)  // 85.7%; growth 15% and 17.4%
        f.set("rdExpense", 500, 560, 600)
        f.current("netProfit", 756)  // 12%
        f.current("debtRatio", 0.45)
        f.current("digitalLevel", 3)
        f.current("qualityAchievements", 2)
        f.current("localFeatureScore", 10)
        f.current("ipClass1HighValue", 1)
        f.current("ipClass1SelfDeveloped", 2)
        f.current("ipClass1", 3)
        f.current("ipClass2", 4)
        f.current("staff", 120)
        f.current("rdStaff", 30)
        return f
    }

    /// A 小巨人 with revenue above 1亿 and R&D above 3% in both years.
    static func littleGiantFirm() -> Firm {
        var f = Firm()
        f.certifications = ["specialised_sme"]
        f.profile.smallOrMediumEnterprise = true
        f.profile.onDishonestList = false
        f.profile.yearsInNiche = 8
        f.set("revenue", 10000, 11000, 12000)
        f.set("mainRevenue", 8500, 9400, 10400)
        f.set("rdExpense", 350, 400, 480)
        f.current("debtRatio", 0.5)
        f.current("marketShare", 0.15)
        f.current("ipClass1", 3)
        return f
    }
}
