import GaoxinCore
import Testing

@Suite("JsonLogic official test suite")
struct SpecSuiteTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let section: String
        let rule: JSONValue
        let data: JSONValue
        let expected: JSONValue
        var testDescription: String { "\(section): \(rule) on \(data)" }
    }

    static func cases() throws -> [Case] {
        guard case .array(let entries) = try FixtureFile.json("jsonlogic-tests.json") else { return [] }
        var section = ""
        var out: [Case] = []
        for entry in entries {
            switch entry {
            case .string(let s): section = s
            case .array(let t) where t.count == 3:
                out.append(Case(section: section, rule: t[0], data: t[1], expected: t[2]))
            default: break
            }
        }
        return out
    }

    @Test("the fixture holds the whole suite")
    func suiteIsComplete() throws {
        #expect(try Self.cases().count == 278)
    }

    @Test("every case gives the reference result", arguments: try cases())
    func referenceResult(_ c: Case) throws {
        let rule = try JSONLogicRule(c.rule)
        let result = rule.evaluate(c.data)
        // Compare as JSON text: that is what a caller sees, and it tells 1 from "1".
        #expect(result.jsonString() == c.expected.jsonString())
    }
}
