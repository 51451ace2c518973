import Foundation
import GaoxinCore
import Testing

@Suite struct WorkingHoursTests: CalendarFixtures {
    func due(_ hours: Int, after start: LocalMoment, _ office: OfficeHours = .standard) throws -> String {
        try officialCalendar.deadline(workingHours: hours, after: start, officeHours: office).description
    }

    @Test func countsAcrossLunch() throws {
        #expect(try due(4, after: moment("2026-03-03", 10, 0)) == "2026-03-03 15:30")
        #expect(try due(3, after: moment("2026-03-03", 9, 0)) == "2026-03-03 12:00")  // falls due at noon, not 13:30
    }

    @Test func startOutsideOfficeHoursBeginsAtTheNextInterval() throws {
        #expect(try due(1, after: moment("2026-03-03", 12, 30)) == "2026-03-03 14:30")
        #expect(try due(1, after: moment("2026-03-03", 7, 0)) == "2026-03-03 10:00")
        #expect(try due(0, after: moment("2026-03-03", 12, 15)) == "2026-03-03 13:30")
    }

    @Test func countsOvernight() throws {
        #expect(try due(2, after: moment("2026-03-03", 16, 30)) == "2026-03-04 10:00")
        #expect(try due(1, after: moment("2026-03-03", 20, 0)) == "2026-03-04 10:00")
        // Friday evening → Monday.
        #expect(try due(1, after: moment("2026-03-06", 17, 0)) == "2026-03-09 09:30")
    }

    @Test func skipsHolidaysAndUsesAdjustedSaturdays() throws {
        #expect(try due(1, after: moment("2026-02-13", 17, 0)) == "2026-02-14 09:30")
        #expect(try due(8, after: moment("2026-02-14", 9, 0)) == "2026-02-24 10:00")
        #expect(try due(2, after: moment("2026-04-30", 17, 0)) == "2026-05-06 10:30")
    }

    @Test func customOfficeHours() throws {
        let summer = try OfficeHours(parsing: "08:30-12:00, 14:30-18:00")
        #expect(summer.minutesPerDay == 420)
        #expect(try due(4, after: moment("2026-07-01", 11, 0), summer) == "2026-07-01 17:30")
        #expect(OfficeHours.standard.description == "09:00-12:00,13:30-17:30")
        #expect(OfficeHours.standard.minutesPerDay == 420)
    }

    @Test func badOfficeHoursAreRejectedInChinese() {
        #expect(throws: OfficeHoursError.self) { try OfficeHours(parsing: "9-12") }
        #expect(throws: OfficeHoursError.self) { try OfficeHours(parsing: "13:00-12:00") }
        do { _ = try OfficeHours(parsing: "09:00-12:00,11:00-17:00") } catch { #expect(error.message.contains("重叠")) }
        do { _ = try OfficeHours([]) } catch { #expect(error.message.contains("至少")) }
    }

    @Test func officeHoursRoundTripAsJSON() throws {
        let data = try JSONEncoder().encode(OfficeHours.standard)
        #expect(try JSONDecoder().decode(OfficeHours.self, from: data) == .standard)
        let bad = Data(#"[{"start":600,"end":540}]"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OfficeHours.self, from: bad) }
    }

    @Test func workingMinutesBetweenMoments() {
        let sameDay = officialCalendar.workingMinutes(
            from: moment("2026-03-03", 10, 0), to: moment("2026-03-03", 14, 0))
        #expect(sameDay.value == 150)  // 10:00–12:00 and 13:30–14:00
        #expect(
            officialCalendar.workingMinutes(from: moment("2026-03-03", 10, 0), to: moment("2026-03-04", 10, 0)).value
                == 420)
        // Friday 17:00 → 调休 Saturday (full day) → 春节 → Tuesday 09:30.
        let holiday = officialCalendar.workingMinutes(
            from: moment("2026-02-13", 17, 0), to: moment("2026-02-24", 9, 30))
        #expect(holiday.value == 30 + 420 + 30)
        #expect(!holiday.uncertain)
        #expect(
            officialCalendar.workingMinutes(from: moment("2026-03-04", 10, 0), to: moment("2026-03-03", 10, 0)).value
                == 0)
        #expect(
            officialCalendar.workingMinutes(from: moment("2026-12-31", 17, 0), to: moment("2027-01-04", 10, 0))
                .uncertain)
    }

    @Test func deadlineInUnloadedYearIsFlagged() throws {
        let result = try officialCalendar.deadline(workingHours: 2, after: moment("2026-12-31", 17, 0))
        #expect(result.description == "2027-01-01 10:30")
        #expect(result.uncertain)
        #expect(throws: CalendarRequestError.self) {
            try officialCalendar.deadline(workingHours: -1, after: moment("2026-03-03", 9, 0))
        }
    }

    @Test func deadlinesAndMomentsRoundTripAsJSON() throws {
        let deadline = try officialCalendar.deadline(workingHours: 4, after: moment("2026-03-03", 10, 0))
        let data = try JSONEncoder().encode(deadline)
        #expect(try JSONDecoder().decode(Deadline.self, from: data) == deadline)
        let m = moment("2026-03-03", 9, 5)
        #expect(String(decoding: try JSONEncoder().encode([m]), as: UTF8.self) == #"["2026-03-03 09:05"]"#)
        #expect(try JSONDecoder().decode([LocalMoment].self, from: Data(#"["2026-03-03 09:05"]"#.utf8)) == [m])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalMoment].self, from: Data(#"["2026-03-03 25:00"]"#.utf8))
        }
    }
}
