/// A `var` path split once at compile time ("finance.revenue" → ["finance", "revenue"]), so an
/// evaluation walks the record without touching the path text again.
struct VarPath: Sendable, Hashable {
    struct Component: Sendable, Hashable {
        let key: String
        /// The key as an array index when it is a canonical one ("0", "12"; not "01" or "-1").
        let index: Int?
    }

    /// The path as written in the rule.
    let text: String
    let components: [Component]

    /// `text` is split on "." the way JavaScript's `String.split(".")` does (empty parts kept).
    init(_ text: String) {
        self.text = text
        components = text.split(separator: ".", omittingEmptySubsequences: false).map { part in
            Component(key: String(part), index: Self.arrayIndex(part))
        }
    }

    private static func arrayIndex(_ part: Substring) -> Int? {
        guard let first = part.utf8.first, part.utf8.count <= 10 else { return nil }
        if first == UInt8(ascii: "0") { return part.utf8.count == 1 ? 0 : nil }
        guard part.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let v = Int(part), v < 4_294_967_295 else {
            return nil
        }
        return v
    }

    /// The value at this path, or nil when JavaScript would find `undefined` (the caller then uses
    /// the default). A null met half-way is also "not found"; a null at the end is a value.
    func resolve(in data: JSONValue) -> JSONValue? {
        resolve(in: data, from: 0)
    }

    /// The value at the path's components from `start` on, `data` being the value reached before it.
    func resolve(in data: JSONValue, from start: Int) -> JSONValue? {
        var current = data
        for c in components[start...] {
            switch current {
            case .null:
                return nil
            case .object(let object):
                guard let next = object[c.key] else { return nil }
                current = next
            case .array(let items):
                if let i = c.index {
                    guard i < items.count else { return nil }
                    current = items[i]
                } else if c.key == "length" {
                    current = .number(Double(items.count))
                } else {
                    return nil
                }
            case .string(let s):
                // Strings index by UTF-16 code unit, like JavaScript's "abc"[1] and "abc".length.
                if let i = c.index {
                    let units = s.utf16
                    guard i < units.count else { return nil }
                    let unit = units[units.index(units.startIndex, offsetBy: i)]
                    current = .string(String(decoding: [unit], as: UTF16.self))
                } else if c.key == "length" {
                    current = .number(Double(s.utf16.count))
                } else {
                    return nil
                }
            case .number, .bool:
                return nil
            }
        }
        return current
    }
}
