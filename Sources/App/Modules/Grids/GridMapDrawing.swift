import GaoxinCore

/// What the map colours grids by: events still open, or those past their deadline.
enum GridMapMeasure: String, Sendable {
    case open, overdue

    var label: String { self == .open ? "未办结事件" : "超期事件" }
}

/// A server-drawn SVG of grids: one `<path>` per grid inside an `<a>` to its page, with a
/// `<title>` for the tooltip and screen readers. Built from stored polygons; no tiles, no script.
struct GridMapDrawing: Sendable {
    struct Grid: Sendable {
        let href: String
        let title: String
        let path: String
        let fill: String
    }
    struct LegendItem: Sendable {
        let fill: String
        let label: String
    }
    let viewBox: String
    let width: String
    let height: String
    let label: String
    let grids: [Grid]
    let legend: [LegendItem]

    /// Colour bands: none, 1, 2–3, 4 or more. Blues for open events, reds for overdue ones, each
    /// dark enough against the white outline and told apart by the legend's numbers as well.
    static func bands(_ measure: GridMapMeasure) -> [(range: ClosedRange<Int>, fill: String, label: String)] {
        let colours =
            measure == .open
            ? ["#f2f5f8", "#c6dbef", "#6baed6", "#2171b5"] : ["#f2f5f8", "#fcbba1", "#fb6a4a", "#a50f15"]
        return [
            (0...0, colours[0], "无"), (1...1, colours[1], "1 件"), (2...3, colours[2], "2–3 件"),
            (4...Int.max, colours[3], "4 件及以上"),
        ]
    }

    static func fill(_ count: Int, _ measure: GridMapMeasure) -> String {
        bands(measure).first { $0.range.contains(count) }?.fill ?? "#f2f5f8"
    }

    /// nil when there is no grid with a boundary to draw.
    init?(
        grids: [(row: GridRow, shape: GeoShape, count: Int)], measure: GridMapMeasure, label: String,
        width: Double = 800
    ) {
        guard let projection = SVGProjection(fitting: grids.map(\.shape), width: width) else { return nil }
        viewBox = projection.viewBox
        self.width = SVGProjectionText.number(projection.width)
        self.height = SVGProjectionText.number(projection.height)
        self.label = label
        self.grids = grids.map { g in
            Grid(
                href: SiteURL.governanceGrid(g.row.id).path,
                title: "\(g.row.name)（\(g.row.code)）：\(measure.label) \(g.count) 件",
                path: projection.path(g.shape), fill: Self.fill(g.count, measure))
        }
        legend = Self.bands(measure).map { LegendItem(fill: $0.fill, label: $0.label) }
    }
}

/// Whole numbers without ".0" for the SVG's width and height attributes.
enum SVGProjectionText {
    static func number(_ v: Double) -> String { String(Int(v.rounded())) }
}
