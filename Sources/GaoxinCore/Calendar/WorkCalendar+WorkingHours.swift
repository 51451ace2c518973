extension WorkCalendar {
    /// The moment `hours` office hours after `start`, counting only `officeHours` on working days.
    /// A start outside office hours (lunch, night, a holiday) begins at the next office interval on a
    /// working day. A limit used up exactly at the end of an interval falls due then (12:00, not 13:30).
    /// `hours == 0` gives the start itself, moved into office hours. Negative counts are rejected.
    public func deadline(
        workingHours hours: Int, after start: LocalMoment, officeHours: OfficeHours = .standard
    ) throws(CalendarRequestError) -> Deadline {
        guard hours >= 0 else { throw CalendarRequestError(message: "工作小时数不能为负数（收到 \(hours)）") }
        var remaining = hours * 60
        var day = start.day
        var from = start.minuteOfDay
        var uncertain = false
        while true {
            uncertain = uncertain || !isCertain(day)
            if isWorkingDay(day) {
                for interval in officeHours.intervals where interval.end > from {
                    let begin = max(interval.start, from)
                    let available = interval.end - begin
                    if remaining <= available {
                        return Deadline(day: day, minuteOfDay: begin + remaining, uncertain: uncertain)
                    }
                    remaining -= available
                }
            }
            day = day.adding(days: 1)
            from = 0
        }
    }

    /// Office minutes on working days between two moments (0 when `end` is not after `start`).
    public func workingMinutes(
        from start: LocalMoment, to end: LocalMoment, officeHours: OfficeHours = .standard
    ) -> CalendarCount {
        guard start < end else { return CalendarCount(value: 0, uncertain: false) }
        var minutes = 0
        var uncertain = false
        for number in start.day.dayNumber...end.day.dayNumber {
            let day = Day(dayNumber: number)
            uncertain = uncertain || !isCertain(day)
            guard isWorkingDay(day) else { continue }
            let low = day == start.day ? start.minuteOfDay : 0
            let high = day == end.day ? end.minuteOfDay : Deadline.endOfDay
            for interval in officeHours.intervals {
                minutes += max(0, min(high, interval.end) - max(low, interval.start))
            }
        }
        return CalendarCount(value: minutes, uncertain: uncertain)
    }
}
