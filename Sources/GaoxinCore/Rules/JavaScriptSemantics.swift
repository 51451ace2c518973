import Foundation

/// The JavaScript conversions and comparisons that json-logic-js inherits from the language
/// (ECMAScript's ToNumber, ToString, ToPrimitive, `==`, `===`, `<`, `parseFloat`), restricted to
/// JSON values. Rules written for the reference must give the same answers here.
enum JS {
    /// JsonLogic truthiness: JavaScript's, except that an empty array is false.
    @inline(__always)
    static func truthy(_ v: JSONValue) -> Bool {
        switch v {
        case .null: false
        case .bool(let b): b
        case .number(let n): n != 0 && !n.isNaN
        case .string(let s): !s.utf8.isEmpty
        case .array(let a): !a.isEmpty
        case .object: true
        }
    }

    /// ToNumber. Arrays go through their string form ([] → 0, [5] → 5, [1,2] → NaN), objects are NaN.
    static func toNumber(_ v: JSONValue) -> Double {
        switch v {
        case .null: 0
        case .bool(let b): b ? 1 : 0
        case .number(let n): n
        case .string(let s): stringToNumber(s)
        case .array: stringToNumber(toString(v))
        case .object: .nan
        }
    }

    /// ToString ("String(v)"): null → "null", arrays joined by "," with null elements empty.
    static func toString(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): NumberText.javaScript(n)
        case .string(let s): s
        case .array(let items): items.map(joinElement).joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// How Array.prototype.join writes one element: null (and undefined) become "".
    static func joinElement(_ v: JSONValue) -> String {
        if case .null = v { return "" }
        return toString(v)
    }

    /// ToPrimitive for `==` and `<`: arrays and objects become their strings, the rest stays.
    static func toPrimitive(_ v: JSONValue) -> JSONValue {
        switch v {
        case .array, .object: .string(toString(v))
        default: v
        }
    }

    /// Abstract equality `a == b`. Two arrays or objects are equal only when they are the same object.
    static func looseEquals(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return sameText(x, y)
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .string(let y)): return x == stringToNumber(y)
        case (.string(let x), .number(let y)): return stringToNumber(x) == y
        case (.bool(let x), _): return looseEquals(.number(x ? 1 : 0), b)
        case (_, .bool(let y)): return looseEquals(a, .number(y ? 1 : 0))
        case (.array, .array), (.object, .object): return sameObject(a, b)
        case (.array, .object), (.object, .array): return false
        case (.array, _), (.object, _): return looseEquals(toPrimitive(a), b)
        case (_, .array), (_, .object): return looseEquals(a, toPrimitive(b))
        }
    }

    /// Strict equality `a === b`: same type and value; arrays and objects only when the same object.
    static func strictEquals(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): sameText(x, y)
        case (.bool(let x), .bool(let y)): x == y
        case (.array, .array), (.object, .object): sameObject(a, b)
        default: false
        }
    }

    /// JavaScript compares arrays and objects by identity: `{"==": [{"var": "a"}, {"var": "a"}]}` holds,
    /// `[1] == [1]` does not. Values read from the same place share storage, which stands in for
    /// identity; empty ones share the empty singleton, so they are never taken as the same.
    static func sameObject(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            guard !x.isEmpty, x.count == y.count else { return false }
            return x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress } }
        case (.object(let x), .object(let y)):
            guard !x.isEmpty, x.count == y.count else { return false }
            return x.entries.withUnsafeBufferPointer { p in
                y.entries.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress }
            }
        default:
            return false
        }
    }

    /// `a < b`: true, false, or nil for JavaScript's "undefined" (a NaN was involved), which makes
    /// every one of <, <=, >, >= false.
    static func lessThan(_ a: JSONValue, _ b: JSONValue) -> Bool? {
        if case .number(let x) = a, case .number(let y) = b {
            if x.isNaN || y.isNaN { return nil }
            return x < y
        }
        let pa = toPrimitive(a)
        let pb = toPrimitive(b)
        if case .string(let x) = pa, case .string(let y) = pb {
            // Strings compare by UTF-16 code units, not by Unicode collation.
            return x.utf16.lexicographicallyPrecedes(y.utf16)
        }
        let x = toNumber(pa)
        let y = toNumber(pb)
        if x.isNaN || y.isNaN { return nil }
        return x < y
    }

    @inline(__always) static func greater(_ a: JSONValue, _ b: JSONValue) -> Bool { lessThan(b, a) ?? false }
    @inline(__always) static func less(_ a: JSONValue, _ b: JSONValue) -> Bool { lessThan(a, b) ?? false }
    // a <= b is "not (b < a)", but undefined stays false.
    @inline(__always) static func lessOrEqual(_ a: JSONValue, _ b: JSONValue) -> Bool { lessThan(b, a) == false }
    @inline(__always) static func greaterOrEqual(_ a: JSONValue, _ b: JSONValue) -> Bool { lessThan(a, b) == false }

    /// Byte equality: JavaScript compares code units, Swift's `==` would apply canonical equivalence.
    @inline(__always)
    static func sameText(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }

    /// `haystack.indexOf(needle) !== -1` for strings (byte search is equivalent on well-formed UTF-8).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack
        var n = needle
        return h.withUTF8 { hb in
            n.withUTF8 { nb in
                if nb.isEmpty { return true }
                if nb.count > hb.count { return false }
                let first = nb[0]
                var k = 0
                let last = hb.count - nb.count
                while k <= last {
                    if hb[k] == first, memcmp(hb.baseAddress! + k, nb.baseAddress!, nb.count) == 0 { return true }
                    k += 1
                }
                return false
            }
        }
    }

    // MARK: - Text to number

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000, 0xFEFF:
            true
        default: false
        }
    }

    /// StringToNumber: surrounding white space ignored, "" → 0, decimal, "Infinity", 0x/0o/0b
    /// integers; anything else NaN ("12abc", "1,000", "inf").
    static func stringToNumber(_ s: String) -> Double {
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        while lo < hi, isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo, isSpace(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
        let body = Array(String(scalars[lo..<hi]).utf8)
        if body.isEmpty { return 0 }
        if body.count > 2, body[0] == UInt8(ascii: "0") {
            let radix: UInt64
            switch body[1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: radix = 0
            }
            if radix != 0 { return radixInteger(body[2...], radix) }
        }
        guard let (value, length) = decimalPrefix(body[...]), length == body.count else { return .nan }
        return value
    }

    private static func radixInteger(_ digits: ArraySlice<UInt8>, _ radix: UInt64) -> Double {
        var v = 0.0
        for b in digits {
            let d: UInt64
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(b - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(b - UInt8(ascii: "A")) + 10
            default: return .nan
            }
            if d >= radix { return .nan }
            v = v * Double(radix) + Double(d)
        }
        return v
    }

    /// `parseFloat`: the longest decimal prefix after leading white space, else NaN ("3.5kg" → 3.5).
    static func parseFloat(_ v: JSONValue) -> Double {
        if case .number(let n) = v { return n == 0 ? 0 : n }  // String(-0) is "0"
        let s = toString(v)
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex
        while lo < scalars.endIndex, isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        let body = Array(String(scalars[lo...]).utf8)
        return decimalPrefix(body[...])?.value ?? .nan
    }

    /// The longest prefix of `b` that is a StrDecimalLiteral (sign, digits, point, exponent, or
    /// "Infinity") with its value and length; nil when there is none.
    private static func decimalPrefix(_ b: ArraySlice<UInt8>) -> (value: Double, length: Int)? {
        var k = b.startIndex
        var negative = false
        if k < b.endIndex, b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-") {
            negative = b[k] == UInt8(ascii: "-")
            k += 1
        }
        let infinity = Array("Infinity".utf8)
        if b[k...].starts(with: infinity) {
            return (negative ? -.infinity : .infinity, k + infinity.count - b.startIndex)
        }
        let numberStart = k
        var intDigits = 0
        while k < b.endIndex, b[k] &- UInt8(ascii: "0") < 10 {
            k += 1
            intDigits += 1
        }
        var fracDigits = 0
        if k < b.endIndex, b[k] == UInt8(ascii: ".") {
            var j = k + 1
            while j < b.endIndex, b[j] &- UInt8(ascii: "0") < 10 {
                j += 1
                fracDigits += 1
            }
            if intDigits > 0 || fracDigits > 0 { k = j }
        }
        guard intDigits > 0 || fracDigits > 0 else { return nil }
        var end = k
        if k < b.endIndex, b[k] | 0x20 == UInt8(ascii: "e") {
            var j = k + 1
            if j < b.endIndex, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            let expStart = j
            while j < b.endIndex, b[j] &- UInt8(ascii: "0") < 10 { j += 1 }
            if j > expStart { end = j }
        }
        var text = String(decoding: b[numberStart..<end], as: UTF8.self)
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasSuffix(".") { text += "0" }
        text = text.replacingOccurrences(of: ".e", with: ".0e").replacingOccurrences(of: ".E", with: ".0E")
        guard let magnitude = Double(text) else { return nil }
        return (negative ? -magnitude : magnitude, end - b.startIndex)
    }

    /// ToIntegerOrInfinity, as `substr` uses for its positions.
    static func toInteger(_ v: JSONValue) -> Double {
        let n = toNumber(v)
        if n.isNaN { return 0 }
        return n.rounded(.towardZero)
    }
}
