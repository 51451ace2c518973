import Foundation
import GaoxinCore
import Testing

@Suite struct GradeScaleTests {
    private let cutoffs = try! GradeScale(
        cutoffs: [GradeCutoff(grade: "良", minimum: 70), GradeCutoff(grade: "优", minimum: 85)], otherwise: "差")

    @Test func scoreCutoffsIncludeTheirBoundary() {
        let grades = cutoffs.grade(["a": 85, "b": 84.99, "c": 70, "d": 69.9, "e": 84.999_999_999_7])
        let byName = Dictionary(uniqueKeysWithValues: grades.map { ($0.subject, $0.grade) })
        #expect(byName == ["a": "优", "b": "良", "c": "良", "d": "差", "e": "优"])
        #expect(cutoffs.grades == ["优", "良", "差"])
    }

    @Test func rankSharesFollowTheJiaxingCount() throws {
        // 136 综合体, top 15% 优: ⌊20.4⌋ = 20 (the 2022 result), next 35% 良.
        let scale = try GradeScale(
            shares: [GradeShare(grade: "优", share: 0.15), GradeShare(grade: "良", share: 0.35)], otherwise: "差")
        let scores = Dictionary(uniqueKeysWithValues: (1...136).map { ("综合体\($0)", Double($0)) })
        let grades = scale.grade(scores)
        #expect(grades.count { $0.grade == "优" } == 20)
        #expect(grades.count { $0.grade == "良" } == 48)
        #expect(grades.count { $0.grade == "差" } == 68)
        #expect(grades.first?.subject == "综合体136" && grades.first?.grade == "优")
    }

    @Test func tiesOnAShareEdgeAreTreatedAlike() throws {
        // Ten subjects, 15% → one 优 place; the top two tie.
        let scores = Dictionary(
            uniqueKeysWithValues: (1...8).map { ("s\($0)", Double($0)) } + [("top1", 95.0), ("top2", 95.0)])
        let shares = [GradeShare(grade: "优", share: 0.15), GradeShare(grade: "良", share: 0.35)]

        let strict = try GradeScale(shares: shares, otherwise: "差").grade(scores)
        #expect(strict.prefix(2).map(\.grade) == ["良", "良"])  // the share is a ceiling: neither gets 优
        #expect(strict.prefix(2).map(\.rank) == [1, 1])
        #expect(strict.count { $0.grade == "良" } == 5)

        let generous = try GradeScale(shares: shares, otherwise: "差", ties: .extendShare).grade(scores)
        #expect(generous.prefix(2).map(\.grade) == ["优", "优"])
        #expect(generous.count { $0.grade == "良" } == 3)
    }

    @Test func badScalesAreRefused() {
        #expect(throws: IndexError.invalidGradeScale("各等次比例之和为 110.0%，超过 100%")) {
            try GradeScale(
                shares: [GradeShare(grade: "优", share: 0.6), GradeShare(grade: "良", share: 0.5)], otherwise: "差")
        }
        #expect(throws: IndexError.invalidGradeScale("等次名称有重复")) {
            try GradeScale(cutoffs: [GradeCutoff(grade: "差", minimum: 60)], otherwise: "差")
        }
        #expect(throws: IndexError.invalidGradeScale("「优」和「良」的分数线相同")) {
            try GradeScale(
                cutoffs: [GradeCutoff(grade: "优", minimum: 80), GradeCutoff(grade: "良", minimum: 80)], otherwise: "差")
        }
    }

    @Test func scalesReadAndWriteJSON() throws {
        let json = #"{"method":"rankShares","shares":[{"grade":"优","share":0.15}],"otherwise":"良"}"#
        let scale = try JSONDecoder().decode(GradeScale.self, from: Data(json.utf8))
        #expect(scale.rule == .rankShares([GradeShare(grade: "优", share: 0.15)], ties: .keepWithinShare))
        #expect(try JSONDecoder().decode(GradeScale.self, from: JSONEncoder().encode(cutoffs)) == cutoffs)
    }

    @Test func anEvaluationCanBeGraded() throws {
        let table = try IndexTable(
            name: "t", dimensions: [IndexDimension(id: "d", name: "d", weight: 1)],
            indicators: [IndexIndicator(id: "x", name: "x", dimension: "d", weight: 1)])
        let evaluation = try table.evaluate([
            IndexSubject(id: "a", values: ["x": 100]), IndexSubject(id: "b", values: ["x": 80]),
            IndexSubject(id: "c", values: ["x": 0]),
        ])
        #expect(evaluation.grades(by: cutoffs).map(\.grade) == ["优", "良", "差"])  // 100, 80, 0
    }
}
