import Foundation
import SQLKit

/// Finds the grid a point lies in: the bounding boxes stored on `grids` narrow the search in SQL,
/// then an exact ray-casting test on each candidate's GeoJSON boundary decides (a point on a shared
/// edge goes to the first grid by id, so every point has at most one grid).
struct GridLocator {
    let db: any SQLDatabase

    func grid(zoneID: Int64, latitude: Double, longitude: Double) async throws -> Int64? {
        let rows = try await db.select().columns("id", "boundary_geojson").from("grids")
            .where("zone_id", .equal, zoneID)
            .where("min_lon", .lessThanOrEqual, longitude).where("max_lon", .greaterThanOrEqual, longitude)
            .where("min_lat", .lessThanOrEqual, latitude).where("max_lat", .greaterThanOrEqual, latitude)
            .orderBy("id").all()
        for row in rows {
            let geojson = try row.decode(column: "boundary_geojson", as: String.self)
            if Self.contains(geojson: geojson, longitude: longitude, latitude: latitude) {
                return try row.decode(column: "id", as: Int64.self)
            }
        }
        return nil
    }

    /// Whether a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection contains the point.
    /// Holes (inner rings) exclude what they cover.
    static func contains(geojson: String, longitude: Double, latitude: Double) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(geojson.utf8)) else { return false }
        return polygons(object).contains { rings in
            guard let outer = rings.first, inside(outer, longitude, latitude) else { return false }
            return !rings.dropFirst().contains { inside($0, longitude, latitude) }
        }
    }

    /// Every polygon in the object, each as its rings of [lon, lat] points.
    private static func polygons(_ object: Any) -> [[[(Double, Double)]]] {
        guard let dict = object as? [String: Any] else { return [] }
        switch dict["type"] as? String {
        case "Feature": return dict["geometry"].map(polygons) ?? []
        case "FeatureCollection": return (dict["features"] as? [Any] ?? []).flatMap(polygons)
        case "Polygon": return [rings(dict["coordinates"])]
        case "MultiPolygon": return (dict["coordinates"] as? [Any] ?? []).map(rings)
        default: return []
        }
    }

    private static func rings(_ value: Any?) -> [[(Double, Double)]] {
        (value as? [Any] ?? []).map { ring in
            (ring as? [Any] ?? []).compactMap { point in
                guard let xy = point as? [Any], xy.count >= 2, let x = (xy[0] as? NSNumber)?.doubleValue,
                      let y = (xy[1] as? NSNumber)?.doubleValue else { return nil }
                return (x, y)
            }
        }
    }

    /// Ray casting: count the ring's edges a ray to the east of the point crosses.
    private static func inside(_ ring: [(Double, Double)], _ x: Double, _ y: Double) -> Bool {
        guard ring.count >= 3 else { return false }
        var result = false
        var j = ring.count - 1
        for i in ring.indices {
            let (xi, yi) = ring[i], (xj, yj) = ring[j]
            if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { result.toggle() }
            j = i
        }
        return result
    }
}
