import Foundation

/// A funnel drawn on the server as SVG (`shared/funnel-chart`): one centred bar per stage, its width
/// the count against the first stage, the stage and the count written on each row.
struct FunnelChart: Sendable {
    struct Row: Sendable {
        let label: String
        let valueText: String
        let x: Int
        let y: Int
        let width: Int
        let textY: Int
    }

    static let barArea = 360
    static let rowHeight = 34

    let label: String
    let width = 150 + barArea + 120
    let height: Int
    let viewBox: String
    let rows: [Row]

    init(label: String, items: [(label: String, value: Double, text: String)]) {
        self.label = label
        height = max(1, items.count) * Self.rowHeight + 10
        viewBox = "0 0 \(150 + Self.barArea + 120) \(height)"
        let top = max(items.map(\.value).max() ?? 0, 1)
        rows = items.enumerated().map { i, item in
            let w = max(2, Int((max(item.value, 0) / top * Double(Self.barArea)).rounded()))
            let y = 5 + i * Self.rowHeight
            return Row(
                label: item.label, valueText: item.text, x: 150 + (Self.barArea - w) / 2, y: y, width: w,
                textY: y + 19)
        }
    }
}
