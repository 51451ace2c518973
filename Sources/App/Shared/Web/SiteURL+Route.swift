import Foundation
import Hummingbird

/// How a `SiteURL` turns into a path and a router pattern.
extension SiteURL {
    /// A pattern and the values for its `:name` segments, in order.
    struct Route {
        let template: String
        let values: [String]

        init(_ template: String, _ values: any CustomStringConvertible...) {
            self.template = template
            self.values = values.map(\.description)
        }

        var path: String {
            guard !values.isEmpty else { return template }
            var next = values.makeIterator()
            return template.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.hasPrefix(":") ? SiteURL.segment(next.next() ?? "") : String(part)
            }.joined(separator: "/")
        }
    }

    /// A path segment from free text (zone codes, month keys), percent-encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? text
    }

    /// The path with a query string (values percent-encoded).
    public func with(query: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = query.filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
        let q = components.percentEncodedQuery ?? ""
        return q.isEmpty ? path : "\(path)?\(q)"
    }
}

extension Request {
    /// A path parameter that must be a positive integer id; anything else is "not found".
    func id(_ context: AppRequestContext, _ name: String = "id") throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else { throw PageError.notFound }
        return id
    }
}
