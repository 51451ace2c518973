import GaoxinCore

/// The bundled official calendar, loaded once for all calendar and case tests.
enum CalendarTestData {
    static let official: WorkCalendar = {
        do { return try WorkCalendar.official() } catch { fatalError("内置日历数据无法载入：\(error)") }
    }()
}

/// Helpers for suites that conform, kept off the module's global namespace (other suites have their own `day`).
protocol CalendarFixtures {}

extension CalendarFixtures {
    var officialCalendar: WorkCalendar { CalendarTestData.official }

    func day(_ text: String) -> Day {
        guard let day = Day(text) else { fatalError("bad test date \(text)") }
        return day
    }

    func moment(_ text: String, _ hour: Int, _ minute: Int) -> LocalMoment {
        LocalMoment(day: day(text), hour: hour, minute: minute)!
    }
}
