import Foundation
import GaoxinCore
import Testing

@Suite struct CalendarDataTests: CalendarFixtures {
    func load(_ texts: String...) throws(CalendarDataError) -> WorkCalendar {
        try WorkCalendar(
            sources: texts.enumerated().map { CalendarSource(name: "t\($0.offset).txt", text: $0.element) })
    }

    func error(in text: String) -> CalendarDataError? {
        do {
            _ = try load(text)
            return nil
        } catch { return error }
    }

    @Test func aNewYearsNoticeMakesThatYearCertain() throws {
        let notice = """
            # 国务院办公厅关于2027年部分节假日安排的通知（示例）
            year 2027
            holiday 2027-01-01..2027-01-03 元旦
            workday 2027-01-09 元旦调休
            """
        let calendar = try WorkCalendar(sources: [
            try WorkCalendar.bundledNotices(), CalendarSource(name: "2027.txt", text: notice),
        ])
        #expect(calendar.status(of: day("2027-01-01")).kind == .holiday("元旦"))
        #expect(calendar.status(of: day("2027-01-01")).isCertain)
        #expect(calendar.isWorkingDay(day("2027-01-09")))
        #expect(calendar.isCertain(day("2027-06-01")))
        #expect(try !calendar.deadline(workingDays: 3, after: day("2026-12-31")).uncertain)
        #expect(try calendar.deadline(workingDays: 3, after: day("2026-12-31")).day == day("2027-01-06"))
    }

    @Test func extraFilesComeFromADirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "closure 2026-03-02 停电检修\n".write(
            to: directory.appendingPathComponent("zone.txt"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("readme.md"), atomically: true, encoding: .utf8)
        let calendar = try WorkCalendar.official(directory: directory)
        #expect(calendar.status(of: day("2026-03-02")).kind == .closure("停电检修"))
        #expect(officialCalendar.isWorkingDay(day("2026-03-02")))  // other zones are unaffected
    }

    @Test func localClosuresAreRestDaysForThatZoneOnly() throws {
        let zone = try WorkCalendar(sources: [
            try WorkCalendar.bundledNotices(),
            CalendarSource(name: "zone.txt", text: "closure 2026-03-02 停电检修\nclosure 2026-02-28 园区封闭演练"),
        ])
        let status = zone.status(of: day("2026-03-02"))
        #expect(!status.isWorkingDay)
        #expect(status.name == "停电检修")
        #expect(status.isCertain)
        // A closure wins even over a 调休 working Saturday.
        #expect(!zone.isWorkingDay(day("2026-02-28")))
        // Friday 2026-02-27 + 1: Sat 2/28 closed, Sun 3/1, Mon 3/2 closed → Tue 3/3.
        #expect(try zone.deadline(workingDays: 1, after: day("2026-02-27")).day == day("2026-03-03"))
        #expect(try officialCalendar.deadline(workingDays: 1, after: day("2026-02-27")).day == day("2026-02-28"))
        // Closures alone do not make a year certain.
        let onlyClosure = try load("closure 2030-05-06 停电")
        #expect(!onlyClosure.status(of: day("2030-05-06")).isCertain)
        #expect(!onlyClosure.isWorkingDay(day("2030-05-06")))
    }

    @Test func laterBlockOverridesEarlierForTheSameDate() throws {
        let calendar = try load(
            "year 2030\nholiday 2030-05-01 劳动节\nworkday 2030-05-04 劳动节调休",
            "year 2030\nholiday 2030-05-01..2030-05-05 劳动节")
        #expect(!calendar.isWorkingDay(day("2030-05-04")))
        #expect(calendar.holidayName(day("2030-05-03")) == "劳动节")
    }

    @Test func commentsBlankLinesAndWindowsLineEndingsAreFine() throws {
        let calendar = try load("\u{FEFF}# 注释\r\n\r\nyear 2030   # 行尾注释\r\nholiday 2030-01-01 元旦\r\n")
        #expect(calendar.holidayName(day("2030-01-01")) == "元旦")
    }

    @Test(arguments: [
        ("year 2030\nholidy 2030-01-01 元旦", 2, "无法识别“holidy”"),
        ("year 2030\nholiday 2030-02-30 春节", 2, "“2030-02-30”不是有效日期"),
        ("year 2030\nholiday 2030-1-1 元旦", 2, "不是有效日期"),
        ("# 注释\nholiday 2030-01-01 元旦", 2, "必须写在某个 year 行之后"),
        ("year 2030\n\nworkday 2030-01-07 调休", 3, "2030-01-07 是星期一，本来就是工作日"),
        ("year 2030\nholiday 2030-01-01\n", 2, "缺少节日名称"),
        ("year 2030\nholiday 2030-02-10..2030-02-01 春节", 2, "起点 2030-02-10 晚于终点 2030-02-01"),
        ("year 2030\nholiday 2031-05-01 劳动节", 2, "不属于 2030 年的安排"),
        ("year 2030\nholiday 2030-01-01 元旦\nholiday 2030-01-01 元旦", 3, "已于第2行出现过"),
        ("year twenty", 1, "year 后应跟一个四位年份"),
        ("closure 2030-01-01", 1, "缺少闭馆原因"),
    ])
    func badLinesNameTheLineAndTheProblem(text: String, line: Int, fragment: String) throws {
        let found = try #require(error(in: text))
        #expect(found.line == line)
        #expect(found.message.contains(fragment), "\(found.message)")
        #expect(found.description.hasPrefix("日历数据 t0.txt 第\(line)行："))
    }

    @Test func errorsNameTheFileTheyCameFrom() {
        do {
            _ = try load("year 2030", "year 2031\nbogus")
            Issue.record("expected an error")
        } catch {
            #expect(error.source == "t1.txt")
            #expect(error.line == 2)
        }
    }

    @Test func turnOfTheYearDatesBelongToTheNextYearsNotice() {
        // The 2019 notice starts 元旦 on 2018-12-30 and works Saturday 2018-12-29.
        #expect(officialCalendar.holidayName(day("2018-12-31")) == "元旦")
        #expect(officialCalendar.isWorkingDay(day("2018-12-29")))
    }
}
