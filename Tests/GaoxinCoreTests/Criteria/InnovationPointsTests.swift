import Foundation
import GaoxinCore
import Testing

@Suite struct InnovationPointsTests {
    private func enterprise(
        _ id: String, stage: GrowthStage?, rd: Double, revenue: Double, ip1: Double = 0
    ) -> RecordedEnterprise {
        var profile = EnterpriseProfile()
        profile.stage = stage
        var last = YearFacts(year: 2024)
        last.revenue = revenue * 0.8
        last.rdExpense = rd * 0.9
        var this = YearFacts(year: 2025)
        this.revenue = revenue
        this.rdExpense = rd
        this.ipClass1 = ip1
        let record = EnterpriseRecord.build(
            profile: profile, years: [last, this], year: 2025, today: CriteriaFixtures.today)
        return RecordedEnterprise(id: id, record: record)
    }

    @Test func theDefaultTableHasThreeGroupsAndEighteenIndicators() throws {
        let table = try InnovationPointsTable.bundled()
        #expect(table.table.dimensions.map(\.name) == ["技术创新", "成长经营", "辅助"])
        #expect(table.table.indicators.count == 18)
        #expect(table.table.stages == ["初创期", "成长期", "稳定期"])
        #expect(table.note?.contains("须以正式文本核对替换") == true)
    }

    @Test func aTableIsKnownByItsFile() throws {
        // Stored rankings carry it: a release that ships another table ranks every zone again.
        let shipped = try InnovationPointsTable.bundled()
        #expect(shipped.digest != 0)
        #expect(try InnovationPointsTable.bundled().digest == shipped.digest)
        let edited = try InnovationPointsTable(
            table: shipped.table, sources: shipped.sources, basis: shipped.basis, note: "另一版")
        #expect(edited.digest == 0)  // built in code, from no file
    }

    @Test func scoresRankTheZoneAndEachStage() throws {
        let table = try InnovationPointsTable.bundled()
        let evaluation = try table.evaluate([
            enterprise("a", stage: .startup, rd: 100, revenue: 1000),
            enterprise("b", stage: .growth, rd: 500, revenue: 5000, ip1: 3),
            enterprise("c", stage: .growth, rd: 300, revenue: 2000, ip1: 1),
            enterprise("d", stage: .mature, rd: 900, revenue: 20000, ip1: 6),
        ])
        #expect(evaluation.results.map(\.id) == ["d", "b", "c", "a"])
        #expect(evaluation.results.map(\.rank) == [1, 2, 3, 4])
        #expect(evaluation.results.map(\.stageRank) == [1, 1, 2, 1])
        for result in evaluation.results {
            // The parts add up to the score, and each part shows how it was reached.
            #expect(abs(result.parts.reduce(0) { $0 + $1.points } - result.score) < 1e-9)
            #expect(result.parts.count == 18)
            #expect(result.score >= 0 && result.score <= 100)
        }
        let d = try #require(evaluation.result(for: "d"))
        let rd = try #require(d.parts.first { $0.indicatorID == "rd_expense" })
        #expect(rd.normalised == 100)
        #expect(rd.text == "研发费用 900万元：得分 100 × 权重 9.0% = 9 分")
        let missing = try #require(d.parts.first { $0.indicatorID == "net_profit" })
        #expect(missing.text == "净利润 缺少数据：得分 0 × 权重 4.5% = 0 分")
    }

    /// A zone's stored ranking keeps the parts' numbers; the words come back the same from them.
    @Test func storedPartsReadBackAsTheSameSentences() throws {
        let table = try InnovationPointsTable.bundled()
        let zone = [
            enterprise("a", stage: .startup, rd: 100, revenue: 1000),
            enterprise("b", stage: .growth, rd: 512.345, revenue: 5000, ip1: 3),
            enterprise("c", stage: .mature, rd: 0.001, revenue: 20000),
        ]
        let explained = try table.evaluate(zone)
        let lean = try table.evaluate(inputs: zone.map(table.input), explaining: false)
        #expect(lean.results.map(\.score) == explained.results.map(\.score))
        for (a, b) in zip(lean.results, explained.results) {
            #expect(a.parts.allSatisfy { $0.text.isEmpty })
            #expect(table.partTexts(stored: table.storedParts(a.parts)) == b.parts.map(\.text))
        }
        #expect(table.partTexts(stored: "not json").isEmpty)
    }

    @Test func theSameFiguresWeighDifferentlyByStage() throws {
        let table = try InnovationPointsTable.bundled()
        func score(as stage: GrowthStage) throws -> Double {
            let evaluation = try table.evaluate([
                enterprise("x", stage: stage, rd: 500, revenue: 2000, ip1: 2),
                enterprise("y", stage: .growth, rd: 100, revenue: 9000),
            ])
            return try #require(evaluation.result(for: "x")).score
        }
        // x leads on R&D (weighed more at 初创期) and trails on revenue (weighed more at 稳定期).
        let startup = try score(as: .startup)
        let mature = try score(as: .mature)
        #expect(startup > mature)
    }

    @Test func enterprisesWithoutAStageAreSkippedWithAReason() throws {
        let evaluation = try InnovationPointsTable.bundled().evaluate([
            enterprise("a", stage: .startup, rd: 100, revenue: 1000),
            enterprise("b", stage: nil, rd: 100, revenue: 1000),
        ])
        #expect(evaluation.results.map(\.id) == ["a"])
        #expect(evaluation.skipped.map(\.id) == ["b"])
        #expect(evaluation.skipped.first?.reason == "未设发展阶段，未参与积分排名")
    }

    @Test func aZoneTableCanUseExpressionsAndFlatWeights() throws {
        let json = """
            {"name": "园区积分", "weighting": "flat", "stages": [],
             "dimensions": [{"id": "tech", "name": "技术创新"}],
             "indicators": [
               {"id": "rd", "name": "研发投入", "dimension": "tech", "weight": 0.5, "field": "rdExpense",
                "normalisation": {"method": "minMax"}},
               {"id": "rd_plus", "name": "研发加知识产权", "dimension": "tech", "weight": 0.5,
                "expression": {"+": [{"var": "rdExpense"}, {"*": [{"var": "ipClass1"}, 100]}]},
                "normalisation": {"method": "minMax"}}
             ]}
            """
        let table = try InnovationPointsTable(json: Data(json.utf8), source: "zone.json")
        let evaluation = try table.evaluate([
            enterprise("a", stage: nil, rd: 100, revenue: 1000, ip1: 5),
            enterprise("b", stage: nil, rd: 300, revenue: 1000, ip1: 0),
        ])
        // a: rd 0, rd+ip 600 → 100; b: rd 100, rd+ip 300 → 0.
        #expect(evaluation.results.map(\.score) == [50, 50])
        #expect(evaluation.results.map(\.rank) == [1, 1])
    }

    @Test func aTableReadingAnUnknownFieldIsRefused() {
        let json = """
            {"name": "园区积分", "weighting": "flat",
             "dimensions": [{"id": "tech", "name": "技术创新"}],
             "indicators": [{"id": "rd", "name": "研发投入", "dimension": "tech", "weight": 1, "field": "rdSpend"}]}
            """
        let error = #expect(throws: CriterionError.self) {
            try InnovationPointsTable(json: Data(json.utf8), source: "zone.json")
        }
        #expect(error?.description == "zone.json：指标「研发投入」读取的字段「rdSpend」不在字段目录中")
    }

    @Test func weightsThatDoNotAddUpAreRefusedWithTheIndexMessage() {
        let json = """
            {"name": "园区积分", "weighting": "flat",
             "dimensions": [{"id": "tech", "name": "技术创新"}],
             "indicators": [{"id": "rd", "name": "研发投入", "dimension": "tech", "weight": 0.8, "field": "rdExpense"}]}
            """
        let error = #expect(throws: CriterionError.self) {
            try InnovationPointsTable(json: Data(json.utf8), source: "zone.json")
        }
        #expect(error?.message == "各指标权重之和为 0.8，应为 1")
    }
}
