/// Carries a JSON value (a JSONLogic rule) through `Codable`, so a criterion file decodes with
/// `JSONDecoder` while its rules stay the exact JSON the rule engine compiles.
struct CodableJSON: Codable, Sendable, Hashable {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    init(from decoder: any Decoder) throws {
        if let c = try? decoder.singleValueContainer() {
            if c.decodeNil() {
                value = .null
                return
            }
            // Bool before Double: Foundation's decoder never reads a JSON number as Bool, but may
            // read `true` as 1 if asked for a number first.
            if let b = try? c.decode(Bool.self) {
                value = .bool(b)
                return
            }
            if let n = try? c.decode(Double.self) {
                value = .number(n)
                return
            }
            if let s = try? c.decode(String.self) {
                value = .string(s)
                return
            }
        }
        if var items = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            while !items.isAtEnd { values.append(try items.decode(CodableJSON.self).value) }
            value = .array(values)
            return
        }
        let object = try decoder.container(keyedBy: AnyKey.self)
        // Key order is not kept by the decoder; sorting makes it at least stable (rules have one key per object).
        value = .object(
            JSONObject(
                try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                    ($0.stringValue, try object.decode(CodableJSON.self, forKey: $0).value)
                }))
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(CodableJSON(item)) }
        case .object(let object):
            var c = encoder.container(keyedBy: AnyKey.self)
            for (key, item) in object { try c.encode(CodableJSON(item), forKey: AnyKey(key)) }
        }
    }
}

/// A coding key for any member name: JSON objects with free keys, and checks for unknown keys.
struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Refuses members a data file may not have, so a misspelt key ("minimumscore") is an error
    /// rather than a silently ignored setting.
    func rejectUnknownKeys(allowed: Set<String>, in what: String) throws {
        let keys = try container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).sorted()
        if let unknown = keys.first(where: { !allowed.contains($0) }) {
            let known = allowed.sorted().joined(separator: "、")
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "\(what)中有未知的项「\(unknown)」（可用的项：\(known)）"))
        }
    }
}
