import Foundation
import Hummingbird
import Mustache

/// A submitted `application/x-www-form-urlencoded` form. Pages validate fields themselves so each
/// error can name its field in Chinese next to the input.
public struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    public init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    private static func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    /// The trimmed value, or "" when absent.
    public subscript(_ key: String) -> String {
        (values[key]?.first ?? "").trimmed
    }

    /// The untrimmed value (passwords keep their spaces).
    public func raw(_ key: String) -> String { values[key]?.first ?? "" }

    public func all(_ key: String) -> [String] { values[key] ?? [] }

    /// The boundary of a `multipart/form-data` request, or nil for other bodies.
    static func multipartBoundary(_ request: Request) -> String? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data") else {
            return nil
        }
        return type.components(separatedBy: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.lowercased().hasPrefix("boundary=") }
            .map { String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    /// Reads the request body as a form (after CSRFMiddleware has collected it).
    public static func from(_ request: Request, context: AppRequestContext) async throws -> FormData {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return FormData(urlEncoded: String(buffer: buffer))
    }
}

/// Field errors for a form, shown inline next to each input and in a summary at the top.
/// Templates read `{{errors.fieldname}}`, `{{#errors.summary}}` and `{{#errors.any}}`.
public struct FormErrors: Sendable, MustacheParent {
    public private(set) var byField: [String: String] = [:]
    private var order: [String] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        if byField[field] == nil { order.append(field) }
        byField[field] = byField[field].map { $0 + "；" + message } ?? message
    }

    public var isEmpty: Bool { byField.isEmpty }
    public subscript(_ field: String) -> String? { byField[field] }
    public var summary: [String] { order.compactMap { byField[$0] } }
    /// Field and message, in the order added: for tables that list problems by column.
    public var entries: [(field: String, message: String)] { order.compactMap { f in byField[f].map { (f, $0) } } }

    public func child(named name: String) -> Any? {
        switch name {
        case "summary": summary
        case "any": !isEmpty
        default: byField[name]
        }
    }
}
