import Foundation

/// The fields rules may read, with how to show them to a person: a Chinese label, a unit and a
/// display scale (a ratio stored as 0.031 is shown as 3.1 with unit "%"; yuan as 万元 with 0.0001).
/// A computed expression can be labelled too, e.g. R&D expense ÷ revenue as "研发费用占营业收入比例".
public struct FieldCatalogue: Sendable {
    public struct Field: Sendable, Equatable {
        public var label: String
        /// Written right after the number, as Chinese text does: "3.1%", "4000万元", "120人".
        public var unit: String
        /// Shown value = stored value × scale.
        public var scale: Double
        /// At most this many digits after the point (trailing zeros dropped).
        public var decimals: Int
        /// Names for coded text values ("high_tech" → "高新技术企业"), so sentences never show codes.
        public var valueLabels: [String: String]

        public init(
            label: String, unit: String = "", scale: Double = 1, decimals: Int = 2, valueLabels: [String: String] = [:]
        ) {
            self.label = label
            self.unit = unit
            self.scale = scale
            self.decimals = decimals
            self.valueLabels = valueLabels
        }

        /// A share stored as a fraction (0.031) and shown in percent ("3.1%").
        public static func percent(_ label: String, decimals: Int = 2) -> Field {
            Field(label: label, unit: "%", scale: 100, decimals: decimals)
        }

        /// An amount stored in yuan and shown in 万元.
        public static func tenThousandYuan(_ label: String, decimals: Int = 2) -> Field {
            Field(label: label, unit: "万元", scale: 0.0001, decimals: decimals)
        }

        /// A stored number as a person reads it: "3.1%".
        public func display(_ number: Double) -> String {
            FieldCatalogue.decimal(number * scale, decimals: decimals) + unit
        }

        /// Any value of this field: numbers with the unit, text quoted, true/false as 是/否.
        public func display(_ value: JSONValue) -> String {
            if case .number(let n) = value { return display(n) }
            return FieldCatalogue.plain(named(value))
        }

        /// The value with its coded strings replaced by their names.
        public func named(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let s): .string(valueLabels[s] ?? s)
            case .array(let items): .array(items.map(named))
            default: value
            }
        }

        /// A difference between two stored numbers: percentages differ by percentage points.
        public func displayDifference(_ amount: Double) -> String {
            let text = FieldCatalogue.decimal(amount * scale, decimals: decimals)
            return unit == "%" ? text + " 个百分点" : text + unit
        }
    }

    private var byPath: [String: Field] = [:]
    private var byExpression: [String: Field] = [:]

    public init(_ fields: [String: Field] = [:]) {
        byPath = fields
    }

    /// The field at a `var` path.
    public subscript(path: String) -> Field? {
        get { byPath[path] }
        set { byPath[path] = newValue }
    }

    public var paths: [String] { byPath.keys.sorted() }

    /// Labels a computed expression (matched by its JSON, member order ignored).
    public mutating func label(expression: JSONValue, as field: Field) {
        byExpression[Self.key(expression)] = field
    }

    public func field(forExpression expression: JSONValue) -> Field? {
        byExpression.isEmpty ? nil : byExpression[Self.key(expression)]
    }

    private static func key(_ expression: JSONValue) -> String {
        expression.jsonString(sortedKeys: true)
    }

    /// The fields `rule` reads that this catalogue does not know, in the rule's order.
    public func unknownFields(of rule: JSONLogicRule) -> [String] {
        rule.fieldPaths.filter { byPath[$0] == nil }
    }

    /// Refuses a rule that reads a field outside the catalogue, naming the field(s).
    public func check(_ rule: JSONLogicRule) throws(RuleCompileError) {
        let unknown = unknownFields(of: rule)
        guard unknown.isEmpty else {
            let names = unknown.map { "“\($0)”" }.joined(separator: "、")
            throw RuleCompileError(pointer: "", reason: "规则引用了字段目录中没有的字段：\(names)")
        }
    }

    // MARK: - Number and value text

    /// `number` with at most `decimals` fraction digits, trailing zeros dropped: 3.1000000000000005 → "3.1".
    static func decimal(_ number: Double, decimals: Int) -> String {
        guard number.isFinite else { return number.isNaN ? "非数字" : (number < 0 ? "负无穷" : "无穷大") }
        let places = max(0, decimals)
        // Most figures are short decimals (万元 to two places, counts, ratios): the shortest text
        // that reads back as the number is then what rounding it to `places` prints, and Swift
        // writes that without Foundation's formatter (`String(format:)` was a tenth of the
        // enterprise page's CPU). Exact while the gap between neighbouring doubles is finer than
        // the last place kept: below 1e9 it is under 1.2e-7, so up to six places.
        if abs(number) < 1e9, places <= 6 {
            if let shortest = Self.shortest(number, places: places) { return shortest }
            if let rounded = Self.rounded(number, places: places) { return rounded }
        }
        return Self.trimmed(String(format: "%.\(places)f", number))
    }

    /// The number's shortest round-trip text, trimmed, when it has at most `places` fraction digits.
    private static func shortest(_ number: Double, places: Int) -> String? {
        let text = number.description  // "12.0", "3.1", "-0.0", "1e-05"
        let utf8 = text.utf8
        guard !utf8.contains(UInt8(ascii: "e")), let dot = utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        guard utf8.distance(from: dot, to: utf8.endIndex) - 1 <= places else { return nil }
        return trimmed(text)
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6]

    /// `number` rounded to `places` as C's `%.*f` rounds it, by integer arithmetic, unless it lies
    /// within a thousandth of a last-place tie. Below 1e12 the scaled product is off the exact one by
    /// at most 1.2e-4, so away from a tie both round the same way; near one (2.675 is 2.67499… in
    /// binary), the caller asks C.
    private static func rounded(_ number: Double, places: Int) -> String? {
        let scaled = abs(number) * powersOfTen[places]
        let fraction = scaled - scaled.rounded(.down)
        guard scaled < 1e12, abs(fraction - 0.5) > 1e-3 else { return nil }
        let units = Int64(scaled.rounded())
        guard units != 0 else { return "0" }
        var text = number < 0 ? "-" : ""
        let unit = Int64(powersOfTen[places])
        text += String(units / unit)
        var rest = units % unit
        guard rest != 0 else { return text }
        var digits = places
        while rest % 10 == 0 {
            rest /= 10
            digits -= 1
        }
        let written = String(rest)
        text += "." + String(repeating: "0", count: digits - written.utf8.count) + written
        return text
    }

    private static func trimmed(_ printed: String) -> String {
        var text = printed
        if text.utf8.contains(UInt8(ascii: ".")) {
            while text.utf8.last == UInt8(ascii: "0") { text.removeLast() }
            if text.utf8.last == UInt8(ascii: ".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A value with no field to describe it: "“禅城园”", "是", "未填写", "[A、B]".
    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .null: "未填写"
        case .bool(let b): b ? "是" : "否"
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? NumberText.javaScript(n) : decimal(n, decimals: 4)
        case .string(let s): "“\(s)”"
        case .array(let items): items.isEmpty ? "（无）" : "[" + items.map(plain).joined(separator: "、") + "]"
        case .object: value.jsonString()
        }
    }
}
