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

    @Test func nothingRatedHasNoRates() {
        let tally = RatingTally([RatingFact(level: .dissatisfied, appealUpheld: true)])
        #expect(tally.goodRate == nil && tally.satisfiedRate == nil && tally.fixRate == nil)
    }
}
