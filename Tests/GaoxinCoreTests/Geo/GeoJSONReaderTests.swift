import GaoxinCore
import Testing

@Suite struct GeoJSONReaderTests {
    static let good = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"code":"G01","name":"一网格","area_code":370171001201},
           "geometry":{"type":"Polygon","coordinates":[[[117.0,36.6],[117.01,36.6],[117.01,36.61],[117.0,36.61],[117.0,36.6]]]}},
          {"type":"Feature","properties":{"code":"G02","name":"二网格"},
           "geometry":{"type":"MultiPolygon","coordinates":[[[[117.01,36.6],[117.02,36.6],[117.02,36.61],[117.01,36.61],[117.01,36.6]]],
                                                            [[[117.03,36.6],[117.04,36.6],[117.04,36.61],[117.03,36.6]]]]}}
        ]}
        """

    @Test func readsPolygonsAndMultiPolygons() {
        let document = GeoJSONReader.read(Self.good)
        #expect(document.problems.isEmpty)
        #expect(document.features.count == 2)
        #expect(document.features[0].text("code") == "G01")
        #expect(document.features[0].text("area_code") == "370171001201", "numbers read as text without .0")
        #expect(document.features[1].shape.polygons.count == 2)
        #expect(document.features[1].number == 2)
    }

    @Test func listsEveryBadFeatureWithItsNumber() {
        let text = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[117.0,36.6],[117.01,36.6],[117.01,36.61]]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[117.0,36.6]}},
              {"type":"Feature","properties":{},"geometry":null},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[117.0,36.6],["x",36.6]]]}}
            ]}
            """
        let document = GeoJSONReader.read(text)
        #expect(document.features.isEmpty)
        #expect(document.problems.map(\.feature) == [1, 2, 3, 4])
        #expect(document.problems[0].description.hasPrefix("第 1 个要素：外环"))
        #expect(document.problems[1].message == "边界类型应为 Polygon 或 MultiPolygon，实为“Point”")
        #expect(document.problems[2].message == "缺少 geometry（边界）")
        #expect(document.problems[3].message == "外环第 2 个点应为 [经度, 纬度] 两个数字")
    }

    @Test func emptyCollectionAndNotJSON() {
        #expect(
            GeoJSONReader.read(#"{"type":"FeatureCollection","features":[]}"#).problems.map(\.message) == [
                "文件中没有任何要素（features 为空）"
            ])
        #expect(GeoJSONReader.read("{oops").problems.first?.message.hasPrefix("不是有效的 JSON") == true)
        #expect(
            GeoJSONReader.read(#"{"type":"Polygon"}"#).problems.first?.message
                == "文件的 type 应为 FeatureCollection 或 Feature，实为“Polygon”")
    }

    @Test func aStoredBoundaryReadsBack() throws {
        let shape = GeoJSONReader.read(Self.good).features[1].shape
        let text = shape.geoJSON.jsonString()
        #expect(text.hasPrefix(#"{"type":"MultiPolygon","coordinates":[[[[117.01,36.6]"#))
        #expect(try GeoJSONReader.shape(text: text) == shape)
        let single = GeoJSONReader.read(Self.good).features[0].shape
        #expect(single.geoJSON["type"] == "Polygon")
    }

    @Test func aByteOrderMarkIsSkipped() {
        #expect(GeoJSONReader.read([0xEF, 0xBB, 0xBF] + Array(Self.good.utf8)).features.count == 2)
    }
}

@Suite struct SVGProjectionTests {
    typealias F = GeoFixtures

    @Test func fitsTheShapesNorthUp() throws {
        let shapes = [F.shape(F.rect(117.0, 36.6, 117.01, 36.61)), F.shape(F.rect(117.01, 36.6, 117.02, 36.61))]
        let projection = try #require(SVGProjection(fitting: shapes, width: 800, padding: 10))
        let northWest = projection.point(F.p(117.0, 36.61))
        #expect(abs(northWest.x - 10) < 1e-9 && abs(northWest.y - 10) < 1e-9)
        let southEast = projection.point(F.p(117.02, 36.6))
        #expect(abs(southEast.x - 790) < 1e-9)
        // Longitude shrinks by cos(36.6°) ≈ 0.80, so two squares of 0.01° are ≈ 1.6 : 1 wide to high.
        #expect(abs(projection.height - (20 + 780 / 2 / 0.8028)) < 1)
        #expect(projection.viewBox.hasPrefix("0 0 800 "))
        #expect(projection.path(shapes[0]).hasPrefix("M10 "))
        #expect(projection.path(shapes[0]).hasSuffix(" Z"))
    }

    @Test func holesBecomeASecondSubpath() throws {
        let ring = F.shape(F.rect(0, 0, 10, 10), F.rect(2, 2, 4, 4))
        let projection = try #require(SVGProjection(fitting: [ring]))
        #expect(projection.path(ring).filter { $0 == "Z" }.count == 2)
    }

    @Test func nothingToFitAndDegenerateBoxes() {
        #expect(SVGProjection(fitting: []) == nil)
        let point = SVGProjection(
            box: GeoBoundingBox(minLongitude: 117, minLatitude: 36, maxLongitude: 117, maxLatitude: 36))
        #expect(point.height >= 1)
        #expect(point.point(F.p(117, 36)).x == point.padding)
        let huge = SVGProjection(
            box: GeoBoundingBox(minLongitude: -1e300, minLatitude: -1e300, maxLongitude: 1e300, maxLatitude: 1e300))
        #expect(huge.height.isFinite)
    }
}
