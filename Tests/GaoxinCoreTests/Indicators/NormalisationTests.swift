import Foundation
import GaoxinCore
import Testing

/// Scores one indicator over a population through a one-indicator table, the way pages get them.
func normalised(
    _ values: [Double], _ method: Normalisation, _ direction: IndicatorDirection = .higherIsBetter
) throws -> [Double] {
    let table = try IndexTable(
        name: "单指标", dimensions: [IndexDimension(id: "d", name: "维度", weight: 1)],
        indicators: [
            IndexIndicator(id: "x", name: "指标", dimension: "d", weight: 1, direction: direction, normalisation: method)
        ])
    let subjects = values.enumerated().map { IndexSubject(id: "s\($0.offset)", values: ["x": $0.element]) }
    let evaluation = try table.evaluate(subjects)
    return subjects.map { evaluation.result(for: $0.id)!.indicators[0].normalised! }
}

@Suite struct NormalisationTests {
    @Test func minMaxSpreadsZeroToHundredAndReversesForLowerIsBetter() throws {
        #expect(try normalised([10, 20, 30], .minMax()) == [0, 50, 100])
        #expect(try normalised([10, 20, 30], .minMax(), .lowerIsBetter) == [100, 50, 0])
    }

    @Test func minMaxWithAllValuesEqualGivesTheTablesAllEqualScore() throws {
        #expect(try normalised([7, 7, 7], .minMax()) == [100, 100, 100])
        #expect(try normalised([7, 7, 7], .minMax(allEqualScore: 0)) == [0, 0, 0])
        #expect(try normalised([7], .minMax()) == [100])  // a population of one
    }

    @Test func percentileRanksShareTiedPlaces() throws {
        #expect(try normalised([1, 2, 2, 3], .percentileRank()) == [0, 50, 50, 100])
        // Four firms with no R&D and one with some: the four share the average of places 1–4.
        #expect(try normalised([0, 0, 0, 0, 5], .percentileRank()) == [37.5, 37.5, 37.5, 37.5, 100])
        #expect(try normalised([1, 2, 2, 3], .percentileRank(), .lowerIsBetter) == [100, 50, 50, 0])
        #expect(try normalised([4, 4], .percentileRank(allEqualScore: 50)) == [50, 50])
    }

    @Test func bandBoundariesGoToTheHigherBandUnlessTheTableSaysOtherwise() throws {
        // 科技型中小企业 tech-staff ratio: ≥30% 20 · ≥25% 16 · ≥20% 12 · ≥15% 8 · ≥10% 4 · else 0.
        let staff = try BandTable.atLeast([(0.30, 20), (0.25, 16), (0.20, 12), (0.15, 8), (0.10, 4)], outOf: 20)
        #expect(staff.points(for: 0.30) == 20)
        #expect(staff.points(for: 0.2999) == 16)
        #expect(staff.points(for: 0.10) == 4)
        #expect(staff.points(for: 0.0999) == 0)
        #expect(staff.score(for: 0.25) == 80)
        // 创新型中小企业 debt ratio: ≤55% 10 · 55–75% 5 · >75% 0: edges go to the lower band.
        let debt = try BandTable.atMost([(0.55, 10), (0.75, 5)], otherwise: 0, outOf: 10)
        #expect(debt.points(for: 0.55) == 10)
        #expect(debt.points(for: 0.5501) == 5)
        #expect(debt.points(for: 0.75) == 5)
        #expect(debt.points(for: 0.7501) == 0)
        #expect(try normalised([0.55, 0.80], .bands(debt)) == [100, 0])
    }

    @Test func badBandTablesAreRefused() {
        #expect(throws: IndexError.invalidBands(indicator: nil, problem: "各档下限应从低到高且不重复（0.2）")) {
            try BandTable([.init(from: nil, points: 0), .init(from: 0.3, points: 20), .init(from: 0.2, points: 10)])
        }
        #expect(throws: IndexError.invalidBands(indicator: nil, problem: "第一档应不设下限（覆盖最低的值）")) {
            try BandTable([.init(from: 0.1, points: 0)])
        }
        #expect(throws: IndexError.invalidBands(indicator: nil, problem: "分值 30.0 超出 0–20.0")) {
            try BandTable([.init(from: nil, points: 30)], outOf: 20)
        }
    }

    @Test func normalisationsReadAndWriteJSON() throws {
        let json =
            #"{"method":"bands","bands":[{"points":0},{"from":0.02,"points":10},{"from":0.06,"points":50}],"outOf":50}"#
        let decoded = try JSONDecoder().decode(Normalisation.self, from: Data(json.utf8))
        guard case .bands(let table) = decoded else {
            Issue.record("not bands")
            return
        }
        #expect(table.boundary == .higherBand)
        #expect(table.points(for: 0.06) == 50)
        let again = try JSONDecoder().decode(Normalisation.self, from: JSONEncoder().encode(decoded))
        #expect(again == decoded)
        #expect(
            try JSONDecoder().decode(Normalisation.self, from: Data(#"{"method":"percentileRank"}"#.utf8))
                == .percentileRank(allEqualScore: 100))
    }
}
