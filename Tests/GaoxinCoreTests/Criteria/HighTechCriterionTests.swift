import GaoxinCore
import Testing

@Suite struct HighTechCriterionTests {
    private func evaluate(_ firm: CriteriaFixtures.Firm) throws -> CriterionResult {
        try CriteriaFixtures.criterion("high_tech").evaluate(firm.record)
    }

    private func condition(_ result: CriterionResult, _ code: String) throws -> ConditionResult {
        try #require(result.conditions.first { $0.code == code })
    }

    @Test func aFirmMeetingEveryConditionAndScoring77Qualifies() throws {
        let result = try evaluate(CriteriaFixtures.highTechFirm())
        #expect(result.qualifies)
        #expect(result.path == .conditionsAndScore)
        #expect(result.conditions.count == 8)
        #expect(result.conditions.allSatisfy { $0.held })
        let score = try #require(result.score)
        #expect(score.total == 77)
        #expect(score.maximum == 100)
        #expect(result.summary == "符合高新技术企业条件：全部 8 项条件均满足，评价得分 77 分（要求 ≥ 71 分）")
        // Growth: net assets +30% a year → 8; sales (3000 → 3500 → 4000) ≈ +15.5% → 6.
        #expect(score.items.first { $0.code == "net_assets_growth" }?.points == 8)
        #expect(score.items.first { $0.code == "sales_growth" }?.points == 6)
        #expect(score.groups.map(\.points) == [26, 22, 15, 14])
    }

    @Test func exactlyFivePercentAtFiftyMillionSalesPasses() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.set("revenue", 5000, 5000, 5000)
        firm.set("rdExpense", 250, 250, 250)
        firm.set("rdExpenseDomestic", 250, 250, 250)
        let rd = try condition(try evaluate(firm), "rd_ratio_3y")
        #expect(rd.held)
        #expect(
            rd.sentences == [
                "营业收入 5000万元，适用「营业收入 ≤ 5000万元」一档的要求",
                "近三年研发费用占销售收入比例 5%，要求 ≥ 5%，满足",
            ])
    }

    @Test func fourPointNineNinePercentFailsByOneHundredthOfAPoint() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.set("revenue", 5000, 5000, 5000)
        firm.set("rdExpense", 249.5, 249.5, 249.5)
        firm.set("rdExpenseDomestic", 249.5, 249.5, 249.5)
        let result = try evaluate(firm)
        #expect(result.verdict == .notQualified)
        let rd = try condition(result, "rd_ratio_3y")
        #expect(rd.status == .notMet)
        #expect(rd.sentences.last == "近三年研发费用占销售收入比例 4.99%，要求 ≥ 5%，不满足")
        // Only the requirement is a gap; "营业收入 ≤ 5000万元" merely chose it.
        let gap = try #require(rd.gaps.first)
        #expect(rd.gaps.count == 1)
        #expect(abs(gap.shortfall - 0.0001) < 1e-12)
        #expect(rd.gapTexts == ["近三年研发费用占销售收入比例 4.99%，要求 ≥ 5%，差 0.01 个百分点"])
        #expect(result.summary.hasPrefix("不符合高新技术企业条件：1 项条件不满足"))
    }

    @Test func salesJustAboveFiftyMillionNeedOnlyFourPercent() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.set("revenue", 5000, 5000, 5000.01)
        firm.set("rdExpense", 249.5, 249.5, 249.5)
        firm.set("rdExpenseDomestic", 249.5, 249.5, 249.5)
        let rd = try condition(try evaluate(firm), "rd_ratio_3y")
        #expect(rd.held)
        #expect(rd.sentences.first == "营业收入 5000.01万元，适用「营业收入 ≤ 20000万元」一档的要求")
    }

    @Test func salesAboveTwoHundredMillionNeedThreePercent() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.set("revenue", 30000, 30000, 30000)
        firm.set("rdExpense", 890, 900, 900)
        firm.set("rdExpenseDomestic", 890, 900, 900)
        firm.current("highTechRevenue", 20000)
        let rd = try condition(try evaluate(firm), "rd_ratio_3y")
        #expect(!rd.held)
        #expect(rd.sentences.first == "营业收入 30000万元，适用「营业收入 > 20000万元」一档的要求")
        #expect(rd.gapTexts == ["近三年研发费用占销售收入比例 2.99%，要求 ≥ 3%，差 0.01 个百分点"])
    }

    @Test func aMissingYearLeavesTheThreeYearRatioUndecidedNotFailed() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.years.removeFirst()
        let result = try evaluate(firm)
        let rd = try condition(result, "rd_ratio_3y")
        #expect(rd.status == .missingData)
        #expect(rd.missingText == "缺少数据：近三年研发费用占销售收入比例（需要近三个年度各年的研发费用和营业收入）")
        // Everything else holds, so the missing year decides: undetermined, not "不符合".
        #expect(result.verdict == .undetermined)
        #expect(result.missingFields.contains("rdRatio3y"))
        #expect(result.summary.hasPrefix("暂无法判定是否符合高新技术企业条件：缺少数据："))
    }

    @Test func anUnreportedIncidentFlagIsMissingDataNotAPass() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.profile.seriousIncident = nil
        let result = try evaluate(firm)
        let incident = try condition(result, "no_serious_incident")
        #expect(incident.status == .missingData)
        #expect(incident.missingText == "缺少数据：上年度发生重大安全、质量事故或严重环境违法")
        #expect(result.verdict == .undetermined)
    }

    @Test func aFailedConditionDecidesEvenWithDataMissingElsewhere() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.profile.seriousIncident = nil
        firm.current("techStaff", 9)
        let result = try evaluate(firm)
        #expect(result.verdict == .notQualified)
        #expect(try condition(result, "tech_staff_ratio").gapTexts == ["科技人员占职工总数比例 9%，要求 ≥ 10%，差 1 个百分点"])
    }

    @Test func aScoreBelowSeventyOneFailsWithTheShortfall() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.current("techCommercialisationScore", 14)
        let result = try evaluate(firm)
        #expect(result.verdict == .notQualified)
        #expect(result.conditions.allSatisfy { $0.held })
        let total = try #require(result.score?.requirements.first)
        #expect(total.text == "评价得分 69 分，要求 ≥ 71 分，差 2 分")
    }

    @Test func missingSelfAssessmentLeavesTheScoreOpenUntilItCannotReach71() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.current("rdManagementScore", nil)
        var result = try evaluate(firm)
        // 62 on the data given, at most 82 with the management score: undecided.
        #expect(result.score?.total == 62)
        #expect(result.score?.upperBound == 82)
        #expect(result.verdict == .undetermined)
        #expect(result.missingFields == ["rdManagementScore"])

        firm.current("techCommercialisationScore", 0)
        result = try evaluate(firm)
        // 40 + at most 20 cannot reach 71: decided.
        #expect(result.verdict == .notQualified)
    }

    @Test func growthBandsPutBoundaryValuesInTheHigherBandExceptAtZero() throws {
        let criterion = try CriteriaFixtures.criterion("high_tech")
        func points(netAssets: [Double]) throws -> Double? {
            var firm = CriteriaFixtures.highTechFirm()
            firm.set("netAssets", netAssets[0], netAssets[1], netAssets[2])
            return criterion.evaluate(firm.record).score?.items.first { $0.code == "net_assets_growth" }?.points
        }
        #expect(try points(netAssets: [1000, 1350, 1822.5]) == 10)  // exactly 35% a year
        #expect(try points(netAssets: [1000, 1340, 1800]) == 8)
        #expect(try points(netAssets: [1000, 1000, 1000]) == 0)  // 0 is "≤ 0"
        #expect(try points(netAssets: [1000, 1000, 1000.01]) == 2)  // anything above 0
        #expect(try points(netAssets: [1000, 900, 800]) == 0)
    }

    @Test func aSelfAssessedScoreAboveItsMaximumCountsAsTheMaximum() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.current("rdManagementScore", 25)
        let item = try #require(try evaluate(firm).score?.items.first { $0.code == "rd_management" })
        #expect(item.points == 20)
        #expect(item.detail == "研究开发组织管理水平自评分（满分20） → 20 分（规则给出 25 分，超过满分，按满分计）")
    }
}
