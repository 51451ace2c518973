import Foundation

/// Strings in `BatchColumns`: a record's string (or each string of its array) is looked up once per
/// block among the rules' string constants, and `==`, `in` and `some` against constants become
/// comparisons of small numbers and bit sets. Also the walks that size the scratch space.
extension BatchColumns {
    static func slotCount(_ code: UnsafeBufferPointer<BatchProgram.Instruction>) -> Int {
        var most = -1
        for ins in code where ins.op == .slot { most = max(most, Int(ins.a)) }
        return most + 1
    }

    static func reach(
        _ index: Int32, code: UnsafeBufferPointer<BatchProgram.Instruction>, lists: UnsafeBufferPointer<Int32>,
        seen: inout Set<Int32>
    ) {
        guard index >= 0, seen.insert(index).inserted else { return }
        let ins = code[Int(index)]
        switch ins.op {
        case .and, .or, .conditional, .add, .multiply, .max, .min:
            for k in 0..<Int(ins.b) { reach(lists[Int(ins.a) + k], code: code, lists: lists, seen: &seen) }
        case .not, .truthy, .negate, .compareNumber:
            reach(ins.a, code: code, lists: lists, seen: &seen)
        case .compare, .equal, .strictEqual, .notEqual, .strictNotEqual, .subtract, .divide, .remainder, .contains,
            .some, .all, .none:
            reach(ins.a, code: code, lists: lists, seen: &seen)
            reach(ins.b, code: code, lists: lists, seen: &seen)
        case .slot, .path:
            reach(ins.b, code: code, lists: lists, seen: &seen)
        case .null, .bool, .number, .constant, .data, .generic:
            break
        }
    }

    /// The distinct string constants of the rules (also inside constant arrays), numbered: a
    /// record's string is looked up once per block instead of compared once per rule. At most 64,
    /// so that an array's strings fit one bit set; beyond that, strings are compared per record.
    struct Texts {
        /// Number by the FNV-1a hash of the UTF-8 bytes (Python compares code points; `String`'s
        /// `==` would also equate canonically equivalent spellings), and the bytes to confirm.
        private var byHash: [UInt64: Int32] = [:]
        private var bytes: [[UInt8]] = []

        init(_ constants: UnsafeBufferPointer<JSONValue>) {
            for c in constants {
                switch c {
                case .string(let s): add(s)
                case .array(let items): for case .string(let s) in items { add(s) }
                default: break
                }
            }
            if bytes.count > 64 {
                byHash = [:]
                bytes = []
            }
        }

        private mutating func add(_ s: String) {
            guard number(s) == nil else { return }
            let b = Array(s.utf8)
            let h = b.withUnsafeBufferPointer { Self.hash($0.baseAddress, $0.count) }
            // Two constants with one hash: too rare to handle, so strings are compared per record.
            guard byHash[h] == nil else {
                byHash = [:]
                bytes = Array(repeating: [], count: 65)
                return
            }
            byHash[h] = Int32(bytes.count)
            bytes.append(b)
        }

        @inline(__always)
        private static func hash(_ p: UnsafePointer<UInt8>?, _ n: Int) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in 0..<n { h = (h ^ UInt64(p![k])) &* 0x100_0000_01b3 }
            return h
        }

        var isEmpty: Bool { byHash.isEmpty }

        func number(_ text: String) -> Int32? {
            var text = text
            return text.withUTF8 { u in
                guard let n = byHash[Self.hash(u.baseAddress, u.count)] else { return nil }
                let same = bytes[Int(n)].withUnsafeBufferPointer {
                    $0.count == u.count && (u.count == 0 || memcmp($0.baseAddress!, u.baseAddress!, u.count) == 0)
                }
                return same ? n : nil
            }
        }

        /// The bits of the strings in a constant array.
        /// nil unless every element is a string: a number in the array could equal a number among
        /// an enterprise's values, which the bit sets do not record.
        func mask(_ value: JSONValue) -> UInt64? {
            guard case .array(let items) = value else { return nil }
            var m: UInt64 = 0
            for item in items {
                guard case .string(let s) = item, let n = number(s) else { return nil }
                m |= 1 << UInt64(n)
            }
            return m
        }
    }

    /// The number of a string constant instruction.
    func textConstant(_ index: Int32) -> Int32? {
        let ins = code[Int(index)]
        guard ins.op == .constant, case .string(let s) = constants[Int(ins.a)] else { return nil }
        return texts.number(s)
    }

    /// The bits of a constant array instruction's strings.
    func maskConstant(_ index: Int32) -> UInt64? {
        let ins = code[Int(index)]
        guard ins.op == .constant else { return nil }
        return texts.mask(constants[Int(ins.a)])
    }

    mutating func codesAndConstant(_ x: Int32, _ y: Int32) -> (UnsafeMutablePointer<Int32>, Int32)? {
        guard let c = textConstant(y), case .codes(let codes)? = strings(x) else { return nil }
        return (codes, c)
    }

    /// A slot instruction's strings as codes (every record has a string there) or sets (every
    /// record has an array there), made once per block.
    mutating func strings(_ index: Int32) -> Column? {
        let ins = code[Int(index)]
        guard ins.op == .slot, !texts.isEmpty, count > 0 else { return nil }
        let s = Int(ins.a)
        if !slotTried[s] {
            slotTried[s] = true
            makeStrings(s)
        }
        if let codes = slotCodes[s] { return .codes(codes) }
        if let sets = slotSets[s] { return .sets(sets) }
        return nil
    }

    mutating func makeStrings(_ s: Int) {
        guard present[s] else { return }
        switch slots[s] {
        case .string:
            let out = codeArena + s * Self.block
            for i in 0..<count {
                let k = i * width + s
                guard present[k], case .string(let text) = slots[k] else { return }
                out[i] = texts.number(text) ?? -1
            }
            slotCodes[s] = out
        case .array:
            let out = setArena + s * Self.block
            for i in 0..<count {
                let k = i * width + s
                guard present[k], case .array(let items) = slots[k] else { return }
                var bits: UInt64 = 0
                for case .string(let text) in items {
                    if let n = texts.number(text) { bits |= 1 << UInt64(n) }
                }
                out[i] = bits
            }
            slotSets[s] = out
        default:
            return
        }
    }
}
