import GaoxinCore
import Testing

@Suite struct CaseRatingTests: CaseFixtures {
    func answeredConsultation() throws -> CaseRecord {
        let open = try engine.open(typeCode: "consultation", by: company, at: moment("2026-03-02", 9, 0))
        return try engine.perform(
            "answer", on: open, by: staff, at: moment("2026-03-02", 15, 0),
            note: "已电话答复", assignee: scienceBureau)
    }

    @Test func requesterRatesOnceWithFacets() throws {
        let outcome = try engine.rate(
            try answeredConsultation(), by: company, level: .satisfied,
            facets: [.overall: 4, .efficiency: 5], comment: "回复及时", at: moment("2026-03-03", 9, 0))
        #expect(outcome.followUp == nil)
        #expect(outcome.record.rating?.level == .satisfied)
        #expect(outcome.record.rating?.facets[.efficiency] == 5)
        #expect(outcome.record.history.last?.kind == .rated)
        #expect(outcome.record.history.last?.note == "满意：回复及时")
        #expect(throws: CaseError.alreadyRated) {
            try engine.rate(outcome.record, by: company, level: .verySatisfied, at: moment("2026-03-04", 9, 0))
        }
    }

    @Test func negativeRatingAsksForAFollowUpToTheUnitThatHandledIt() throws {
        let outcome = try engine.rate(
            try answeredConsultation(), by: company, level: .dissatisfied,
            comment: "答非所问", at: moment("2026-03-03", 9, 0))
        let followUp = try #require(outcome.followUp)
        #expect(followUp.caseTypeCode == "rating_followup")
        #expect(followUp.handledBy == scienceBureau)
        #expect(followUp.reason == "“政策咨询”收到差评（不满意）：答非所问")
        // The caller opens it as an ordinary case, with a 1-working-day call-back limit.
        let opened = try engine.open(
            typeCode: followUp.caseTypeCode, by: admin, at: moment("2026-03-03", 9, 5), note: followUp.reason)
        #expect(opened.deadline?.day == day("2026-03-04"))
        #expect(RatingLevel.veryDissatisfied.isNegative)
        #expect(!RatingLevel.basicallySatisfied.isNegative)
        #expect(RatingLevel.allCases.map(\.label) == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"])
        #expect(RatingFacet.allCases.map(\.label) == ["整体满意度", "办事效率", "办事指南精确度", "办事便捷度", "平台操作性"])
    }

    @Test func onlyTheRequesterMayRate() throws {
        let record = try answeredConsultation()
        #expect(throws: CaseError.onlyRequesterMayRate) {
            try engine.rate(record, by: otherCompany, level: .satisfied, at: moment("2026-03-03", 9, 0))
        }
        #expect(throws: CaseError.onlyRequesterMayRate) {
            try engine.rate(record, by: staff, level: .verySatisfied, at: moment("2026-03-03", 9, 0))
        }
    }

    @Test func onlyClosedCasesOfRatedTypes() throws {
        let open = try engine.open(typeCode: "consultation", by: company, at: moment("2026-03-02", 9, 0))
        let error = #expect(throws: CaseError.self) {
            try engine.rate(open, by: company, level: .satisfied, at: moment("2026-03-02", 10, 0))
        }
        #expect(error?.message == "案件尚未办结（当前为“待答复”），办结后才能评价")

        var grid = try engine.open(typeCode: "grid_event", by: resident, at: moment("2026-03-02", 9, 0))
        grid = try engine.perform("reject", on: grid, by: admin, at: moment("2026-03-02", 9, 30), note: "不属于网格事项")
        #expect(throws: CaseError.ratingNotOffered(typeName: "网格事件")) {
            try engine.rate(grid, by: resident, level: .satisfied, at: moment("2026-03-02", 10, 0))
        }
    }

    @Test func facetScoresAreOneToFive() throws {
        let error = #expect(throws: CaseError.self) {
            try engine.rate(
                try answeredConsultation(), by: company, level: .satisfied, facets: [.usability: 6],
                at: moment("2026-03-03", 9, 0))
        }
        #expect(error?.message == "“平台操作性”评分应为1–5分，实际为6")
    }
}
