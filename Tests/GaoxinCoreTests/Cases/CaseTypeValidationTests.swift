import Foundation
import GaoxinCore
import Testing

@Suite struct CaseTypeValidationTests: CaseFixtures {
    @Test func fixtureTypesAreValid() {
        #expect(consultationType.validationProblems().isEmpty)
        #expect(gridEventType.validationProblems().isEmpty)
        #expect(ratingFollowUpType.validationProblems().isEmpty)
    }

    @Test func reportsEveryProblemInChinese() {
        let broken = CaseType(
            code: "broken", name: "坏类型",
            states: [
                CaseState(code: "a", name: "开始", timeLimit: .workingDays(-1)),
                CaseState(code: "a", name: "重复"),
                CaseState(code: "island", name: "孤岛"),
                CaseState(code: "end", name: "结束", timeLimit: .workingDays(2), isFinal: true),
            ],
            transitions: [
                CaseTransition(code: "go", name: "前进", from: ["a"], to: "end", roles: [.zoneAdmin]),
                CaseTransition(code: "go", name: "再前进", from: ["ghost"], to: "nowhere", roles: []),
                CaseTransition(code: "reopen", name: "重开", from: ["end"], to: "a", roles: [.zoneAdmin]),
            ],
            initialState: "a")
        let problems = broken.validationProblems()
        let expected = [
            "状态编码“a”重复",
            "状态“开始”的时限不能为负数（-1）",
            "终态“结束”不应设置时限",
            "流转编码“go”重复",
            "流转“再前进”（go）的起始状态“ghost”不存在",
            "流转“再前进”（go）的目标状态“nowhere”不存在",
            "流转“再前进”（go）未指定可执行的角色",
            "流转“重开”（reopen）从终态“结束”出发：终态不能再流转",
            "状态“孤岛”（island）从初始状态无法到达",
            "状态“孤岛”不是终态，却没有可以离开的流转",
        ]
        for message in expected { #expect(problems.contains(message), "缺少：\(message)") }
    }

    @Test func needsAFinalStateAndAKnownInitialState() {
        let loop = CaseType(
            code: "loop", name: "循环", states: [CaseState(code: "a", name: "甲")],
            transitions: [CaseTransition(code: "again", name: "再来", from: ["a"], to: "a", roles: [.zoneAdmin])],
            initialState: "a")
        #expect(loop.validationProblems() == ["没有任何终态：案件将永远无法办结"])
        var unknownStart = loop
        unknownStart.initialState = "zzz"
        #expect(unknownStart.validationProblems().contains("初始状态“zzz”不存在"))
    }

    @Test func engineRefusesInvalidTypesAndDanglingFollowUps() {
        var bad = consultationType
        bad.initialState = "nope"
        let error = #expect(throws: CaseError.self) { try CaseEngine(calendar: officialCalendar, types: [bad]) }
        #expect(error?.message.hasPrefix("案件类型“consultation”定义有误：初始状态“nope”不存在") == true)
        #expect(throws: CaseError.unknownFollowUpType(typeCode: "consultation", followUp: "rating_followup")) {
            try CaseEngine(calendar: officialCalendar, types: [consultationType])
        }
        #expect(throws: CaseError.duplicateCaseType("grid_event")) {
            try CaseEngine(calendar: officialCalendar, types: [gridEventType, gridEventType])
        }
    }

    @Test func typesAreEditableJSON() throws {
        let json = """
            {"code": "demand", "name": "企业诉求", "initialState": "new",
             "states": [
               {"code": "new", "name": "待办理", "timeLimit": {"amount": 15, "unit": "workingDays"},
                "onOverdue": {"action": "escalate", "role": "zone_admin"}},
               {"code": "done", "name": "已办结", "isFinal": true}],
             "transitions": [
               {"code": "finish", "name": "办结", "from": ["new"], "to": "done", "roles": ["department_staff"],
                "requiresNote": true}],
             "rating": {"followUpCaseType": "rating_followup"}}
            """
        let type = try JSONDecoder().decode(CaseType.self, from: Data(json.utf8))
        #expect(type.validationProblems().isEmpty)
        #expect(type.states[0].timeLimit == .workingDays(15))
        #expect(type.states[0].onOverdue == .escalate(to: .zoneAdmin))
        #expect(type.states[1].onOverdue == .markOverdue)
        #expect(type.transitions[0].requiresAssignee == false)
        #expect(type.openRoles.isEmpty)
        for original in [type, consultationType, gridEventType] {
            #expect(try JSONDecoder().decode(CaseType.self, from: JSONEncoder().encode(original)) == original)
        }
        let badAction = Data(#"{"action": "explode"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OverdueAction.self, from: badAction) }
    }

    @Test func recordsRoundTripAsJSON() throws {
        let open = try engine.open(typeCode: "consultation", by: company, at: moment("2026-03-02", 9, 0), note: "问题")
        let answered = try engine.perform(
            "answer", on: open, by: staff, at: moment("2026-03-02", 15, 0), note: "答复",
            assignee: scienceBureau)
        let rated = try engine.rate(
            answered, by: company, level: .basicallySatisfied, facets: [.guideAccuracy: 3],
            at: moment("2026-03-03", 9, 0)
        ).record
        let data = try JSONEncoder().encode(rated)
        #expect(try JSONDecoder().decode(CaseRecord.self, from: data) == rated)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""guide_accuracy":3"#))  // facets are a JSON object, not a list
        #expect(text.contains(#""openedAt":"2026-03-02 09:00""#))
    }
}
