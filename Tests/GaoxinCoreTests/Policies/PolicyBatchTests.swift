import Foundation
import GaoxinCore
import Testing

/// The zone-wide matcher must agree with the one-enterprise matcher whose reasons users read.
@Suite struct PolicyBatchTests {
    static let today = Day("2026-11-25")!

    static let items: [PolicyBatch.Item] = [
        .init(
            id: 1, rule: ["and": [[">=": [["var": "rdRatio"], 0.04]], ["<=": [["var": "staff"], 500]]]],
            benefit: .fixed(amount: 20)),
        .init(id: 2, rule: ["in": ["high_tech", ["var": "certifications"]]], benefit: .none),
        .init(
            id: 3, rule: [">": [["var": "revenueGrowth"], 0.2]],
            benefit: .formula(try! JSONLogicRule(["*": [["var": "rdExpense"], 0.1]]), cap: 50)),
    ]

    static func input(_ id: Int64, revenue: [Double], rd: Double, staff: Double, highTech: Bool = false)
        -> PolicyBatch.Input
    {
        let years = revenue.enumerated().map { k, r in
            #"{"year":\#(2023 + k),"revenue":\#(r),"rdExpense":\#(rd),"staff":\#(staff)}"#
        }
        let certs =
            highTech
            ? [Certification(kind: .highTech, certifiedOn: Day("2024-12-01")!, expiresOn: Day("2027-11-30"))] : []
        return .init(enterpriseID: id, foundedOn: Day("2015-03-01"), yearsJSON: years, certifications: certs)
    }

    @Test func agreesWithThePerEnterpriseMatcher() throws {
        let inputs = [
            Self.input(1, revenue: [1000, 1100, 1500], rd: 80, staff: 100, highTech: true),  // 5.3%, growth 36%
            Self.input(2, revenue: [1000, 1000, 1000], rd: 30, staff: 100),  // 3%, no growth
            Self.input(3, revenue: [800], rd: 600, staff: 900),  // one year only
            PolicyBatch.Input(enterpriseID: 4),  // nothing reported
        ]
        let batch = try PolicyBatch(items: Self.items)
        let outcomes = batch.evaluate(inputs, today: Self.today, threads: 2)
        #expect(outcomes.map(\.enterpriseID) == [1, 2, 3, 4])
        let matcher = PolicyMatcher()
        let rules = try Self.items.map {
            PolicyMatcher.Item(id: $0.id, rule: try JSONLogicRule($0.rule), benefit: $0.benefit)
        }
        for (input, outcome) in zip(inputs, outcomes) {
            let (record, _) = PolicyBatch.record(input, today: Self.today)
            let single = matcher.match(enterpriseID: input.enterpriseID, record: record, items: rules).filter(
                \.eligible)
            #expect(outcome.eligible.map(\.itemID) == single.map(\.itemID))
            #expect(outcome.eligible.map(\.amount) == single.map(\.estimatedAmount))
        }
        #expect(outcomes[0].eligible.map(\.itemID) == [1, 2, 3])
        #expect(outcomes[0].eligible.last?.amount == 8)  // 80 × 10%, under the cap
        #expect(outcomes[0].factsYear == 2025)
        #expect(outcomes[1].eligible.isEmpty && outcomes[3].eligible.isEmpty)
        #expect(outcomes[3].factsYear == nil)
    }

    @Test func theDigestIsStableAndTellsOutcomesApart() {
        let a = [PolicyBatch.Eligible(itemID: 1, amount: 20), PolicyBatch.Eligible(itemID: 3, amount: nil)]
        #expect(PolicyBatch.digest(a) == PolicyBatch.digest(a))
        // Fixed across processes: the value is stored and compared on the next run.
        #expect(PolicyBatch.digest([]) == Int64(bitPattern: 0xcbf2_9ce4_8422_2325))
        #expect(PolicyBatch.digest(a) != PolicyBatch.digest([a[0]]))
        #expect(PolicyBatch.digest(a) != PolicyBatch.digest([a[0], .init(itemID: 3, amount: 0)]))
        #expect(PolicyBatch.digest(a) != PolicyBatch.digest([.init(itemID: 1, amount: 20.5), a[1]]))
    }

    @Test func aBadRuleNamesItsItem() {
        #expect(throws: BatchMatchError.self) {
            try PolicyBatch(items: [.init(id: 42, rule: ["nope": [1]], benefit: .none)])
        }
        do {
            _ = try PolicyBatch(items: [.init(id: 42, rule: ["nope": [1]], benefit: .none)])
        } catch {
            #expect(error.message.contains("条款 42"))
        }
    }

    @Test func emptyInputsGiveNoOutcomes() throws {
        #expect(try PolicyBatch(items: Self.items).evaluate([], today: Self.today).isEmpty)
        #expect(
            try PolicyBatch(items: []).evaluate([Self.input(1, revenue: [1], rd: 1, staff: 1)], today: Self.today)
                .first?.eligible == [])
    }
}
