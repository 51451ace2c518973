import GaoxinCore
import Testing

@Suite struct WorkingDayDeadlineTests: CalendarFixtures {
    func deadline(_ received: String, _ count: Int) throws(CalendarRequestError) -> Deadline {
        try officialCalendar.deadline(workingDays: count, after: day(received))
    }

    @Test func countingStartsTheDayAfterReceipt() throws {
        #expect(try deadline("2026-03-03", 1).day == day("2026-03-04"))  // Tuesday → Wednesday
        // Friday and Saturday receipts both have Monday as day 1.
        #expect(try deadline("2026-03-06", 1).day == day("2026-03-09"))
        #expect(try deadline("2026-03-07", 1).day == day("2026-03-09"))
        #expect(try deadline("2026-03-06", 1).minuteOfDay == Deadline.endOfDay)
        // The hour of receipt does not matter.
        #expect(
            try officialCalendar.deadline(workingDays: 1, after: moment("2026-03-06", 23, 59)).day == day("2026-03-09"))
    }

    @Test func adjustedSaturdayCountsAsAWorkingDay() throws {
        #expect(try deadline("2026-02-13", 1).day == day("2026-02-14"))
    }

    @Test func deadlineCrossesSpringFestival2026() throws {
        // 2/13 (1), 2/14 调休 (2), 春节 2/15–2/23, then 2/24 (3), 2/25 (4), 2/26 (5).
        let result = try deadline("2026-02-12", 5)
        #expect(result.day == day("2026-02-26"))
        #expect(!result.uncertain)
    }

    @Test func zeroMeansTheReceiptDayOrTheNextWorkingDay() throws {
        #expect(try deadline("2026-03-03", 0).day == day("2026-03-03"))
        #expect(try deadline("2026-03-07", 0).day == day("2026-03-09"))
        #expect(try deadline("2026-02-15", 0).day == day("2026-02-24"))
    }

    @Test func negativeCountsAreRejected() {
        #expect(throws: CalendarRequestError.self) { try deadline("2026-03-03", -1) }
        do { _ = try deadline("2026-03-03", -2) } catch { #expect(error.message.contains("不能为负数")) }
    }

    @Test func yearEndRollsIntoNextYearsNotice() throws {
        // 2026-01-01..03 are 元旦, and Sunday 2026-01-04 is a 调休 working day.
        #expect(try deadline("2025-12-31", 1).day == day("2026-01-04"))
        #expect(try deadline("2025-12-31", 2).day == day("2026-01-05"))
        #expect(try !deadline("2025-12-31", 2).uncertain)
    }

    @Test func leapDay() throws {
        #expect(try deadline("2024-02-28", 1).day == day("2024-02-29"))
        #expect(try deadline("2024-02-29", 1).day == day("2024-03-01"))
    }

    @Test func deadlineInUnloadedYearIsFlagged() throws {
        let result = try deadline("2026-12-31", 3)
        #expect(result.day == day("2027-01-05"))  // by the weekday rule only
        #expect(result.uncertain)
        #expect(try deadline("2026-12-30", 1).uncertain == false)
    }

    @Test func workingDaysCountsBothEndsAndIsZeroWhenReversed() {
        #expect(officialCalendar.workingDays(from: day("2026-03-02"), to: day("2026-03-06")).value == 5)
        #expect(officialCalendar.workingDays(from: day("2026-03-02"), to: day("2026-03-02")).value == 1)
        #expect(officialCalendar.workingDays(from: day("2026-03-06"), to: day("2026-03-02")).value == 0)
        #expect(officialCalendar.workingDays(from: day("2026-02-15"), to: day("2026-02-23")).value == 0)
    }

    @Test func deadlineIsPassedOnlyAfterItsLastMinute() throws {
        let due = try deadline("2026-03-03", 1)  // end of 2026-03-04
        #expect(!due.isPassed(at: moment("2026-03-04", 23, 59)))
        #expect(due.isPassed(at: moment("2026-03-05", 0, 0)))
        #expect(due.description == "2026-03-04")
    }
}
