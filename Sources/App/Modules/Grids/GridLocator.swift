import GaoxinCore
import SQLKit

/// Finds the grid a reported location falls in: the grids whose bounding box holds the point
/// (an indexed range query on `grids`), then the exact polygon test on those few. A point on the
/// common edge of two grids goes to the first by grid code, so every point has one answer.
/// Used by event reporting (pages and Open311) to file an event in its grid.
struct GridLocator {
    let db: any SQLDatabase

    func grid(zoneID: Int64, latitude: Double, longitude: Double) async throws -> Int64? {
        guard latitude.isFinite, longitude.isFinite else { return nil }
        let point = GeoPoint(longitude: longitude, latitude: latitude)
        var onEdge: Int64?
        for row in try await GridRepository(db: db).grids(zoneID: zoneID, boxContaining: point) {
            switch row.shape?.location(of: point) {
            case .inside?: return row.id
            case .boundary?: if onEdge == nil { onEdge = row.id }
            case .outside?, nil: continue
            }
        }
        return onEdge
    }

    /// Whether a boundary (Polygon or MultiPolygon geometry, or a Feature of one) holds the point,
    /// edges included; an unreadable boundary holds nothing.
    static func contains(geojson: String, longitude: Double, latitude: Double) -> Bool {
        guard let value = try? JSONParser.parse(geojson) else { return false }
        let geometry = value["type"]?.stringValue == "Feature" ? value["geometry"] ?? .null : value
        guard let shape = try? GeoJSONReader.shape(geometry) else { return false }
        return shape.location(of: GeoPoint(longitude: longitude, latitude: latitude)) != .outside
    }
}
