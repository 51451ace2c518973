import Foundation

/// Evaluates a `BatchProgram` a block of records at a time, one instruction over the whole block
/// ("column at a time", as the vectorised peers do), instead of one record at a time. Numbers and
/// booleans read from the records' slots become plain arrays, and comparisons, arithmetic and
/// `and`/`or`/`!` run as tight loops over them. Anything else (strings, `in`, `some`, values that
/// differ in type between records) is evaluated record by record by the ordinary `BatchMachine`
/// and, when every record gave a number or every record a boolean, joins the columns again; a rule
/// whose value is not a column of booleans or numbers is decided record by record. The operators
/// are JavaScript's on numbers and booleans exactly as the machine applies them, and every
/// instruction is free of side effects, so evaluating both sides of an `and` gives what the
/// machine's short-circuit gives.
struct BatchColumns {
    /// Records per block: a block's columns stay in the core's cache.
    static let block = 256

    /// One instruction's value over the block.
    enum Column {
        case number(Double)
        case bool(Bool)
        case numbers(UnsafeMutablePointer<Double>)
        case bools(UnsafeMutablePointer<Bool>)
        /// A string slot: each record's string as the number of the rule constant it equals
        /// (`Texts`), -1 when it equals none.
        case codes(UnsafeMutablePointer<Int32>)
        /// An array slot: which rule constants each record's array holds, one bit per constant.
        case sets(UnsafeMutablePointer<UInt64>)
        /// Not the same kind for every record, or not a number or boolean.
        case mixed
    }

    let code: UnsafeBufferPointer<BatchProgram.Instruction>
    let lists: UnsafeBufferPointer<Int32>
    let constants: UnsafeBufferPointer<JSONValue>
    let texts: Texts
    /// Per block, each string or array slot's codes or sets, made on first use by any rule.
    var slotCodes: [UnsafeMutablePointer<Int32>?]
    var slotSets: [UnsafeMutablePointer<UInt64>?]
    var slotTried: [Bool]
    let codeArena: UnsafeMutablePointer<Int32>
    let setArena: UnsafeMutablePointer<UInt64>
    var machine: BatchMachine
    /// Scratch columns, handed out in order during one rule and reused by the next.
    let numberArena: UnsafeMutablePointer<Double>
    let boolArena: UnsafeMutablePointer<Bool>
    let lanes: Int
    var numbersUsed = 0
    var boolsUsed = 0

    // The block being evaluated.
    var count = 0
    var records: UnsafePointer<JSONValue>
    var slots: UnsafePointer<JSONValue>
    var present: UnsafePointer<Bool>
    var width = 0

    /// The caller keeps `program` alive while this is in use; one per thread.
    init(_ program: BatchProgram) {
        code = program.code
        lists = program.lists
        constants = program.constants
        texts = Texts(program.constants)
        let slotCount = Self.slotCount(program.code)
        slotCodes = Array(repeating: nil, count: slotCount)
        slotSets = Array(repeating: nil, count: slotCount)
        slotTried = Array(repeating: false, count: slotCount)
        codeArena = .allocate(capacity: max(1, slotCount) * Self.block)
        setArena = .allocate(capacity: max(1, slotCount) * Self.block)
        machine = program.machine()
        // Each instruction takes at most two columns (its value, and a constant spread out for it).
        var most = 0
        for root in program.roots {
            var seen = Set<Int32>()
            Self.reach(root, code: program.code, lists: program.lists, seen: &seen)
            most = max(most, seen.count)
        }
        lanes = 2 * most + 2
        numberArena = .allocate(capacity: lanes * Self.block)
        boolArena = .allocate(capacity: lanes * Self.block)
        let nowhere = UnsafeRawPointer(bitPattern: 8)!
        records = nowhere.assumingMemoryBound(to: JSONValue.self)
        slots = records
        present = nowhere.assumingMemoryBound(to: Bool.self)
    }

    /// Frees the scratch columns (a struct has no deinit; the matcher calls this when done).
    func release() {
        numberArena.deallocate()
        boolArena.deallocate()
        codeArena.deallocate()
        setArena.deallocate()
    }

    /// Evaluates every rule for `count` records starting at `records` (slot rows of `width`) and
    /// sets bit `p` of record `i`'s row in `bits` (`words` per record) when rule `p` holds for it.
    mutating func evaluate(
        roots: [Int32], count: Int, records: UnsafePointer<JSONValue>, slots: UnsafePointer<JSONValue>,
        present: UnsafePointer<Bool>, width: Int, bits: UnsafeMutablePointer<UInt64>, words: Int
    ) {
        self.count = count
        self.records = records
        self.slots = slots
        self.present = present
        self.width = width
        for s in slotTried.indices {
            slotTried[s] = false
            slotCodes[s] = nil
            slotSets[s] = nil
        }
        for (p, root) in roots.enumerated() {
            let (word, bit) = (p >> 6, UInt64(1) << UInt64(p & 63))
            @inline(__always) func matched(_ i: Int) { bits[i * words + word] |= bit }
            numbersUsed = 0
            boolsUsed = 0
            switch column(root) {
            case .bools(let b):
                for i in 0..<count where b[i] { matched(i) }
            case .bool(let b):
                if b { for i in 0..<count { matched(i) } }
            case .numbers(let v):
                for i in 0..<count where v[i] != 0 && !v[i].isNaN { matched(i) }
            case .number(let v):
                if v != 0 && !v.isNaN { for i in 0..<count { matched(i) } }
            case .mixed, .codes, .sets:
                for i in 0..<count
                where machine.holds(root, record: records + i, slots: slots + i * width, present: present + i * width) {
                    matched(i)
                }
            }
        }
    }

    // MARK: - Scratch

    private mutating func numbers() -> UnsafeMutablePointer<Double>? {
        guard numbersUsed < lanes else { return nil }
        numbersUsed += 1
        return numberArena + (numbersUsed - 1) * Self.block
    }

    private mutating func bools() -> UnsafeMutablePointer<Bool>? {
        guard boolsUsed < lanes else { return nil }
        boolsUsed += 1
        return boolArena + (boolsUsed - 1) * Self.block
    }

    /// A column of numbers, a constant spread out; nil for anything else.
    private mutating func numbers(_ c: Column) -> UnsafeMutablePointer<Double>? {
        switch c {
        case .numbers(let v): return v
        case .number(let x):
            guard let v = numbers() else { return nil }
            v.update(repeating: x, count: count)
            return v
        default: return nil
        }
    }

    /// A column of booleans, a constant spread out; nil for anything else.
    private mutating func bools(_ c: Column) -> UnsafeMutablePointer<Bool>? {
        switch c {
        case .bools(let v): return v
        case .bool(let x):
            guard let v = bools() else { return nil }
            v.update(repeating: x, count: count)
            return v
        default: return nil
        }
    }

    // MARK: - Evaluation

    private mutating func column(_ index: Int32) -> Column {
        let ins = code[Int(index)]
        // A local count lets the loops below keep it in a register.
        let n = count
        switch ins.op {
        case .number: return .number(ins.number)
        case .bool: return .bool(ins.a != 0)
        case .slot: return slot(ins)
        case .compareNumber:
            guard let x = numbers(column(ins.a)), let out = bools() else { return lift(index) }
            let limit = ins.number
            switch ins.comparison {
            case .less: for i in 0..<n { out[i] = x[i] < limit }
            case .lessOrEqual: for i in 0..<n { out[i] = x[i] <= limit }
            case .greater: for i in 0..<n { out[i] = x[i] > limit }
            case .greaterOrEqual: for i in 0..<n { out[i] = x[i] >= limit }
            }
            return .bools(out)
        case .compare:
            guard let x = numbers(column(ins.a)), let y = numbers(column(ins.b)), let out = bools() else {
                return lift(index)
            }
            switch ins.comparison {
            case .less: for i in 0..<n { out[i] = x[i] < y[i] }
            case .lessOrEqual: for i in 0..<n { out[i] = x[i] <= y[i] }
            case .greater: for i in 0..<n { out[i] = x[i] > y[i] }
            case .greaterOrEqual: for i in 0..<n { out[i] = x[i] >= y[i] }
            }
            return .bools(out)
        case .and, .or:
            // All-boolean operands only: then `and`/`or` give a boolean, as the machine does.
            guard ins.b > 0, let out = bools() else { return .mixed }
            let isAnd = ins.op == .and
            out.update(repeating: isAnd, count: n)
            for k in 0..<Int(ins.b) {
                guard let x = bools(column(lists[Int(ins.a) + k])) else { return lift(index) }
                // Bool is one byte, 0 or 1: bitwise and/or without branches.
                let o = UnsafeMutableRawPointer(out).assumingMemoryBound(to: UInt8.self)
                let y = UnsafeRawPointer(x).assumingMemoryBound(to: UInt8.self)
                if isAnd {
                    for i in 0..<n { o[i] &= y[i] }
                } else {
                    for i in 0..<n { o[i] |= y[i] }
                }
            }
            return .bools(out)
        case .not, .truthy:
            let negate = ins.op == .not
            let x = column(ins.a)
            guard let out = bools() else { return lift(index) }
            if case .bools(let b) = x {
                for i in 0..<n { out[i] = b[i] != negate }
            } else if case .numbers(let v) = x {
                for i in 0..<n { out[i] = (v[i] != 0 && !v[i].isNaN) != negate }
            } else {
                return lift(index)
            }
            return .bools(out)
        case .add:
            guard let out = numbers() else { return lift(index) }
            out.update(repeating: 0, count: n)
            for k in 0..<Int(ins.b) {
                guard let x = numbers(column(lists[Int(ins.a) + k])) else { return lift(index) }
                // parseFloat turns -0 into 0.
                for i in 0..<n { out[i] += x[i] == 0 ? 0 : x[i] }
            }
            return .numbers(out)
        case .multiply:
            if ins.b == 1 { return column(lists[Int(ins.a)]) }
            guard ins.b > 1, let out = numbers(), let first = numbers(column(lists[Int(ins.a)])) else {
                return lift(index)
            }
            for i in 0..<n { out[i] = first[i] == 0 ? 0 : first[i] }
            for k in 1..<Int(ins.b) {
                guard let x = numbers(column(lists[Int(ins.a) + k])) else { return lift(index) }
                for i in 0..<n { out[i] *= x[i] == 0 ? 0 : x[i] }
            }
            return .numbers(out)
        case .negate:
            guard let x = numbers(column(ins.a)), let out = numbers() else { return lift(index) }
            for i in 0..<n { out[i] = -x[i] }
            return .numbers(out)
        case .subtract, .divide, .remainder:
            guard let x = numbers(column(ins.a)), let y = numbers(column(ins.b)), let out = numbers() else {
                return lift(index)
            }
            switch ins.op {
            case .subtract: for i in 0..<n { out[i] = x[i] - y[i] }
            case .divide: for i in 0..<n { out[i] = x[i] / y[i] }
            default: for i in 0..<n { out[i] = x[i].truncatingRemainder(dividingBy: y[i]) }
            }
            return .numbers(out)
        case .max, .min:
            guard ins.b > 0, let out = numbers(), let nan = bools() else { return lift(index) }
            let isMax = ins.op == .max
            out.update(repeating: isMax ? -.infinity : .infinity, count: n)
            nan.update(repeating: false, count: n)
            for k in 0..<Int(ins.b) {
                guard let x = numbers(column(lists[Int(ins.a) + k])) else { return lift(index) }
                for i in 0..<n {
                    let v = x[i]
                    let r = out[i]
                    if v.isNaN {
                        nan[i] = true
                    } else if isMax
                        ? (v > r || (v == 0 && r == 0 && r.sign == .minus))
                        : (v < r || (v == 0 && r == 0 && v.sign == .minus))
                    {
                        out[i] = v
                    }
                }
            }
            for i in 0..<n where nan[i] { out[i] = .nan }
            return .numbers(out)
        case .equal, .strictEqual, .notEqual, .strictNotEqual:
            // A string slot against a string constant: == and === agree on two strings.
            let same = ins.op == .equal || ins.op == .strictEqual
            if let (codes, c) = codesAndConstant(ins.a, ins.b) ?? codesAndConstant(ins.b, ins.a), let out = bools() {
                for i in 0..<n { out[i] = (codes[i] == c) == same }
                return .bools(out)
            }
            return lift(index)
        case .contains:
            // A constant string in an array slot, or a string slot in a constant array.
            if let c = textConstant(ins.a), case .sets(let sets)? = strings(ins.b), let out = bools() {
                let bit = UInt64(1) << UInt64(c)
                for i in 0..<n { out[i] = sets[i] & bit != 0 }
                return .bools(out)
            }
            if let mask = maskConstant(ins.b), case .codes(let codes)? = strings(ins.a), let out = bools() {
                for i in 0..<n { out[i] = codes[i] >= 0 && mask & (UInt64(1) << UInt64(codes[i])) != 0 }
                return .bools(out)
            }
            return lift(index)
        case .some:
            // Whether an array slot holds any of a constant array's strings ({"in": [{"var": ""}, […]]}).
            let body = code[Int(ins.b)]
            if body.op == .contains, code[Int(body.a)].op == .data, let mask = maskConstant(body.b),
                case .sets(let sets)? = strings(ins.a), let out = bools()
            {
                for i in 0..<n { out[i] = sets[i] & mask != 0 }
                return .bools(out)
            }
            return lift(index)
        case .all, .none, .generic:
            return lift(index)
        case .null, .constant, .data, .path, .conditional:
            // Values that are not numbers or booleans (or may not be): the parent decides per record.
            return .mixed
        }
    }

    /// A slot's values when every record has a number there, or every record a boolean.
    private mutating func slot(_ ins: BatchProgram.Instruction) -> Column {
        let s = Int(ins.a)
        guard count > 0 else { return .mixed }
        let k0 = s
        guard present[k0] else { return .mixed }
        switch slots[k0] {
        case .number:
            guard let out = numbers() else { return .mixed }
            for i in 0..<count {
                let k = i * width + s
                guard present[k], case .number(let v) = slots[k] else { return .mixed }
                out[i] = v
            }
            return .numbers(out)
        case .bool:
            guard let out = bools() else { return .mixed }
            for i in 0..<count {
                let k = i * width + s
                guard present[k], case .bool(let v) = slots[k] else { return .mixed }
                out[i] = v
            }
            return .bools(out)
        default:
            return .mixed
        }
    }

    /// The instruction evaluated record by record by the machine, as a column when every record
    /// gave a number, or every record a boolean.
    private mutating func lift(_ index: Int32) -> Column {
        guard count > 0 else { return .mixed }
        let first = machine.scalar(index, record: records, slots: slots, present: present)
        switch first {
        case .number(let x)?:
            guard let out = numbers() else { return .mixed }
            out[0] = x
            for i in 1..<count {
                let v = machine.scalar(
                    index, record: records + i, slots: slots + i * width, present: present + i * width)
                guard case .number(let x)? = v else { return .mixed }
                out[i] = x
            }
            return .numbers(out)
        case .bool(let x)?:
            guard let out = bools() else { return .mixed }
            out[0] = x
            for i in 1..<count {
                let v = machine.scalar(
                    index, record: records + i, slots: slots + i * width, present: present + i * width)
                guard case .bool(let x)? = v else { return .mixed }
                out[i] = x
            }
            return .bools(out)
        default:
            return .mixed
        }
    }
}
