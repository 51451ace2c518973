/// Why a text is not JSON, and where: a byte offset plus the line and column a person would look at.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset into the input.
    public let offset: Int
    /// 1-based line.
    public let line: Int
    /// 1-based column, counted in characters (Unicode scalars), not bytes.
    public let column: Int
    /// What is wrong, in Chinese ("缺少 ‘:’").
    public let reason: String

    public var description: String { "第 \(line) 行第 \(column) 列：\(reason)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes. It is several times faster than `JSONSerialization`
/// because it builds `JSONValue`s directly, takes strings without escapes straight from the buffer,
/// and converts most numbers with one multiplication (Clinger's fast path).
public enum JSONParser {
    /// Deeper nesting than this is refused rather than risking the stack.
    public static let maximumDepth = 512

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONParseError> = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var parser = ByteParser(bytes)
        return try parser.parseDocument()
    }

    /// Parses one of many small documents, reusing `scratch` between them, and records in
    /// `scratch.captured`, for every object at nesting `depth` (1 = the document itself, 2 = the
    /// elements of a top-level array), the source range of its member `key` (the last one if
    /// repeated), in document order. The batch matcher needs ids exactly as written: Python prints
    /// the literal `12` as "12" but `12.0` as "12.0", which a `Double` cannot tell apart.
    static func parse(
        _ bytes: UnsafeRawBufferPointer, capturingMember key: String, atDepth depth: Int,
        scratch: inout ParserScratch
    ) throws(JSONParseError) -> JSONValue {
        scratch.captured.removeAll(keepingCapacity: true)
        var parser = ByteParser(bytes)
        swap(&parser.scratch, &scratch)
        defer { swap(&parser.scratch, &scratch) }
        parser.captureKey = key
        parser.captureDepth = depth
        return try parser.parseDocument()
    }
}

struct ByteParser {
    private let base: UnsafePointer<UInt8>?
    private let count: Int
    private var i = 0
    private var depth = 0
    var captureKey: String?
    var captureDepth = 1
    /// Swapped in from the caller and back, so its buffers live on from one document to the next.
    var scratch = ParserScratch(capacity: 0)

    init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        count = bytes.count
    }

    @inline(__always) private func byte(_ at: Int) -> UInt8 { base![at] }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // A UTF-8 byte-order mark is tolerated: Windows tools write one.
        if count >= 3, byte(0) == 0xEF, byte(1) == 0xBB, byte(2) == 0xBF { i = 3 }
        skipSpace()
        guard i < count else { throw error("内容为空，不是 JSON") }
        let value = try parseValue()
        skipSpace()
        if i < count { throw error("JSON 值之后还有多余的内容") }
        return value
    }

    @inline(__always) private mutating func skipSpace() {
        while i < count {
            let b = byte(i)
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i += 1
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard i < count else { throw error("JSON 提前结束，缺少值") }
        switch byte(i) {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw error("这里应为一个 JSON 值，却是“\(characterHere())”")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        guard i + n <= count else { throw error("无法识别的字面量（应为 \(word)）") }
        for k in 0..<n where byte(i + k) != w[k] { throw error("无法识别的字面量（应为 \(word)）") }
        i += n
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        depth += 1
        guard depth <= JSONParser.maximumDepth else { throw error("嵌套超过 \(JSONParser.maximumDepth) 层") }
        defer { depth -= 1 }
        i += 1
        var entries: [JSONObject.Element] = []
        if depth < scratch.sizeHints.count, scratch.sizeHints[depth] > 0 {
            entries.reserveCapacity(scratch.sizeHints[depth])
        }
        let hashBase = scratch.keyHashes.count
        defer { scratch.keyHashes.removeSubrange(hashBase...) }
        var capturedHere: Range<Int>?
        defer { if captureKey != nil, depth == captureDepth { scratch.captured.append(capturedHere) } }
        skipSpace()
        if i < count, byte(i) == UInt8(ascii: "}") {
            i += 1
            return .object(JSONObject())
        }
        while true {
            skipSpace()
            guard i < count, byte(i) == UInt8(ascii: "\"") else {
                throw error(i < count ? "对象的键必须是带双引号的字符串" : "对象没有结束，缺少 ‘}’")
            }
            let (key, hash) = try parseStringAndHash()
            skipSpace()
            guard i < count, byte(i) == UInt8(ascii: ":") else { throw error("键“\(key)”之后缺少 ‘:’") }
            i += 1
            skipSpace()
            let valueStart = i
            let value = try parseValue()
            if depth == captureDepth, let captureKey, key == captureKey { capturedHere = valueStart..<i }
            var duplicate: Int?
            for k in hashBase..<scratch.keyHashes.count
            where scratch.keyHashes[k] == hash && entries[k - hashBase].key == key {
                duplicate = k - hashBase
                break
            }
            if let duplicate {
                entries[duplicate].value = value
            } else {
                entries.append((key, value))
                scratch.keyHashes.append(hash)
            }
            skipSpace()
            guard i < count else { throw error("对象没有结束，缺少 ‘}’") }
            let b = byte(i)
            i += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { break }
            i -= 1
            throw error("对象成员之间应为 ‘,’ 或 ‘}’")
        }
        while scratch.sizeHints.count <= depth { scratch.sizeHints.append(0) }
        scratch.sizeHints[depth] = entries.count
        return .object(JSONObject(uniqueEntries: entries))
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        depth += 1
        guard depth <= JSONParser.maximumDepth else { throw error("嵌套超过 \(JSONParser.maximumDepth) 层") }
        defer { depth -= 1 }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < count, byte(i) == UInt8(ascii: "]") {
            i += 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try parseValue())
            skipSpace()
            guard i < count else { throw error("数组没有结束，缺少 ‘]’") }
            let b = byte(i)
            i += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "]") { break }
            i -= 1
            throw error("数组元素之间应为 ‘,’ 或 ‘]’")
        }
        return .array(items)
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        try parseStringAndHash().string
    }

    /// A string and an FNV-1a hash of its source bytes (escapes included; equal text written with
    /// different escapes hashes differently, which only costs a string comparison).
    private mutating func parseStringAndHash() throws(JSONParseError) -> (string: String, hash: UInt64) {
        i += 1
        let start = i
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        while i < count {
            let b = byte(i)
            if b == UInt8(ascii: "\"") {
                let bytes = UnsafeBufferPointer(start: base! + start, count: i - start)
                i += 1
                return (scratch.string(bytes, hash: h), h)
            }
            if b == UInt8(ascii: "\\") {
                let s = try parseEscapedString(from: start)
                return (s, fnv1a(start, i))
            }
            if b < 0x20 { throw error("字符串中有未转义的控制字符") }
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
            i += 1
        }
        throw error("字符串没有结束，缺少 ‘\"’")
    }

    private func fnv1a(_ from: Int, _ to: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in from..<to {
            h = (h ^ UInt64(byte(k))) &* 0x100_0000_01b3
        }
        return h
    }

    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        var buffer = Array(UnsafeBufferPointer(start: base! + start, count: i - start))
        while i < count {
            let b = byte(i)
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if b < 0x20 { throw error("字符串中有未转义的控制字符") }
            if b != UInt8(ascii: "\\") {
                buffer.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < count else { break }
            let e = byte(i)
            i += 1
            switch e {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate joins the low surrogate that must follow it.
                    if i + 1 < count, byte(i) == UInt8(ascii: "\\"), byte(i + 1) == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD  // a lone low surrogate cannot be held in a Swift string
                }
                appendUTF8(UInt32(scalar), to: &buffer)
            default:
                i -= 1
                throw error("无效的转义序列 \\\(characterHere())")
            }
        }
        throw error("字符串没有结束，缺少 ‘\"’")
    }

    private mutating func hex4() throws(JSONParseError) -> Int {
        guard i + 4 <= count else { throw error("\\u 之后应有 4 位十六进制数") }
        var v = 0
        for _ in 0..<4 {
            let b = byte(i)
            let d: Int
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(b - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = Int(b - UInt8(ascii: "A")) + 10
            default: throw error("\\u 之后应有 4 位十六进制数")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    private func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            buffer.append(UInt8(scalar))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | (scalar >> 6)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | (scalar >> 12)))
            buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            buffer.append(UInt8(0xF0 | (scalar >> 18)))
            buffer.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    private static let exactPowers: [Double] = (0...22).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = i
        var negative = false
        if byte(i) == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0  // significant digits folded into `mantissa`
        var dropped = false  // more than 19 significant digits: needs the slow path
        var scale = 0  // decimal exponent correction from the fraction and dropped digits
        guard i < count else { throw error("数字不完整") }
        let first = byte(i)
        if first == UInt8(ascii: "0") {
            i += 1
            if i < count, isDigit(byte(i)) { throw error("数字不能以 0 开头") }
        } else if isDigit(first) {
            while i < count, isDigit(byte(i)) {
                accumulate(byte(i), &mantissa, &digits, &dropped, &scale, fraction: false)
                i += 1
            }
        } else {
            throw error("数字不完整")
        }
        if i < count, byte(i) == UInt8(ascii: ".") {
            i += 1
            guard i < count, isDigit(byte(i)) else { throw error("小数点之后应有数字") }
            while i < count, isDigit(byte(i)) {
                accumulate(byte(i), &mantissa, &digits, &dropped, &scale, fraction: true)
                i += 1
            }
        }
        var exponent = 0
        if i < count, byte(i) == UInt8(ascii: "e") || byte(i) == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < count, byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-") {
                expNegative = byte(i) == UInt8(ascii: "-")
                i += 1
            }
            guard i < count, isDigit(byte(i)) else { throw error("指数部分应有数字") }
            while i < count, isDigit(byte(i)) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(byte(i) - UInt8(ascii: "0")) }
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        let e10 = exponent + scale
        if !dropped, mantissa <= 1 << 53, abs(e10) <= 22 {
            var v = Double(mantissa)
            if e10 < 0 { v /= Self.exactPowers[-e10] } else if e10 > 0 { v *= Self.exactPowers[e10] }
            return negative ? -v : v
        }
        // Rare: long mantissas or large exponents. The standard library rounds correctly.
        let text = String(decoding: UnsafeBufferPointer(start: base! + start, count: i - start), as: UTF8.self)
        return Double(text) ?? (negative ? -.infinity : .infinity)
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    @inline(__always) private func accumulate(
        _ b: UInt8, _ mantissa: inout UInt64, _ digits: inout Int, _ dropped: inout Bool, _ scale: inout Int,
        fraction: Bool
    ) {
        let d = UInt64(b - UInt8(ascii: "0"))
        if digits == 0 && d == 0 {
            if fraction { scale -= 1 }  // leading zeros of 0.000123 only shift the point
            return
        }
        if digits < 19 {
            mantissa = mantissa * 10 + d
            digits += 1
            if fraction { scale -= 1 }
        } else {
            if d != 0 { dropped = true }
            if !fraction { scale += 1 }
        }
    }

    private func characterHere() -> String {
        guard i < count else { return "" }
        var end = i + 1
        while end < count, end - i < 4, byte(end) & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(start: base! + i, count: end - i), as: UTF8.self)
    }

    private func error(_ reason: String) -> JSONParseError {
        var line = 1
        var lineStart = 0
        let upTo = min(i, count)
        for k in 0..<upTo where byte(k) == 0x0A {
            line += 1
            lineStart = k + 1
        }
        var column = 1
        for k in lineStart..<upTo where byte(k) & 0xC0 != 0x80 { column += 1 }
        return JSONParseError(offset: upTo, line: line, column: column, reason: reason)
    }
}
