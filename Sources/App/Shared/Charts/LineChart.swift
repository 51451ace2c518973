import Foundation

/// A line chart drawn on the server as SVG (`shared/line-chart`): periods along the bottom, the
/// values joined by a line with a square marker and its figure written above each point, so it
/// reads in print and without colour. Pages put the same numbers in a table beside it.
struct LineChart: Sendable {
    struct Point: Sendable {
        let x: Int
        let y: Int
        let labelY: Int
        let valueText: String
        let period: String
        /// The marker's corner (a 6×6 square centred on the point).
        let markX: Int
        let markY: Int
    }

    static let left = 20
    static let plotWidth = 560
    static let top = 30
    static let plotHeight = 160

    let label: String
    let width = left + plotWidth + 40
    let height = top + plotHeight + 40
    let viewBox: String
    let leftX = left
    let baseY = top + plotHeight
    let axisRight = left + plotWidth
    let points: [Point]
    /// "x1,y1 x2,y2 …" for the polyline.
    let path: String

    /// `items` as (period label, value, text shown), oldest first; `label` is the accessible name.
    init(label: String, items: [(period: String, value: Double, text: String)]) {
        self.label = label
        viewBox = "0 0 \(Self.left + Self.plotWidth + 40) \(Self.top + Self.plotHeight + 40)"
        let values = items.map(\.value).filter(\.isFinite)
        let high = max(values.max() ?? 0, 0)
        let low = min(values.min() ?? 0, 0)
        let range = high - low > 0 ? high - low : 1
        let step = items.count > 1 ? Double(Self.plotWidth - 40) / Double(items.count - 1) : 0
        points = items.enumerated().map { i, item in
            let x = Self.left + 20 + Int((Double(i) * step).rounded())
            let v = item.value.isFinite ? item.value : 0
            let y = Self.top + Int(((high - v) / range * Double(Self.plotHeight)).rounded())
            return Point(
                x: x, y: y, labelY: y - 8, valueText: item.text,
                period: item.period.count > 10 ? String(item.period.prefix(9)) + "…" : item.period,
                markX: x - 3, markY: y - 3)
        }
        path = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
    }
}
