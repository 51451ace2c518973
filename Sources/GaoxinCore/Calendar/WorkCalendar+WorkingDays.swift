extension WorkCalendar {
    /// The deadline `count` working days after a request received on `received`.
    ///
    /// Convention (次日起算): counting starts the day after receipt, whatever the hour. Day 1 is the first
    /// working day strictly after the day of receipt, so a request received on Friday or on Saturday has
    /// the next Monday (if it is a working day) as day 1. The deadline is the end of the `count`-th
    /// working day. `count == 0` means the end of the receipt day if it is a working day, otherwise the
    /// end of the next working day. Negative counts are rejected.
    public func deadline(workingDays count: Int, after received: Day) throws(CalendarRequestError) -> Deadline {
        guard count >= 0 else { throw CalendarRequestError(message: "工作日数不能为负数（收到 \(count)）") }
        var day = received
        var uncertain = false
        if count == 0 {
            uncertain = !isCertain(day)
            while !isWorkingDay(day) {
                day = day.adding(days: 1)
                uncertain = uncertain || !isCertain(day)
            }
            return Deadline(day: day, uncertain: uncertain)
        }
        var counted = 0
        while counted < count {
            day = day.adding(days: 1)
            uncertain = uncertain || !isCertain(day)
            if isWorkingDay(day) { counted += 1 }
        }
        return Deadline(day: day, uncertain: uncertain)
    }

    /// Same as `deadline(workingDays:after:)` for the day of `received`; the hour does not matter.
    public func deadline(workingDays count: Int, after received: LocalMoment) throws(CalendarRequestError) -> Deadline {
        try deadline(workingDays: count, after: received.day)
    }

    /// Working days from `start` to `end`, both ends included; 0 when `start > end`.
    public func workingDays(from start: Day, to end: Day) -> CalendarCount {
        guard start <= end else { return CalendarCount(value: 0, uncertain: false) }
        var count = 0
        var uncertain = false
        for number in start.dayNumber...end.dayNumber {
            let day = Day(dayNumber: number)
            if isWorkingDay(day) { count += 1 }
            uncertain = uncertain || !isCertain(day)
        }
        return CalendarCount(value: count, uncertain: uncertain)
    }
}
