import Foundation
import GaoxinCore
import Testing

@Suite struct IndexTableTests {
    /// 国家高新区综合评价 (国科发火〔2021〕106号) dimensions in percent, one indicator each.
    private func zoneTable(green: Double = 15) throws -> IndexTable {
        let dims: [(String, String, Double)] = [
            ("innovation", "创新能力和创业活跃度", 20), ("structure", "结构优化和产业价值链", 20),
            ("green", "绿色发展和宜居包容性", green), ("open", "开放创新和国际竞争力", 15), ("quality", "综合质效和持续创新力", 30),
        ]
        return try IndexTable(
            name: "国家高新区综合评价", weightUnit: .percent,
            dimensions: dims.map { IndexDimension(id: $0.0, name: $0.1, weight: .same($0.2)) },
            indicators: dims.map { IndexIndicator(id: "\($0.0)-1", name: "\($0.1)指标", dimension: $0.0, weight: 100) })
    }

    @Test func officialDimensionWeightsAddUp() throws {
        let table = try zoneTable()
        #expect(table.dimensions.count == 5)
    }

    @Test func weightsThatDoNotAddUpAreRefusedWithTheSum() {
        let error = #expect(throws: IndexError.self) { try zoneTable(green: 20) }
        #expect(error?.message == "各维度权重之和为 105%，应为 100%")
    }

    @Test func indicatorWeightsInsideADimensionMustAddUp() {
        let error = #expect(throws: IndexError.self) {
            try IndexTable(
                name: "t", dimensions: [IndexDimension(id: "d", name: "创新能力", weight: 1)],
                indicators: [
                    IndexIndicator(id: "a", name: "研发投入强度", dimension: "d", weight: 0.5),
                    IndexIndicator(id: "b", name: "发明专利", dimension: "d", weight: 0.4),
                ])
        }
        #expect(error?.message == "维度「创新能力」下各指标权重之和为 0.9，应为 1")
    }

    @Test func stageColumnsMustBeCompleteAndEachAddUp() {
        let stages = ["初创期", "成长期"]
        let missing = #expect(throws: IndexError.self) {
            try IndexTable(
                name: "t", stages: stages, weighting: .flat, dimensions: [IndexDimension(id: "tech", name: "技术创新")],
                indicators: [IndexIndicator(id: "rd", name: "研发投入强度", dimension: "tech", weight: .byStage(["初创期": 1]))])
        }
        #expect(missing?.message == "指标表有误：指标「研发投入强度」缺少「成长期」的权重")

        let short = #expect(throws: IndexError.self) {
            try IndexTable(
                name: "t", stages: stages, weighting: .flat, dimensions: [IndexDimension(id: "tech", name: "技术创新")],
                indicators: [
                    IndexIndicator(
                        id: "rd", name: "研发投入强度", dimension: "tech", weight: .byStage(["初创期": 0.6, "成长期": 0.5])),
                    IndexIndicator(
                        id: "ip", name: "知识产权", dimension: "tech", weight: .byStage(["初创期": 0.4, "成长期": 0.4])),
                ])
        }
        #expect(short?.message == "各指标权重之和（成长期）为 0.9，应为 1")
    }

    @Test func structuralMistakesAreNamed() {
        #expect(throws: IndexError.invalidTable("指标「专利」所属维度「ipr」不存在")) {
            try IndexTable(
                name: "t", dimensions: [IndexDimension(id: "d", name: "维度", weight: 1)],
                indicators: [
                    IndexIndicator(id: "a", name: "营收", dimension: "d", weight: 1),
                    IndexIndicator(id: "b", name: "专利", dimension: "ipr", weight: 1),
                ])
        }
        #expect(throws: IndexError.invalidTable("维度「辅助」设了权重，但本表按指标直接赋权，维度不设权重")) {
            try IndexTable(
                name: "t", weighting: .flat, dimensions: [IndexDimension(id: "d", name: "辅助", weight: 1)],
                indicators: [IndexIndicator(id: "a", name: "营收", dimension: "d", weight: 1)])
        }
    }

    @Test func tablesLoadFromJSONAndAreCheckedOnLoad() throws {
        let json = """
            {"name": "企业创新积分", "stages": ["初创期", "成长期", "稳定期"], "weighting": "flat", "weightUnit": "percent",
             "missingValues": "excludeAndReweight",
             "dimensions": [{"id": "tech", "name": "技术创新"}, {"id": "growth", "name": "成长经营"}],
             "indicators": [
               {"id": "rd", "name": "研发投入强度", "dimension": "tech", "weight": {"初创期": 60, "成长期": 50, "稳定期": 40},
                "normalisation": {"method": "percentileRank"}},
               {"id": "revenue", "name": "营业收入增长率", "dimension": "growth", "weight": {"初创期": 40, "成长期": 50, "稳定期": 60},
                "normalisation": {"method": "bands", "outOf": 20,
                                  "bands": [{"points": 0}, {"from": 0, "points": 5}, {"from": 0.15, "points": 20}]}}
             ]}
            """
        let table = try JSONDecoder().decode(IndexTable.self, from: Data(json.utf8))
        #expect(
            table.indicators.map(\.weight) == [
                .byStage(["初创期": 60, "成长期": 50, "稳定期": 40]), .byStage(["初创期": 40, "成长期": 50, "稳定期": 60]),
            ])
        #expect(try JSONDecoder().decode(IndexTable.self, from: JSONEncoder().encode(table)) == table)

        let bad = json.replacingOccurrences(of: #""稳定期": 60"#, with: #""稳定期": 50"#)
        #expect(throws: IndexError.weightsDoNotSum(scope: "各指标", stage: "稳定期", sum: 0.9, unit: .percent)) {
            try JSONDecoder().decode(IndexTable.self, from: Data(bad.utf8))
        }
        let badBands = json.replacingOccurrences(of: #"{"from": 0.15"#, with: #"{"from": -1"#)
        let error = #expect(throws: IndexError.self) {
            try JSONDecoder().decode(IndexTable.self, from: Data(badBands.utf8))
        }
        #expect(error?.message == "指标「营业收入增长率」的分档表有误：各档下限应从低到高且不重复（-1.0）")
    }
}
