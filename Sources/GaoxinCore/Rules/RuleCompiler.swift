import Foundation

/// Turns rule JSON into a `Node` tree, checking every operator and argument count on the way.
/// Constant `var` paths at the top scope get slot numbers from `slots`; several rules compiled with
/// one `VarSlots` share slots, so the batch matcher resolves each field of a record once for all rules.
struct RuleCompiler {
    var slots: VarSlots
    private(set) var infos: [NodeInfo] = []
    /// Fields read at the top scope, in order of first use (constant `var` paths and `missing` keys).
    private(set) var fieldPaths: [String] = []
    private var seenPaths: Set<String> = []
    private(set) var usesComputedPaths = false

    init(slots: VarSlots) {
        self.slots = slots
    }

    struct Arity {
        let min: Int
        let max: Int?
    }

    static let arities: [String: Arity] = [
        "var": Arity(min: 0, max: 2), "missing": Arity(min: 0, max: nil), "missing_some": Arity(min: 2, max: 2),
        "if": Arity(min: 0, max: nil), "?:": Arity(min: 0, max: nil),
        "==": Arity(min: 2, max: 2), "===": Arity(min: 2, max: 2), "!=": Arity(min: 2, max: 2),
        "!==": Arity(min: 2, max: 2), "!": Arity(min: 1, max: 1), "!!": Arity(min: 1, max: 1),
        "or": Arity(min: 1, max: nil), "and": Arity(min: 1, max: nil),
        ">": Arity(min: 2, max: 2), ">=": Arity(min: 2, max: 2), "<": Arity(min: 2, max: 3),
        "<=": Arity(min: 2, max: 3),
        "max": Arity(min: 1, max: nil), "min": Arity(min: 1, max: nil),
        "+": Arity(min: 0, max: nil), "*": Arity(min: 1, max: nil), "-": Arity(min: 1, max: 2),
        "/": Arity(min: 2, max: 2), "%": Arity(min: 2, max: 2),
        "map": Arity(min: 2, max: 2), "filter": Arity(min: 2, max: 2), "reduce": Arity(min: 2, max: 3),
        "all": Arity(min: 2, max: 2), "none": Arity(min: 2, max: 2), "some": Arity(min: 2, max: 2),
        "merge": Arity(min: 0, max: nil), "in": Arity(min: 2, max: 2), "cat": Arity(min: 0, max: nil),
        "substr": Arity(min: 2, max: 3), "log": Arity(min: 1, max: 1),
    ]

    /// Escapes one reference token of a JSON pointer (RFC 6901).
    static func token(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private mutating func register(
        op: String, pointer: String, path: String? = nil, source: JSONValue, argumentCount: Int = 0
    ) -> Int32 {
        infos.append(NodeInfo(op: op, pointer: pointer, path: path, source: source, argumentCount: argumentCount))
        return Int32(infos.count - 1)
    }

    private mutating func noteField(_ path: String) {
        if seenPaths.insert(path).inserted { fieldPaths.append(path) }
    }

    /// `depth` counts enclosing map/filter/reduce/all/none/some bodies, where `var` reads the element.
    mutating func compile(_ json: JSONValue, at pointer: String, depth: Int) throws(RuleCompileError) -> Node {
        switch json {
        case .array(let items):
            var nodes: [Node] = []
            nodes.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                nodes.append(try compile(item, at: pointer + "/\(i)", depth: depth))
            }
            let id = register(op: "array", pointer: pointer, source: json, argumentCount: items.count)
            if nodes.allSatisfy({ if case .literal = $0.kind { true } else { false } }) {
                return Node(id: id, kind: .literal(json))
            }
            return Node(id: id, kind: .list(nodes))
        case .object(let object):
            if object.isEmpty {
                return Node(id: register(op: "value", pointer: pointer, source: json), kind: .literal(json))
            }
            guard object.count == 1, let (op, rawArgs) = object.entries.first else {
                let keys = object.keys.map { "“\($0)”" }.joined(separator: "、")
                throw RuleCompileError(
                    pointer: pointer, reason: "一个规则对象只能有一个运算符，这里有 \(object.count) 个键（\(keys)）")
            }
            return try compileOperation(op, rawArgs, source: json, at: pointer, depth: depth)
        default:
            return Node(id: register(op: "value", pointer: pointer, source: json), kind: .literal(json))
        }
    }

    private mutating func compileOperation(
        _ op: String, _ rawArgs: JSONValue, source: JSONValue, at pointer: String, depth: Int
    ) throws(RuleCompileError) -> Node {
        let opPointer = pointer + "/" + Self.token(op)
        guard let arity = Self.arities[op] else {
            throw RuleCompileError(pointer: pointer, reason: "未知的运算符“\(op)”")
        }
        // Unary sugar: {"var": "x"} means {"var": ["x"]}.
        let args: [JSONValue]
        let argPointers: [String]
        if case .array(let items) = rawArgs {
            args = items
            argPointers = items.indices.map { opPointer + "/\($0)" }
        } else {
            args = [rawArgs]
            argPointers = [opPointer]
        }
        if args.count < arity.min || arity.max.map({ args.count > $0 }) == true {
            let need: String
            switch arity.max {
            case nil: need = "至少需要 \(arity.min) 个参数"
            case arity.min: need = "需要 \(arity.min) 个参数"
            case let max?: need = "需要 \(arity.min) 到 \(max) 个参数"
            }
            throw RuleCompileError(pointer: opPointer, reason: "运算符“\(op)”\(need)，实际有 \(args.count) 个")
        }
        if op == "var" {
            return try compileVar(args, argPointers, source: source, at: pointer, depth: depth)
        }
        if op == "missing" || op == "missing_some", depth == 0 {
            for arg in args { collectFieldNames(arg) }
        }

        // Bodies of iterating operators see each element as their data.
        let bodyDepth: Int? =
            switch op {
            case "map", "filter", "reduce", "all", "none", "some": depth + 1
            default: nil
            }
        var a: [Node] = []
        a.reserveCapacity(args.count)
        for (i, arg) in args.enumerated() {
            let d = (i == 1 && bodyDepth != nil) ? bodyDepth! : depth
            a.append(try compile(arg, at: argPointers[i], depth: d))
        }
        let id = register(op: op, pointer: pointer, source: source, argumentCount: args.count)
        let third = a.count > 2 ? a[2] : nil
        let kind: Node.Kind
        switch op {
        case "missing": kind = .missing(a)
        case "missing_some": kind = .missingSome(need: a[0], keys: a[1])
        case "if", "?:": kind = .conditional(a)
        case "==": kind = .equal(a[0], a[1])
        case "===": kind = .strictEqual(a[0], a[1])
        case "!=": kind = .notEqual(a[0], a[1])
        case "!==": kind = .strictNotEqual(a[0], a[1])
        case "!": kind = .not(a[0])
        case "!!": kind = .truthy(a[0])
        case "or": kind = .or(a)
        case "and": kind = .and(a)
        case "<", "<=", ">", ">=":
            if a.count == 2, case .literal(.number(let limit)) = a[1].kind {
                let c: Node.Comparison =
                    switch op {
                    case "<": .less
                    case "<=": .lessOrEqual
                    case ">": .greater
                    default: .greaterOrEqual
                    }
                kind = .compareNumber(c, a[0], limit)
            } else {
                switch op {
                case "<": kind = .less(a[0], a[1], third)
                case "<=": kind = .lessOrEqual(a[0], a[1], third)
                case ">": kind = .greater(a[0], a[1])
                default: kind = .greaterOrEqual(a[0], a[1])
                }
            }
        case "max": kind = .max(a)
        case "min": kind = .min(a)
        case "+": kind = .add(a)
        case "*": kind = .multiply(a)
        case "-": kind = .subtract(a[0], a.count > 1 ? a[1] : nil)
        case "/": kind = .divide(a[0], a[1])
        case "%": kind = .remainder(a[0], a[1])
        case "map": kind = .map(a[0], a[1])
        case "filter": kind = .filter(a[0], a[1])
        case "reduce": kind = .reduce(a[0], a[1], third)
        case "all": kind = .all(a[0], a[1])
        case "none": kind = .none(a[0], a[1])
        case "some": kind = .some(a[0], a[1])
        case "merge": kind = .merge(a)
        case "in": kind = .contains(a[0], a[1])
        case "cat": kind = .cat(a)
        case "substr": kind = .substr(a[0], a[1], third)
        default: kind = .log(a[0])  // "log": the table above admits no other operator
        }
        return Node(id: id, kind: kind)
    }

    private mutating func compileVar(
        _ args: [JSONValue], _ argPointers: [String], source: JSONValue, at pointer: String, depth: Int
    ) throws(RuleCompileError) -> Node {
        let fallback: Node? = args.count > 1 ? try compile(args[1], at: argPointers[1], depth: depth) : nil
        guard let pathArg = args.first else {
            return Node(id: register(op: "var", pointer: pointer, path: "", source: source), kind: .data)
        }
        let text: String
        switch pathArg {
        case .null:
            return Node(id: register(op: "var", pointer: pointer, path: "", source: source), kind: .data)
        case .string(let s):
            text = s
        case .number(let n):
            text = JS.toString(.number(n))  // {"var": 1} reads element 1
        case .object(let o) where o.count == 1:
            usesComputedPaths = true
            let pathNode = try compile(pathArg, at: argPointers[0], depth: depth)
            let id = register(op: "var", pointer: pointer, source: source, argumentCount: args.count)
            return Node(id: id, kind: .dynamicVar(path: pathNode, fallback: fallback))
        default:
            throw RuleCompileError(
                pointer: argPointers[0], reason: "var 的路径必须是字符串（或数组下标数字），这里是\(pathArg.typeName)")
        }
        let id = register(op: "var", pointer: pointer, path: text, source: source, argumentCount: args.count)
        if text.isEmpty { return Node(id: id, kind: .data) }
        let path = VarPath(text)
        if depth > 0 { return Node(id: id, kind: .scopedVar(path: path, fallback: fallback)) }
        noteField(text)
        return Node(id: id, kind: .topVar(slot: slots.slot(for: path), path: path, fallback: fallback))
    }

    /// Field names given to `missing`/`missing_some` as literals (also inside merge/if), which the
    /// field listing must include; paths inside `var` register themselves.
    private mutating func collectFieldNames(_ json: JSONValue) {
        switch json {
        case .string(let s) where !s.isEmpty: noteField(s)
        case .array(let items): for item in items { collectFieldNames(item) }
        case .object(let o) where o.count == 1 && o["var"] == nil:
            for (_, v) in o { collectFieldNames(v) }
        default: break
        }
    }
}

/// The distinct constant top-scope `var` paths of one or more rules, numbered in order of first use.
struct VarSlots: Sendable {
    private(set) var paths: [VarPath] = []
    private var numbers: [String: Int] = [:]

    mutating func slot(for path: VarPath) -> Int {
        if let n = numbers[path.text] { return n }
        paths.append(path)
        numbers[path.text] = paths.count - 1
        return paths.count - 1
    }

    var count: Int { paths.count }

    /// Fills `values` with each path's value in `record`, and `present` with whether it was found
    /// (JavaScript's `undefined`, which selects a var's default, is absent, not null).
    /// `hints[i]` remembers where path i's first key was in the last record: lines from one export
    /// share their key order, so the first guess is nearly always right.
    func resolve(
        _ record: JSONValue, into values: UnsafeMutableBufferPointer<JSONValue>,
        present: UnsafeMutableBufferPointer<Bool>, hints: inout [Int]
    ) {
        guard case .object(let object) = record else {
            for (i, p) in paths.enumerated() {
                let v = p.resolve(in: record)
                values[i] = v ?? .null
                present[i] = v != nil
            }
            return
        }
        for (i, p) in paths.enumerated() {
            let first = p.components[0].key
            var position = hints[i]
            if position < 0 || position >= object.count || object.entries[position].key != first {
                position = object.position(of: first) ?? -1
                hints[i] = position
            }
            guard position >= 0 else {
                values[i] = .null
                present[i] = false
                continue
            }
            let top = object.entries[position].value
            if let v = p.resolve(in: top, from: 1) {
                values[i] = v
                present[i] = true
            } else {
                values[i] = .null
                present[i] = false
            }
        }
    }
}
