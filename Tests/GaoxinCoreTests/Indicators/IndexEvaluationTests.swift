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

    /// Positional rows (how a zone's innovation points are scored) give what named subjects give:
    /// the same scores, lines, order and ranks, over a population with stages, missing values and
    /// ties, for both missing-value policies; NaN is a missing value, an infinite one is refused.
    @Test func rowsScoreAsNamedSubjectsDo() throws {
        var state: UInt64 = 17
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for missing in MissingValuePolicy.allCases {
            let table = try IndexTable(
                name: "企业创新积分", stages: ["初创期", "成长期"], weighting: .flat, missingValues: missing,
                dimensions: [IndexDimension(id: "tech", name: "技术创新"), IndexDimension(id: "ip", name: "知识产权")],
                indicators: [
                    IndexIndicator(
                        id: "rd", name: "研发投入", dimension: "tech", weight: .byStage(["初创期": 0.5, "成长期": 0.2]),
                        normalisation: .percentileRank()),
                    IndexIndicator(id: "staff", name: "研发人员", dimension: "tech", weight: 0.3),
                    IndexIndicator(
                        id: "patents", name: "发明专利", dimension: "ip", weight: .byStage(["初创期": 0.2, "成长期": 0.5]),
                        direction: .lowerIsBetter, normalisation: .percentileRank()),
                ])
            let ids = ["rd", "staff", "patents"]
            let rows = (0..<300).map { k in
                IndexTable.Row(
                    id: "企业\(k)", stage: k % 3 == 0 ? "初创期" : "成长期",
                    values: ids.map { _ -> Double in next() % 5 == 0 ? .nan : Double(next() % 7) })
            }
            let subjects = rows.map { row -> IndexSubject in
                IndexSubject(
                    id: row.id, stage: row.stage,
                    values: Dictionary(
                        uniqueKeysWithValues: zip(ids, row.values).filter { !$0.1.isNaN }.map { ($0.0, $0.1) }
                    ))
            }
            let byRows = try table.evaluate(rows: rows)
            let named = try table.evaluate(subjects)
            #expect(byRows == named)
            #expect(Set(byRows.results.map { $0.rank }).count < 300, "the population has ties")
            // Best first, equal scores (to six places) by id, sharing the best rank among them.
            let key = { (r: SubjectScore) in (r.score * 1_000_000).rounded() }
            let expected = named.results.sorted { key($0) != key($1) ? key($0) > key($1) : $0.subject < $1.subject }
            #expect(byRows.results.map(\.subject) == expected.map(\.subject))
            #expect(
                byRows.results.map(\.rank)
                    == expected.map { r in expected.firstIndex { key($0) == key(r) }! + 1 })
        }
        let table = try table(.scoreZero)
        #expect(throws: IndexError.notFinite(subject: "甲", indicator: "技术合同额")) {
            try table.evaluate(rows: [IndexTable.Row(id: "甲", stage: nil, values: [1, -.infinity, 1])])
        }
        #expect(throws: IndexError.duplicateSubject("甲")) {
            try table.evaluate(rows: [
                IndexTable.Row(id: "甲", stage: nil, values: [1, 1, 1]), IndexTable.Row(id: "甲", stage: nil, values: []),
            ])
        }
        let missingOne = try table.evaluate(rows: [IndexTable.Row(id: "甲", stage: nil, values: [10, .nan, 10])])
        #expect(missingOne.results[0].indicators[1].raw == nil)
        #expect(missingOne.results[0].indicators[1].normalised == 0)
    }
}
