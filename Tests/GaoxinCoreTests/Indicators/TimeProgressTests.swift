import GaoxinCore
import Testing

@Suite struct TimeProgressTests {
    @Test func leapDayByDaysAndByMonths() {
        let byDays = TimeProgress(at: Day("2024-02-29")!, basis: .days)
        #expect(byDays.elapsed == 60 && byDays.total == 366)
        #expect(byDays.text == "时间进度 16.4%（60/366 天）")
        let byMonths = TimeProgress(at: Day("2024-02-29")!, basis: .months)
        #expect(byMonths.elapsed == 2 && byMonths.total == 12)  // February is complete on the 29th
        #expect(TimeProgress(at: Day("2025-02-28")!, basis: .months).elapsed == 2)
        #expect(TimeProgress(at: Day("2024-02-28")!, basis: .months).elapsed == 1)  // not yet in a leap year
    }

    @Test func theLastDayOfTheYearIsTheWholeYear() {
        #expect(TimeProgress(at: Day("2024-12-31")!, basis: .days).fraction == 1)
        #expect(TimeProgress(at: Day("2025-12-31")!, basis: .days).elapsed == 365)
        #expect(TimeProgress(at: Day("2025-12-31")!, basis: .months).fraction == 1)
        #expect(TimeProgress(at: Day("2025-12-30")!, basis: .months).elapsed == 11)
    }

    @Test func midYearDiffersByBasis() {
        #expect(TimeProgress(at: Day("2026-06-30")!, basis: .days).elapsed == 181)  // 181/365 < 50%
        #expect(TimeProgress(at: Day("2026-06-30")!, basis: .months).fraction == 0.5)
        #expect(TimeProgress(at: Day("2026-01-01")!, basis: .days).elapsed == 1)
        #expect(TimeProgress(at: Day("2026-01-01")!, basis: .months).elapsed == 0)
    }
}
