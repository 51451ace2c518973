import GaoxinCore
import Testing

@Suite struct HelpRulesTests {
    @Test func anEnterpriseHasAtMostTwoKeepersAndACadreIsPairedOnce() {
        #expect(Pairing.refusal(cadre: 1, current: []) == nil)
        #expect(Pairing.refusal(cadre: 2, current: [1]) == nil)
        #expect(Pairing.refusal(cadre: 1, current: [1])?.contains("已在包联") == true)
        #expect(Pairing.refusal(cadre: 3, current: [1, 2])?.contains("最多 2 名") == true)
    }

    @Test func totalsCountRaisedSolvedAndOnTime() {
        var t = HelpTotals()
        t.count([
            DemandFact(closed: true, everOverdue: false), DemandFact(closed: true, everOverdue: true),
            DemandFact(closed: false, everOverdue: true), DemandFact(closed: false, everOverdue: false),
        ])
        #expect(t.raised == 4 && t.solved == 2 && t.solvedOnTime == 1)
        #expect(t.solvedPercent == 50 && t.onTimePercent == 50)
        #expect(HelpTotals().solvedPercent == 0 && HelpTotals().onTimePercent == 0)
    }

    @Test func theMediationTargetIsTheEndOfTheNextWorkingDay() throws {
        let calendar = try WorkCalendar.official(directory: nil)
        // Friday 2026-11-27 10:00: the next working day is Monday the 30th.
        let filed = LocalMoment(day: Day("2026-11-27")!, hour: 10, minute: 0)!
        let target = MediationTarget.deadline(filedAt: filed, calendar: calendar)!
        #expect(target.day == Day("2026-11-30")!)
        #expect(
            MediationTarget.met(closedAt: LocalMoment(day: Day("2026-11-30")!, hour: 17, minute: 0)!, deadline: target))
        #expect(
            !MediationTarget.met(closedAt: LocalMoment(day: Day("2026-12-01")!, hour: 9, minute: 0)!, deadline: target))
    }

    @Test func offersOfAnotherMemberInTheSameCategoryMeetANeedFirst() {
        let needs = [BuildingEntry(id: 1, enterpriseID: 10, category: "labour", text: "招聘软件开发工程师 5 名")]
        let offers = [
            BuildingEntry(id: 2, enterpriseID: 11, category: "logistics", text: "共享仓储空间"),
            BuildingEntry(id: 3, enterpriseID: 12, category: "labour", text: "联合招聘会，可招聘开发工程师"),
            BuildingEntry(id: 4, enterpriseID: 10, category: "labour", text: "本企业自己的招聘资源"),
            BuildingEntry(id: 5, enterpriseID: 13, category: "market", text: "软件开发外包服务"),
        ]
        let s = BuildingMatcher.suggestions(needs: needs, offers: offers)
        #expect(s.first?.offer == 3)
        #expect(!s.contains { $0.offer == 4 })
        #expect(!s.contains { $0.offer == 2 })
        #expect(s.contains { $0.offer == 5 })
    }

    @Test func theCaseTypesAreValid() throws {
        let calendar = try WorkCalendar.official(directory: nil)
        let followUp = CaseType(
            code: "rating_followup", name: "差评回访整改",
            states: [CaseState(code: "callback", name: "待回访"), CaseState(code: "done", name: "已办结", isFinal: true)],
            transitions: [
                CaseTransition(code: "finish", name: "整改完成", from: ["callback"], to: "done", roles: [.zoneAdmin])
            ],
            initialState: "callback")
        let engine = try CaseEngine(calendar: calendar, types: HelpCaseTypes.all + [followUp])
        let enterprise = CaseActor(id: "enterprise:1", role: .enterpriseUser)
        var r = try engine.open(
            typeCode: "help_demand", by: enterprise, at: LocalMoment(day: Day("2026-11-27")!, hour: 9, minute: 0)!)
        let admin = CaseActor(id: "user:1", role: .zoneAdmin)
        let at = LocalMoment(day: Day("2026-11-27")!, hour: 10, minute: 0)!
        r = try engine.perform("route", on: r, by: admin, at: at, assignee: Assignee(id: "department:1", kind: .unit))
        #expect(throws: CaseError.self) { try engine.perform("confirm", on: r, by: enterprise, at: at) }
        r = try engine.perform("answer", on: r, by: CaseActor(id: "user:2", role: .departmentStaff), at: at, note: "已办")
        r = try engine.perform("confirm", on: r, by: enterprise, at: at)
        #expect(r.isClosed)
        let rated = try engine.rate(r, by: enterprise, level: .satisfied, at: at)
        #expect(throws: CaseError.self) { try engine.rate(rated.record, by: enterprise, level: .satisfied, at: at) }
    }
}
