/// Why a rule gave its result for one record: every node that was evaluated, with the values it saw.
/// `and`/`or` explanations include every condition's outcome (the plain evaluation stops at the
/// deciding one), so a page can list all unmet conditions and rank near misses.
public struct RuleExplanation: Sendable {
    /// The rule's value, the same as `JSONLogicRule.evaluate` gives.
    public let result: JSONValue
    public let root: ExplanationNode

    /// Whether the result is truthy.
    public var satisfied: Bool { JSONLogic.truthy(result) }

    /// Every comparison against a number literal that was evaluated, in rule order: how far each
    /// value is from its threshold (see `ThresholdGap`).
    public var gaps: [ThresholdGap] { ThresholdGap.collect(from: root) }
}

/// One evaluated node of a rule.
public struct ExplanationNode: Sendable {
    public enum Role: Sendable, Equatable {
        /// ==, ===, !=, !==, <, <=, >, >=, in
        case comparison
        /// and, or
        case logic
        /// !, !!
        case negation
        /// if, ?:
        case condition
        /// map, filter, reduce, all, none, some
        case iteration
        /// var
        case variable
        /// a number, string, true/false, null or array written in the rule
        case literal
        /// arithmetic, min/max, cat, substr, merge, missing, log
        case computation
    }

    /// The operator: "and", ">=", "var"; "value" for a literal, "array" for an array of logic.
    public let op: String
    public let role: Role
    /// Where the node sits in the rule ("/and/1/>=").
    public let pointer: String
    /// For a `var` with a constant path: that path.
    public let path: String?
    /// The node's JSON in the rule.
    public let source: JSONValue
    /// What the node evaluated to.
    public let value: JSONValue
    /// The evaluated arguments, in order (for iterating operators: the array, then one body per element).
    public let children: [ExplanationNode]
    /// How many arguments the rule gives this operator.
    public let argumentCount: Int

    /// Whether the value is truthy: for a comparison, whether it held.
    public var held: Bool { JSONLogic.truthy(value) }

    /// For and/or: the child whose value decided the result (the first false for `and`, the first
    /// true for `or`, else the last).
    public var decidingChild: Int? {
        guard role == .logic, !children.isEmpty else { return nil }
        let stopAt = op == "or"
        return children.firstIndex { $0.held == stopAt } ?? children.count - 1
    }

    static func role(of op: String) -> Role {
        switch op {
        case "==", "===", "!=", "!==", "<", "<=", ">", ">=", "in": .comparison
        case "and", "or": .logic
        case "!", "!!": .negation
        case "if", "?:": .condition
        case "map", "filter", "reduce", "all", "none", "some": .iteration
        case "var": .variable
        case "value", "array": .literal
        default: .computation
        }
    }
}

/// Builds the explanation tree while a rule evaluates.
struct ExplainingObserver: EvaluationObserver {
    let infos: [NodeInfo]
    private var stack: [[ExplanationNode]] = [[]]

    init(infos: [NodeInfo]) { self.infos = infos }

    var evaluatesAllConditions: Bool { true }

    mutating func enter(_ id: Int32) { stack.append([]) }

    mutating func leave(_ id: Int32, _ value: JSONValue) {
        var children = stack.removeLast()
        let info = infos[Int(id)]
        let role = info.role
        // A comparison with a number literal is compiled without a node for the literal; show it anyway.
        if role == .comparison, children.count == 1, info.argumentCount == 2,
            case .object(let o) = info.source, case .array(let args)? = o.entries.first?.value
        {
            let literal = args[1]
            children.append(
                ExplanationNode(
                    op: "value", role: .literal, pointer: info.literalPointer,
                    path: nil, source: literal, value: literal, children: [], argumentCount: 0))
        }
        let node = ExplanationNode(
            op: info.op, role: role, pointer: info.pointer, path: info.path, source: info.source, value: value,
            children: children, argumentCount: info.argumentCount)
        stack[stack.count - 1].append(node)
    }

    mutating func log(_ value: JSONValue) {}

    var root: ExplanationNode? { stack.first?.last }
}

extension JSONLogicRule {
    /// Evaluates `data` and records why the result is what it is.
    public func explain(_ data: JSONValue) -> RuleExplanation {
        var observer = ExplainingObserver(infos: infos)
        let result = root.evaluate(data, &observer)
        return RuleExplanation(result: result, root: observer.root!)
    }
}
