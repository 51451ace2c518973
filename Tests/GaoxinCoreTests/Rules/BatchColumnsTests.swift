import Testing

@testable import GaoxinCore

// @testable: RuleGenerator lives in the tests; the matcher is driven through its public API.
@Suite("Column-at-a-time batch matching")
struct BatchColumnsTests {
    /// Matches `records` as JSON lines through `load` and `match` (the line scanner and the column
    /// evaluator), and checks every pair against the rule evaluator on the parsed record.
    static func agree(rules: [JSONValue], records: [JSONValue]) throws {
        let matcher = try BatchMatcher(
            policies: .array(rules.enumerated().map { ["id": .string("P\($0.offset)"), "rule": $0.element] }))
        var text: [UInt8] = []
        var parsed: [JSONValue] = []
        for (k, record) in records.enumerated() {
            guard case .object(var o) = record else { continue }
            o["id"] = .string("E\(k)")
            var line: [UInt8] = []
            JSONWriter().write(.object(o), into: &line)
            // What the line says (JSON has no -0, for one) is what both evaluators see.
            parsed.append(try JSONParser.parse(line))
            text += line + [0x0A]
        }
        let batch = try text.withUnsafeBytes { try matcher.load(enterpriseLines: $0) }
        let result = matcher.match(batch)
        let compiled = try rules.map { try JSONLogicRule($0) }
        for (k, record) in parsed.enumerated() {
            for (p, rule) in compiled.enumerated() {
                #expect(
                    result.matches(enterprise: k, policy: p) == rule.isSatisfied(by: record),
                    "\(rules[p]) on \(record)")
            }
        }
    }

    @Test("fields of one type in every record: the columns agree with the rule evaluator")
    func typedRecords() throws {
        var generator = TypedRecords(seed: 20_261_206)
        let rules = (0..<150).map { _ in generator.rule() }
        // Over 256 records, so blocks are full; a few records break a column's type.
        let records = (0..<700).map { k in generator.record(odd: k % 97 == 13) }
        try Self.agree(rules: rules, records: records)
    }

    @Test("random rules and records of every type fall back where a column can't hold them")
    func randomRecords() throws {
        var generator = RuleGenerator(seed: 20_261_207)
        let rules = (0..<150).map { _ in generator.rule() }
        let records = (0..<300).map { _ in generator.record() }
        try Self.agree(rules: rules, records: records)
    }

    @Test("lines the scanner does not take (escapes, nesting, duplicate keys) are parsed in full")
    func unusualLines() throws {
        let policies: JSONValue = [
            ["id": "P1", "rule": ["==": [["var": "s"], "a\"b"]]],
            ["id": "P2", "rule": [">": [["var": "n"], 1]]],
            ["id": "P3", "rule": ["in": ["x", ["var": "xs"]]]],
        ]
        let lines = """
            {"id": "E1", "s": "a\\"b", "n": 2, "xs": ["x"]}
            {"id": "E2", "s": "ab", "n": 2, "n": 0, "xs": []}
            {"id": "E3", "o": {"k": [1, {"z": 2}]}, "n": 1e1, "xs": ["\\u0078"]}
            {"id": "E4", "s": "a\\"b", "n": -0.5, "xs": "x"}
            """
        #expect(
            try BatchMatcherTests.run(lines, policies: policies)
                == "E1\tP1\nE1\tP2\nE1\tP3\nE3\tP2\nE3\tP3\nE4\tP1\nE4\tP3\n")
    }

    @Test("a constant array with a number still finds the number among an enterprise's values")
    func numbersInConstantArrays() throws {
        let policies: JSONValue = [
            ["id": "P1", "rule": ["some": [["var": "xs"], ["in": [["var": ""], ["x", 1]]]]]],
            ["id": "P2", "rule": ["in": [["var": "s"], ["x", 1]]]],
        ]
        let lines = """
            {"id": "E1", "s": "x", "xs": [1]}
            {"id": "E2", "s": "y", "xs": ["y", "x"]}
            {"id": "E3", "s": "1", "xs": ["1"]}
            """
        #expect(try BatchMatcherTests.run(lines, policies: policies) == "E1\tP1\nE1\tP2\nE2\tP1\n")
    }
}

/// Rules over top-level fields of fixed types (numbers n1…n3, booleans b, strings s, string arrays
/// xs) with the operators the columns evaluate, and records that keep those types.
struct TypedRecords {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    mutating func record(odd: Bool) -> JSONValue {
        var o = JSONObject()
        for f in ["n1", "n2", "n3"] { o[f] = .number(pick([0, 1, -1, 2.5, 100, -0.0, 3, 1e9, 0.1])) }
        o["b"] = .bool(next(2) == 0)
        o["s"] = .string(pick(["a", "b", "c", "高新", "é"]))
        o["xs"] = .array((0..<next(4)).map { _ in .string(pick(["a", "b", "c", "高新", "é"])) })
        if odd {
            // One record whose fields have another type: its block is evaluated record by record.
            o[pick(["n1", "n2", "b", "s", "xs"])] = pick([.null, "1", .number(1), .array([]), .bool(true)])
            if next(2) == 0 { o["n3"] = nil }
        }
        return .object(o)
    }

    private mutating func number(_ depth: Int) -> JSONValue {
        if depth > 2 || next(3) == 0 {
            return next(3) == 0 ? .number(Double(next(7)) - 2) : ["var": .string(pick(["n1", "n2", "n3"]))]
        }
        let op = pick(["+", "*", "-", "/", "%", "max", "min"])
        let count = ["+", "*", "max", "min"].contains(op) ? 1 + next(3) : 2
        return [op: .array((0..<count).map { _ in number(depth + 1) })]
    }

    mutating func rule(_ depth: Int = 0) -> JSONValue {
        switch depth > 2 ? next(4) + 4 : next(10) {
        case 0, 1:
            return [pick(["and", "or"]): .array((0..<(1 + next(3))).map { _ in rule(depth + 1) })]
        case 2: return [pick(["!", "!!"]): [rule(depth + 1)]]
        case 3: return [pick(["!", "!!"]): [number(depth + 1)]]
        case 4, 5: return [pick([">", ">=", "<", "<="]): [number(depth + 1), number(depth + 1)]]
        case 6: return ["var": "b"]
        case 7: return [pick(["==", "===", "!=", "!=="]): [["var": "s"], .string(pick(["a", "高新", "é", "z"]))]]
        case 8:
            return next(2) == 0
                ? ["in": [.string(pick(["a", "高新", "é", "z"])), ["var": "xs"]]]
                : ["in": [["var": "s"], .array((0..<next(3)).map { _ in .string(pick(["a", "b", "é", "z"])) })]]
        default:
            return ["some": [["var": "xs"], ["in": [["var": ""], .array([.string(pick(["a", "高新"])), "c"])]]]]
        }
    }
}
