import GaoxinCore
import Testing

@Suite struct OfficialCalendarTests: CalendarFixtures {
    @Test func agreesWithChineseCalendarPackageOnEveryDayFrom2018To2026() {
        let restWeekdays = Set(ChineseCalendarReference.restWeekdays.map(day))
        let workingWeekends = Set(ChineseCalendarReference.workingWeekends.map(day))
        var disagreements: [String] = []
        let first = day(ChineseCalendarReference.span.first)
        let last = day(ChineseCalendarReference.span.last)
        for number in first.dayNumber...last.dayNumber {
            let d = Day(dayNumber: number)
            let expected = d.isWeekend ? workingWeekends.contains(d) : !restWeekdays.contains(d)
            if officialCalendar.isWorkingDay(d) != expected { disagreements.append(d.description) }
            #expect(officialCalendar.isCertain(d))
        }
        #expect(disagreements.isEmpty, "与 chinesecalendar 不一致：\(disagreements)")
    }

    @Test(arguments: [2025, 2026])
    func has248WorkingDaysIn(year: Int) {
        let count = officialCalendar.workingDays(
            from: Day(year: year, month: 1, day: 1)!, to: Day(year: year, month: 12, day: 31)!)
        #expect(count.value == 248)
        #expect(!count.uncertain)
    }

    @Test func adjustedWeekendsAreWorkingDays() {
        for text in ["2026-02-14", "2026-02-28", "2026-01-04", "2025-01-26"] {
            let status = officialCalendar.status(of: day(text))
            #expect(status.isWorkingDay, "\(text)")
            #expect(status.isCertain)
            #expect(day(text).isWeekend)
        }
        #expect(officialCalendar.status(of: day("2026-02-14")).kind == .adjustedWorkingDay("春节调休"))
        #expect(officialCalendar.holidayName(day("2026-02-14")) == nil)
        // An ordinary weekend next to them stays a rest day.
        #expect(officialCalendar.status(of: day("2026-02-07")).kind == .weekend)
    }

    @Test func holidayBoundariesAreExact() {
        #expect(officialCalendar.isWorkingDay(day("2026-02-13")))  // Friday before 春节
        #expect(officialCalendar.status(of: day("2026-02-15")).kind == .holiday("春节"))  // a Sunday inside 春节
        #expect(officialCalendar.holidayName(day("2026-02-23")) == "春节")  // last day, a Monday
        #expect(officialCalendar.isWorkingDay(day("2026-02-24")))
        #expect(officialCalendar.holidayName(day("2025-10-08")) == "国庆节、中秋节")
        #expect(officialCalendar.isWorkingDay(day("2025-10-09")))
        #expect(officialCalendar.holidayName(day("2026-10-07")) == "国庆节")
        #expect(officialCalendar.isWorkingDay(day("2026-10-08")))
        // 2024 除夕 was only "encouraged" off: still a working day.
        #expect(officialCalendar.isWorkingDay(day("2024-02-09")))
        #expect(officialCalendar.holidayName(day("2026-03-02")) == nil)
    }

    @Test func amendingNoticesWin() {
        // 2019 劳动节 was extended to 5/1–5/4 in March 2019; 2020 春节 to 2/2, cancelling the 2/1 workday.
        #expect(officialCalendar.holidayName(day("2019-05-03")) == "劳动节")
        #expect(officialCalendar.isWorkingDay(day("2019-05-05")))
        #expect(officialCalendar.holidayName(day("2020-02-01")) == "春节")
        #expect(!officialCalendar.isWorkingDay(day("2020-02-01")))
    }

    @Test func leapDayIsAnOrdinaryWorkingDay() {
        #expect(officialCalendar.isWorkingDay(day("2024-02-29")))
        #expect(officialCalendar.workingDays(from: day("2024-02-01"), to: day("2024-02-29")).value == 18)
        #expect(officialCalendar.workingDays(from: day("2024-01-01"), to: day("2024-12-31")).value == 251)
    }

    @Test func unloadedYearAnswersByWeekdayButSaysSo() {
        let newYear = officialCalendar.status(of: day("2027-01-01"))
        #expect(newYear.kind == .working)  // a Friday: 元旦 2027 is not announced yet
        #expect(!newYear.isCertain)
        #expect(officialCalendar.status(of: day("2027-01-02")).kind == .weekend)
        #expect(officialCalendar.workingDays(from: day("2026-12-01"), to: day("2027-01-31")).uncertain)
        #expect(!officialCalendar.workingDays(from: day("2026-12-01"), to: day("2026-12-31")).uncertain)
        #expect(officialCalendar.loadedYears == Array(2018...2026))
    }
}
