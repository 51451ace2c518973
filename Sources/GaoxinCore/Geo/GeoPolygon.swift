/// A polygon: an outer ring and any holes, each ring closed (first point repeated last), as in
/// GeoJSON. Validation (`GeoValidation`) makes sure the rings are simple before anything else
/// relies on them.
public struct GeoPolygon: Hashable, Sendable {
    /// `rings[0]` is the outer boundary, the rest are holes.
    public var rings: [[GeoPoint]]

    public init(rings: [[GeoPoint]]) { self.rings = rings }

    public init(outer: [GeoPoint], holes: [[GeoPoint]] = []) { self.rings = [outer] + holes }

    public var outer: [GeoPoint] { rings.first ?? [] }
    public var holes: ArraySlice<[GeoPoint]> { rings.dropFirst() }

    public var boundingBox: GeoBoundingBox? { GeoBoundingBox(points: outer) }

    /// Where `point` lies: inside, outside, or on an edge (of the outer ring or of a hole).
    public func location(of point: GeoPoint) -> GeoLocation {
        guard let box = boundingBox, box.contains(point) else { return .outside }
        switch GeoRing.location(of: point, in: outer) {
        case .outside: return .outside
        case .boundary: return .boundary
        case .inside: break
        }
        for hole in holes {
            switch GeoRing.location(of: point, in: hole) {
            case .inside: return .outside
            case .boundary: return .boundary
            case .outside: continue
            }
        }
        return .inside
    }

    /// Area in square degrees (outer minus holes), for ordering and sanity checks, not surveying.
    public var area: Double {
        abs(GeoRing.signedArea(outer)) - holes.reduce(0) { $0 + abs(GeoRing.signedArea($1)) }
    }
}

/// Where a point lies relative to a shape.
public enum GeoLocation: Sendable, Equatable {
    case inside, outside, boundary
}

/// A grid's boundary: one or more polygons (GeoJSON MultiPolygon; a Polygon is a one-element one).
public struct GeoShape: Hashable, Sendable {
    public var polygons: [GeoPolygon]

    public init(polygons: [GeoPolygon]) { self.polygons = polygons }

    public var boundingBox: GeoBoundingBox? { GeoBoundingBox(boxes: polygons.compactMap(\.boundingBox)) }

    /// On the edge counts as its own answer: a caller decides whether an edge point belongs
    /// (`GridLocator` takes the first grid that holds it, inside or on the edge).
    public func location(of point: GeoPoint) -> GeoLocation {
        var onEdge = false
        for polygon in polygons {
            switch polygon.location(of: point) {
            case .inside: return .inside
            case .boundary: onEdge = true
            case .outside: continue
            }
        }
        return onEdge ? .boundary : .outside
    }

    public func contains(_ point: GeoPoint) -> Bool { location(of: point) != .outside }

    public var area: Double { polygons.reduce(0) { $0 + $1.area } }

    /// The GeoJSON geometry object: a Polygon for one polygon, else a MultiPolygon.
    public var geoJSON: JSONValue {
        func ring(_ points: [GeoPoint]) -> JSONValue {
            .array(points.map { .array([.number($0.longitude), .number($0.latitude)]) })
        }
        func polygon(_ p: GeoPolygon) -> JSONValue { .array(p.rings.map(ring)) }
        if polygons.count == 1 {
            return .object(["type": "Polygon", "coordinates": polygon(polygons[0])])
        }
        return .object(["type": "MultiPolygon", "coordinates": .array(polygons.map(polygon))])
    }
}

/// Plane geometry on one ring (closed list of points). Degrees are treated as plane coordinates:
/// at a grid's size (a few hundred metres) the curvature of the earth changes nothing here.
enum GeoRing {
    /// Shoelace formula: positive when the ring runs anticlockwise.
    static func signedArea(_ ring: [GeoPoint]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].longitude * ring[i + 1].latitude - ring[i + 1].longitude * ring[i].latitude
        }
        return sum / 2
    }

    /// Crossing-number test with an explicit on-edge check first.
    static func location(of p: GeoPoint, in ring: [GeoPoint]) -> GeoLocation {
        guard ring.count >= 4 else { return .outside }
        var inside = false
        for i in 0..<(ring.count - 1) {
            let a = ring[i]
            let b = ring[i + 1]
            if GeoSegment.contains(a, b, p) { return .boundary }
            if (a.latitude > p.latitude) != (b.latitude > p.latitude) {
                let x =
                    a.longitude + (p.latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                if p.longitude < x { inside.toggle() }
            }
        }
        return inside ? .inside : .outside
    }
}

/// Segment predicates with a tolerance scaled to the segment lengths, so points typed with a
/// few decimals (and their floating-point images) still count as "on the line".
enum GeoSegment {
    /// Twice the signed area of the triangle a-b-c: > 0 when c is left of a→b.
    static func cross(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint) -> Double {
        (b.longitude - a.longitude) * (c.latitude - a.latitude) - (b.latitude - a.latitude)
            * (c.longitude - a.longitude)
    }

    static func tolerance(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint) -> Double {
        let l1 = abs(b.longitude - a.longitude) + abs(b.latitude - a.latitude)
        let l2 = abs(c.longitude - a.longitude) + abs(c.latitude - a.latitude)
        return 1e-10 * l1 * l2
    }

    /// -1, 0 or 1: which side of a→b the point c is on (0: on the line, within tolerance).
    static func orientation(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint) -> Int {
        let v = cross(a, b, c)
        if abs(v) <= tolerance(a, b, c) { return 0 }
        return v > 0 ? 1 : -1
    }

    /// Whether p lies on the closed segment a–b.
    static func contains(_ a: GeoPoint, _ b: GeoPoint, _ p: GeoPoint) -> Bool {
        if p == a || p == b { return true }
        guard orientation(a, b, p) == 0 else { return false }
        return p.longitude >= min(a.longitude, b.longitude) && p.longitude <= max(a.longitude, b.longitude)
            && p.latitude >= min(a.latitude, b.latitude) && p.latitude <= max(a.latitude, b.latitude)
    }

    /// Whether p lies on the segment a–b strictly between its ends.
    static func containsInside(_ a: GeoPoint, _ b: GeoPoint, _ p: GeoPoint) -> Bool {
        p != a && p != b && contains(a, b, p)
    }

    /// The segments cross at one point inside both (not at an end, not along a shared line).
    static func crossProperly(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint, _ d: GeoPoint) -> Bool {
        let o1 = orientation(a, b, c)
        let o2 = orientation(a, b, d)
        let o3 = orientation(c, d, a)
        let o4 = orientation(c, d, b)
        return o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0 && o1 != o2 && o3 != o4
    }

    /// The segments share at least one point (crossing, touching or overlapping).
    static func intersect(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint, _ d: GeoPoint) -> Bool {
        if crossProperly(a, b, c, d) { return true }
        return contains(a, b, c) || contains(a, b, d) || contains(c, d, a) || contains(c, d, b)
    }
}
