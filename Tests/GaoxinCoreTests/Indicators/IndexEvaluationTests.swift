import GaoxinCore
import Testing

@Suite struct IndexEvaluationTests {
    /// Two dimensions (60/40); the first has two indicators (50/50), the second one.
    private func table(_ missing: MissingValuePolicy) throws -> IndexTable {
        try IndexTable(
            name: "综合体评价", missingValues: missing,
            dimensions: [
                IndexDimension(id: "d1", name: "创新服务", weight: 0.6),
                IndexDimension(id: "d2", name: "产业带动", weight: 0.4),
            ],
            indicators: [
                IndexIndicator(id: "i1", name: "服务企业数", dimension: "d1", weight: 0.5, unit: "家次"),
                IndexIndicator(id: "i2", name: "技术合同额", dimension: "d1", weight: 0.5, unit: "万元"),
                IndexIndicator(id: "i3", name: "产业产值增长", dimension: "d2", weight: 1),
            ])
    }

    private let subjects = [
        IndexSubject(id: "秀洲光伏", values: ["i1": 10, "i3": 10]),  // i2 missing
        IndexSubject(id: "乙", values: ["i1": 0, "i2": 0, "i3": 0]),
        IndexSubject(id: "甲", values: ["i1": 10, "i2": 10, "i3": 10]),
        IndexSubject(id: "丙", values: ["i3": 10]),  // the whole first dimension missing
    ]

    @Test func scoresExplainThemselves() throws {
        let result = try #require(try table(.scoreZero).evaluate(subjects).result(for: "甲"))
        #expect(result.score == 100)
        let first = result.indicators[0]
        #expect(first.raw == 10 && first.normalised == 100 && first.weight == 0.3 && first.contribution == 30)
        #expect(result.indicators.map(\.contribution).reduce(0, +) == result.score)
        #expect(result.dimensions.map(\.name) == ["创新服务", "产业带动"])
        #expect(result.dimensions.map(\.contribution) == [60, 40])
        #expect(result.dimensions.map(\.score) == [100, 100])
    }

    @Test func missingValuesScoreZeroWhenTheTableSaysSo() throws {
        let evaluation = try table(.scoreZero).evaluate(subjects)
        let xiuzhou = try #require(evaluation.result(for: "秀洲光伏"))
        #expect(xiuzhou.score == 70)  // 0.3 × 100 + 0.3 × 0 + 0.4 × 100
        #expect(xiuzhou.missingIndicators == ["i2"])
        #expect(xiuzhou.indicators[1].normalised == 0 && xiuzhou.indicators[1].weight == 0.3)
        #expect(evaluation.result(for: "丙")?.score == 40)
    }

    @Test func missingValuesCanBeLeftOutWithTheirWeightSpreadOverTheRest() throws {
        let evaluation = try table(.excludeAndReweight).evaluate(subjects)
        let xiuzhou = try #require(evaluation.result(for: "秀洲光伏"))
        #expect(xiuzhou.score == 100)
        #expect(xiuzhou.indicators[0].tableWeight == 0.3)
        #expect(xiuzhou.indicators[0].weight == 0.6)  // i1 now carries its whole dimension
        #expect(xiuzhou.indicators[1].normalised == nil && xiuzhou.indicators[1].weight == 0)
        // 丙 has nothing in the first dimension: the second takes all the weight.
        let bing = try #require(evaluation.result(for: "丙"))
        #expect(bing.indicators[2].weight == 1)
        #expect(bing.dimensions[0].score == nil)
        #expect(bing.score == 100)
    }

    @Test func equalScoresShareARank() throws {
        let evaluation = try table(.excludeAndReweight).evaluate(subjects)
        #expect(evaluation.results.map(\.subject) == ["丙", "甲", "秀洲光伏", "乙"])
        #expect(evaluation.results.map(\.rank) == [1, 1, 1, 4])
    }

    @Test func aSubjectsStagePicksItsWeightColumn() throws {
        let table = try IndexTable(
            name: "企业创新积分", stages: ["初创期", "成长期"], weighting: .flat,
            dimensions: [IndexDimension(id: "tech", name: "技术创新"), IndexDimension(id: "ip", name: "知识产权")],
            indicators: [
                IndexIndicator(
                    id: "rd", name: "研发投入强度", dimension: "tech", weight: .byStage(["初创期": 0.7, "成长期": 0.4])),
                IndexIndicator(
                    id: "patents", name: "发明专利", dimension: "ip", weight: .byStage(["初创期": 0.3, "成长期": 0.6])),
            ])
        let evaluation = try table.evaluate([
            IndexSubject(id: "A", stage: "初创期", values: ["rd": 10, "patents": 0]),
            IndexSubject(id: "B", stage: "成长期", values: ["rd": 10, "patents": 0]),
            IndexSubject(id: "C", stage: "成长期", values: ["rd": 0, "patents": 10]),
        ])
        // A and B have the same figures; the start-up weighs R&D more.
        #expect(evaluation.result(for: "A")?.score == 70)
        #expect(evaluation.result(for: "B")?.score == 40)
        #expect(evaluation.result(for: "C")?.score == 60)
        #expect(evaluation.results.map(\.subject) == ["A", "C", "B"])
        #expect(evaluation.result(for: "B")?.indicators.map(\.weight) == [0.4, 0.6])

        #expect(throws: IndexError.missingStage(subject: "D", stages: ["初创期", "成长期"])) {
            try table.evaluate([IndexSubject(id: "D", values: ["rd": 1])])
        }
        let unknown = #expect(throws: IndexError.self) {
            try table.evaluate([IndexSubject(id: "D", stage: "稳定期", values: ["rd": 1])])
        }
        #expect(unknown?.message == "评价对象「D」的发展阶段「稳定期」不在指标表中（应为 初创期、成长期 之一）")
    }

    @Test func badInputIsRefused() throws {
        let t = try table(.scoreZero)
        #expect(throws: IndexError.duplicateSubject("甲")) {
            try t.evaluate([IndexSubject(id: "甲", values: [:]), IndexSubject(id: "甲", values: [:])])
        }
        #expect(throws: IndexError.notFinite(subject: "甲", indicator: "技术合同额")) {
            try t.evaluate([IndexSubject(id: "甲", values: ["i2": .infinity])])
        }
    }
}
