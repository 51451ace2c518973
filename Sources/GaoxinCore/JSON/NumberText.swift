/// Decimal text of a `Double` in the two dialects the platform must reproduce byte for byte:
/// JavaScript's `Number.prototype.toString` (what JSONLogic results and `JSON.stringify` print) and
/// Python's `repr(float)` (how the Python peer prints an id that is a float).
/// Both start from the shortest round-tripping digits, which Swift's own `description` already finds.
public enum NumberText {
    /// `String(x)` in JavaScript: 1 → "1", 0.5 → "0.5", 1e21 → "1e+21", 1e-7 → "1e-7", NaN → "NaN".
    public static func javaScript(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x == 0 { return "0" }  // also -0
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        // Integers below 2^53 print as themselves; this skips the digit analysis for most values.
        if x == x.rounded(.towardZero), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
        let (neg, digits, n) = shortestDigits(x)
        let k = digits.count
        var out = neg ? "-" : ""
        if k <= n && n <= 21 {
            out += digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            let cut = digits.index(digits.startIndex, offsetBy: n)
            out += digits[..<cut] + "." + digits[cut...]
        } else if -6 < n && n <= 0 {
            out += "0." + String(repeating: "0", count: -n) + digits
        } else {
            let e = n - 1
            let first = digits.prefix(1)
            let rest = digits.dropFirst()
            out += first + (rest.isEmpty ? "" : "." + rest) + "e" + (e > 0 ? "+" : "-") + String(abs(e))
        }
        return out
    }

    /// `repr(x)` in Python 3: 1.0 → "1.0", 1e16 → "1e+16", 1e-05 → "1e-05", nan → "nan".
    public static func python(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        let (neg, digits, n) = shortestDigits(x)
        let k = digits.count
        var out = neg ? "-" : ""
        if n <= -4 || n > 16 {
            let e = n - 1
            let first = digits.prefix(1)
            let rest = digits.dropFirst()
            let exponent = String(abs(e))
            out +=
                first + (rest.isEmpty ? "" : "." + rest) + "e" + (e < 0 ? "-" : "+")
                + (exponent.count < 2 ? "0" + exponent : exponent)
        } else if n <= 0 {
            out += "0." + String(repeating: "0", count: -n) + digits
        } else if n >= k {
            out += digits + String(repeating: "0", count: n - k) + ".0"
        } else {
            let cut = digits.index(digits.startIndex, offsetBy: n)
            out += digits[..<cut] + "." + digits[cut...]
        }
        return out
    }

    /// For finite non-zero `x`: the sign, the shortest round-trip significant digits (no leading or
    /// trailing zeros) and `n` such that |x| = 0.digits × 10^n.
    static func shortestDigits(_ x: Double) -> (negative: Bool, digits: String, n: Int) {
        // Swift prints shortest round-trip digits as "123.45", "1e-07" or "1.5e+300".
        let text = abs(x).description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var all = Array((intPart + fracPart).utf8)
        var n = intPart.count + exponent
        var lead = 0
        while lead < all.count - 1, all[lead] == UInt8(ascii: "0") { lead += 1 }
        all.removeFirst(lead)
        n -= lead
        while all.count > 1, all.last == UInt8(ascii: "0") { all.removeLast() }
        return (x < 0, String(decoding: all, as: UTF8.self), n)
    }
}
