/// Fits shapes into an SVG viewBox for a server-drawn map: longitude to x, latitude to y flipped
/// (north up, as SVG's y grows downwards), one scale for both axes after shrinking longitude by
/// cos(latitude) so a square kilometre stays square at 济南's latitude. No tiles, no projection
/// library: at a zone's size a plate carrée scaled this way is faithful enough.
public struct SVGProjection: Sendable {
    public let box: GeoBoundingBox
    public let width: Double
    public let height: Double
    public let padding: Double
    let scale: Double
    let lonFactor: Double

    /// nil when there is nothing to fit (no shapes).
    public init?(fitting shapes: [GeoShape], width: Double = 800, padding: Double = 8) {
        guard let box = GeoBoundingBox(boxes: shapes.compactMap(\.boundingBox)) else { return nil }
        self.init(box: box, width: width, padding: padding)
    }

    public init(box: GeoBoundingBox, width: Double = 800, padding: Double = 8) {
        self.box = box
        self.width = width
        self.padding = padding
        let midLatitude = (box.minLatitude + box.maxLatitude) / 2
        let factor = Self.cosine(degrees: midLatitude)
        lonFactor = factor
        let spanX = box.width * factor
        let spanY = box.height
        let inner = width - 2 * padding
        // A single point or a line still gets a finite, positive scale.
        let widest = max(spanX, spanY)
        scale = widest > 0 && widest.isFinite ? inner / widest : 1
        let h = spanY * scale + 2 * padding
        height = max(2 * padding + 1, h.isFinite ? h : width)
    }

    /// The SVG `viewBox` attribute value.
    public var viewBox: String { "0 0 \(Self.number(width)) \(Self.number(height))" }

    public func point(_ p: GeoPoint) -> (x: Double, y: Double) {
        let x = padding + (p.longitude - box.minLongitude) * lonFactor * scale
        let y = padding + (box.maxLatitude - p.latitude) * scale
        return (x, y)
    }

    /// The `d` attribute of a `<path>` drawing the shape; use `fill-rule="evenodd"` so holes stay empty.
    public func path(_ shape: GeoShape) -> String {
        var parts: [String] = []
        for polygon in shape.polygons {
            for ring in polygon.rings {
                let vertices = ring.count > 1 && ring.first == ring.last ? Array(ring.dropLast()) : ring
                guard !vertices.isEmpty else { continue }
                let commands = vertices.enumerated().map { i, p in
                    let (x, y) = point(p)
                    return "\(i == 0 ? "M" : "L")\(Self.number(x)) \(Self.number(y))"
                }
                parts.append(commands.joined(separator: " ") + " Z")
            }
        }
        return parts.joined(separator: " ")
    }

    /// Where to put a label: the centre of the shape's bounding box, projected.
    public func labelPoint(_ shape: GeoShape) -> (x: Double, y: Double)? {
        guard let b = shape.boundingBox else { return nil }
        return point(
            GeoPoint(longitude: (b.minLongitude + b.maxLongitude) / 2, latitude: (b.minLatitude + b.maxLatitude) / 2))
    }

    /// Two decimals, without Foundation's formatter: SVG needs no more at 800 units wide.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let hundredths = (v * 100).rounded()
        guard abs(hundredths) < 1e15 else { return NumberText.javaScript(v.rounded()) }
        let n = Int64(hundredths)
        let sign = n < 0 ? "-" : ""
        let whole = abs(n) / 100
        let fraction = abs(n) % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        return fraction % 10 == 0
            ? "\(sign)\(whole).\(fraction / 10)" : "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// cos of an angle in degrees by a short series (GaoxinCore stays free of Foundation here).
    static func cosine(degrees: Double) -> Double {
        guard degrees.isFinite else { return 1 }
        var x = degrees.truncatingRemainder(dividingBy: 360) * .pi / 180
        if x > .pi { x -= 2 * .pi } else if x < -.pi { x += 2 * .pi }
        var term = 1.0
        var sum = 1.0
        for k in 1...12 {
            term *= -x * x / Double((2 * k - 1) * (2 * k))
            sum += term
        }
        // Near the poles keep a minimum, so a polar box still draws.
        return max(abs(sum), 0.01)
    }
}
