import GaoxinCore
import Testing

@Suite("Rule compile errors")
struct CompileErrorTests {
    static func error(_ rule: JSONValue) -> RuleCompileError? {
        do {
            _ = try JSONLogicRule(rule)
            return nil
        } catch {
            return error
        }
    }

    @Test("an unknown operator is refused, pointing at its object")
    func unknownOperator() throws {
        let e = try #require(Self.error(["and": [true, ["fubar": [1]]]]))
        #expect(e.pointer == "/and/1")
        #expect(e.reason == "未知的运算符“fubar”")
        #expect(e.description == "规则 /and/1 处有误：未知的运算符“fubar”")
    }

    static let countCases: [(JSONValue, String, String)] = [
        (["and": [true, [">=": [1, 2, 3]]]], "/and/1/>=", "运算符“>=”需要 2 个参数，实际有 3 个"),
        (["-": [1, 2, 3]], "/-", "运算符“-”需要 1 到 2 个参数，实际有 3 个"),
        (["*": []], "/*", "运算符“*”至少需要 1 个参数，实际有 0 个"),
        (["or": []], "/or", "运算符“or”至少需要 1 个参数，实际有 0 个"),
        (["!": []], "/!", "运算符“!”需要 1 个参数，实际有 0 个"),
        (["some": [["var": "xs"]]], "/some", "运算符“some”需要 2 个参数，实际有 1 个"),
        (["if": [true, ["substr": ["abc"]]]], "/if/1/substr", "运算符“substr”需要 2 到 3 个参数，实际有 1 个"),
    ]

    @Test("a wrong argument count names the operator, the count needed and the count given", arguments: countCases)
    func argumentCount(_ rule: JSONValue, _ pointer: String, _ reason: String) throws {
        let e = try #require(Self.error(rule))
        #expect(e.pointer == pointer)
        #expect(e.reason == reason)
    }

    static let pathCases: [(JSONValue, String, String)] = [
        (["and": [[">=": [["var": true], 1]]]], "/and/0/>=/0/var", "布尔值"),
        (["var": [["a"], 0]], "/var/0", "数组"),
        (["var": ["a": 1, "b": 2]], "/var", "对象"),
    ]

    @Test("a var path that is not a string or index is refused at the path", arguments: pathCases)
    func varPath(_ rule: JSONValue, _ pointer: String, _ kind: String) throws {
        let e = try #require(Self.error(rule))
        #expect(e.pointer == pointer)
        #expect(e.reason == "var 的路径必须是字符串（或数组下标数字），这里是\(kind)")
    }

    @Test("an object with several operators is refused instead of being taken as data")
    func severalKeys() throws {
        let e = try #require(Self.error(["or": [["and": [true], "or": [false]]]]))
        #expect(e.pointer == "/or/0")
        #expect(e.reason.contains("只能有一个运算符"))
        #expect(e.reason.contains("“and”、“or”"))
    }

    @Test("pointer tokens escape / and ~ as RFC 6901 says")
    func pointerEscaping() throws {
        let e = try #require(Self.error(["/": [1, ["x~y": 2]]]))
        #expect(e.pointer == "/~1/1")
    }

    @Test("rule text that is not JSON says so")
    func notJSON() {
        #expect {
            _ = try JSONLogicRule(parsing: #"{"and": [true,]}"#)
        } throws: { error in
            (error as? RuleCompileError)?.reason.hasPrefix("不是有效的 JSON（第 1 行第 15 列") == true
        }
    }

    @Test("valid edge forms compile: empty if, var with no path, empty object literal, numeric path")
    func validEdges() throws {
        for rule: JSONValue in [["if": []], ["var": []], ["var": nil], ["==": [[:], 1]], ["var": 1], ["+": []]] {
            #expect(Self.error(rule) == nil, "\(rule)")
        }
    }
}
