import Foundation
import GaoxinCore

/// The limits a request body declares in `openapi.json`, enforced exactly as JSON Schema counts
/// them: the generated layer decodes types and enums but checks no `maxLength`, `minimum` or
/// `pattern`, and a limit the document states but the server lets through is a broken promise
/// (schemathesis sends just-too-long and just-too-large values). String lengths are code points
/// (JSON Schema's measure), not grapheme clusters.
struct APIBounds {
    /// The largest id the document allows (2^53 − 1: what every JSON client holds exactly).
    static let maxID: Int64 = 9_007_199_254_740_991

    private(set) var errors: [APIError.FieldError] = []

    private mutating func add(_ field: String, _ message: String) {
        if !errors.contains(where: { $0.field == field }) { errors.append(.init(field: field, message: message)) }
    }

    /// A string within `min`…`max` code points, after trimming (a blank required field is empty).
    @discardableResult
    mutating func text(_ value: String?, _ field: String, min: Int = 0, max: Int) -> String {
        guard let value else { return "" }
        let count = value.textLength
        if count > max { add(field, "不能超过 \(max) 个字符（收到 \(count) 个）") }
        if count < min { add(field, "至少 \(min) 个字符") }
        return value.trimmed
    }

    /// A whole number within `min`…`max`.
    mutating func number(_ value: Int64?, _ field: String, min: Int64, max: Int64) {
        guard let value else { return }
        if value < min || value > max { add(field, "须在 \(min) 到 \(max) 之间（收到 \(value)）") }
    }

    mutating func id(_ value: Int64?, _ field: String) {
        number(value, field, min: 1, max: Self.maxID)
    }

    /// A `YYYY-MM-DD` day written exactly so (no sign, no short parts), as the schema's pattern says.
    mutating func day(_ value: String?, _ field: String) -> Day? {
        guard let value else { return nil }
        guard let day = Day(value), day.description == value else {
            add(field, "日期格式应为 YYYY-MM-DD（\(value.prefix(20))）")
            return nil
        }
        return day
    }

    /// A `YYYY-MM` month written exactly so, months 01–12.
    mutating func month(_ value: String, _ field: String) {
        guard let day = Day(value + "-01"), day.description == value + "-01" else {
            add(field, "月份格式应为 YYYY-MM（\(value.prefix(20))）")
            return
        }
    }

    func check() throws {
        if !errors.isEmpty { throw APIError.validation(errors) }
    }
}
