/// When a notice is delivered again after a failure, and when a deadline reminder goes out: the
/// pure rules of the notice outbox (the app stores the rows and runs the worker).
public struct RetrySchedule: Sendable, Equatable {
    /// Seconds before the second attempt; each later wait doubles.
    public let baseSeconds: Int64
    /// No wait is longer than this.
    public let maxWaitSeconds: Int64
    /// After this many failed attempts the delivery is given up (it stays in the log with its error).
    public let maxAttempts: Int

    public init(baseSeconds: Int64 = 60, maxWaitSeconds: Int64 = 6 * 3600, maxAttempts: Int = 8) {
        self.baseSeconds = max(1, baseSeconds)
        self.maxWaitSeconds = max(self.baseSeconds, maxWaitSeconds)
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The wait after `attempts` failed attempts (1 → base, 2 → 2×base, … capped); nil when no
    /// attempt is left.
    public func wait(afterFailedAttempts attempts: Int) -> Int64? {
        guard attempts >= 1, attempts < maxAttempts else { return nil }
        let doublings = min(attempts - 1, 40)
        let (wait, overflow) = baseSeconds.multipliedReportingOverflow(by: Int64(1) << Int64(doublings))
        return overflow ? maxWaitSeconds : min(wait, maxWaitSeconds)
    }

    /// When the next attempt is due after `attempts` failures at `now` (Unix seconds), or nil.
    public func nextAttempt(afterFailedAttempts attempts: Int, now: Int64) -> Int64? {
        wait(afterFailedAttempts: attempts).map { now + $0 }
    }
}

/// Deadline reminders: one working day before the deadline, on the zone's working-day calendar.
public enum DeadlineReminder {
    /// The working day before `deadline` (a Monday deadline → the Friday before; the first day
    /// after 国庆 → the last working day before the holiday, or a 调休 Saturday when there is one).
    public static func day(before deadline: Day, calendar: WorkCalendar) -> Day {
        var day = deadline.adding(days: -1)
        // A year has at most a few weeks of rest in a row; 60 steps is a safe bound.
        for _ in 0..<60 where !calendar.isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// Whether a reminder for `deadline` is due on `today`: from its reminder day until the
    /// deadline itself (a sweep that missed the day still sends it), never after.
    public static func isDue(deadline: Day, today: Day, calendar: WorkCalendar) -> Bool {
        today >= day(before: deadline, calendar: calendar) && today <= deadline
    }
}
