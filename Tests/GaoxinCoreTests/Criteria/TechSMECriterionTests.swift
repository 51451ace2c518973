import GaoxinCore
import Testing

@Suite struct TechSMECriterionTests {
    private func evaluate(_ firm: CriteriaFixtures.Firm) throws -> CriterionResult {
        try CriteriaFixtures.criterion("tech_sme").evaluate(firm.record)
    }

    @Test func aFirmScoring64WithTechStaffQualifiesOnItsScore() throws {
        let result = try evaluate(CriteriaFixtures.techSMEFirm())
        #expect(result.qualifies)
        #expect(result.path == .conditionsAndScore)
        let items = try #require(result.score?.items)
        #expect(items.map(\.points) == [12, 40, 12])
        #expect(items[1].detail == "研发费用占营业收入比例 5% → 40 分；研发费用占成本费用比例 6% → 0 分，取高者 40 分")
    }

    @Test func rdTakesTheHigherOfTheSalesAndCostTables() throws {
        var firm = CriteriaFixtures.techSMEFirm()
        firm.current("totalCost", 500)  // 150 ÷ 500 = 30% of costs → 50
        let items = try #require(try evaluate(firm).score?.items)
        #expect(items[1].points == 50)
        #expect(items[1].value == 0.3)
    }

    @Test func anyClassOneIPScoresThirtyOtherwiseClassTwoCounts() throws {
        var firm = CriteriaFixtures.techSMEFirm()
        firm.current("ipClass2", 4)
        #expect(try evaluate(firm).score?.items[2].points == 24)
        firm.current("ipClass2", 9)
        #expect(try evaluate(firm).score?.items[2].points == 24)
        firm.current("ipClass1", 1)
        #expect(try evaluate(firm).score?.items[2].points == 30)
    }

    @Test func techStaffBandsStartAtTheirEdge() throws {
        var firm = CriteriaFixtures.techSMEFirm()
        firm.current("techStaff", 24)  // exactly 30%
        #expect(try evaluate(firm).score?.items[0].points == 20)
        firm.current("techStaff", 8)  // exactly 10%
        #expect(try evaluate(firm).score?.items[0].points == 4)
    }

    @Test func aZeroTechStaffScoreFailsEvenWithEnoughPoints() throws {
        var firm = CriteriaFixtures.techSMEFirm()
        firm.current("techStaff", 7)  // 8.75% → 0
        firm.current("rdExpense", 180)  // 6% → 50
        firm.current("ipClass1", 1)  // → 30
        let result = try evaluate(firm)
        #expect(result.score?.total == 80)
        #expect(result.verdict == .notQualified)
        let nonZero = try #require(result.score?.requirements.first { $0.code == "item:tech_staff" })
        #expect(nonZero.status == .notMet)
        #expect(nonZero.text == "科技人员数占职工总数的比例得分 0 分，要求大于 0 分，不满足")
    }

    @Test func aValidHighTechCertificateQualifiesDespiteALowScore() throws {
        var firm = CriteriaFixtures.techSMEFirm()
        firm.current("rdExpense", 30)  // 1% → 0
        firm.certifications = ["high_tech"]
        let result = try evaluate(firm)
        #expect(result.score?.total == 24)
        #expect(result.qualifies)
        #expect(result.path == .direct(code: "high_tech_certified", label: "拥有有效期内高新技术企业资格证书"))
        #expect(result.summary == "符合科技型中小企业条件：全部 7 项条件均满足，符合直接认定条件「拥有有效期内高新技术企业资格证书」")
    }

    @Test func directConditionsDoNotWaiveTheBasicConditions() throws {
        var firm = CriteriaFixtures.techSMEFirm()
        firm.certifications = ["high_tech"]
        firm.current("staff", 501)
        firm.current("techStaff", 101)
        let result = try evaluate(firm)
        #expect(result.verdict == .notQualified)
        let staff = try #require(result.conditions.first { $0.code == "staff" })
        #expect(staff.gapTexts == ["职工总数 501人，要求 ≤ 500人，差 1人"])
    }

    @Test func otherDirectConditionsReadAwardsInstitutionsAndStandards() throws {
        var firm = CriteriaFixtures.techSMEFirm()
        firm.current("rdExpense", 30)
        firm.profile.awards = [ScienceAward(level: .national, year: 2022, rank: 2)]  // 近五年 in 2026: 2022–2026
        var result = try evaluate(firm)
        #expect(result.path == .direct(code: "national_award", label: "近五年内获得过国家级科技奖励，并在获奖单位中排在前三名"))

        firm.profile.awards = [ScienceAward(level: .national, year: 2021, rank: 2)]  // the sixth year back from 2026
        result = try evaluate(firm)
        #expect(result.verdict == .notQualified)

        firm.profile.standardsLedYears = [2024]
        result = try evaluate(firm)
        #expect(result.path == .direct(code: "standard_led", label: "近五年内主导制定过国际标准、国家标准或行业标准"))

        firm.profile.standardsLedYears = nil
        firm.profile.rdInstitutionLevel = .provincial
        result = try evaluate(firm)
        #expect(result.path == .direct(code: "rd_institution", label: "拥有经认定的省部级以上研发机构"))
    }

    @Test func anUnreportedHeadcountIsMissingDataEvenThoughNullCompareAsZero() throws {
        var firm = CriteriaFixtures.techSMEFirm()
        firm.current("totalAssets", nil)
        let result = try evaluate(firm)
        let assets = try #require(result.conditions.first { $0.code == "assets" })
        #expect(assets.status == .missingData)
        #expect(result.verdict == .undetermined)
        #expect(result.missingText == "缺少数据：资产总额")
    }
}
