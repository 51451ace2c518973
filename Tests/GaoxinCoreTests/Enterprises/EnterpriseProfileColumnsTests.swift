import Testing

@testable import GaoxinCore

@Suite struct EnterpriseProfileColumnsTests {
    static func cells(_ values: [String: String]) -> (String) -> String { { values[$0] ?? "" } }

    @Test func profileFactsReadFromTextAndWriteBackTheSame() {
        let (profile, problems) = EnterpriseProfileColumns.read(
            Self.cells([
                "居民企业": "是", "中小企业": "是", "属于限制或淘汰类": "否", "列入经营异常名录或严重失信名单": "否",
                "一年内重大事故或严重环境违法": "否", "科技奖励": "国家级2024第2名；省级2023第1名", "主导制定标准年份": "2021；2025",
                "发展阶段": "成长期", "最高研发机构级别": "省级", "从事细分领域年数": "6",
            ]), thisYear: 2026)
        #expect(problems.isEmpty)
        #expect(profile.residentEnterprise == true)
        #expect(profile.restrictedIndustry == false)
        #expect(profile.strategicEmergingIndustry == nil)  // left empty: not reported
        #expect(
            profile.awards == [
                ScienceAward(level: .national, year: 2024, rank: 2),
                ScienceAward(level: .provincial, year: 2023, rank: 1),
            ])
        #expect(profile.standardsLedYears == [2021, 2025])
        let written = EnterpriseProfileColumns.write(profile)
        let values = Dictionary(uniqueKeysWithValues: zip(EnterpriseProfileColumns.headers, written))
        let (again, _) = EnterpriseProfileColumns.read(Self.cells(values), thisYear: 2026)
        #expect(again == profile)
    }

    @Test func badCellsAreNamedByTheirHeader() {
        let (_, problems) = EnterpriseProfileColumns.read(
            Self.cells(["居民企业": "也许", "科技奖励": "国家级第2名", "创客中国500强年份": "2030", "发展阶段": "衰退期"]),
            thisYear: 2026)
        #expect(Set(problems.map(\.header)) == ["居民企业", "科技奖励", "创客中国500强年份", "发展阶段"])
        #expect(problems.first { $0.header == "居民企业" }?.message.contains("是”或“否") == true)
    }
}
