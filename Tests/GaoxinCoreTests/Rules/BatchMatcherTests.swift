import Testing

@testable import GaoxinCore

// @testable: the agreement tests call BatchMatcher.holds(record:), the batch evaluator on one record.
@Suite("Batch matching of enterprises against policies")
struct BatchMatcherTests {
    static let policies: JSONValue = [
        [
            "id": "P2", "name": "研发补助",
            "rule": [">=": [["/": [["var": "rd"], ["max": [["var": "revenue"], 1]]]], 0.04]],
        ],
        ["id": "P1", "name": "高企奖励", "rule": ["in": ["高新技术企业", ["var": "certs"]]]],
        [
            "id": "P10", "name": "园区政策",
            "rule": ["and": [["in": [["var": "district"], ["禅城园", "南海园"]]], ["!": ["var": "listed"]]]],
        ],
    ]

    static func run(_ lines: String, policies: JSONValue = policies, threads: Int = 0) throws -> String {
        let matcher = try BatchMatcher(policies: policies)
        var bytes = Array(lines.utf8)
        let batch = try bytes.withUnsafeMutableBytes {
            try matcher.load(enterpriseLines: UnsafeRawBufferPointer($0), threads: threads)
        }
        return String(decoding: matcher.match(batch, threads: threads).tsv(), as: UTF8.self)
    }

    @Test("a small workload gives the sorted id pairs of every truthy rule")
    func smallWorkload() throws {
        let lines = """
            {"id": "E10", "rd": 50, "revenue": 1000, "certs": ["高新技术企业"], "district": "禅城园", "listed": false}
            {"id": "E2", "rd": 10, "revenue": 1000, "certs": [], "district": "三水园"}

            {"id": "E1", "rd": 0, "revenue": 0, "certs": ["专精特新", "高新技术企业"], "district": "南海园", "listed": true}
            """
        // Lines sort as text: "E1\t…" before "E10\t…" (tab sorts before digits), "P1" < "P10" < "P2".
        #expect(try Self.run(lines) == "E1\tP1\nE10\tP1\nE10\tP10\nE10\tP2\n")
    }

    @Test("one core and all cores give the same file")
    func threadsAgree() throws {
        var lines = ""
        for i in 0..<1000 {
            let certs = i % 3 == 0 ? #""高新技术企业""# : ""
            let district = i % 2 == 0 ? "禅城园" : "高明园"
            lines +=
                #"{"id": "E\#(i)", "rd": \#(i % 70), "revenue": 1000, "certs": [\#(certs)], "district": "\#(district)"}"#
            lines += "\n"
        }
        let one = try Self.run(lines, threads: 1)
        #expect(one == (try Self.run(lines, threads: 0)))
        #expect(one.split(separator: "\n").count > 500)
    }

    @Test("ids print as Python prints them: ints as written, floats with .0, True/None")
    func pythonIds() throws {
        let lines = """
            {"id": 7, "certs": ["高新技术企业"]}
            {"id": 7.0, "certs": ["高新技术企业"]}
            {"id": 12345678901234567890, "certs": ["高新技术企业"]}
            {"id": 1e3, "certs": ["高新技术企业"]}
            {"id": true, "certs": ["高新技术企业"]}
            {"id": null, "certs": ["高新技术企业"]}
            """
        let policies: JSONValue = [["id": 1, "rule": ["in": ["高新技术企业", ["var": "certs"]]]]]
        #expect(
            try Self.run(lines, policies: policies)
                == "1000.0\t1\n12345678901234567890\t1\n7\t1\n7.0\t1\nNone\t1\nTrue\t1\n")
    }

    @Test("repeated ids interleave by policy; ids with bytes below TAB sort as whole lines")
    func unusualIds() throws {
        let policies: JSONValue = [["id": "B", "rule": true], ["id": "A", "rule": ["var": "a"]]]
        let dup = """
            {"id": "X", "a": 0}
            {"id": "X", "a": 1}
            """
        #expect(try Self.run(dup, policies: policies) == "X\tA\nX\tB\nX\tB\n")
        let control = """
            {"id": "K"}
            {"id": "K\\u0001"}
            """
        #expect(try Self.run(control, policies: [["id": "P", "rule": true]]) == "K\u{1}\tP\nK\tP\n")
    }

    @Test("no match at all writes a single newline, like the reference")
    func nothingMatches() throws {
        #expect(try Self.run(#"{"id": "E1"}"#, policies: [["id": "P", "rule": false]]) == "\n")
    }

    static let badInputs: [(String, JSONValue, String)] = [
        ("{\"id\": \"E1\"}\n{\"id\": \"E2\",}\n", BatchMatcherTests.policies, "第 2 行第 13 列不是有效的 JSON：对象的键必须是带双引号的字符串"),
        ("{\"id\": \"E1\"}\n\n[1, 2]\n", BatchMatcherTests.policies, "第 3 行应为 JSON 对象，实际是数组"),
        ("{\"name\": \"x\"}\n", BatchMatcherTests.policies, "第 1 行缺少 id 字段"),
        ("{\"id\": 1}\n", [["id": "P9", "rule": ["and": [[">": [1]]]]]] as JSONValue, "政策 P9 的规则有误：规则 /and/0/> 处有误"),
        ("{\"id\": 1}\n", ["id": "P9"] as JSONValue, "政策文件应为 JSON 数组"),
        ("{\"id\": 1}\n", [["id": "P9"]] as JSONValue, "政策 P9 缺少 rule"),
    ]

    @Test("bad input is refused with the line or the policy named", arguments: badInputs)
    func errors(_ lines: String, _ policies: JSONValue, _ message: String) {
        #expect {
            _ = try Self.run(lines, policies: policies)
        } throws: { error in
            (error as? BatchMatchError)?.message.contains(message) == true
        }
    }

    @Test("the batch evaluator agrees with the rule evaluator on the spec suite and the coercion cases")
    func batchAgreesOnFixtures() throws {
        let cases =
            try SpecSuiteTests.cases().map { ($0.rule, $0.data) } + CoercionTests.cases().map { ($0.rule, $0.data) }
        let policies = JSONValue.array(
            cases.enumerated().map { ["id": .number(Double($0.offset)), "rule": $0.element.0] })
        let matcher = try BatchMatcher(policies: policies)
        for (i, (rule, data)) in cases.enumerated() {
            let expected = JSONLogic.truthy(try JSONLogicRule(rule).evaluate(data))
            #expect(matcher.holds(record: data)[i] == expected, "\(rule) on \(data)")
        }
    }

    @Test("the batch evaluator agrees with the rule evaluator on random rules and records")
    func batchAgreesOnRandomRules() throws {
        var generator = RuleGenerator(seed: 20261125)
        let rules = (0..<400).map { _ in generator.rule() }
        let matcher = try BatchMatcher(policies: .array(rules.map { ["id": "P", "rule": $0] }))
        let compiled = try rules.map { try JSONLogicRule($0) }
        for _ in 0..<60 {
            let record = generator.record()
            let fast = matcher.holds(record: record)
            for (i, rule) in compiled.enumerated() {
                #expect(fast[i] == rule.isSatisfied(by: record), "\(rules[i]) on \(record)")
            }
        }
    }
}

/// Random rules over a small set of fields with values of every JSON type.
struct RuleGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    mutating func scalar() -> JSONValue {
        pick([nil, true, false, 0, 1, -1, 2.5, "", "0", "1", "abc", " 12 ", "高新", [], [1], [1, 2], ["a"], [:]])
    }

    mutating func record() -> JSONValue {
        var o = JSONObject()
        for f in ["a", "b", "n", "s"] where next(5) > 0 { o[f] = scalar() }
        o["xs"] = pick([[1, 2, 3], ["a", "b"], [], [0, "", nil], [["q": 1], ["q": 2]], "abc", nil])
        o["o"] = ["x": scalar(), "y": ["z": scalar()]]
        return .object(o)
    }

    private mutating func variable() -> JSONValue {
        let path: JSONValue = pick([
            "a", "b", "n", "s", "xs", "o.x", "o.y.z", "xs.0", "xs.length", "s.length", "", "no.where",
        ])
        return next(4) == 0 ? ["var": [path, scalar()]] : ["var": path]
    }

    mutating func rule(_ depth: Int = 0) -> JSONValue {
        if depth > 3 || next(4) == 0 { return next(3) == 0 ? scalar() : variable() }
        switch next(10) {
        case 0...3:
            let op = pick(["==", "===", "!=", "!==", ">", ">=", "<", "<=", "/", "%", "in", "-"])
            return [op: [rule(depth + 1), next(2) == 0 ? .number(Double(next(5))) : rule(depth + 1)]]
        case 4:
            return [pick(["<", "<="]): [rule(depth + 1), rule(depth + 1), rule(depth + 1)]]
        case 5, 6:
            let op = pick(["and", "or", "+", "*", "max", "min", "cat", "merge", "if"])
            return [op: .array((0...next(3)).map { _ in rule(depth + 1) })]
        case 7:
            return [pick(["!", "!!", "-"]): [rule(depth + 1)]]
        case 8:
            let op = pick(["some", "all", "none", "filter", "map"])
            return [op: [pick([["var": "xs"], [1, 2, 3], ["var": "s"]]), rule(depth + 2)]]
        default:
            return pick([
                ["missing": ["a", "zz"]], ["missing_some": [1, ["a", "b", "zz"]]],
                ["substr": [rule(depth + 1), .number(Double(next(5) - 2))]],
                ["reduce": [["var": "xs"], ["+": [["var": "current"], ["var": "accumulator"]]], 0]],
            ])
        }
    }
}
