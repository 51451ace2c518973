/// How Python's `str()` prints a value decoded by `json.loads`: the batch matcher's output must be
/// byte-identical to the Python peer's, whose lines are f"{enterprise['id']}\t{policy['id']}".
enum PythonText {
    /// `raw` is the value's JSON source text, which tells an int (`12` → "12") from a float
    /// (`12.0` → "12.0", `1e3` → "1000.0"); Python keeps ints exact, however long. Without it, a
    /// whole number is taken to have been written as an int.
    static func str(_ value: JSONValue, raw: Substring?) -> String {
        switch value {
        case .string(let s):
            return s
        case .number(let n):
            guard let raw else { return repr(value) }
            if !raw.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                return raw == "-0" ? "0" : String(raw)
            }
            return NumberText.python(n)
        default:
            return repr(value)
        }
    }

    /// `repr()` of a decoded value inside a list or dict. Numbers there have lost their source
    /// text, so a whole number is taken to have been written as an int.
    static func repr(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .number(let n):
            return n == n.rounded() && abs(n) < 1e16 ? String(Int64(n)) : NumberText.python(n)
        case .string(let s): return quoted(s)
        case .array(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
        case .object(let o): return "{" + o.map { quoted($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// Python's string repr: single quotes unless the text has ' but no ".
    private static func quoted(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where Character(scalar) == quote: out += "\\" + String(quote)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append(quote)
        return out
    }
}
