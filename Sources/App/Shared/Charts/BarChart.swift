import Foundation

/// A horizontal bar chart drawn on the server as SVG (`shared/bar-chart`): one row per value, its
/// label on the left, the bar from a zero line (negative values to its left), the figure written
/// after the bar, so the chart reads in print and without colour. Pages put the same numbers in a
/// table beside it.
struct BarChart: Sendable {
    struct Row: Sendable {
        let label: String
        let valueText: String
        let y: Int
        let textY: Int
        let x: Int
        let width: Int
        let valueX: Int
        let valueAnchor: String
        let fill: String
    }

    static let labelWidth = 210
    static let barArea = 330
    static let rowHeight = 30

    let label: String
    let width = labelWidth + barArea + 110
    let height: Int
    let viewBox: String
    let zeroX: Int
    let axisBottom: Int
    let rows: [Row]

    /// `items` as (label, value, text shown); `label` is the chart's accessible name.
    init(label: String, items: [(label: String, value: Double, text: String)]) {
        self.label = label
        let high = max(0, items.map(\.value).max() ?? 0)
        let low = min(0, items.map(\.value).min() ?? 0)
        let range = high - low > 0 ? high - low : 1
        let zero = Self.labelWidth + Int((-low / range * Double(Self.barArea)).rounded())
        zeroX = zero
        height = max(1, items.count) * Self.rowHeight + 10
        axisBottom = height - 5
        viewBox = "0 0 \(Self.labelWidth + Self.barArea + 110) \(height)"
        rows = items.enumerated().map { i, item in
            let length = Int((abs(item.value) / range * Double(Self.barArea)).rounded())
            let negative = item.value < 0
            let y = 5 + i * Self.rowHeight
            return Row(
                label: item.label.count > 16 ? String(item.label.prefix(15)) + "…" : item.label, valueText: item.text,
                y: y + 5, textY: y + 20, x: negative ? zero - length : zero, width: max(length, 1),
                valueX: negative ? zero - length - 4 : zero + length + 4, valueAnchor: negative ? "end" : "start",
                fill: negative ? "#a50f15" : "#2171b5")
        }
    }
}

/// How statistics write numbers: whole numbers without decimals, others to two places, never
/// "nan" or an exponent.
enum StatNumber {
    static func text(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        if value == value.rounded(), abs(value) < 1e15 { return String(format: "%.0f", value) }
        var s = String(format: "%.2f", value)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
