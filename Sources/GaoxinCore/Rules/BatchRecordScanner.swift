import Foundation

/// Reads one enterprise line straight into its slots, for rules that read the record only through
/// top-level fields: the values of those fields are parsed, every other member is only checked and
/// skipped, and no object is built. It accepts the plain shape exports have (an object of
/// members without escapes in keys or skipped strings, no nested objects or arrays outside the
/// slots); on anything else it gives up and the caller parses the line in full, which also
/// reports any error in the words the full parser uses.
struct BatchRecordScanner {
    /// Slot number by the FNV-1a hash of its top-level key's UTF-8 bytes, and the keys to confirm.
    private var slotOfHash: [UInt64: Int] = [:]
    private var keys: [[UInt8]] = []
    let width: Int

    /// nil when some slot path is not a plain top-level key (the full parse resolves those).
    init?(_ slots: VarSlots) {
        width = slots.count
        for (i, path) in slots.paths.enumerated() {
            guard path.components.count == 1, !path.components[0].key.isEmpty else { return nil }
            let key = Array(path.components[0].key.utf8)
            let hash = key.withUnsafeBufferPointer { Self.hash($0.baseAddress!, $0.count) }
            guard slotOfHash[hash] == nil else { return nil }
            slotOfHash[hash] = i
            keys.append(key)
        }
    }

    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in 0..<n { h = (h ^ UInt64(p[k])) &* 0x100_0000_01b3 }
        return h
    }

    private func slot(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        guard let s = slotOfHash[Self.hash(p, n)] else { return nil }
        let same = keys[s].withUnsafeBufferPointer { $0.count == n && (n == 0 || memcmp($0.baseAddress!, p, n) == 0) }
        return same ? s : nil
    }

    /// Fills the slots and returns the id and its source text; nil when the line is not of the
    /// plain shape (nothing useful is left in the slots then).
    func scan(
        _ line: UnsafeRawBufferPointer, slots: UnsafeMutableBufferPointer<JSONValue>,
        present: UnsafeMutableBufferPointer<Bool>
    ) -> (id: JSONValue, raw: Substring)? {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let count = line.count
        var i = 0
        @inline(__always) func skipSpace() {
            while i < count, base[i] == 0x20 || base[i] == 0x09 || base[i] == 0x0A || base[i] == 0x0D { i += 1 }
        }
        for s in 0..<width {
            slots[s] = .null
            present[s] = false
        }
        var id: (JSONValue, Substring)?
        skipSpace()
        guard i < count, base[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        skipSpace()
        if i < count, base[i] == UInt8(ascii: "}") { return nil }  // no id: the full parse says so
        while true {
            skipSpace()
            guard i < count, base[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let keyStart = i
            while i < count, base[i] != UInt8(ascii: "\""), base[i] != UInt8(ascii: "\\"), base[i] >= 0x20 { i += 1 }
            guard i < count, base[i] == UInt8(ascii: "\"") else { return nil }
            let keyEnd = i
            i += 1
            skipSpace()
            guard i < count, base[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            let valueStart = i
            guard let valueEnd = Self.skipValue(base, from: i, count: count) else { return nil }
            i = valueEnd
            let value = UnsafeRawBufferPointer(start: base + valueStart, count: valueEnd - valueStart)
            let keyLength = keyEnd - keyStart
            if keyLength == 2, base[keyStart] == UInt8(ascii: "i"), base[keyStart + 1] == UInt8(ascii: "d") {
                guard id == nil, let parsed = try? JSONParser.parse(value) else { return nil }
                id = (parsed, Substring(String(decoding: value, as: UTF8.self)))
            }
            if let s = slot(base + keyStart, keyLength) {
                guard !present[s], let parsed = Self.value(value) else { return nil }
                slots[s] = parsed
                present[s] = true
            }
            skipSpace()
            guard i < count else { return nil }
            let b = base[i]
            i += 1
            if b == UInt8(ascii: ",") { continue }
            guard b == UInt8(ascii: "}") else { return nil }
            break
        }
        skipSpace()
        guard i == count, let id else { return nil }
        return id
    }

    /// A slot's value: plain strings and numbers directly, anything else by the full parser.
    private static func value(_ bytes: UnsafeRawBufferPointer) -> JSONValue? {
        let b = bytes[0]
        if b == UInt8(ascii: "\""), !bytes.contains(UInt8(ascii: "\\")) {
            return .string(
                String(decoding: UnsafeRawBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]), as: UTF8.self))
        }
        return try? JSONParser.parse(bytes)
    }

    /// The end of the value starting at `i`: strings without escapes, numbers, literals, and
    /// arrays of those (one level); nil for anything else.
    private static func skipValue(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int? {
        var i = start
        guard i < count else { return nil }
        switch base[i] {
        case UInt8(ascii: "\""):
            i += 1
            while i < count {
                let b = base[i]
                if b == UInt8(ascii: "\"") { return i + 1 }
                if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
                i += 1
            }
            return nil
        case UInt8(ascii: "t"): return word("true", base, i, count)
        case UInt8(ascii: "f"): return word("false", base, i, count)
        case UInt8(ascii: "n"): return word("null", base, i, count)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number(base, i, count)
        case UInt8(ascii: "["):
            i += 1
            func space() { while i < count, base[i] == 0x20 || base[i] == 0x09 { i += 1 } }
            space()
            if i < count, base[i] == UInt8(ascii: "]") { return i + 1 }
            while true {
                space()
                guard i < count, base[i] != UInt8(ascii: "["), base[i] != UInt8(ascii: "{"),
                    let end = skipValue(base, from: i, count: count)
                else { return nil }
                i = end
                space()
                guard i < count else { return nil }
                let b = base[i]
                i += 1
                if b == UInt8(ascii: ",") { continue }
                return b == UInt8(ascii: "]") ? i : nil
            }
        default:
            return nil
        }
    }

    private static func word(_ w: StaticString, _ base: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> Int? {
        let n = w.utf8CodeUnitCount
        guard i + n <= count, memcmp(base + i, w.utf8Start, n) == 0 else { return nil }
        return i + n
    }

    /// RFC 8259's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private static func number(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var i = start
        @inline(__always) func digit() -> Bool { i < count && base[i] &- UInt8(ascii: "0") < 10 }
        if base[i] == UInt8(ascii: "-") { i += 1 }
        guard digit() else { return nil }
        if base[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while digit() { i += 1 }
        }
        if i < count, base[i] == UInt8(ascii: ".") {
            i += 1
            guard digit() else { return nil }
            while digit() { i += 1 }
        }
        if i < count, base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
            i += 1
            if i < count, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i += 1 }
            guard digit() else { return nil }
            while digit() { i += 1 }
        }
        return i
    }
}

extension BatchProgram {
    /// Whether every rule reads the record only through slots (top-level `var`s): no `var ""`,
    /// computed path or operator outside the common set at the top scope (inside `some`/`all`/
    /// `none` bodies, `var` reads the element). The matcher can then skip building records.
    var readsRecordOnlyThroughSlots: Bool {
        var seen = Set<Int32>()
        func ok(_ index: Int32) -> Bool {
            guard index >= 0, seen.insert(index).inserted else { return true }
            let ins = code[Int(index)]
            switch ins.op {
            case .data, .path, .generic: return false
            case .null, .bool, .number, .constant: return true
            case .slot: return ok(ins.b)
            case .and, .or, .conditional, .add, .multiply, .max, .min:
                return (0..<Int(ins.b)).allSatisfy { ok(lists[Int(ins.a) + $0]) }
            case .not, .truthy, .negate, .compareNumber: return ok(ins.a)
            case .some, .all, .none: return ok(ins.a)
            case .compare, .equal, .strictEqual, .notEqual, .strictNotEqual, .subtract, .divide, .remainder,
                .contains:
                return ok(ins.a) && ok(ins.b)
            }
        }
        return roots.allSatisfy { ok($0) }
    }
}
