import GaoxinCore
import Testing

/// 创新型中小企业, 专精特新中小企业 (2022 and the reported 2026 rules) and 小巨人.
@Suite struct LadderCriteriaTests {
    private func evaluate(_ code: String, _ firm: CriteriaFixtures.Firm) throws -> CriterionResult {
        try CriteriaFixtures.criterion(code).evaluate(firm.record)
    }

    // MARK: 创新型中小企业

    @Test func innovativeSMEQualifiesWithEveryGroupAboveItsMinimum() throws {
        let result = try evaluate("innovative_sme", CriteriaFixtures.innovativeSMEFirm())
        #expect(result.qualifies)
        let score = try #require(result.score)
        #expect(score.total == 85)
        #expect(score.groups.map(\.points) == [30, 30, 25])
        #expect(score.groups.map(\.maxPoints) == [40, 30, 30])
    }

    @Test func innovativeSMEFailsAGroupMinimumDespiteSixtyPoints() throws {
        var firm = CriteriaFixtures.innovativeSMEFirm()
        firm.current("ipClass1SelfDeveloped", 0)
        firm.current("ipClass1", 0)  // Ⅱ类 only → 5
        firm.current("rdExpense", 36)  // 1.5% → 5
        firm.profile.strategicEmergingIndustry = true
        let result = try evaluate("innovative_sme", firm)
        #expect(result.score?.total == 70)
        #expect(result.verdict == .notQualified)
        let innovation = try #require(result.score?.requirements.first { $0.code == "group:innovation" })
        #expect(innovation.text == "创新能力得分 10 分，要求 ≥ 20 分，差 10 分")
    }

    @Test func innovativeSMEBoundaryValuesGoToTheHigherBand() throws {
        var firm = CriteriaFixtures.innovativeSMEFirm()
        firm.current("debtRatio", 0.55)
        firm.current("rdExpense", 120)  // exactly 5%
        firm.set("mainRevenue", 1500, 1800, 1980)  // exactly +10%; 1980 ÷ 2400 = 82.5%
        let items = try #require(try evaluate("innovative_sme", firm).score?.items)
        #expect(items.first { $0.code == "debt_ratio" }?.points == 10)
        #expect(items.first { $0.code == "rd_ratio" }?.points == 20)
        #expect(items.first { $0.code == "main_revenue_growth" }?.points == 15)

        firm.current("debtRatio", 0.75)
        #expect(try evaluate("innovative_sme", firm).score?.items.first { $0.code == "debt_ratio" }?.points == 5)
        firm.current("debtRatio", 0.7501)
        #expect(try evaluate("innovative_sme", firm).score?.items.first { $0.code == "debt_ratio" }?.points == 0)
    }

    @Test func unreportedHighValueIPLeavesTheInnovationGroupOpen() throws {
        var firm = CriteriaFixtures.innovativeSMEFirm()
        firm.current("ipClass1HighValue", nil)
        firm.current("ipClass1SelfDeveloped", nil)
        firm.current("ipClass1", 0)
        firm.current("rdExpense", 36)
        let result = try evaluate("innovative_sme", firm)
        // 5 + 5 on the data given; a high-value patent would make it 25: cannot say yet.
        #expect(result.verdict == .undetermined)
        #expect(result.missingFields == ["ipClass1HighValue", "ipClass1SelfDeveloped"])
    }

    @Test func newEquityOfFiveMillionInThreeYearsQualifiesDirectly() throws {
        var firm = CriteriaFixtures.innovativeSMEFirm()
        firm.current("rdExpense", 0)
        firm.current("ipClass1SelfDeveloped", 0)
        firm.current("ipClass1", 0)
        firm.current("ipClass2", 0)
        firm.set("newEquity", 200, 200, 100)
        let result = try evaluate("innovative_sme", firm)
        #expect(result.qualifies)
        #expect(result.path == .direct(code: "equity_3y", label: "近三年新增股权融资总额（合格机构投资者的实缴额）500万元以上"))
        firm.set("newEquity", 200, 200, 99.99)
        #expect(try evaluate("innovative_sme", firm).verdict == .notQualified)
    }

    @Test func highTechCertificationIsAnHonourForInnovativeSME() throws {
        var firm = CriteriaFixtures.innovativeSMEFirm()
        firm.current("rdExpense", 0)
        firm.certifications = ["high_tech"]
        #expect(try evaluate("innovative_sme", firm).path?.isDirect == true)
    }

    // MARK: 专精特新中小企业

    @Test func specialisedSMEQualifiesOnAScoreOf91() throws {
        let result = try evaluate("specialised_sme", CriteriaFixtures.specialisedSMEFirm())
        #expect(result.qualifies)
        #expect(result.score?.total == 91)
        #expect(result.score?.groups.map(\.points) == [23, 25, 10, 33])
        #expect(result.score?.maximum == 100)
    }

    @Test func specialisedSMENeedsRevenueOrEquityAndSaysByHowMuch() throws {
        var firm = CriteriaFixtures.specialisedSMEFirm()
        firm.set("revenue", 5000, 5600, 900)
        firm.set("mainRevenue", 4000, 4600, 800)
        firm.set("rdExpense", 500, 560, 100)
        firm.set("newEquity", nil, 1000, 500)
        let result = try evaluate("specialised_sme", firm)
        let condition = try #require(result.conditions.first { $0.code == "revenue_or_equity" })
        #expect(condition.status == .notMet)
        #expect(condition.gapTexts == ["营业收入 900万元，要求 ≥ 1000万元，差 100万元", "近两年新增股权融资总额 1500万元，要求 ≥ 2000万元，差 500万元"])
    }

    @Test func specialisedSMEDirectConditionsStandInForTheScore() throws {
        var firm = CriteriaFixtures.specialisedSMEFirm()
        firm.current("localFeatureScore", 0)
        firm.current("digitalLevel", 1)
        firm.current("qualityAchievements", 0)
        firm.current("netProfit", 0)
        firm.profile.rdInstitutionLevel = RDInstitutionLevel.none
        firm.profile.supplyChainKeyLink = false
        firm.profile.industrialFoundationField = false
        var result = try evaluate("specialised_sme", firm)
        #expect(result.score?.total == 48)
        #expect(result.verdict == .notQualified)

        firm.profile.awards = [ScienceAward(level: .provincial, year: 2024, rank: 3)]
        result = try evaluate("specialised_sme", firm)
        #expect(result.path == .direct(code: "award", label: "近三年获得过省级科技奖励并在获奖单位中排名前三，或获得国家级科技奖励并在获奖单位中排名前五"))

        firm.profile.awards = [ScienceAward(level: .provincial, year: 2024, rank: 4)]
        #expect(try evaluate("specialised_sme", firm).verdict == .notQualified)
        firm.profile.awards = [ScienceAward(level: .national, year: 2024, rank: 5)]
        #expect(try evaluate("specialised_sme", firm).qualifies)
        // 近三年 in 2026 is 2024–2026: a 2023 award is outside it.
        firm.profile.awards = [ScienceAward(level: .provincial, year: 2023, rank: 1)]
        #expect(try evaluate("specialised_sme", firm).verdict == .notQualified)
    }

    @Test func theReported2026RulesAreAFileMarkedToBeVerified() throws {
        let library = try CriteriaFixtures.library()
        let rules2026 = try #require(library["specialised_sme_2026"])
        #expect(rules2026.definition.status == "待核实")
        #expect(rules2026.definition.certifies == "specialised_sme")
        #expect(rules2026.definition.minimumScore == 50)
        let rules2022 = try #require(library["specialised_sme"])
        #expect(rules2022.definition.note?.contains("工信部企业〔2026〕2号") == true)
        #expect(rules2022.definition.note?.contains("2026年4月1日") == true)
    }

    @Test func the2026RulesAskForAHigherMainBusinessShareAndBothYearsOfRD() throws {
        var firm = CriteriaFixtures.specialisedSMEFirm()
        firm.set("mainRevenue", 4000, 4600, 4900)  // 77.8%: fine in 2022, short of 80% in 2026
        #expect(try evaluate("specialised_sme", firm).qualifies)
        let result = try evaluate("specialised_sme_2026", firm)
        #expect(result.verdict == .notQualified)
        let share = try #require(result.conditions.first { $0.code == "main_business_share" })
        #expect(share.gapTexts == ["主营业务收入占营业收入比例 77.78%，要求 ≥ 80%，差 2.22 个百分点"])

        firm = CriteriaFixtures.specialisedSMEFirm()
        firm.set("rdExpense", 500, 90, 600)
        let rd = try #require(try evaluate("specialised_sme_2026", firm).conditions.first { $0.code == "rd_two_years" })
        #expect(rd.status == .notMet)
        #expect(rd.gapTexts.first == "上年研发费用 90万元，要求 ≥ 100万元，差 10万元")
    }

    // MARK: 小巨人

    @Test func littleGiantAboveOneHundredMillionNeedsThreePercentInBothYears() throws {
        var firm = CriteriaFixtures.littleGiantFirm()
        #expect(try evaluate("little_giant", firm).qualifies)
        firm.set("rdExpense", 350, 320, 480)  // 320 ÷ 11000 = 2.91% last-but-one year
        let rd = try #require(try evaluate("little_giant", firm).conditions.first { $0.code == "rd" })
        #expect(rd.status == .notMet)
        #expect(rd.sentences.first == "营业收入 12000万元，适用「营业收入 ≥ 10000万元」一档的要求")
        #expect(rd.gapTexts == ["上年研发费用占营业收入比例 2.91%，要求 ≥ 3%，差 0.09 个百分点"])
    }

    @Test func littleGiantAtExactlyFiftyMillionFallsInTheSixPercentBand() throws {
        var firm = CriteriaFixtures.littleGiantFirm()
        firm.set("revenue", 4000, 4500, 5000)
        firm.set("mainRevenue", 3400, 3800, 4300)
        firm.set("rdExpense", 250, 280, 300)  // 6.22% and 6%
        let rd = try #require(try evaluate("little_giant", firm).conditions.first { $0.code == "rd" })
        #expect(rd.held)
        #expect(rd.sentences.first == "营业收入 5000万元，适用「营业收入 ≥ 5000万元」一档的要求")
    }

    @Test func littleGiantBelowFiftyMillionNeedsEquityRDAndStaff() throws {
        var firm = CriteriaFixtures.littleGiantFirm()
        firm.set("revenue", 3000, 3500, 4000)
        firm.set("mainRevenue", 2600, 3000, 3500)
        firm.set("rdExpense", 1200, 1400, 1600)
        firm.set("newEquity", nil, 5000, 3000)
        firm.current("staff", 100)
        firm.current("rdStaff", 50)
        #expect(try evaluate("little_giant", firm).conditions.first { $0.code == "rd" }?.held == true)
        firm.current("rdStaff", 49)
        let rd = try #require(try evaluate("little_giant", firm).conditions.first { $0.code == "rd" })
        #expect(rd.gapTexts == ["研发人员占职工总数比例 49%，要求 ≥ 50%，差 1 个百分点"])
    }

    @Test func littleGiantMustAlreadyBeASpecialisedSME() throws {
        var firm = CriteriaFixtures.littleGiantFirm()
        firm.certifications = []
        let result = try evaluate("little_giant", firm)
        #expect(result.verdict == .notQualified)
        #expect(result.conditions.first?.sentences == ["已获资质 （无），要求包含 “专精特新中小企业”，不满足"])
    }
}

extension CriterionResult.Path {
    var isDirect: Bool {
        if case .direct = self { return true }
        return false
    }
}
