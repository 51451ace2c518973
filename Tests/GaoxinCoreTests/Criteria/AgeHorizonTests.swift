import GaoxinCore
import Testing

/// A new day re-ranks only the enterprises whose age can still change a result; these tests pin
/// down what "can still change" is read as, and that the results past it really stand.
@Suite struct AgeHorizonTests {
    private func horizon(_ rule: String) throws -> AgeHorizon { .of(try JSONLogicRule(parsing: rule)) }

    @Test func aComparisonWithANumberSettlesPastItsOwnSize() throws {
        // "≥ 365" holds for good from day 365, written either way round; "≤ 1825" fails by at least
        // its own size from 3650; "== 30" is false for good after day 30.
        #expect(try horizon(#"{">=": [{"var": "registeredDays"}, 365]}"#) == .settledAfter(366))
        #expect(try horizon(#"{"<=": [365, {"var": "registeredDays"}]}"#) == .settledAfter(366))
        #expect(try horizon(#"{">": [1825, {"var": "registeredDays"}]}"#) == .settledAfter(3651))
        #expect(try horizon(#"{"<=": [{"var": "registeredDays"}, 1825]}"#) == .settledAfter(3651))
        #expect(try horizon(#"{"==": [{"var": "registeredDays"}, 30]}"#) == .settledAfter(31))
        #expect(try horizon(#"{"<": [0, {"var": ["registeredDays", 0]}, 100]}"#) == .settledAfter(201))
        #expect(
            try horizon(
                #"{"and": [{">=": [{"var": "registeredDays"}, 365]}, {"<": [{"var": "registeredDays"}, 3000]}]}"#)
                == .settledAfter(6001))
    }

    @Test func anyOtherUseCountsEveryDay() throws {
        #expect(try horizon(#"{">=": [{"/": [{"var": "registeredDays"}, 365]}, 3]}"#) == .unbounded)
        #expect(try horizon(#"{">=": [{"var": "registeredDays"}, {"var": "staff"}]}"#) == .unbounded)
        #expect(try horizon(#"{"==": [{"var": "registeredDays"}, "365"]}"#) == .unbounded)
        #expect(try horizon(#"{"var": {"cat": ["registered", "Days"]}}"#) == .unbounded)
        #expect(try horizon(#"{">=": [{"var": "staff"}, 10]}"#) == .unread)
        // Whether it is there does not move with the days.
        #expect(try horizon(#"{"!": {"missing": ["registeredDays"]}}"#) == .unread)
    }

    @Test func theShippedCriteriaSettleAfterAYearAndTheInnovationPointsNeverReadTheAge() throws {
        #expect(try CriteriaFixtures.library().ageHorizon == .settledAfter(366))
        #expect(try InnovationPointsTable.bundled().ageHorizon == .unread)
    }

    /// Past the horizon an enterprise's verdicts, scores and closeness are the same on any later day
    /// of the year; before it they may differ.
    @Test func pastTheHorizonEveryResultStands() throws {
        let library = try CriteriaFixtures.library()
        func results(foundedDaysAgo days: Int, on today: Day, techStaff: Double = 20) -> [String] {
            var firm = CriteriaFixtures.highTechFirm()
            firm.profile.foundedOn = today.adding(days: -days)
            firm.current("techStaff", techStaff)
            let record = EnterpriseRecord.build(
                profile: firm.profile, years: firm.years, year: CriteriaFixtures.year, today: today)
            return library.criteria.map { criterion in
                let c = criterion.candidate(id: "1", result: criterion.evaluate(record, explaining: false))
                return "\(c.qualifies) \(c.rankedCloseness) \(c.partsMet)"
            }
        }
        let today = CriteriaFixtures.today
        for techStaff in [20.0, 8] {
            #expect(
                results(foundedDaysAgo: 367, on: today, techStaff: techStaff)
                    == results(foundedDaysAgo: 367 + 200, on: today, techStaff: techStaff))
        }
        // One day closer to a year: closer to qualifying.
        #expect(results(foundedDaysAgo: 300, on: today) != results(foundedDaysAgo: 301, on: today))
    }

    @Test func theDayDigestChangesOnlyWithWhatTheDayChanges() {
        let today = Day("2026-12-07")!
        let ages = AgeHorizon.settledAfter(731)
        func input(founded: String, expires: String? = nil) -> PolicyBatch.Input {
            PolicyBatch.Input(
                enterpriseID: 1, foundedOn: Day(founded), yearsJSON: [#"{"year":2025,"revenue":100}"#],
                certifications: [
                    Certification(
                        kind: .highTech, certifiedOn: Day("2024-11-01")!, expiresOn: expires.flatMap { Day($0) })
                ])
        }
        let old = input(founded: "2015-03-01")
        #expect(old.digest(on: today, ages: ages) == old.digest(on: today.adding(days: 20), ages: ages))
        // A young one's age still counts; so does a certification that lapses; so does a new year.
        let young = input(founded: "2025-12-01")
        #expect(young.digest(on: today, ages: ages) != young.digest(on: today.adding(days: 1), ages: ages))
        let lapsing = input(founded: "2015-03-01", expires: "2026-12-07")
        #expect(lapsing.digest(on: today, ages: ages) != lapsing.digest(on: today.adding(days: 1), ages: ages))
        #expect(old.digest(on: today, ages: ages) != old.digest(on: today.adding(days: 30), ages: ages))
        #expect(old.digest(on: today, ages: .unbounded) != old.digest(on: today.adding(days: 1), ages: .unbounded))
    }
}
