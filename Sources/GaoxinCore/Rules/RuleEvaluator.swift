/// Watches an evaluation node by node. The plain evaluation uses an observer whose methods are empty,
/// and generic specialisation removes them, so explaining costs nothing when it is not asked for.
protocol EvaluationObserver {
    /// Evaluate the arguments of and/or after the deciding one too (for explanations: every
    /// condition's outcome, not just the first that failed). The result is unchanged.
    var evaluatesAllConditions: Bool { get }
    mutating func enter(_ id: Int32)
    mutating func leave(_ id: Int32, _ value: JSONValue)
    mutating func log(_ value: JSONValue)
}

struct SilentObserver: EvaluationObserver {
    var evaluatesAllConditions: Bool { false }
    @inline(__always) mutating func enter(_ id: Int32) {}
    @inline(__always) mutating func leave(_ id: Int32, _ value: JSONValue) {}
    @inline(__always) mutating func log(_ value: JSONValue) {}
}

struct LoggingObserver: EvaluationObserver {
    let sink: (JSONValue) -> Void
    var evaluatesAllConditions: Bool { false }
    @inline(__always) mutating func enter(_ id: Int32) {}
    @inline(__always) mutating func leave(_ id: Int32, _ value: JSONValue) {}
    mutating func log(_ value: JSONValue) { sink(value) }
}

extension Node {
    /// Evaluates against `data`, the record at the top scope or the element inside an iterating body.
    @inline(__always)
    func evaluate<O: EvaluationObserver>(_ data: JSONValue, _ o: inout O) -> JSONValue {
        o.enter(id)
        let value = evaluateKind(data, &o)
        o.leave(id, value)
        return value
    }

    private func values<O: EvaluationObserver>(
        _ nodes: [Node], _ data: JSONValue, _ o: inout O
    ) -> [JSONValue] {
        var out: [JSONValue] = []
        out.reserveCapacity(nodes.count)
        for n in nodes { out.append(n.evaluate(data, &o)) }
        return out
    }

    private func evaluateKind<O: EvaluationObserver>(
        _ data: JSONValue, _ o: inout O
    ) -> JSONValue {
        switch kind {
        case .literal(let v):
            return v
        case .list(let items):
            return .array(values(items, data, &o))
        case .data:
            return data
        case .topVar(_, let path, let fallback):
            // The batch matcher reads slots itself (BatchProgram); here the path is walked.
            if let found = path.resolve(in: data) { return found }
            return fallback?.evaluate(data, &o) ?? .null
        case .scopedVar(let path, let fallback):
            if let found = path.resolve(in: data) { return found }
            return fallback?.evaluate(data, &o) ?? .null
        case .dynamicVar(let pathNode, let fallback):
            let p = pathNode.evaluate(data, &o)
            switch p {
            case .null: return data
            case .string(let s) where s.isEmpty: return data
            default: break
            }
            if let found = VarPath(JS.toString(p)).resolve(in: data) { return found }
            return fallback?.evaluate(data, &o) ?? .null
        case .missing(let args):
            return .array(Self.missingKeys(values(args, data, &o), in: data))
        case .missingSome(let needNode, let keysNode):
            let need = needNode.evaluate(data, &o)
            let keys = keysNode.evaluate(data, &o)
            let listed: [JSONValue]
            let length: Double
            switch keys {
            case .array(let items):
                listed = items
                length = Double(items.count)
            case .string(let s):
                listed = [keys]
                length = Double(s.utf16.count)
            default:
                listed = [keys]
                length = .nan
            }
            let missing = Self.missingKeys(listed, in: data)
            return JS.greaterOrEqual(.number(length - Double(missing.count)), need) ? .array([]) : .array(missing)
        case .conditional(let args):
            var i = 0
            while i < args.count - 1 {
                if JS.truthy(args[i].evaluate(data, &o)) { return args[i + 1].evaluate(data, &o) }
                i += 2
            }
            return i == args.count - 1 ? args[i].evaluate(data, &o) : .null
        case .equal(let a, let b):
            return .bool(JS.looseEquals(a.evaluate(data, &o), b.evaluate(data, &o)))
        case .strictEqual(let a, let b):
            return .bool(JS.strictEquals(a.evaluate(data, &o), b.evaluate(data, &o)))
        case .notEqual(let a, let b):
            return .bool(!JS.looseEquals(a.evaluate(data, &o), b.evaluate(data, &o)))
        case .strictNotEqual(let a, let b):
            return .bool(!JS.strictEquals(a.evaluate(data, &o), b.evaluate(data, &o)))
        case .not(let a):
            return .bool(!JS.truthy(a.evaluate(data, &o)))
        case .truthy(let a):
            return .bool(JS.truthy(a.evaluate(data, &o)))
        case .or(let args):
            // Returns the deciding value itself, not a boolean, like the reference.
            var current = JSONValue.null
            for (i, a) in args.enumerated() {
                current = a.evaluate(data, &o)
                if JS.truthy(current) {
                    if o.evaluatesAllConditions { Self.rest(args, after: i, data, &o) }
                    return current
                }
            }
            return current
        case .and(let args):
            var current = JSONValue.null
            for (i, a) in args.enumerated() {
                current = a.evaluate(data, &o)
                if !JS.truthy(current) {
                    if o.evaluatesAllConditions { Self.rest(args, after: i, data, &o) }
                    return current
                }
            }
            return current
        case .compareNumber(let c, let a, let limit):
            let v = a.evaluate(data, &o)
            if case .number(let x) = v {
                switch c {
                case .less: return .bool(x < limit)
                case .lessOrEqual: return .bool(x <= limit)
                case .greater: return .bool(x > limit)
                case .greaterOrEqual: return .bool(x >= limit)
                }
            }
            let l = JSONValue.number(limit)
            switch c {
            case .less: return .bool(JS.less(v, l))
            case .lessOrEqual: return .bool(JS.lessOrEqual(v, l))
            case .greater: return .bool(JS.greater(v, l))
            case .greaterOrEqual: return .bool(JS.greaterOrEqual(v, l))
            }
        case .less(let a, let b, let c):
            let x = a.evaluate(data, &o)
            let y = b.evaluate(data, &o)
            guard let c else { return .bool(JS.less(x, y)) }
            let z = c.evaluate(data, &o)  // the reference evaluates all three before comparing
            return .bool(JS.less(x, y) && JS.less(y, z))
        case .lessOrEqual(let a, let b, let c):
            let x = a.evaluate(data, &o)
            let y = b.evaluate(data, &o)
            guard let c else { return .bool(JS.lessOrEqual(x, y)) }
            let z = c.evaluate(data, &o)
            return .bool(JS.lessOrEqual(x, y) && JS.lessOrEqual(y, z))
        case .greater(let a, let b):
            return .bool(JS.greater(a.evaluate(data, &o), b.evaluate(data, &o)))
        case .greaterOrEqual(let a, let b):
            return .bool(JS.greaterOrEqual(a.evaluate(data, &o), b.evaluate(data, &o)))
        case .max(let args):
            return .number(Self.extreme(args, data, &o, max: true))
        case .min(let args):
            return .number(Self.extreme(args, data, &o, max: false))
        case .add(let args):
            var sum = 0.0
            for a in args { sum += JS.parseFloat(a.evaluate(data, &o)) }
            return .number(sum)
        case .multiply(let args):
            // reduce() without a start value: one argument comes back untouched, even a string.
            let first = args[0].evaluate(data, &o)
            if args.count == 1 { return first }
            var product = JS.parseFloat(first)
            for a in args.dropFirst() { product *= JS.parseFloat(a.evaluate(data, &o)) }
            return .number(product)
        case .subtract(let a, let b):
            let x = JS.toNumber(a.evaluate(data, &o))
            guard let b else { return .number(-x) }
            return .number(x - JS.toNumber(b.evaluate(data, &o)))
        case .divide(let a, let b):
            return .number(JS.toNumber(a.evaluate(data, &o)) / JS.toNumber(b.evaluate(data, &o)))
        case .remainder(let a, let b):
            let x = JS.toNumber(a.evaluate(data, &o))
            return .number(x.truncatingRemainder(dividingBy: JS.toNumber(b.evaluate(data, &o))))
        case .map(let source, let body):
            guard case .array(let items) = source.evaluate(data, &o) else { return .array([]) }
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(body.evaluate(item, &o)) }
            return .array(out)
        case .filter(let source, let body):
            guard case .array(let items) = source.evaluate(data, &o) else { return .array([]) }
            var out: [JSONValue] = []
            for item in items where JS.truthy(body.evaluate(item, &o)) { out.append(item) }
            return .array(out)
        case .reduce(let source, let body, let initial):
            // The reference takes a literal start value as is; evaluating it gives the same for
            // literals and makes {"var": …} usable as a start.
            let start = initial?.evaluate(data, &o) ?? .null
            guard case .array(let items) = source.evaluate(data, &o) else { return start }
            var accumulator = start
            for item in items {
                let scope = JSONValue.object(
                    JSONObject(uniqueEntries: [("current", item), ("accumulator", accumulator)]))
                accumulator = body.evaluate(scope, &o)
            }
            return accumulator
        case .all(let source, let body):
            guard case .array(let items) = source.evaluate(data, &o), !items.isEmpty else { return .bool(false) }
            for item in items where !JS.truthy(body.evaluate(item, &o)) { return .bool(false) }
            return .bool(true)
        case .none(let source, let body):
            guard case .array(let items) = source.evaluate(data, &o) else { return .bool(true) }
            for item in items where JS.truthy(body.evaluate(item, &o)) { return .bool(false) }
            return .bool(true)
        case .some(let source, let body):
            guard case .array(let items) = source.evaluate(data, &o) else { return .bool(false) }
            for item in items where JS.truthy(body.evaluate(item, &o)) { return .bool(true) }
            return .bool(false)
        case .merge(let args):
            var out: [JSONValue] = []
            for a in args {
                let v = a.evaluate(data, &o)
                if case .array(let items) = v { out.append(contentsOf: items) } else { out.append(v) }
            }
            return .array(out)
        case .contains(let needleNode, let haystackNode):
            let needle = needleNode.evaluate(data, &o)
            switch haystackNode.evaluate(data, &o) {
            case .string(let s):
                return .bool(!s.isEmpty && JS.contains(s, JS.toString(needle)))
            case .array(let items):
                for item in items where JS.strictEquals(item, needle) { return .bool(true) }
                return .bool(false)
            default:
                return .bool(false)
            }
        case .cat(let args):
            var text = ""
            for a in args { text += JS.joinElement(a.evaluate(data, &o)) }
            return .string(text)
        case .substr(let sourceNode, let startNode, let lengthNode):
            let source = JS.toString(sourceNode.evaluate(data, &o))
            let start = startNode.evaluate(data, &o)
            guard let lengthNode else { return .string(Self.substr(source, start, nil)) }
            let length = lengthNode.evaluate(data, &o)
            if JS.less(length, .number(0)) {
                // A negative length counts from the end (PHP's behaviour, emulated by the reference).
                let tail = Self.substr(source, start, nil)
                let tailLength = Double(tail.utf16.count)
                let end: JSONValue
                if case .string(let s) = JS.toPrimitive(length) {
                    end = .string(JS.toString(.number(tailLength)) + s)  // JavaScript's number + string
                } else {
                    end = .number(tailLength + JS.toNumber(length))
                }
                return .string(Self.substr(tail, .number(0), end))
            }
            return .string(Self.substr(source, start, length))
        case .log(let a):
            let v = a.evaluate(data, &o)
            o.log(v)
            return v
        }
    }

    private static func rest<O: EvaluationObserver>(
        _ args: [Node], after i: Int, _ data: JSONValue, _ o: inout O
    ) {
        for a in args[(i + 1)...] { _ = a.evaluate(data, &o) }
    }

    /// Math.max / Math.min over ToNumber of each value: NaN wins, +0 beats -0.
    private static func extreme<O: EvaluationObserver>(
        _ args: [Node], _ data: JSONValue, _ o: inout O, max: Bool
    ) -> Double {
        var result = max ? -Double.infinity : .infinity
        var sawNaN = false
        for a in args {
            let x = JS.toNumber(a.evaluate(data, &o))
            if x.isNaN {
                sawNaN = true
            } else if max
                ? (x > result || (x == 0 && result == 0 && result.sign == .minus))
                : (x < result || (x == 0 && result == 0 && x.sign == .minus))
            {
                result = x
            }
        }
        return sawNaN ? .nan : result
    }

    /// The keys whose value in `data` is missing, null or "" (`missing`); one array argument is
    /// taken as the list of keys.
    static func missingKeys(_ args: [JSONValue], in data: JSONValue) -> [JSONValue] {
        let keys: [JSONValue]
        if case .array(let items)? = args.first { keys = items } else { keys = args }
        var out: [JSONValue] = []
        for key in keys {
            var path = key
            var fallback: JSONValue?
            // {"var": key} with an array key reads it as [path, default].
            if case .array(let parts) = key {
                path = parts.first ?? .null
                fallback = parts.count > 1 ? parts[1] : nil
            }
            let value: JSONValue
            switch path {
            case .null: value = data
            case .string(let s) where s.isEmpty: value = data
            default: value = VarPath(JS.toString(path)).resolve(in: data) ?? fallback ?? .null
            }
            switch value {
            case .null: out.append(key)
            case .string(let s) where s.isEmpty: out.append(key)
            default: break
            }
        }
        return out
    }

    /// String.prototype.substr(start, length) over UTF-16 code units.
    static func substr(_ s: String, _ start: JSONValue, _ length: JSONValue?) -> String {
        let units = Array(s.utf16)
        let size = Double(units.count)
        var from = JS.toInteger(start)
        if from < 0 { from = Swift.max(size + from, 0) } else { from = Swift.min(from, size) }
        var count = length.map(JS.toInteger) ?? size
        count = Swift.min(Swift.max(count, 0), size)
        let to = Swift.min(from + count, size)
        guard from < to else { return "" }
        return String(decoding: units[Int(from)..<Int(to)], as: UTF16.self)
    }
}
