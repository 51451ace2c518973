import Foundation
import GaoxinCore
import Testing

@Suite struct PeriodTests {
    @Test func isoWeeksRunMondayToSundayWithChineseLabels() {
        let week = Period(.week, containing: day("2026-03-18"))
        #expect(week.start == day("2026-03-16"))
        #expect(week.end == day("2026-03-22"))
        #expect(week.label == "2026年第12周")
        #expect(week.contains(day("2026-03-22")))
        #expect(!week.contains(day("2026-03-23")))
        #expect(week.next.label == "2026年第13周")
    }

    @Test func weeksAtTheYearEndBelongToTheISOWeekYear() {
        // 2024-12-30 is a Monday in the week that holds 2025-01-02 (a Thursday).
        #expect(Period(.week, containing: day("2024-12-30")).label == "2025年第1周")
        #expect(Period.isoWeeks(in: 2026) == 53)  // 2026 starts on a Thursday
        #expect(Period.isoWeeks(in: 2025) == 52)
        let w53 = Period(.week, containing: day("2027-01-01"))
        #expect(w53.label == "2026年第53周")
        #expect(w53.next.label == "2027年第1周")
        #expect(Period.isoWeek(2025, 53) == nil)
        #expect(w53.sameInPreviousYear == nil)
    }

    @Test func monthsQuartersAndYears() {
        let feb = Period.month(2024, 2)!
        #expect(feb.end == day("2024-02-29"))
        #expect(feb.label == "2024年2月")
        #expect(Period.month(2026, 12)!.next == Period.month(2027, 1))
        let q1 = Period(.quarter, containing: day("2026-02-14"))
        #expect(q1.label == "2026年第一季度")
        #expect(q1.start == day("2026-01-01") && q1.end == day("2026-03-31"))
        #expect(q1.previous.label == "2025年第四季度")
        #expect(Period.year(2026).label == "2026年")
        #expect(Period.year(2024).dayCount == 366)
        #expect(Period.month(2026, 3)!.sameInPreviousYear == Period.month(2025, 3))
    }

    @Test func keysRoundTripAndCodeAsJSONStrings() throws {
        for key in ["2026-W12", "2026-W53", "2026-03", "2026-Q1", "2026"] {
            #expect(Period(key: key)?.key == key)
        }
        #expect(Period(key: "2025-W53") == nil)
        #expect(Period(key: "2026-13") == nil)
        #expect(Period(key: "2026-Q5") == nil)
        let data = try JSONEncoder().encode([Period.quarter(2026, 2)!])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-Q2"]"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Period].self, from: Data(#"["2026-W99"]"#.utf8))
        }
    }
}
