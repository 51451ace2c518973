/// A compiled rule: a tree of operations with their arguments already split out, `var` paths already
/// split, and literals already decoded, so evaluating a record does no parsing and no lookups by
/// operator name. `id` indexes the rule's `NodeInfo` table, used only when explaining.
struct Node: Sendable {
    let id: Int32
    let kind: Kind

    indirect enum Kind: Sendable {
        case literal(JSONValue)
        /// An array in the rule whose elements hold logic: evaluates to the array of their values.
        case list([Node])
        /// `{"var": ""}`: the whole current data (the record, or the element inside map/filter/…).
        case data
        /// A constant path at the top scope: `slot` indexes values pre-resolved by the batch matcher.
        case topVar(slot: Int, path: VarPath, fallback: Node?)
        /// A constant path inside map/filter/reduce/all/none/some, relative to the element.
        case scopedVar(path: VarPath, fallback: Node?)
        /// A path computed by logic at evaluation time.
        case dynamicVar(path: Node, fallback: Node?)
        case missing([Node])
        case missingSome(need: Node, keys: Node)
        case conditional([Node])
        case equal(Node, Node)
        case strictEqual(Node, Node)
        case notEqual(Node, Node)
        case strictNotEqual(Node, Node)
        case not(Node)
        case truthy(Node)
        case or([Node])
        case and([Node])
        case less(Node, Node, Node?)
        case lessOrEqual(Node, Node, Node?)
        case greater(Node, Node)
        case greaterOrEqual(Node, Node)
        /// `>`, `>=`, `<`, `<=` against a number literal: the common case, compared without boxing.
        case compareNumber(Comparison, Node, Double)
        case max([Node])
        case min([Node])
        case add([Node])
        case multiply([Node])
        case subtract(Node, Node?)
        case divide(Node, Node)
        case remainder(Node, Node)
        case map(Node, Node)
        case filter(Node, Node)
        case reduce(Node, Node, Node?)
        case all(Node, Node)
        case none(Node, Node)
        case some(Node, Node)
        case merge([Node])
        case contains(Node, Node)
        case cat([Node])
        case substr(Node, Node, Node?)
        case log(Node)
    }

    enum Comparison: Sendable {
        case less, lessOrEqual, greater, greaterOrEqual
    }
}

/// What a node was in the rule's source, kept beside the tree for explanations and messages.
struct NodeInfo: Sendable {
    /// The operator ("and", ">="), or "var", "value" for a literal, "array" for an array of logic.
    let op: String
    /// Where the node sits in the rule, as a JSON pointer ("/and/1/>=/0").
    let pointer: String
    /// The path of a constant `var`.
    let path: String?
    /// The node's own JSON, for catalogue look-ups of labelled expressions.
    let source: JSONValue
    /// How many arguments the rule gives the operator.
    let argumentCount: Int
    /// What the node does in an explanation, and where a comparison's number literal (compiled
    /// without a node of its own) sits: worked out once here, not at every explained evaluation.
    let role: ExplanationNode.Role
    let literalPointer: String

    init(op: String, pointer: String, path: String?, source: JSONValue, argumentCount: Int) {
        self.op = op
        self.pointer = pointer
        self.path = path
        self.source = source
        self.argumentCount = argumentCount
        role = ExplanationNode.role(of: op)
        literalPointer = pointer + "/" + RuleCompiler.token(op) + "/1"
    }
}
