import Testing

@testable import GaoxinCore

/// The evaluation table as a sheet: 国家高新区综合评价's five dimensions 20/20/15/15/30 read whole;
/// weights that do not add up, bad codes and mismatched dimension weights refused with the line;
/// and the explanation of a unit's score.
@Suite struct IndexTableSheetTests {
    static let header = IndexTableSheet.headers
    static let national: [[String]] = [
        header,
        ["innovation", "创新能力和创业活跃度", "20", "rd_ratio", "研发投入强度", "%", "100", "正向"],
        ["structure", "结构优化和产业价值链", "20", "hightech_share", "高新技术企业占比", "%", "100", "正向"],
        ["green", "绿色发展和宜居包容性", "15", "energy", "单位增加值能耗", "吨标准煤/万元", "100", "逆向"],
        ["open", "开放创新和国际竞争力", "15", "export", "出口总额", "亿元", "100", ""],
        ["quality", "综合质效和持续创新力", "30", "revenue", "营业收入", "亿元", "60", "正向"],
        ["quality", "综合质效和持续创新力", "30", "profit", "利润总额", "亿元", "40", "正向"],
    ]

    static func rows(_ lines: [[String]]) -> [SheetRow] {
        lines.dropFirst().enumerated().map { i, cells in
            SheetRow(line: i + 2, values: Dictionary(uniqueKeysWithValues: zip(header, cells)))
        }
    }

    static func read(_ lines: [[String]]) -> Result<IndexTable, SheetProblems> {
        IndexTableSheet.read(name: "国家高新区综合评价", rows: rows(lines), normalisation: .minMax())
    }

    @Test func theNationalTableReadsWithItsFiveDimensions() throws {
        let table = try Self.read(Self.national).get()
        #expect(table.dimensions.map(\.id) == ["innovation", "structure", "green", "open", "quality"])
        #expect(table.dimensions.compactMap { $0.weight?.value(for: nil) } == [20, 20, 15, 15, 30])
        #expect(table.indicators.first { $0.id == "energy" }?.direction == .lowerIsBetter)
        #expect(table.indicators.count == 6)
    }

    @Test func weightsThatDoNotAddUpAreRefused() {
        var lines = Self.national
        lines[5][2] = "25"
        lines[6][2] = "25"
        guard case .failure(let problems) = Self.read(lines)
        else {
            Issue.record("应拒绝")
            return
        }
        #expect(problems.problems.map(\.message).joined().contains("各维度权重之和为 95%，应为 100%"))
    }

    @Test func everyBadLineIsListed() {
        var lines = Self.national
        lines[1][3] = "研发"  // not a code
        lines[2][6] = "120"
        lines[6][2] = "25"  // disagrees with line 6
        lines[4][7] = "反向"
        guard case .failure(let problems) = Self.read(lines)
        else {
            Issue.record("应拒绝")
            return
        }
        #expect(Set(problems.problems.map(\.line)) == [2, 3, 5, 7])
        #expect(Self.read([Self.header]).isFailure)
    }

    @Test func theExplanationNamesWhatPulledAUnitUpAndDown() throws {
        let table = try Self.read(Self.national).get()
        let evaluation = try table.evaluate([
            IndexSubject(
                id: "a",
                values: [
                    "rd_ratio": 5, "hightech_share": 10, "energy": 0.2, "export": 10, "revenue": 100, "profit": 10,
                ]),
            IndexSubject(
                id: "b",
                values: ["rd_ratio": 1, "hightech_share": 40, "energy": 0.5, "export": 10, "revenue": 50, "profit": 5]),
        ])
        let why = ScoreExplanation.explain(evaluation)
        // a leads on 研发投入强度 (20 points over b: 10 above the average) and 营业收入 (30% × 60% = 18: 9).
        #expect(why["a"]?.up.map(\.indicatorID) == ["rd_ratio", "revenue"])
        #expect(abs((why["a"]?.up.first?.points ?? 0) - 10) < 1e-9)
        #expect(why["a"]?.down.map(\.indicatorID) == ["hightech_share"])
        #expect(why["b"]?.up.first?.indicatorID == "hightech_share")
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
