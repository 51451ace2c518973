import GaoxinCore
import Testing

@Suite struct NoticeScheduleTests: CalendarFixtures {
    @Test func waitsDoubleFromTheBaseUpToTheCap() {
        let schedule = RetrySchedule(baseSeconds: 60, maxWaitSeconds: 600, maxAttempts: 8)
        #expect(schedule.wait(afterFailedAttempts: 1) == 60)
        #expect(schedule.wait(afterFailedAttempts: 2) == 120)
        #expect(schedule.wait(afterFailedAttempts: 3) == 240)
        #expect(schedule.wait(afterFailedAttempts: 4) == 480)
        #expect(schedule.wait(afterFailedAttempts: 5) == 600)
        #expect(schedule.wait(afterFailedAttempts: 7) == 600)
        #expect(schedule.nextAttempt(afterFailedAttempts: 2, now: 1000) == 1120)
    }

    @Test func theLastAttemptHasNoNextOne() {
        let schedule = RetrySchedule(baseSeconds: 60, maxWaitSeconds: 600, maxAttempts: 3)
        #expect(schedule.wait(afterFailedAttempts: 2) == 120)
        #expect(schedule.wait(afterFailedAttempts: 3) == nil)
        #expect(schedule.wait(afterFailedAttempts: 0) == nil)
        #expect(schedule.nextAttempt(afterFailedAttempts: 9, now: 0) == nil)
    }

    @Test func hugeAttemptCountsNeitherOverflowNorExceedTheCap() {
        let schedule = RetrySchedule(baseSeconds: Int64.max / 2, maxWaitSeconds: Int64.max, maxAttempts: Int.max)
        #expect(schedule.wait(afterFailedAttempts: 1_000_000) == Int64.max)
        let odd = RetrySchedule(baseSeconds: -5, maxWaitSeconds: -1, maxAttempts: -3)
        #expect(odd.baseSeconds == 1 && odd.maxWaitSeconds == 1 && odd.maxAttempts == 1)
        #expect(odd.wait(afterFailedAttempts: 1) == nil)
    }

    @Test func aMondayDeadlineIsRemindedOnTheFridayBefore() {
        // 2026-12-07 is a Monday.
        #expect(DeadlineReminder.day(before: day("2026-12-07"), calendar: officialCalendar) == day("2026-12-04"))
        // A Wednesday deadline: the Tuesday.
        #expect(DeadlineReminder.day(before: day("2026-12-09"), calendar: officialCalendar) == day("2026-12-08"))
    }

    @Test func aDeadlineAfterNationalDayIsRemindedBeforeTheHoliday() {
        // 2026: 国庆 10-01..10-07; the first working day after is Thursday 10-08.
        #expect(DeadlineReminder.day(before: day("2026-10-08"), calendar: officialCalendar) == day("2026-09-30"))
        // 2025: 国庆、中秋 10-01..10-08.
        #expect(DeadlineReminder.day(before: day("2025-10-09"), calendar: officialCalendar) == day("2025-09-30"))
        // 2026 中秋 09-25..09-27: a Monday 09-28 deadline → Thursday 09-24.
        #expect(DeadlineReminder.day(before: day("2026-09-28"), calendar: officialCalendar) == day("2026-09-24"))
    }

    @Test func aMakeUpWorkingSundayCounts() {
        // 2026-09-20 (Sunday) is a 国庆调休 working day.
        #expect(DeadlineReminder.day(before: day("2026-09-21"), calendar: officialCalendar) == day("2026-09-20"))
    }

    @Test func aReminderIsDueFromItsDayUntilTheDeadline() {
        let deadline = day("2026-12-07")
        #expect(!DeadlineReminder.isDue(deadline: deadline, today: day("2026-12-03"), calendar: officialCalendar))
        #expect(DeadlineReminder.isDue(deadline: deadline, today: day("2026-12-04"), calendar: officialCalendar))
        #expect(DeadlineReminder.isDue(deadline: deadline, today: day("2026-12-05"), calendar: officialCalendar))
        #expect(DeadlineReminder.isDue(deadline: deadline, today: deadline, calendar: officialCalendar))
        #expect(!DeadlineReminder.isDue(deadline: deadline, today: day("2026-12-08"), calendar: officialCalendar))
    }
}
