import GaoxinCore
import Testing

@Suite struct ServiceRulesTests {
    @Test func thePromiseMayNotBeLongerThanTheLaw() {
        #expect(ServiceLimits(legalDays: 20, promisedDays: 5).problems.isEmpty)
        #expect(ServiceLimits(legalDays: 20, promisedDays: 0).isInstant)
        let long = ServiceLimits(legalDays: 5, promisedDays: 8).problems
        #expect(long.map(\.field) == ["promised_days"])
        #expect(long[0].message.contains("不能长于法定办结时限（5 个工作日）"))
        #expect(ServiceLimits(legalDays: -1, promisedDays: 0).problems.map(\.field) == ["legal_days"])
        #expect(ServiceLimits(legalDays: 20, promisedDays: 400).problems.map(\.field) == ["promised_days"])
        #expect(ServiceLimits(legalDays: 20, promisedDays: 5).reduction == 0.75)
    }

    @Test func everyGuideFieldIsRequiredAndBounded() {
        var values = Dictionary(uniqueKeysWithValues: GuideField.allCases.map { ($0, "内容") })
        #expect(GuideField.problems(values).isEmpty)
        values[.basis] = "  "
        values[.name] = String(repeating: "事", count: 101)
        let problems = GuideField.problems(values)
        #expect(Set(problems.map(\.field)) == ["basis", "name"])
        #expect(problems.contains { $0.message == "设定依据：请填写" })
    }

    let list = [
        MaterialRequirement(key: "1", name: "申请表", required: true),
        MaterialRequirement(key: "2", name: "营业执照", required: true, filledFrom: .businessLicense),
        MaterialRequirement(key: "3", name: "场地证明", required: true),
        MaterialRequirement(key: "4", name: "其他说明", required: false),
    ]

    @Test func missingListsEveryRequiredMaterialNotHeldOrSubmitted() {
        #expect(MaterialCheck.missing(list, submitted: []).map(\.name) == ["申请表", "场地证明"])
        #expect(MaterialCheck.missing(list, submitted: ["1"]).map(\.name) == ["场地证明"])
        #expect(MaterialCheck.missing(list, submitted: ["1", "3"]).isEmpty)
    }

    @Test func aLaterNoticeMayOnlyRepeatTheFirst() {
        #expect(MaterialCheck.noticeProblems(asking: ["1", "3"], list: list, firstNotice: nil).isEmpty)
        #expect(MaterialCheck.noticeProblems(asking: [], list: list, firstNotice: nil).map(\.field) == ["materials"])
        #expect(MaterialCheck.noticeProblems(asking: ["3"], list: list, firstNotice: ["1", "3"]).isEmpty)
        let late = MaterialCheck.noticeProblems(asking: ["3", "4"], list: list, firstNotice: ["3"])
        #expect(late.count == 1)
        #expect(late[0].message.contains("“其他说明”在第一次告知时没有列出"))
        #expect(MaterialCheck.noticeProblems(asking: ["9"], list: list, firstNotice: nil).count == 1)
    }

    @Test func figuresFollowTheSeedsDefinitions() {
        let figures = ServiceFigures([
            ServiceCaseFact(
                channel: .online, instant: true, workingDays: 0, promisedDays: 0, finished: true,
                rating: .verySatisfied),
            ServiceCaseFact(
                channel: .window, instant: false, workingDays: 3, promisedDays: 5, finished: true,
                rating: .basicallySatisfied),
            ServiceCaseFact(
                channel: .online, instant: false, workingDays: 6, promisedDays: 5, finished: true,
                rating: .dissatisfied, followUpClosed: true),
            ServiceCaseFact(
                channel: .mobile, instant: false, workingDays: 1, promisedDays: 5, finished: true,
                rating: .veryDissatisfied, appealUpheld: true),
            ServiceCaseFact(
                channel: .window, instant: false, workingDays: nil, promisedDays: 5, finished: false, rating: nil),
        ])
        #expect(figures.applications == 5)
        #expect(figures.onlineRate == 0.6)
        #expect(figures.instantRate == 0.25)
        #expect(figures.withinOneDayRate == 0.5)
        #expect(figures.withinPromiseRate == 0.75)
        #expect(figures.averageDays == 2.5)
        #expect(figures.rated == 3)
        #expect(figures.goodRate == 1.0 / 3.0)
        #expect(figures.satisfiedRate == 2.0 / 3.0)
        #expect(figures.fixRate == 1)
        #expect(ServiceFigures().goodRate == nil)
    }

    @Test func aCaseCanCarryItsOwnPromisedLimit() throws {
        let type = CaseType(
            code: "svc", name: "办件",
            states: [
                CaseState(code: "processing", name: "办理中", timeLimit: .workingDays(20)),
                CaseState(code: "done", name: "已办结", isFinal: true),
            ],
            transitions: [
                CaseTransition(code: "finish", name: "办结", from: ["processing"], to: "done", roles: [.zoneAdmin])
            ], initialState: "processing")
        let engine = try CaseEngine(calendar: try WorkCalendar.official(), types: [type])
        // Friday 2026-11-06: counting from the next day, the third working day is Wednesday 11-11.
        let opened = try engine.open(
            typeCode: "svc", by: CaseActor(id: "u", role: .zoneAdmin),
            at: LocalMoment(day: Day("2026-11-06")!, minuteOfDay: 600))
        let limited = try engine.withLimit(.workingDays(3), on: opened)
        #expect(limited.deadline?.day == Day("2026-11-11")!)
        #expect(opened.deadline?.day != limited.deadline?.day)
    }
}
