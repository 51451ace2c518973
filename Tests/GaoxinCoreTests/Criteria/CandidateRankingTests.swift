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

/// The stored rankings are computed without sentences; they must be the explained ranking exactly.
@Suite struct RankingWithoutSentencesTests {
    @Test func everyCriterionRanksTheSameWithAndWithoutSentences() throws {
        let library = try CriteriaFixtures.library()
        let firms = [
            CriteriaFixtures.highTechFirm(), CriteriaFixtures.techSMEFirm(), CriteriaFixtures.innovativeSMEFirm(),
            CriteriaFixtures.specialisedSMEFirm(), CriteriaFixtures.littleGiantFirm(),
        ]
        let keys = [
            "revenue", "rdExpense", "rdExpenseDomestic", "netAssets", "highTechRevenue", "staff", "techStaff",
            "ipClass1", "ipClass2", "ipQualityScore", "techCommercialisationScore", "rdManagementScore",
            "totalAssets",
        ]
        // Each firm, and variants of it with figures on, just past, far from or missing at the
        // thresholds, and a yes/no answer withdrawn: passes, near misses, far misses, missing data.
        let factors: [Double?] = [nil, 0, 0.3, 0.9, 0.99, 1.01, 3]
        var state: UInt64 = 20_261_207
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var enterprises: [RecordedEnterprise] = []
        for (f, firm) in firms.enumerated() {
            for n in 0..<40 {
                var variant = firm
                for _ in 0..<(n == 0 ? 0 : 1 + next(3)) {
                    let key = keys[next(keys.count)]
                    let year = next(variant.years.count)
                    let factor = factors[next(factors.count)]
                    let value = variant.years[year][key]
                    variant.years[year][key] = factor.map { ($0) * (value ?? 10) }
                }
                if next(5) == 0 { variant.profile.inSupportedField = nil }
                if next(7) == 0 { variant.profile.seriousIncident = true }
                enterprises.append(RecordedEnterprise(id: "\(f * 100 + n)", record: variant.record))
            }
        }
        for criterion in library.criteria {
            let explained = criterion.candidates(enterprises)
            let lean = criterion.candidates(enterprises, explaining: false)
            #expect(explained.count > 10 && explained.count < enterprises.count, "\(criterion.code)")
            #expect(lean.map(\.id) == explained.map(\.id), "\(criterion.code)")
            #expect(lean.map(\.closeness) == explained.map(\.closeness), "\(criterion.code)")
            #expect(lean.map(\.partsMet) == explained.map(\.partsMet), "\(criterion.code)")
            #expect(lean.map(\.partsTotal) == explained.map(\.partsTotal), "\(criterion.code)")
            #expect(lean.map { $0.shortfalls.map(\.code) } == explained.map { $0.shortfalls.map(\.code) })
            #expect(lean.allSatisfy { $0.shortfalls.allSatisfy(\.details.isEmpty) })
            #expect(explained.allSatisfy { $0.shortfalls.allSatisfy { !$0.details.isEmpty } })
            for e in enterprises {
                #expect(
                    criterion.evaluate(e.record, explaining: false).verdict == criterion.evaluate(e.record).verdict)
            }
        }
    }

    /// Ties go by id in number order, as the stored rows are read (`ORDER BY closeness DESC, id`).
    @Test func tiesRankByIdInNumberOrder() throws {
        var firm = CriteriaFixtures.highTechFirm()
        firm.current("techStaff", 5)
        let same = ["100", "9", "10", "11"].map { RecordedEnterprise(id: $0, record: firm.record) }
        let ranked = try CriteriaFixtures.criterion("high_tech").candidates(same)
        #expect(ranked.map(\.id) == ["9", "10", "11", "100"])
    }
}

@Suite struct InputDigestTests {
    /// An enterprise's stored inputs fingerprint the same in any row order, and differently when a
    /// figure, the registry or a certification changes: the same-day re-rank relies on both.
    @Test func theDigestFollowsTheInputsNotTheirOrder() {
        let years = [#"{"year":2024,"revenue":100}"#, #"{"year":2025,"revenue":120}"#]
        let certifications = [
            Certification(kind: .highTech, certifiedOn: Day("2024-11-01")!),
            Certification(kind: .techSME, certifiedOn: Day("2025-05-01")!, expiresOn: Day("2026-05-01")),
        ]
        let input = PolicyBatch.Input(
            enterpriseID: 7, profileJSON: #"{"stage":"growth"}"#, foundedOn: Day("2018-05-01"), yearsJSON: years,
            certifications: certifications)
        var reordered = input
        reordered.yearsJSON.reverse()
        reordered.certifications.reverse()
        #expect(reordered.digest == input.digest)
        var figure = input
        figure.yearsJSON[1] = #"{"year":2025,"revenue":121}"#
        var registry = input
        registry.foundedOn = Day("2018-05-02")
        var certified = input
        certified.certifications.removeLast()
        let digests = [input.digest, figure.digest, registry.digest, certified.digest]
        #expect(Set(digests).count == 4)
    }
}
