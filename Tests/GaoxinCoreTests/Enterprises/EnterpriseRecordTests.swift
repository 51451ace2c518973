import GaoxinCore
import Testing

@Suite struct EnterpriseRecordTests {
    private let today = Day("2026-03-01")!

    private func year(_ y: Int, _ figures: [String: Double]) -> YearFacts {
        var facts = YearFacts(year: y)
        for (key, value) in figures { facts[key] = value }
        return facts
    }

    private func record(
        _ years: [YearFacts], profile: EnterpriseProfile = EnterpriseProfile(), certifications: Set<String> = []
    ) -> JSONValue {
        EnterpriseRecord.build(profile: profile, years: years, year: 2025, today: today, certifications: certifications)
    }

    @Test func theThreeYearRatioNeedsAllThreeYears() {
        let three = [
            year(2023, ["revenue": 1000, "rdExpense": 40]), year(2024, ["revenue": 1000, "rdExpense": 50]),
            year(2025, ["revenue": 1000, "rdExpense": 60]),
        ]
        #expect(record(three)["rdRatio3y"] == 0.05)
        #expect(record(Array(three.dropFirst()))["rdRatio3y"] == nil)
        // A year present but without its R&D figure is as good as absent.
        var gap = three
        gap[0].rdExpense = nil
        #expect(record(gap)["rdRatio3y"] == nil)
    }

    @Test func aZeroBaseGivesNoRatioNeverZeroOrInfinity() {
        let r = record([
            year(2024, ["revenue": 0, "netAssets": 0]),
            year(2025, ["revenue": 0, "rdExpense": 10, "staff": 0, "techStaff": 0, "netAssets": 100]),
        ])
        #expect(r["rdRatio"] == nil)
        #expect(r["techStaffRatio"] == nil)
        #expect(r["revenueGrowth"] == nil)
        #expect(r["rdExpense"] == 10)
    }

    @Test func reportedFiguresAndRatiosOfTheYear() {
        let r = record([
            year(2024, ["revenue": 2000, "mainRevenue": 1800, "rdExpense": 100]),
            year(
                2025,
                [
                    "revenue": 2400, "mainRevenue": 2070, "rdExpense": 120, "rdExpenseDomestic": 90, "totalCost": 2000,
                    "highTechRevenue": 1800, "staff": 200, "techStaff": 30, "rdStaff": 20, "netProfit": -50,
                ]),
        ])
        #expect(r["revenue"] == 2400)
        #expect(r["rdRatio"] == 0.05)
        #expect(r["rdCostRatio"] == 0.06)
        #expect(r["rdDomesticShare"] == 0.75)
        #expect(r["highTechRevenueShare"] == 0.75)
        #expect(r["techStaffRatio"] == 0.15)
        #expect(r["rdStaffRatio"] == 0.1)
        #expect(r["mainBusinessShare"] == 0.8625)
        #expect(abs((r["netProfitMargin"]?.numberValue ?? 0) + 50.0 / 2400) < 1e-12)
        #expect(r["rdRatioPrev"] == 0.05)
        #expect(r["rdExpensePrev"] == 100)
        // Exactly +15% and +20%, not 0.1499999… from floating point.
        #expect(r["mainRevenueGrowth"] == 0.15)
        #expect(r["revenueGrowth"] == 0.2)
        #expect(r["rdExpenseGrowth"] == 0.2)
    }

    @Test func twoYearGrowthIsTheMeanOfTheTwoYearOnYearRatios() {
        let r = record([
            year(2023, ["revenue": 1000, "netAssets": 1000, "mainRevenue": 800]),
            year(2024, ["revenue": 1350, "netAssets": 1100, "mainRevenue": 800]),
            year(2025, ["revenue": 1822.5, "netAssets": 990, "mainRevenue": 880]),
        ])
        #expect(r["revenueGrowth2y"] == 0.35)
        #expect(r["netAssetsGrowth2y"] == 0)  // +10% then −10%
        #expect(r["mainRevenueGrowth2y"] == 0.05)
    }

    @Test func sumsOverTwoAndThreeYearsNeedEveryYear() {
        let r = record([
            year(2023, ["newEquity": 100]), year(2024, ["newEquity": 300, "rdExpense": 800]),
            year(2025, ["newEquity": 200, "rdExpense": 1200, "rdExpenseDomestic": 1200]),
        ])
        #expect(r["newEquity2y"] == 500)
        #expect(r["newEquity3y"] == 600)
        #expect(r["rdExpense2y"] == 2000)
        #expect(r["rdExpenseAvg2y"] == 1000)
        #expect(r["rdDomesticShare3y"] == nil)  // 2023 has no R&D figures
        let short = record([year(2025, ["newEquity": 200])])
        #expect(short["newEquity2y"] == nil)
    }

    @Test func registeredDaysCountFromTheFoundingDay() {
        var profile = EnterpriseProfile()
        profile.foundedOn = Day("2025-03-01")
        #expect(record([], profile: profile)["registeredDays"] == 365)
        #expect(record([])["registeredDays"] == nil)
    }

    @Test func awardsAreReadAsTheBestRankInTheWindowBeforeTheApplicationYear() {
        var profile = EnterpriseProfile()
        profile.awards = [
            ScienceAward(level: .national, year: 2022, rank: 2), ScienceAward(level: .national, year: 2024, rank: 4),
            ScienceAward(level: .provincial, year: 2020, rank: 1),
        ]
        profile.standardsLedYears = [2019, 2021, 2025]
        profile.makerChinaTop500Year = 2022
        let r = record([], profile: profile)
        #expect(r["nationalAwardRank3y"] == 4)  // 2024–2026
        #expect(r["nationalAwardRank5y"] == 2)  // 2022–2026
        #expect(r["provincialAwardRank3y"] == nil)
        #expect(r["provincialAwardRank5y"] == nil)
        #expect(r["standardsLed5y"] == 1)  // 2025 only: 2021 is the sixth year back
        #expect(r["makerChinaTop500In3y"] == false)
    }

    /// The windows the criteria files state: 近三年 and 近五年 include the application year and go
    /// back three and five years in all, so in 2026 a 2023 award is not 近三年 and a 2021 one not 近五年.
    @Test func awardWindowsCountTheApplicationYearIn() {
        var profile = EnterpriseProfile()
        profile.awards = [
            ScienceAward(level: .provincial, year: 2023, rank: 1), ScienceAward(level: .national, year: 2021, rank: 1),
        ]
        let r = record([], profile: profile)
        #expect(r["provincialAwardRank3y"] == nil)
        #expect(r["provincialAwardRank5y"] == 1)
        #expect(r["nationalAwardRank5y"] == nil)
    }

    @Test func flagsInstitutionLevelAndCertifications() {
        var profile = EnterpriseProfile()
        profile.rdInstitutionLevel = .provincial
        profile.smallOrMediumEnterprise = true
        profile.stage = .growth
        let r = record([], profile: profile, certifications: ["tech_sme", "high_tech"])
        #expect(r["rdInstitutionLevel"] == 3)
        #expect(r["provincialRDInstitution"] == true)  // implied by the level when not given
        #expect(r["smallOrMediumEnterprise"] == true)
        #expect(r["residentEnterprise"] == nil)
        #expect(r["stage"] == "growth")
        #expect(r["certifications"] == ["high_tech", "tech_sme"])
        #expect(r["certificationCount"] == 2)

        profile.provincialRDInstitution = false
        #expect(record([], profile: profile)["provincialRDInstitution"] == false)  // what was said wins
    }

    @Test func everyRecordFieldHasACatalogueLabel() {
        var profile = EnterpriseProfile()
        profile.foundedOn = Day("2020-01-01")
        profile.awards = [
            ScienceAward(level: .national, year: 2025, rank: 1), ScienceAward(level: .provincial, year: 2025, rank: 1),
        ]
        profile.standardsLedYears = [2025]
        profile.makerChinaTop500Year = 2025
        profile.rdInstitutionLevel = .national
        profile.stage = .startup
        for flag in [
            \EnterpriseProfile.inSupportedField, \.strategicEmergingIndustry, \.seriousIncident, \.onDishonestList,
            \.residentEnterprise, \.restrictedIndustry, \.smallOrMediumEnterprise, \.supplyChainKeyLink,
            \.industrialFoundationField,
        ] {
            profile[keyPath: flag] = false
        }
        var years = (2023...2025).map { YearFacts(year: $0) }
        for i in years.indices {
            for (key, _) in YearFacts.numericFields { years[i][key] = 1 }
        }
        let r = EnterpriseRecord.build(profile: profile, years: years, year: 2025, today: today, certifications: ["x"])
        let keys = r.objectValue?.keys ?? []
        #expect(keys.count > 60)
        let unlabelled = keys.filter { EnterpriseFieldCatalogue.fields[$0] == nil }
        #expect(unlabelled == [])
    }

    @Test func problemsCoverTheNewFigures() {
        var facts = YearFacts(year: 2025)
        facts.netProfit = -120  // a loss is a figure, not an error
        facts.ipClass1 = 2
        facts.ipClass1HighValue = 3
        facts.techCommercialisationScore = 31
        facts.digitalLevel = 2.5
        let problems = facts.problems()
        #expect(!problems.contains { $0.field == "netProfit" })
        #expect(problems.contains { $0.message == "高价值Ⅰ类知识产权数（3）不能大于Ⅰ类知识产权数（2）" })
        #expect(problems.contains { $0.message == "科技成果转化能力自评分（满分30）不能超过 30（填写为 31）" })
        #expect(problems.contains { $0.message == "数字化水平等级必须是整数（2.5）" })
        facts.revenue = -1
        #expect(facts.problems().contains { $0.message == "营业收入不能为负数（-1.0）" })
    }
}
