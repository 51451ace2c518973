import Foundation

/// A value during batch evaluation. Strings, arrays and objects are borrowed pointers into storage
/// that outlives the evaluation (the record, the rule's constants, or a value the machine computed
/// and holds until the rule is done). A `.ref` never points at a null, boolean or number.
enum FastValue {
    case missing
    case null
    case bool(Bool)
    case number(Double)
    case ref(UnsafePointer<JSONValue>)

    @inline(__always)
    static func at(_ p: UnsafePointer<JSONValue>) -> FastValue {
        switch p.pointee {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        default: .ref(p)
        }
    }
}

/// Evaluates a `BatchProgram` for one record after another on one thread.
struct BatchMachine {
    private let code: UnsafeBufferPointer<BatchProgram.Instruction>
    private let lists: UnsafeBufferPointer<Int32>
    private let constants: UnsafeBufferPointer<JSONValue>
    private let paths: UnsafeBufferPointer<VarPath>
    private let nodes: UnsafeBufferPointer<Node>
    /// The current record and its resolved slots.
    private var record: UnsafePointer<JSONValue>
    private var slots: UnsafePointer<JSONValue>
    private var present: UnsafePointer<Bool>
    /// Values computed during one rule's evaluation (strings from cat, arrays from merge…), each in
    /// its own allocation so pointers to it stay valid while more are added.
    private var owned: [UnsafeMutablePointer<JSONValue>] = []

    /// The caller keeps `program` alive while the machine is in use.
    init(_ program: BatchProgram) {
        code = program.code
        lists = program.lists
        constants = program.constants
        paths = program.paths
        nodes = program.nodes
        let nowhere = UnsafeRawPointer(bitPattern: 8)!
        record = nowhere.assumingMemoryBound(to: JSONValue.self)
        slots = record
        present = nowhere.assumingMemoryBound(to: Bool.self)
    }

    /// Whether rule `root` holds for the record at `record` whose slot values start at `slots`.
    @inline(__always)
    mutating func holds(
        _ root: Int32, record: UnsafePointer<JSONValue>, slots: UnsafePointer<JSONValue>, present: UnsafePointer<Bool>
    ) -> Bool {
        self.record = record
        self.slots = slots
        self.present = present
        let value = eval(root, FastValue.at(record))
        let result = truthy(value)
        if !owned.isEmpty { releaseOwned() }
        return result
    }

    /// The value of instruction `index` for one record when it is a number or a boolean (what a
    /// column of `BatchColumns` holds); nil for anything else.
    mutating func scalar(
        _ index: Int32, record: UnsafePointer<JSONValue>, slots: UnsafePointer<JSONValue>, present: UnsafePointer<Bool>
    ) -> FastValue? {
        self.record = record
        self.slots = slots
        self.present = present
        let value = eval(index, FastValue.at(record))
        if !owned.isEmpty { releaseOwned() }
        switch value {
        case .bool, .number: return value
        default: return nil
        }
    }

    private mutating func releaseOwned() {
        for p in owned {
            p.deinitialize(count: 1)
            p.deallocate()
        }
        owned.removeAll(keepingCapacity: true)
    }

    // MARK: - Conversions

    private func json(_ v: FastValue) -> JSONValue {
        switch v {
        case .missing, .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .ref(let p): p.pointee
        }
    }

    private mutating func keep(_ v: JSONValue) -> FastValue {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        default:
            let p = UnsafeMutablePointer<JSONValue>.allocate(capacity: 1)
            p.initialize(to: v)
            owned.append(p)
            return .ref(p)
        }
    }

    @inline(__always)
    private func truthy(_ v: FastValue) -> Bool {
        switch v {
        case .missing, .null: false
        case .bool(let b): b
        case .number(let n): n != 0 && !n.isNaN
        case .ref(let p): JS.truthy(p.pointee)
        }
    }

    @inline(__always)
    private func toNumber(_ v: FastValue) -> Double {
        switch v {
        case .missing, .null: 0
        case .bool(let b): b ? 1 : 0
        case .number(let n): n
        default: JS.toNumber(json(v))
        }
    }

    @inline(__always)
    private func parseFloat(_ v: FastValue) -> Double {
        if case .number(let n) = v { return n == 0 ? 0 : n }
        return JS.parseFloat(json(v))
    }

    // MARK: - Evaluation

    private mutating func eval(_ index: Int32, _ data: FastValue) -> FastValue {
        let ins = code[Int(index)]
        switch ins.op {
        case .null:
            return .null
        case .bool:
            return .bool(ins.a != 0)
        case .number:
            return .number(ins.number)
        case .constant:
            return FastValue.at(constants.baseAddress! + Int(ins.a))
        case .data:
            return data
        case .slot:
            if present[Int(ins.a)] { return FastValue.at(slots + Int(ins.a)) }
            return ins.b >= 0 ? eval(ins.b, data) : .null
        case .path:
            if let found = resolve(paths[Int(ins.a)], in: data) { return found }
            return ins.b >= 0 ? eval(ins.b, data) : .null
        case .generic:
            var observer = SilentObserver()
            return keep(nodes[Int(ins.a)].evaluate(json(data), &observer))
        case .and, .or:
            let stopWhen = ins.op == .or
            var current = FastValue.null
            for k in 0..<Int(ins.b) {
                current = eval(lists[Int(ins.a) + k], data)
                if truthy(current) == stopWhen { return current }
            }
            return current
        case .conditional:
            let start = Int(ins.a)
            let count = Int(ins.b)
            var k = 0
            while k < count - 1 {
                if truthy(eval(lists[start + k], data)) { return eval(lists[start + k + 1], data) }
                k += 2
            }
            return k == count - 1 ? eval(lists[start + k], data) : .null
        case .not:
            return .bool(!truthy(eval(ins.a, data)))
        case .truthy:
            return .bool(truthy(eval(ins.a, data)))
        case .compareNumber:
            let v = eval(ins.a, data)
            if case .number(let x) = v { return .bool(Self.compare(ins.comparison, x, ins.number)) }
            return .bool(Self.compare(ins.comparison, json(v), .number(ins.number)))
        case .compare:
            let x = eval(ins.a, data)
            let y = eval(ins.b, data)
            if case .number(let p) = x, case .number(let q) = y { return .bool(Self.compare(ins.comparison, p, q)) }
            return .bool(Self.compare(ins.comparison, json(x), json(y)))
        case .equal, .notEqual:
            let same = looseEquals(eval(ins.a, data), eval(ins.b, data))
            return .bool(same == (ins.op == .equal))
        case .strictEqual, .strictNotEqual:
            let same = strictEquals(eval(ins.a, data), eval(ins.b, data))
            return .bool(same == (ins.op == .strictEqual))
        case .add:
            var sum = 0.0
            for k in 0..<Int(ins.b) { sum += parseFloat(eval(lists[Int(ins.a) + k], data)) }
            return .number(sum)
        case .multiply:
            let first = eval(lists[Int(ins.a)], data)
            if ins.b == 1 { return first }
            var product = parseFloat(first)
            for k in 1..<Int(ins.b) { product *= parseFloat(eval(lists[Int(ins.a) + k], data)) }
            return .number(product)
        case .negate:
            return .number(-toNumber(eval(ins.a, data)))
        case .subtract:
            return .number(toNumber(eval(ins.a, data)) - toNumber(eval(ins.b, data)))
        case .divide:
            return .number(toNumber(eval(ins.a, data)) / toNumber(eval(ins.b, data)))
        case .remainder:
            return .number(toNumber(eval(ins.a, data)).truncatingRemainder(dividingBy: toNumber(eval(ins.b, data))))
        case .max, .min:
            let isMax = ins.op == .max
            var result = isMax ? -Double.infinity : .infinity
            var sawNaN = false
            for k in 0..<Int(ins.b) {
                let x = toNumber(eval(lists[Int(ins.a) + k], data))
                if x.isNaN {
                    sawNaN = true
                } else if isMax
                    ? (x > result || (x == 0 && result == 0 && result.sign == .minus))
                    : (x < result || (x == 0 && result == 0 && x.sign == .minus))
                {
                    result = x
                }
            }
            return .number(sawNaN ? .nan : result)
        case .contains:
            let needle = eval(ins.a, data)
            guard case .ref(let p) = eval(ins.b, data) else { return .bool(false) }
            return .bool(contains(p, needle))
        case .some, .all, .none:
            guard case .ref(let p) = eval(ins.a, data) else { return .bool(ins.op == .none) }
            return .bool(iterate(ins.op, ins.b, over: p))
        }
    }

    private func contains(_ haystack: UnsafePointer<JSONValue>, _ needle: FastValue) -> Bool {
        switch haystack.pointee {
        case .array(let items):
            return items.withUnsafeBufferPointer { buffer in
                for k in buffer.indices where strictEquals(needle, buffer.baseAddress! + k) { return true }
                return false
            }
        case .string(let s):
            return !s.isEmpty && JS.contains(s, JS.toString(json(needle)))
        default:
            return false
        }
    }

    private mutating func iterate(_ op: BatchProgram.Op, _ body: Int32, over source: UnsafePointer<JSONValue>) -> Bool {
        guard case .array(let items) = source.pointee else { return op == .none }
        if items.isEmpty { return op == .none }
        // Element pointers stay valid: the array is owned by the record or a constant and not mutated.
        let buffer = items.withUnsafeBufferPointer { $0 }
        for k in buffer.indices {
            let holds = truthy(eval(body, FastValue.at(buffer.baseAddress! + k)))
            switch op {
            case .some where holds: return true
            case .all where !holds: return false
            case .none where holds: return false
            default: break
            }
        }
        return op == .all || op == .none
    }

    /// A constant path inside an iterating body, walked without copying.
    private mutating func resolve(_ path: VarPath, in data: FastValue) -> FastValue? {
        guard case .ref(var p) = data else {
            // Scalars and computed values: the general lookup.
            return path.resolve(in: json(data)).map { keep($0) }
        }
        for c in path.components {
            guard case .object(let object) = p.pointee else {
                // Arrays and strings ("length", indices): the general lookup from the top.
                return path.resolve(in: json(data)).map { keep($0) }
            }
            guard let i = object.position(of: c.key) else { return nil }
            // The member's value sits after its key in the (key, value) tuple; the object is owned
            // by the record, which outlives this evaluation.
            p = object.entries.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress! + i) }
                .advanced(by: Self.valueOffset).assumingMemoryBound(to: JSONValue.self)
        }
        return FastValue.at(p)
    }

    private static let valueOffset: Int = {
        let align = MemoryLayout<JSONValue>.alignment
        return (MemoryLayout<String>.size + align - 1) / align * align
    }()

    private func looseEquals(_ x: FastValue, _ y: FastValue) -> Bool {
        if case .number(let p) = x, case .number(let q) = y { return p == q }
        if case .ref(let p) = x, case .ref(let q) = y, case .string(let s) = p.pointee, case .string(let t) = q.pointee
        {
            return Self.sameText(s, t)
        }
        return JS.looseEquals(json(x), json(y))
    }

    private func strictEquals(_ x: FastValue, _ y: FastValue) -> Bool {
        switch (x, y) {
        case (.number(let p), .number(let q)): return p == q
        case (.ref(let p), .ref(let q)):
            if case .string(let s) = p.pointee, case .string(let t) = q.pointee { return Self.sameText(s, t) }
            return JS.sameObject(p.pointee, q.pointee)
        default: return JS.strictEquals(json(x), json(y))
        }
    }

    private func strictEquals(_ needle: FastValue, _ element: UnsafePointer<JSONValue>) -> Bool {
        switch (needle, element.pointee) {
        case (.number(let p), .number(let q)): return p == q
        case (.bool(let p), .bool(let q)): return p == q
        case (.null, .null), (.missing, .null): return true
        case (.ref(let p), .string(let t)):
            if case .string(let s) = p.pointee { return Self.sameText(s, t) }
            return false
        case (.ref(let p), .array), (.ref(let p), .object): return JS.sameObject(p.pointee, element.pointee)
        default: return false
        }
    }

    @inline(__always)
    private static func sameText(_ a: borrowing String, _ b: borrowing String) -> Bool {
        let n = a.utf8.count
        guard n == b.utf8.count else { return false }
        if let same = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in n == 0 || bytesEqual(x.baseAddress!, y.baseAddress!, n) }
        }), let same {
            return same
        }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// Field values are short (a district, a certification), so two word loads usually decide
    /// without a call to memcmp.
    @inline(__always)
    private static func bytesEqual(_ x: UnsafePointer<UInt8>, _ y: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard n >= 8 else {
            for i in 0..<n where x[i] != y[i] { return false }
            return true
        }
        let (p, q) = (UnsafeRawPointer(x), UnsafeRawPointer(y))
        guard p.loadUnaligned(as: UInt64.self) == q.loadUnaligned(as: UInt64.self) else { return false }
        if n <= 16 {
            return p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                == q.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        return memcmp(x, y, n) == 0
    }

    @inline(__always)
    private static func compare(_ c: Node.Comparison, _ x: Double, _ y: Double) -> Bool {
        switch c {
        case .less: x < y
        case .lessOrEqual: x <= y
        case .greater: x > y
        case .greaterOrEqual: x >= y
        }
    }

    private static func compare(_ c: Node.Comparison, _ x: JSONValue, _ y: JSONValue) -> Bool {
        switch c {
        case .less: JS.less(x, y)
        case .lessOrEqual: JS.lessOrEqual(x, y)
        case .greater: JS.greater(x, y)
        case .greaterOrEqual: JS.greaterOrEqual(x, y)
        }
    }
}
