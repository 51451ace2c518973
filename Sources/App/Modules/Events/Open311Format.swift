import Foundation

/// GeoReport v2 answers in either format the client asks for by extension (`.json`, `.xml`).
/// A record is an ordered list of fields, so the XML elements come out in the spec's order.
enum Open311Format: String, Sendable {
    case json, xml

    enum Value: Sendable {
        case text(String)
        case number(Double)
        case integer(Int)
        case bool(Bool)
        case null
    }

    typealias Record = [(String, Value)]

    /// "requests.json" → ("requests", .json); nil for another extension.
    static func split(_ file: String) -> (name: String, format: Open311Format)? {
        guard let dot = file.lastIndex(of: "."),
            let format = Open311Format(rawValue: String(file[file.index(after: dot)...]).lowercased())
        else { return nil }
        return (String(file[..<dot]), format)
    }

    var contentType: String { self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8" }

    /// A list of records: a JSON array, or `<root><element>…</element></root>`.
    func list(_ records: [Record], root: String, element: String) -> String {
        switch self {
        case .json: return "[" + records.map(Self.jsonObject).joined(separator: ",") + "]"
        case .xml:
            return #"<?xml version="1.0" encoding="utf-8"?>"# + "\n<\(root)>"
                + records.map { "<\(element)>" + Self.xmlFields($0) + "</\(element)>" }.joined() + "</\(root)>\n"
        }
    }

    /// One record that is not in a list (the service definition).
    func single(_ record: Record, root: String, rawXML: [String: String] = [:], rawJSON: [String: String] = [:])
        -> String
    {
        switch self {
        case .json:
            var body = Self.jsonObject(record)
            if !rawJSON.isEmpty {
                body.removeLast()
                body +=
                    (record.isEmpty ? "" : ",")
                    + rawJSON.sorted { $0.key < $1.key }.map { "\(Self.jsonString($0.key)):\($0.value)" }.joined(
                        separator: ",") + "}"
            }
            return body
        case .xml:
            return #"<?xml version="1.0" encoding="utf-8"?>"# + "\n<\(root)>" + Self.xmlFields(record)
                + rawXML.sorted { $0.key < $1.key }.map(\.value).joined() + "</\(root)>\n"
        }
    }

    /// The spec's error list: `[{"code": 400, "description": "…"}]`.
    func errors(_ status: Int, _ descriptions: [String]) -> String {
        list(
            descriptions.map { [("code", .integer(status)), ("description", .text($0))] }, root: "errors",
            element: "error")
    }

    static func jsonObject(_ record: Record) -> String {
        "{" + record.map { "\(jsonString($0.0)):\(json($0.1))" }.joined(separator: ",") + "}"
    }

    static func json(_ value: Value) -> String {
        switch value {
        case .text(let s): jsonString(s)
        case .number(let d): d.isFinite ? String(d) : "null"
        case .integer(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }

    static func jsonString(_ s: String) -> String {
        (try? JSONEncoder().encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    static func xmlFields(_ record: Record) -> String {
        record.map { key, value in
            switch value {
            case .null: "<\(key)/>"
            case .text(let s): "<\(key)>\(xmlEscape(s))</\(key)>"
            case .number(let d): "<\(key)>\(String(d))</\(key)>"
            case .integer(let i): "<\(key)>\(i)</\(key)>"
            case .bool(let b): "<\(key)>\(b ? "true" : "false")</\(key)>"
            }
        }.joined()
    }

    static func xmlEscape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Characters XML 1.0 cannot carry at all are dropped rather than breaking the document.
            case "\u{9}", "\u{A}", "\u{D}": out.unicodeScalars.append(c)
            default: if c.value >= 0x20 { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// W3C datetime in China time, as GeoReport writes it: 2026-11-25T14:30:00+08:00.
    static func datetime(_ seconds: Int64) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Parses a W3C datetime (with or without fractional seconds) or a bare date (China time).
    static func parseDatetime(_ text: String) -> Int64? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return Int64(d.timeIntervalSince1970) }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return Int64(d.timeIntervalSince1970) }
        f.formatOptions = [.withFullDate]
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        if let d = f.date(from: text) { return Int64(d.timeIntervalSince1970) }
        return nil
    }
}
