import GaoxinCore
import Testing

@Suite struct ProjectDispatchTests {
    @Test func theTimeShareGrowsByMonthAndEndsTheYearAtAHundred() {
        #expect(DispatchMonth("2026-01")!.expectedProgress == 8)
        #expect(DispatchMonth("2026-06")!.expectedProgress == 50)
        #expect(DispatchMonth("2026-11")!.expectedProgress == 92)
        #expect(DispatchMonth("2026-12")!.expectedProgress == 100)
    }

    @Test func monthsParseStrictlyAndStepBackAcrossTheYear() {
        #expect(DispatchMonth("2026-13") == nil)
        #expect(DispatchMonth("2026-1") == nil)
        #expect(DispatchMonth("2026-00") == nil)
        #expect(DispatchMonth("99999-01") == nil)
        #expect(DispatchMonth("2026-01")!.previous.description == "2025-12")
        #expect(DispatchMonth(Day("2026-02-28")!).label == "2026年2月")
    }

    @Test func aProjectWithinAMonthOfTheTimeShareIsOnPaceAndSilenceIsLate() {
        let november = DispatchMonth("2026-11")!
        #expect(november.standing(reported: 84) == .onPace)  // 92 − 8
        #expect(november.standing(reported: 83) == .behind)
        #expect(november.standing(reported: nil) == .unreported)
        #expect(november.standing(reported: nil).isLate)
        #expect(DispatchMonth("2026-12")!.standing(reported: 100) == .onPace)
    }

    @Test func theBulletinRanksUnitsByTheirGapAndSharesRanksOnTies() {
        let june = DispatchMonth("2026-06")!  // time share 50
        let ranks = june.rankOwners([
            DispatchLine(owner: "住建局", reported: 60, earlier: 40),
            DispatchLine(owner: "住建局", reported: 40, earlier: 30),  // average 50, one behind? no: 40 + 8 < 50
            DispatchLine(owner: "教育局", reported: nil, earlier: 70),  // counted at 70, but unreported
            DispatchLine(owner: "卫健委", reported: 50, earlier: 40),
            DispatchLine(owner: "民政局", reported: 50, earlier: 45),
        ])
        #expect(ranks.map(\.owner) == ["教育局", "卫健委", "民政局", "住建局"])
        #expect(ranks.map(\.rank) == [1, 2, 2, 4])
        #expect(ranks[0].gap == 20 && ranks[0].late == 1 && ranks[0].unreported == 1)
        #expect(ranks[3].averageProgress == 50 && ranks[3].late == 1)
    }

    @Test func anEmptyMonthRanksNobody() {
        #expect(DispatchMonth("2026-03")!.rankOwners([]).isEmpty)
    }
}
