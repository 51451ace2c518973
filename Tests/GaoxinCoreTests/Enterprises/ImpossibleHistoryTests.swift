import GaoxinCore
import Testing

@Suite struct ImpossibleHistoryTests {
    @Test func yearsBeforeTheFoundingYearAreWarnedAbout() throws {
        let founded = try #require(Day("2021-06-15"))
        let warnings = ImpossibleHistory.warnings([
            .init(line: 2, name: "甲公司", foundedOn: founded, year: 2020),
            .init(line: 3, name: "甲公司", foundedOn: founded, year: 2021),  // the founding year itself is possible
            .init(line: 4, name: "甲公司", foundedOn: founded, year: 2024),
            .init(line: 5, name: "乙公司", foundedOn: nil, year: 2001),  // no founding date: nothing to compare
            .init(line: 6, name: "丙公司", foundedOn: founded, year: 0),  // no figures on the row
        ])
        #expect(warnings.map { $0.line } == [2])
        #expect(warnings.first?.message.contains("2020 年的数据") == true)
        #expect(warnings.first?.message.contains("2021-06-15") == true)
    }

    @Test func noRowsNoWarnings() {
        #expect(ImpossibleHistory.warnings([]).isEmpty)
    }
}
