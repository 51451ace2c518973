import GaoxinCore
import Testing

@Suite struct GrowthTests {
    @Test func growthIsChangeOverBase() {
        // 湘潭 2020: 13457 办件, 同比增长 24.5% → base ≈ 10809.
        let rate = GrowthRate(current: 13457, base: 10809)
        #expect(rate.text == "增长 24.5%")
        #expect(GrowthRate(current: 97, base: 100).text == "下降 3.0%")
        #expect(GrowthRate(current: 100, base: 100).text == "持平")
        #expect(GrowthRate(current: 0, base: 100).value == -1)
    }

    @Test func growthFromZeroOrANegativeBaseIsUndefinedNeverInfinite() {
        #expect(GrowthRate(current: 5, base: 0) == .undefined(.baseZero))
        #expect(GrowthRate(current: 0, base: 0) == .undefined(.baseZero))
        #expect(GrowthRate(current: 5, base: -2) == .undefined(.baseNegative))
        #expect(GrowthRate(current: 5, base: 0).text == "基期为零，增速无意义")
        #expect(GrowthRate(current: 5, base: nil) == .undefined(.baseMissing))
        #expect(GrowthRate(current: nil, base: 5) == .undefined(.currentMissing))
        #expect(GrowthRate(current: .nan, base: 5) == .undefined(.notFinite))
        #expect(GrowthRate(current: 5, base: 0).value == nil)
    }

    @Test func seriesGiveYearOnYearAndPeriodOnPeriod() {
        var series = PeriodSeries()
        series[.month(2025, 3)!] = 80
        series[.month(2025, 12)!] = 90
        series[.month(2026, 1)!] = 99
        series[.month(2026, 3)!] = 100
        #expect(series.yearOnYear(.month(2026, 3)!) == .defined(0.25))
        #expect(series.periodOnPeriod(.month(2026, 1)!) == .defined(0.1))  // January against December
        #expect(series.periodOnPeriod(.month(2026, 3)!) == .undefined(.baseMissing))  // no February figure
        let week53 = Period.isoWeek(2026, 53)!
        series[week53] = 10
        #expect(series.yearOnYear(week53) == .undefined(.baseMissing))  // 2025 has no week 53
    }
}
