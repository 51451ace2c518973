import Testing

@testable import GaoxinCore

@Suite struct ReportingPeriodTests {
    @Test func keysRoundTripAndReadAsTheBureauWritesThem() throws {
        for key in ["2020", "2024-Q2", "2024-06", "2024-YTD06", "2025-YTD01", "2023-12"] {
            #expect(ReportingPeriod(key: key)?.key == key)
        }
        #expect(ReportingPeriod(key: "2024-YTD06")?.label == "2024年1-6月")
        #expect(ReportingPeriod(key: "2024-YTD01")?.label == "2024年1月")
        #expect(ReportingPeriod(key: "2024-Q4")?.label == "2024年第四季度")
        #expect(ReportingPeriod(key: "2020")?.label == "2020年")
        for bad in [
            "", "24", "2024-13", "2024-00", "2024-Q5", "2024-Q0", "2024-YTD13", "2024-6", "２０２４", "1900", "2024-06-01",
        ] {
            #expect(ReportingPeriod(key: bad) == nil, "\(bad)")
        }
    }

    @Test func periodsCoverTheirDaysAndTheFutureHasNoFigure() throws {
        let feb = try #require(ReportingPeriod(key: "2024-02"))
        #expect(feb.end == Day(year: 2024, month: 2, day: 29))
        let q3 = try #require(ReportingPeriod(key: "2026-Q3"))
        #expect(q3.start == Day(year: 2026, month: 7, day: 1) && q3.end == Day(year: 2026, month: 9, day: 30))
        let today = Day(year: 2026, month: 12, day: 4)!
        #expect(!ReportingPeriod(key: "2026-12")!.isFuture(on: today))
        #expect(ReportingPeriod(key: "2027-01")!.isFuture(on: today))
        #expect(!ReportingPeriod(key: "2026")!.isFuture(on: today))
    }

    @Test func periodsSortByTheLastDayThenTheShorterFirst() throws {
        let keys = ["2024", "2024-Q4", "2023", "2024-12", "2024-YTD06", "2024-06", "2024-Q2"]
        let sorted = keys.compactMap { ReportingPeriod(key: $0) }.sorted().map(\.key)
        #expect(sorted == ["2023", "2024-06", "2024-Q2", "2024-YTD06", "2024-12", "2024-Q4", "2024"])
    }

    @Test func yearOnYearUsesOurFiguresAndOtherwiseThePublishedRate() throws {
        let y2020 = ReportingPeriod(key: "2020")!
        let y2019 = ReportingPeriod(key: "2019")!
        var series = IndicatorSeries(values: [y2020: 4191.83], statedGrowth: [y2020: 0.0299])
        // No 2019 figure: the rate the source published, marked as such.
        let stated = series.yearOnYear(y2020)
        #expect(stated.stated && stated.rate == .defined(0.0299))
        // With both years held, our own computation wins.
        series.values[y2019] = 4000
        let computed = series.yearOnYear(y2020)
        #expect(!computed.stated && abs(computed.rate.value! - 0.0479575) < 1e-6)
        #expect(series.yearOnYear(y2019).rate == .undefined(.baseMissing))
        // 1-6月 compares with 1-6月 of the year before, not with the year.
        let ytd = IndicatorSeries(values: [
            ReportingPeriod(key: "2024-YTD06")!: 110, ReportingPeriod(key: "2023-YTD06")!: 100,
            ReportingPeriod(key: "2023")!: 500,
        ])
        #expect(ytd.yearOnYear(ReportingPeriod(key: "2024-YTD06")!).rate.value.map { abs($0 - 0.1) < 1e-9 } == true)
    }
}
