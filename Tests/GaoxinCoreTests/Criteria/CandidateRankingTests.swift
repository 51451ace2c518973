import GaoxinCore
import Testing

@Suite struct CandidateRankingTests {
    private func highTech(_ change: (inout CriteriaFixtures.Firm) -> Void) -> JSONValue {
        var firm = CriteriaFixtures.highTechFirm()
        change(&firm)
        return firm.record
    }

    /// R&D just short of 5%: one condition unmet by 0.01 percentage point.
    private func nearlyFivePercent(_ f: inout CriteriaFixtures.Firm) {
        f.set("revenue", 5000, 5000, 5000)
        f.set("rdExpense", 249.5, 249.5, 249.5)
        f.set("rdExpenseDomestic", 249.5, 249.5, 249.5)
        f.current("highTechRevenue", 4000)
    }

    @Test func candidatesAreOrderedByClosenessThenId() throws {
        let criterion = try CriteriaFixtures.criterion("high_tech")
        let enterprises = [
            RecordedEnterprise(id: "qualified", record: highTech { _ in }),
            RecordedEnterprise(
                id: "two-misses",
                record: highTech {
                    $0.current("techStaff", 8)
                    $0.profile.inSupportedField = false
                }),
            RecordedEnterprise(id: "near-b", record: highTech(nearlyFivePercent)),
            RecordedEnterprise(id: "far", record: highTech { $0.current("techStaff", 5) }),
            RecordedEnterprise(id: "near-a", record: highTech(nearlyFivePercent)),
            RecordedEnterprise(id: "low-score", record: highTech { $0.current("techCommercialisationScore", 10) }),
        ]
        let candidates = criterion.candidates(enterprises)
        #expect(candidates.map(\.id) == ["near-a", "near-b", "low-score", "far", "two-misses"])
        #expect(candidates.allSatisfy { $0.closeness >= 0 && $0.closeness <= 1 })
        #expect(candidates.allSatisfy { $0.partsTotal == 9 })
        #expect(candidates.map(\.partsMet) == [8, 8, 8, 8, 7])

        let near = candidates[0]
        #expect(near.shortfalls.count == 1)
        #expect(near.shortfalls[0].code == "rd_ratio_3y")
        #expect(near.shortfalls[0].details == ["近三年研发费用占销售收入比例 4.99%，要求 ≥ 5%，差 0.01 个百分点"])
        // (8 met + 1 − 0.002 relative gap) ÷ (9 parts + 1)
        #expect(abs(near.closeness - 0.8998) < 1e-9)

        let score = try #require(candidates.first { $0.id == "low-score" })
        #expect(score.shortfalls.map(\.code) == ["score"])
        #expect(score.shortfalls[0].details == ["评价得分 65 分，要求 ≥ 71 分，差 6 分"])

        let far = try #require(candidates.first { $0.id == "far" })
        #expect(far.shortfalls[0].details == ["科技人员占职工总数比例 5%，要求 ≥ 10%，差 5 个百分点"])
        #expect(abs(far.closeness - 0.85) < 1e-9)
    }

    @Test func yesNoShortfallsAndMissingDataAreListedInWords() throws {
        let criterion = try CriteriaFixtures.criterion("high_tech")
        let record = highTech {
            $0.profile.inSupportedField = false
            $0.years.removeFirst()
        }
        let candidate = try #require(criterion.candidates([RecordedEnterprise(id: "x", record: record)]).first)
        let details = candidate.shortfalls.flatMap(\.details)
        #expect(details.contains("属于国家重点支持的高新技术领域 否，要求 = 是，不满足"))
        #expect(details.contains("缺少数据：近三年研发费用占销售收入比例（需要近三个年度各年的研发费用和营业收入）"))
        #expect(candidate.shortfalls.first { $0.code == "rd_ratio_3y" }?.status == .missingData)
    }

    @Test func theScorePartOffersTheDirectConditionsToo() throws {
        let criterion = try CriteriaFixtures.criterion("tech_sme")
        var firm = CriteriaFixtures.techSMEFirm()
        firm.current("rdExpense", 90)  // 3% → 20: total 44
        let candidate = try #require(criterion.candidates([RecordedEnterprise(id: "x", record: firm.record)]).first)
        let part = try #require(candidate.shortfalls.first)
        #expect(part.label == "评价得分要求（或任一直接认定条件）")
        #expect(part.details.first == "评价得分 44 分，要求 ≥ 60 分，差 16 分")
        #expect(part.details.last?.hasPrefix("或符合任一直接认定条件：「拥有有效期内高新技术企业资格证书」") == true)
        #expect(abs(part.distance - 16.0 / 60) < 1e-9)
    }

    @Test func aQualifyingEnterpriseHasClosenessOne() throws {
        let criterion = try CriteriaFixtures.criterion("high_tech")
        let result = criterion.evaluate(CriteriaFixtures.highTechFirm().record)
        let candidate = criterion.candidate(id: "q", result: result)
        #expect(candidate.closeness == 1)
        #expect(candidate.shortfalls.isEmpty)
    }
}
