import GaoxinCore
import Testing

@Suite struct RatingTallyTests {
    @Test func anUpheldAppealTakesTheBadRatingOutOfEveryFigure() {
        let facts = [
            RatingFact(level: .verySatisfied), RatingFact(level: .basicallySatisfied),
            RatingFact(level: .dissatisfied, followUpClosed: true),
            RatingFact(level: .veryDissatisfied, appealUpheld: true),
        ]
        let tally = RatingTally(facts)
        #expect(tally.rated == 3 && tally.excluded == 1)
        #expect(tally.good == 1 && tally.satisfied == 2 && tally.bad == 1 && tally.badFixed == 1)
        #expect(tally.goodRate == 1.0 / 3 && tally.fixRate == 1)
        // Without the appeal the same 差评 lowers the rates and the 整改率.
        let unappealed = RatingTally(facts.dropLast() + [RatingFact(level: .veryDissatisfied)])
        #expect(unappealed.rated == 4 && unappealed.goodRate == 0.25 && unappealed.fixRate == 0.5)
    }

    /// The dashboard counts by level in the database; the figures are those of the ratings one by one.
    @Test func countsByLevelTallyAsTheRatingsOneByOne() {
        let facts =
            Array(repeating: RatingFact(level: .verySatisfied), count: 7)
            + Array(repeating: RatingFact(level: .basicallySatisfied), count: 2)
            + Array(repeating: RatingFact(level: .dissatisfied, followUpClosed: true), count: 3)
            + [RatingFact(level: .dissatisfied), RatingFact(level: .veryDissatisfied, appealUpheld: true)]
            + [RatingFact(level: .veryDissatisfied)]
        let counted = RatingTally(
            rated: [.verySatisfied: 7, .basicallySatisfied: 2, .dissatisfied: 4, .veryDissatisfied: 2],
            upheld: [.veryDissatisfied: 1], fixed: [.dissatisfied: 3])
        #expect(counted == RatingTally(facts))
        #expect(counted.rated == 14 && counted.excluded == 1 && counted.bad == 5 && counted.badFixed == 3)
        #expect(RatingTally(rated: [:], upheld: [:], fixed: [:]) == RatingTally())
    }

    @Test func nothingRatedHasNoRates() {
        let tally = RatingTally([RatingFact(level: .dissatisfied, appealUpheld: true)])
        #expect(tally.goodRate == nil && tally.satisfiedRate == nil && tally.fixRate == nil)
    }
}
