/// A position as GeoJSON writes it: longitude first, then latitude, in degrees (WGS 84 / GCJ-02 as
/// the source data has it; nothing here converts between datums).
public struct GeoPoint: Hashable, Sendable, CustomStringConvertible {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    public var description: String { "(\(longitude), \(latitude))" }
}

/// The smallest longitude/latitude rectangle around a shape. Stored beside each grid so a
/// "which grid is this point in" query reads only the few grids whose box holds the point.
public struct GeoBoundingBox: Hashable, Sendable {
    public var minLongitude: Double
    public var minLatitude: Double
    public var maxLongitude: Double
    public var maxLatitude: Double

    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    /// The box around `points`; nil when there are none.
    public init?(points: some Sequence<GeoPoint>) {
        var box: GeoBoundingBox?
        for p in points {
            if box == nil {
                box = GeoBoundingBox(
                    minLongitude: p.longitude, minLatitude: p.latitude, maxLongitude: p.longitude,
                    maxLatitude: p.latitude)
            } else {
                box!.minLongitude = min(box!.minLongitude, p.longitude)
                box!.minLatitude = min(box!.minLatitude, p.latitude)
                box!.maxLongitude = max(box!.maxLongitude, p.longitude)
                box!.maxLatitude = max(box!.maxLatitude, p.latitude)
            }
        }
        guard let box else { return nil }
        self = box
    }

    /// The box around several boxes; nil for none.
    public init?(boxes: some Sequence<GeoBoundingBox>) {
        var result: GeoBoundingBox?
        for b in boxes { result = result.map { $0.union(b) } ?? b }
        guard let result else { return nil }
        self = result
    }

    public var width: Double { maxLongitude - minLongitude }
    public var height: Double { maxLatitude - minLatitude }

    /// Edges included: a point on the box's edge may still be on the shape's edge.
    public func contains(_ p: GeoPoint) -> Bool {
        p.longitude >= minLongitude && p.longitude <= maxLongitude && p.latitude >= minLatitude
            && p.latitude <= maxLatitude
    }

    /// Touching boxes intersect: neighbouring grids share an edge, and their boxes touch along it.
    public func intersects(_ other: GeoBoundingBox) -> Bool {
        minLongitude <= other.maxLongitude && other.minLongitude <= maxLongitude
            && minLatitude <= other.maxLatitude && other.minLatitude <= maxLatitude
    }

    public func union(_ other: GeoBoundingBox) -> GeoBoundingBox {
        GeoBoundingBox(
            minLongitude: min(minLongitude, other.minLongitude), minLatitude: min(minLatitude, other.minLatitude),
            maxLongitude: max(maxLongitude, other.maxLongitude), maxLatitude: max(maxLatitude, other.maxLatitude))
    }
}
