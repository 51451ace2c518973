import GaoxinCore
import Testing

@Suite struct DayTests {
    @Test func parsesAndPrintsISODates() {
        #expect(Day("2026-02-28")?.description == "2026-02-28")
        #expect(Day("2025-02-29") == nil)  // not a leap year
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2026-1-01") == nil)
        #expect(Day("abcd-01-01") == nil)
        // Only digits where digits go: no signs, spaces, other separators or full-width digits.
        for text in [
            "2026-+1-01", "+026-01-01", "2026-01-0 ", " 2026-01-01", "2026/01/01", "２０２６-01-01", "2026-01-011",
        ] {
            #expect(Day(text) == nil, "\(text)")
        }
        #expect(Day("2026-12-31"[...]) == Day(year: 2026, month: 12, day: 31))
        #expect(Day("0000-01-01") == Day(year: 0, month: 1, day: 1))
    }

    @Test func dayNumbersRoundTripAcrossCenturies() {
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(dayNumber: n).dayNumber == n)
        }
        #expect(Day("1970-01-01")!.dayNumber == 0)
        #expect(Day("2000-03-01")!.dayNumber - Day("2000-02-28")!.dayNumber == 2)  // 2000 is leap
        #expect(Day("1900-03-01")!.dayNumber - Day("1900-02-28")!.dayNumber == 1)  // 1900 is not
    }

    @Test func weekdaysAreISO() {
        #expect(Day("2026-11-25")!.weekday == 3)  // a Wednesday
        #expect(Day("2026-02-14")!.isWeekend)  // Saturday (a 调休 working day, but still a weekend)
        #expect(Day("1970-01-01")!.weekday == 4)
        #expect(Day("1969-12-28")!.weekday == 7)
    }

    @Test func momentsConvertToChinaTime() {
        // 2026-01-01T00:00:00+08:00 is 2025-12-31T16:00:00Z = 1767196800.
        let m = LocalMoment(unixSeconds: 1_767_196_800)
        #expect(m.description == "2026-01-01 00:00")
        #expect(m.unixSeconds() == 1_767_196_800)
    }
}
