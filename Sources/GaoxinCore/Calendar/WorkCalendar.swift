/// China's official working-day calendar: weekends rest, official holidays rest, 调休 weekends work,
/// plus a zone's own closures. Built from calendar data texts (see Data/cn-official.txt); the status of
/// every day in the loaded years is computed once, so look-ups are array reads.
///
/// A year is *certain* only when a `year` block for it is loaded. Days in other years still get an
/// answer by the weekday rule, but every result says it is uncertain instead of silently guessing.
public struct WorkCalendar: Sendable {
    /// Years with a loaded notice, ascending.
    public let loadedYears: [Int]
    /// Day number of `kinds[0]`.
    private let firstDayNumber: Int
    private let kinds: [DayStatus.Kind]
    private let certain: [Bool]

    /// Builds the calendar from texts in order. Within one text a date may appear once per year block;
    /// a later block or a later text overrides earlier entries for the same date (an amending notice),
    /// and closures override everything.
    public init(sources: [CalendarSource]) throws(CalendarDataError) {
        var years = Set<Int>()
        var official: [Day: DayStatus.Kind] = [:]
        var closures: [Day: String] = [:]
        for source in sources {
            let parsed = try CalendarDataParser.parse(source)
            years.formUnion(parsed.years)
            for entry in parsed.entries {
                switch entry {
                case .holiday(let day, let name): official[day] = .holiday(name)
                case .workday(let day, let name): official[day] = .adjustedWorkingDay(name)
                case .closure(let day, let name): closures[day] = name
                }
            }
        }

        let yearBounds = years.flatMap { [Day(year: $0, month: 1, day: 1)!, Day(year: $0, month: 12, day: 31)!] }
        let allDays = yearBounds + Array(official.keys) + Array(closures.keys)
        guard let first = allDays.min(), let last = allDays.max() else {
            self.init(loadedYears: [], firstDayNumber: 0, kinds: [], certain: [])
            return
        }
        var kinds: [DayStatus.Kind] = []
        var certain: [Bool] = []
        kinds.reserveCapacity(first.days(until: last) + 1)
        certain.reserveCapacity(first.days(until: last) + 1)
        for number in first.dayNumber...last.dayNumber {
            let day = Day(dayNumber: number)
            let kind: DayStatus.Kind =
                if let name = closures[day] { .closure(name) } else if let announced = official[day] { announced } else
                { day.isWeekend ? .weekend : .working }
            kinds.append(kind)
            certain.append(years.contains(day.year))
        }
        self.init(loadedYears: years.sorted(), firstDayNumber: first.dayNumber, kinds: kinds, certain: certain)
    }

    private init(loadedYears: [Int], firstDayNumber: Int, kinds: [DayStatus.Kind], certain: [Bool]) {
        self.loadedYears = loadedYears
        self.firstDayNumber = firstDayNumber
        self.kinds = kinds
        self.certain = certain
    }

    public func status(of day: Day) -> DayStatus {
        let index = day.dayNumber - firstDayNumber
        if kinds.indices.contains(index) {
            return DayStatus(day: day, kind: kinds[index], isCertain: certain[index])
        }
        return DayStatus(day: day, kind: day.isWeekend ? .weekend : .working, isCertain: false)
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        let index = day.dayNumber - firstDayNumber
        guard kinds.indices.contains(index) else { return !day.isWeekend }
        switch kinds[index] {
        case .working, .adjustedWorkingDay: return true
        case .weekend, .holiday, .closure: return false
        }
    }

    /// True when a notice for the day's year is loaded.
    public func isCertain(_ day: Day) -> Bool {
        let index = day.dayNumber - firstDayNumber
        return certain.indices.contains(index) && certain[index]
    }

    /// The official holiday's name (春节, 国庆节、中秋节…) or nil; closures and 调休 days are not holidays.
    public func holidayName(_ day: Day) -> String? {
        if case .holiday(let name) = status(of: day).kind { return name }
        return nil
    }
}
