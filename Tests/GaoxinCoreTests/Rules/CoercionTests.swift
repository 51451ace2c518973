import GaoxinCore
import Testing

@Suite("JavaScript coercion edge cases")
struct CoercionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: JSONValue
        let data: JSONValue
        let expected: JSONValue
        var testDescription: String { "\(rule) on \(data)" }
    }

    static func cases() throws -> [Case] {
        guard case .array(let rows) = try FixtureFile.json("jsonlogic-coercion.json") else { return [] }
        return rows.compactMap { row in
            guard case .array(let t) = row, t.count == 3 else { return nil }
            return Case(rule: t[0], data: t[1], expected: t[2])
        }
    }

    @Test("each edge case gives what json-logic-js gives", arguments: try cases())
    func matchesReference(_ c: Case) throws {
        #expect(try JSONLogicRule(c.rule).evaluate(c.data).jsonString() == c.expected.jsonString())
    }

    @Test("a string compared with a number is compared as a number, two strings as text")
    func mixedComparison() throws {
        #expect(try JSONLogic.apply([">": ["10", 9]]) == true)
        #expect(try JSONLogic.apply([">": ["10", "9"]]) == false)
    }

    @Test("a reduce start value may itself be logic (the reference would use the raw object)")
    func reduceStartIsEvaluated() throws {
        let rule: JSONValue = [
            "reduce": [["var": "xs"], ["+": [["var": "current"], ["var": "accumulator"]]], ["var": "start"]]
        ]
        #expect(try JSONLogic.apply(rule, to: ["xs": [1, 2], "start": 10]) == 13)
    }

    @Test("log hands its value to the sink and passes it on")
    func logging() throws {
        var seen: [JSONValue] = []
        let rule = try JSONLogicRule(["+": [["log": [["var": "a"]]], 1]])
        let result = rule.evaluate(["a": 2]) { seen.append($0) }
        #expect(result == 3)
        #expect(seen == [2])
    }

    @Test("truthiness follows the JsonLogic table: [] and \"\" are false, \"0\" and {} are true")
    func truthiness() {
        #expect(!JSONLogic.truthy([]))
        #expect(!JSONLogic.truthy(""))
        #expect(!JSONLogic.truthy(0))
        #expect(!JSONLogic.truthy(.number(.nan)))
        #expect(!JSONLogic.truthy(nil))
        #expect(JSONLogic.truthy("0"))
        #expect(JSONLogic.truthy([0]))
        #expect(JSONLogic.truthy([:]))
    }
}
