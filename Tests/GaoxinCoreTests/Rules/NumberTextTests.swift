import Foundation
import Testing

@testable import GaoxinCore

/// Figures as the pages print them (`FieldCatalogue.decimal`): the short path must print what
/// rounding with `String(format:)` prints, for every number and number of places.
@Suite struct NumberTextTests {
    /// What `decimal` printed before its short path: C's rounding, trailing zeros dropped.
    static func printed(_ number: Double, _ places: Int) -> String {
        var text = String(format: "%.\(places)f", number)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    @Test func shortFiguresReadAsTheyWereTyped() {
        #expect(FieldCatalogue.decimal(3.1000000000000005, decimals: 2) == "3.1")
        #expect(FieldCatalogue.decimal(1234.5, decimals: 2) == "1234.5")
        #expect(FieldCatalogue.decimal(12, decimals: 2) == "12")
        #expect(FieldCatalogue.decimal(-0.0, decimals: 2) == "0")
        #expect(FieldCatalogue.decimal(-0.001, decimals: 2) == "0")
        #expect(FieldCatalogue.decimal(0.125, decimals: 2) == "0.12")  // a tie, to even as C rounds
        #expect(FieldCatalogue.decimal(2.675, decimals: 2) == "2.67")  // 2.67499999… in binary
        #expect(FieldCatalogue.decimal(0.00001, decimals: 6) == "0.00001")
        #expect(FieldCatalogue.decimal(1e15, decimals: 2) == "1000000000000000")
        #expect(FieldCatalogue.decimal(.infinity, decimals: 2) == "无穷大")
    }

    @Test func everyNumberPrintsAsCRoundsIt() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let places = Int.random(in: 0...8, using: &generator)
            let magnitude = Double.random(in: -8...12, using: &generator)
            var number = pow(10, magnitude) * (Bool.random(using: &generator) ? 1 : -1)
            // Half of them typed with a few places, as figures are; the rest any double.
            if Bool.random(using: &generator) {
                let typed = Double(Int.random(in: 0...4, using: &generator))
                number = (number * pow(10, typed)).rounded() / pow(10, typed)
            }
            #expect(
                FieldCatalogue.decimal(number, decimals: places) == Self.printed(number, places),
                "\(number) to \(places) places")
        }
    }
}
