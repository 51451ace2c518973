import Foundation

/// The batch matcher's evaluator: the same rules as `Node`, flattened into an array of plain
/// instructions that refer to each other by index, evaluated to `FastValue`s that point at strings
/// and arrays where they already live (in the record or the rule) instead of copying them.
/// Nothing on the common path touches a reference count, which on two cores matters twice: each
/// retain is an atomic operation, and both cores retaining the same shared rule would fight over
/// one cache line. Operators outside the common set run through `Node` (see `.generic`).
final class BatchProgram: @unchecked Sendable {
    // @unchecked: the storage is written once in init and only read afterwards.
    enum Op: UInt8 {
        case null, bool, number, constant, data, slot, path, generic
        case and, or, not, truthy, conditional
        case compareNumber, compare, equal, strictEqual, notEqual, strictNotEqual
        case add, multiply, negate, subtract, divide, remainder, max, min
        case contains, some, all, none
    }

    struct Instruction {
        var op: Op
        /// Comparison kind for compare/compareNumber.
        var comparison: Node.Comparison = .less
        var a: Int32 = -1
        var b: Int32 = -1
        var number: Double = 0
    }

    /// Entry instruction of each rule.
    let roots: [Int32]
    // Allocated once so that evaluation can hold plain pointers into them.
    let code: UnsafeBufferPointer<Instruction>
    let lists: UnsafeBufferPointer<Int32>
    let constants: UnsafeBufferPointer<JSONValue>
    let paths: UnsafeBufferPointer<VarPath>
    let nodes: UnsafeBufferPointer<Node>

    init(rules: [Node]) {
        var builder = Builder()
        roots = rules.map { builder.emit($0) }
        code = Self.store(builder.code)
        lists = Self.store(builder.lists)
        constants = Self.store(builder.constants)
        paths = Self.store(builder.paths)
        nodes = Self.store(builder.nodes)
    }

    deinit {
        Self.release(code)
        Self.release(lists)
        Self.release(constants)
        Self.release(paths)
        Self.release(nodes)
    }

    private static func store<T>(_ items: [T]) -> UnsafeBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, items.count))
        _ = buffer.initialize(from: items)
        return UnsafeBufferPointer(rebasing: buffer[0..<items.count])
    }

    private static func release<T>(_ buffer: UnsafeBufferPointer<T>) {
        let mutable = UnsafeMutablePointer(mutating: buffer.baseAddress!)
        mutable.deinitialize(count: buffer.count)
        mutable.deallocate()
    }

    /// A machine for one thread; the caller keeps the program alive while it runs.
    func machine() -> BatchMachine { BatchMachine(self) }
}

private struct Builder {
    var code: [BatchProgram.Instruction] = []
    var lists: [Int32] = []
    var constants: [JSONValue] = []
    var paths: [VarPath] = []
    var nodes: [Node] = []

    typealias Instruction = BatchProgram.Instruction
    typealias Op = BatchProgram.Op

    private mutating func add(_ i: Instruction) -> Int32 {
        code.append(i)
        return Int32(code.count - 1)
    }

    private mutating func list(_ nodes: [Node]) -> (Int32, Int32) {
        let indices = nodes.map { emit($0) }
        let start = Int32(lists.count)
        lists.append(contentsOf: indices)
        return (start, Int32(indices.count))
    }

    mutating func emit(_ node: Node) -> Int32 {
        switch node.kind {
        case .literal(.null): return add(Instruction(op: .null))
        case .literal(.bool(let b)): return add(Instruction(op: .bool, a: b ? 1 : 0))
        case .literal(.number(let n)): return add(Instruction(op: .number, number: n))
        case .literal(let v):
            constants.append(v)
            return add(Instruction(op: .constant, a: Int32(constants.count - 1)))
        case .data: return add(Instruction(op: .data))
        case .topVar(let slot, _, let fallback):
            let f = fallback.map { emit($0) } ?? -1
            return add(Instruction(op: .slot, a: Int32(slot), b: f))
        case .scopedVar(let path, let fallback):
            let f = fallback.map { emit($0) } ?? -1
            paths.append(path)
            return add(Instruction(op: .path, a: Int32(paths.count - 1), b: f))
        case .and(let args), .or(let args), .conditional(let args), .add(let args), .multiply(let args),
            .max(let args), .min(let args):
            let op: Op =
                switch node.kind {
                case .and: .and
                case .or: .or
                case .conditional: .conditional
                case .add: .add
                case .multiply: .multiply
                case .max: .max
                default: .min
                }
            let (start, count) = list(args)
            return add(Instruction(op: op, a: start, b: count))
        case .not(let x): return add(Instruction(op: .not, a: emit(x)))
        case .truthy(let x): return add(Instruction(op: .truthy, a: emit(x)))
        case .compareNumber(let c, let x, let limit):
            return add(Instruction(op: .compareNumber, comparison: c, a: emit(x), number: limit))
        case .less(let x, let y, nil): return binary(.compare, x, y, .less)
        case .lessOrEqual(let x, let y, nil): return binary(.compare, x, y, .lessOrEqual)
        case .greater(let x, let y): return binary(.compare, x, y, .greater)
        case .greaterOrEqual(let x, let y): return binary(.compare, x, y, .greaterOrEqual)
        case .equal(let x, let y): return binary(.equal, x, y)
        case .strictEqual(let x, let y): return binary(.strictEqual, x, y)
        case .notEqual(let x, let y): return binary(.notEqual, x, y)
        case .strictNotEqual(let x, let y): return binary(.strictNotEqual, x, y)
        case .subtract(let x, nil): return add(Instruction(op: .negate, a: emit(x)))
        case .subtract(let x, let y?): return binary(.subtract, x, y)
        case .divide(let x, let y): return binary(.divide, x, y)
        case .remainder(let x, let y): return binary(.remainder, x, y)
        case .contains(let x, let y): return binary(.contains, x, y)
        case .some(let x, let y): return binary(.some, x, y)
        case .all(let x, let y): return binary(.all, x, y)
        case .none(let x, let y): return binary(.none, x, y)
        default:
            nodes.append(node)
            return add(Instruction(op: .generic, a: Int32(nodes.count - 1)))
        }
    }

    private mutating func binary(_ op: Op, _ x: Node, _ y: Node, _ c: Node.Comparison = .less) -> Int32 {
        let a = emit(x)
        let b = emit(y)
        return add(Instruction(op: op, comparison: c, a: a, b: b))
    }
}
