/// One feature of a GeoJSON file: its position in the file (1-based, as people count), its
/// properties and its checked boundary.
public struct GeoFeature: Sendable, Hashable {
    public let number: Int
    public let properties: JSONObject
    public let shape: GeoShape

    public init(number: Int, properties: JSONObject, shape: GeoShape) {
        self.number = number
        self.properties = properties
        self.shape = shape
    }

    /// A property as text: strings as they are, numbers without a trailing ".0"; nil when absent or empty.
    public func text(_ key: String) -> String? {
        switch properties[key] {
        case .string(let s)?:
            let t = s.trimmingWhitespace
            return t.isEmpty ? nil : t
        case .number(let n)?: return NumberText.javaScript(n)
        default: return nil
        }
    }
}

/// Something wrong with a GeoJSON file, tied to a feature when it concerns one.
public struct GeoProblem: Sendable, Hashable, CustomStringConvertible {
    /// 1-based feature number; nil for the file as a whole.
    public let feature: Int?
    public let message: String

    public init(feature: Int?, message: String) {
        self.feature = feature
        self.message = message
    }

    public var description: String { feature.map { "第 \($0) 个要素：\(message)" } ?? message }
}

/// What a GeoJSON file holds: the features whose geometry is fit to store, and every problem found.
public struct GeoJSONDocument: Sendable {
    public var features: [GeoFeature]
    public var problems: [GeoProblem]
    /// Every feature's properties by position (1-based number − 1), the refused ones included, so
    /// a caller can check and name them too.
    public var properties: [JSONObject] = []
}

/// Reads Polygon and MultiPolygon features from a GeoJSON FeatureCollection (or a single Feature),
/// checking each geometry with `GeoValidation`. The whole file is read so every problem can be
/// listed at once; the caller saves nothing unless `problems` is empty.
public enum GeoJSONReader {
    public static func read(_ bytes: [UInt8]) -> GeoJSONDocument {
        let value: JSONValue
        do {
            // A UTF-8 byte order mark is common in files saved on Windows.
            value = try JSONParser.parse(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes)
        } catch {
            return GeoJSONDocument(
                features: [], problems: [GeoProblem(feature: nil, message: "不是有效的 JSON：\(error.description)")])
        }
        return read(value)
    }

    public static func read(_ text: String) -> GeoJSONDocument { read(Array(text.utf8)) }

    public static func read(_ value: JSONValue) -> GeoJSONDocument {
        let featureValues: [JSONValue]
        switch value["type"]?.stringValue {
        case "FeatureCollection":
            guard let list = value["features"]?.arrayValue else {
                return GeoJSONDocument(
                    features: [], problems: [GeoProblem(feature: nil, message: "FeatureCollection 缺少 features 数组")])
            }
            featureValues = list
        case "Feature":
            featureValues = [value]
        case let other:
            let found = other.map { "“\($0)”" } ?? "（缺少 type）"
            return GeoJSONDocument(
                features: [],
                problems: [GeoProblem(feature: nil, message: "文件的 type 应为 FeatureCollection 或 Feature，实为\(found)")])
        }
        var document = GeoJSONDocument(features: [], problems: [])
        if featureValues.isEmpty {
            document.problems.append(GeoProblem(feature: nil, message: "文件中没有任何要素（features 为空）"))
        }
        for (index, item) in featureValues.enumerated() {
            let number = index + 1
            document.properties.append(item["properties"]?.objectValue ?? JSONObject())
            switch feature(item, number: number) {
            case .success(let f): document.features.append(f)
            case .failure(let messages):
                document.problems += messages.list.map { GeoProblem(feature: number, message: $0) }
            }
        }
        return document
    }

    struct Messages: Error { let list: [String] }

    static func feature(_ item: JSONValue, number: Int) -> Result<GeoFeature, Messages> {
        guard item["type"]?.stringValue == "Feature" else { return .failure(Messages(list: ["type 应为 Feature"])) }
        let properties = item["properties"]?.objectValue ?? JSONObject()
        guard let geometry = item["geometry"], !geometry.isNull else {
            return .failure(Messages(list: ["缺少 geometry（边界）"]))
        }
        let shape: GeoShape
        do {
            shape = try Self.shape(geometry)
        } catch {
            return .failure(Messages(list: [error.message]))
        }
        let problems = GeoValidation.problems(in: shape)
        return problems.isEmpty
            ? .success(GeoFeature(number: number, properties: properties, shape: shape))
            : .failure(Messages(list: problems))
    }

    public struct ShapeError: Error { public let message: String }

    /// A Polygon or MultiPolygon geometry object as a shape (structure only; `GeoValidation` checks the geometry).
    public static func shape(_ geometry: JSONValue) throws(ShapeError) -> GeoShape {
        let coordinates = geometry["coordinates"]
        switch geometry["type"]?.stringValue {
        case "Polygon":
            return GeoShape(polygons: [try polygon(coordinates, label: "")])
        case "MultiPolygon":
            guard let list = coordinates?.arrayValue, !list.isEmpty else {
                throw ShapeError(message: "MultiPolygon 的 coordinates 应为非空数组")
            }
            var polygons: [GeoPolygon] = []
            for (k, item) in list.enumerated() { polygons.append(try polygon(item, label: "第 \(k + 1) 个多边形的")) }
            return GeoShape(polygons: polygons)
        case let other:
            throw ShapeError(message: "边界类型应为 Polygon 或 MultiPolygon，实为\(other.map { "“\($0)”" } ?? "（缺少 type）")")
        }
    }

    /// Parses a stored boundary (the geometry JSON text written by `GeoShape.geoJSON`).
    public static func shape(text: String) throws(ShapeError) -> GeoShape {
        let value: JSONValue
        do { value = try JSONParser.parse(text) } catch {
            throw ShapeError(message: "边界不是有效的 JSON：\(error.description)")
        }
        return try shape(value)
    }

    private static func polygon(_ value: JSONValue?, label: String) throws(ShapeError) -> GeoPolygon {
        guard let rings = value?.arrayValue, !rings.isEmpty else {
            throw ShapeError(message: "\(label)coordinates 应为由环组成的非空数组")
        }
        var result: [[GeoPoint]] = []
        for (r, ring) in rings.enumerated() {
            let name = label + (r == 0 ? "外环" : "第 \(r) 个内环（洞）")
            guard let positions = ring.arrayValue else { throw ShapeError(message: "\(name)应为坐标数组") }
            var points: [GeoPoint] = []
            for (i, position) in positions.enumerated() {
                guard let pair = position.arrayValue, pair.count >= 2, let lon = pair[0].numberValue,
                    let lat = pair[1].numberValue
                else {
                    throw ShapeError(message: "\(name)第 \(i + 1) 个点应为 [经度, 纬度] 两个数字")
                }
                points.append(GeoPoint(longitude: lon, latitude: lat))
            }
            result.append(points)
        }
        return GeoPolygon(rings: result)
    }
}

fileprivate extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
