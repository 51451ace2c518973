/// A JSONLogic rule (jsonlogic.com), checked and compiled once, then evaluated against any number of
/// records. Results follow the reference implementation, json-logic-js: JavaScript's coercions for
/// `==`, `<`, arithmetic and strings, and JsonLogic truthiness (an empty array is false).
///
///     let rule = try JSONLogicRule(parsing: #"{">=": [{"var": "rd_ratio"}, 0.04]}"#)
///     rule.evaluate(["rd_ratio": 0.031])   // false
public struct JSONLogicRule: Sendable {
    /// The rule as given.
    public let source: JSONValue
    let root: Node
    let infos: [NodeInfo]
    /// Paths this rule's top-scope constant vars were given slots for (shared with sibling rules
    /// when compiled by the batch matcher).
    let slots: VarSlots
    /// Fields the rule reads from the record, in order of first use: every constant `var` path
    /// outside map/filter/reduce/all/none/some bodies (where `var` reads the element instead), and
    /// every literal key given to `missing`/`missing_some`. `""` (the whole record) is not listed.
    public let fieldPaths: [String]
    /// Whether some `var` path is computed by logic, so `fieldPaths` may not name every field read.
    public let usesComputedPaths: Bool

    /// Compiles a rule, or says in Chinese which part is wrong and why.
    public init(_ rule: JSONValue) throws(RuleCompileError) {
        var slots = VarSlots()
        try self.init(rule, sharing: &slots)
    }

    /// Parses JSON text and compiles it.
    public init(parsing text: String) throws(RuleCompileError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw RuleCompileError(pointer: "", reason: "不是有效的 JSON（\(error.description)）")
        }
        try self.init(json)
    }

    init(_ rule: JSONValue, sharing slots: inout VarSlots) throws(RuleCompileError) {
        var compiler = RuleCompiler(slots: slots)
        root = try compiler.compile(rule, at: "", depth: 0)
        slots = compiler.slots
        self.slots = compiler.slots
        source = rule
        infos = compiler.infos
        fieldPaths = compiler.fieldPaths
        usesComputedPaths = compiler.usesComputedPaths
    }

    /// The rule's value for `data`.
    public func evaluate(_ data: JSONValue) -> JSONValue {
        var observer = SilentObserver()
        return root.evaluate(data, &observer)
    }

    /// The rule's value for `data`, handing every value passed to `log` to `sink`.
    public func evaluate(_ data: JSONValue, log sink: (JSONValue) -> Void) -> JSONValue {
        withoutActuallyEscaping(sink) { sink in
            var observer = LoggingObserver(sink: sink)
            return root.evaluate(data, &observer)
        }
    }

    /// Whether the rule's value for `data` is truthy in JsonLogic's sense.
    public func isSatisfied(by data: JSONValue) -> Bool {
        JS.truthy(evaluate(data))
    }
}

/// JsonLogic's helpers that are not tied to one rule.
public enum JSONLogic {
    /// JsonLogic truthiness (jsonlogic.com/truthy): false, null, 0, NaN, "" and [] are false;
    /// everything else, including "0" and {}, is true.
    public static func truthy(_ value: JSONValue) -> Bool { JS.truthy(value) }

    /// Compiles and evaluates in one step, for one-off use.
    public static func apply(_ rule: JSONValue, to data: JSONValue = .null) throws(RuleCompileError) -> JSONValue {
        try JSONLogicRule(rule).evaluate(data)
    }
}
