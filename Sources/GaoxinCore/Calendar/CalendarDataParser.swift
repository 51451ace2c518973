/// Reads the line format of the calendar data files (see Data/cn-official.txt):
/// `year 2025`, `holiday 2025-01-28..2025-02-04 春节`, `workday 2025-01-26 春节调休`,
/// `closure 2026-03-02 停电检修`, `#` comments and blank lines.
struct CalendarDataParser {
    enum Entry: Equatable {
        case holiday(Day, String)
        case workday(Day, String)
        case closure(Day, String)
    }

    struct Result {
        var years: Set<Int> = []
        /// In file order, so a later block (an amending notice) can override an earlier one.
        var entries: [Entry] = []
    }

    static let yearRange = 1900...2200
    /// Longest range one line may cover: a whole year's closure is already absurd.
    static let maxRangeDays = 366

    static func parse(_ source: CalendarSource) throws(CalendarDataError) -> Result {
        var result = Result()
        var currentYear: Int?
        // Dates already set in the current year block, to catch a date typed twice.
        var seenInBlock: [Day: Int] = [:]

        var text = Substring(source.text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            func fail(_ message: String) -> CalendarDataError {
                CalendarDataError(source: source.name, line: lineNumber, message: message)
            }
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = content.split(whereSeparator: \.isWhitespace)
            guard let keyword = words.first else { continue }
            let rest = words.dropFirst()

            switch keyword.lowercased() {
            case "year":
                guard rest.count == 1, let year = Int(rest.first!), yearRange.contains(year) else {
                    throw fail("year 后应跟一个四位年份（如 year 2026），实际为“\(rest.joined(separator: " "))”")
                }
                currentYear = year
                seenInBlock = [:]
                result.years.insert(year)

            case "holiday", "workday":
                let isHoliday = keyword.lowercased() == "holiday"
                let label = isHoliday ? "放假日（holiday）" : "调休上班日（workday）"
                guard let year = currentYear else {
                    throw fail("\(label)必须写在某个 year 行之后，以说明它属于哪一年的通知")
                }
                guard let rangeText = rest.first else { throw fail("缺少日期，应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD") }
                let days = try parseRange(rangeText, fail: fail)
                guard rest.count >= 2 else {
                    throw fail(isHoliday ? "缺少节日名称（如 春节）" : "缺少调休说明（如 春节调休）")
                }
                let name = rest.dropFirst().joined(separator: " ")
                // A notice for year Y also covers the turn of the year (元旦 2019 began 2018-12-30).
                let window = Day(year: year - 1, month: 12, day: 1)!...Day(year: year + 1, month: 1, day: 31)!
                for day in days {
                    guard window.contains(day) else {
                        throw fail("日期 \(day) 不属于 \(year) 年的安排（只能是该年及前一年12月、后一年1月的日期）")
                    }
                    if !isHoliday, !day.isWeekend {
                        throw fail("\(day) 是\(weekdayName(day))，本来就是工作日；workday 只用于周末调休上班")
                    }
                    if let earlier = seenInBlock[day] {
                        throw fail("日期 \(day) 在 \(year) 年的安排中已于第\(earlier)行出现过")
                    }
                    seenInBlock[day] = lineNumber
                    result.entries.append(isHoliday ? .holiday(day, name) : .workday(day, name))
                }

            case "closure":
                guard let rangeText = rest.first else { throw fail("缺少日期，应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD") }
                let days = try parseRange(rangeText, fail: fail)
                guard rest.count >= 2 else { throw fail("缺少闭馆原因（如 停电检修）") }
                let name = rest.dropFirst().joined(separator: " ")
                for day in days { result.entries.append(.closure(day, name)) }

            default:
                throw fail("无法识别“\(keyword)”，每行应以 year、holiday、workday 或 closure 开头（# 之后为注释）")
            }
        }
        return result
    }

    private static func parseRange(
        _ text: Substring, fail: (String) -> CalendarDataError
    ) throws(CalendarDataError) -> [Day] {
        let parts = text.split(separator: "..", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw fail("日期范围“\(text)”格式不对，应为 YYYY-MM-DD..YYYY-MM-DD") }
        var bounds: [Day] = []
        for part in parts {
            guard let day = Day(part), yearRange.contains(day.year) else {
                throw fail("“\(part)”不是有效日期，应为 YYYY-MM-DD 格式的真实日期")
            }
            bounds.append(day)
        }
        let first = bounds[0]
        let last = bounds[bounds.count - 1]
        guard first <= last else { throw fail("日期范围起点 \(first) 晚于终点 \(last)") }
        guard first.days(until: last) < maxRangeDays else { throw fail("日期范围 \(first)..\(last) 超过一年，请检查是否写错") }
        return (first.dayNumber...last.dayNumber).map(Day.init(dayNumber:))
    }

    static func weekdayName(_ day: Day) -> String {
        ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][day.weekday - 1]
    }
}
