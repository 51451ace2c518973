import GaoxinCore
import Testing

@Suite struct DoubleHalfTests {
    @Test func exactlyHalfAtMidYearIsAchieved() {
        // 157.6 ÷ 315.2 is 0.5 only up to floating point: the boundary must still hold.
        let check = DoubleHalfCheck(actual: 157.6, target: 315.2, at: Day("2026-06-30")!, basis: .months)
        #expect(check.isAchieved)
        #expect(check.timeProgress.fraction == 0.5)
        #expect(check.text == "完成 50.00%，时间进度 50.0%（6/12 个月）：实现双过半")
        // 2024 is a leap year: 1 July is day 183 of 366, exactly half by days.
        let byDays = DoubleHalfCheck(actual: 50, target: 100, at: Day("2024-07-01")!, basis: .days)
        #expect(byDays.timeProgress.fraction == 0.5)
        #expect(byDays.isAchieved)
    }

    @Test func justUnderHalfIsNot() {
        let check = DoubleHalfCheck(actual: 49.99, target: 100, at: Day("2026-06-30")!, basis: .days)
        #expect(!check.isAchieved)
        #expect(check.shortfalls == [.belowHalf(completion: 0.4999)])
        #expect(check.text.hasSuffix("未实现双过半（完成 49.99%，未过半）"))
    }

    @Test func overHalfButBehindTheCalendarIsNot() {
        let check = DoubleHalfCheck(actual: 60, target: 100, at: Day("2026-08-31")!, basis: .months)
        #expect(check.shortfalls == [.behindTime(completion: 0.6, timeProgress: 8.0 / 12)])
        #expect(check.shortfalls.first?.message == "完成 60.00%，落后于时间进度 66.67%")
    }

    @Test func baojiFirstHalfBothTargets() {
        // 宝鸡高新区 first six months: 到位资金 55.49%, 外资 227.14% → 双过半.
        let capital = DoubleHalfCheck(actual: 157.6, target: 284.02, at: Day("2023-06-30")!, basis: .months)
        let foreign = DoubleHalfCheck(actual: 1590, target: 700, at: Day("2023-06-30")!, basis: .months)
        #expect(capital.isAchieved && foreign.isAchieved)
        #expect(foreign.completion.text == "完成 227.14%")
    }

    @Test func withoutAPositiveTargetThereIsNoVerdictOfHalf() {
        let check = DoubleHalfCheck(actual: 10, target: 0, at: Day("2026-06-30")!, basis: .months)
        #expect(check.shortfalls == [.completionUndefined(.targetZero)])
        #expect(!check.isAchieved)
    }
}
