import GaoxinCore
import Testing

/// Rectangles and rings for the geometry tests, in degrees around 济南.
enum GeoFixtures {
    static func p(_ lon: Double, _ lat: Double) -> GeoPoint { GeoPoint(longitude: lon, latitude: lat) }

    /// An anticlockwise closed rectangle ring.
    static func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [GeoPoint] {
        [p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1), p(x0, y0)]
    }

    static func shape(_ rings: [GeoPoint]...) -> GeoShape { GeoShape(polygons: [GeoPolygon(rings: rings)]) }
}

@Suite struct GeoValidationTests {
    typealias F = GeoFixtures

    @Test func aClosedRectangleIsFine() {
        #expect(GeoValidation.problems(in: F.shape(F.rect(117.1, 36.6, 117.11, 36.61))).isEmpty)
    }

    @Test func refusesAnOpenRing() {
        let ring = [F.p(117.1, 36.6), F.p(117.11, 36.6), F.p(117.11, 36.61), F.p(117.1, 36.61)]
        let problems = GeoValidation.problems(in: F.shape(ring))
        #expect(problems.count == 1)
        #expect(problems[0].contains("外环未闭合"))
    }

    @Test func refusesFewerThanFourPoints() {
        let ring = [F.p(117.1, 36.6), F.p(117.11, 36.6), F.p(117.1, 36.6)]
        #expect(GeoValidation.problems(in: F.shape(ring)) == ["外环只有 3 个点，至少需要 4 个点（3 个顶点，再重复第一个点闭合）"])
    }

    @Test func refusesABowTie() {
        // 0,0 → 1,1 → 1,0 → 0,1: the first and third edges cross.
        let ring = [F.p(117.0, 36.0), F.p(117.1, 36.1), F.p(117.1, 36.0), F.p(117.0, 36.1), F.p(117.0, 36.0)]
        let problems = GeoValidation.problems(in: F.shape(ring))
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix("外环自相交"))
    }

    @Test func refusesARingThatFoldsBack() {
        let ring = [F.p(0, 0), F.p(2, 0), F.p(1, 0), F.p(1, 1), F.p(0, 0)]
        #expect(GeoValidation.problems(in: F.shape(ring)).first?.hasPrefix("外环自相交") == true)
    }

    @Test func refusesCoordinatesOutOfRange() {
        // Projected metres (or swapped axes) instead of degrees.
        let huge = F.shape(F.rect(500_000, 4_050_000, 501_000, 4_051_000))
        #expect(GeoValidation.problems(in: huge).first?.contains("超出范围") == true)
        let swapped = F.shape(F.rect(36.6, 117.1, 36.61, 117.11))
        #expect(GeoValidation.problems(in: swapped).first?.contains("纬度应在 -90 到 90 之间") == true)
        let enormous = F.shape(F.rect(-1e300, 0, 1e300, 1))
        #expect(GeoValidation.problems(in: enormous).count == 1)
    }

    @Test func acceptsAHoleInsideAndRefusesOneOutside() {
        let outer = F.rect(0, 0, 10, 10)
        #expect(GeoValidation.problems(in: F.shape(outer, F.rect(2, 2, 4, 4))).isEmpty)
        #expect(GeoValidation.problems(in: F.shape(outer, F.rect(20, 20, 24, 24))) == ["第 1 个内环（洞）不在外环之内"])
    }

    @Test func refusesOverlappingPartsOfOneMultiPolygon() {
        let shape = GeoShape(polygons: [GeoPolygon(outer: F.rect(0, 0, 2, 2)), GeoPolygon(outer: F.rect(1, 1, 3, 3))])
        #expect(GeoValidation.problems(in: shape) == ["第 1 个多边形与第 2 个多边形相互重叠"])
        let apart = GeoShape(polygons: [GeoPolygon(outer: F.rect(0, 0, 1, 1)), GeoPolygon(outer: F.rect(1, 0, 2, 1))])
        #expect(GeoValidation.problems(in: apart).isEmpty)
    }

    @Test func refusesAnEmptyShape() {
        #expect(GeoValidation.problems(in: GeoShape(polygons: [])) == ["没有任何多边形"])
    }
}

@Suite struct GeoOverlapTests {
    typealias F = GeoFixtures

    @Test func gridsSharingAnEdgeDoNotOverlap() {
        #expect(!GeoOverlap.shapes(F.shape(F.rect(0, 0, 1, 1)), F.shape(F.rect(1, 0, 2, 1))))
        // Partly shared edge (the neighbour is taller), and a corner touch.
        #expect(!GeoOverlap.shapes(F.shape(F.rect(0, 0, 1, 1)), F.shape(F.rect(1, -0.5, 2, 0.5))))
        #expect(!GeoOverlap.shapes(F.shape(F.rect(0, 0, 1, 1)), F.shape(F.rect(1, 1, 2, 2))))
        // The same neighbours with the rings running the other way round.
        #expect(!GeoOverlap.shapes(F.shape(F.rect(0, 0, 1, 1).reversed()), F.shape(F.rect(1, 0, 2, 1))))
    }

    @Test func crossingOrContainedOrIdenticalOverlap() {
        #expect(GeoOverlap.shapes(F.shape(F.rect(0, 0, 2, 2)), F.shape(F.rect(1, 1, 3, 3))))
        #expect(GeoOverlap.shapes(F.shape(F.rect(0, 0, 10, 10)), F.shape(F.rect(2, 2, 3, 3))), "one inside the other")
        #expect(GeoOverlap.shapes(F.shape(F.rect(2, 2, 3, 3)), F.shape(F.rect(0, 0, 10, 10))))
        #expect(
            GeoOverlap.shapes(F.shape(F.rect(0, 0, 1, 1)), F.shape(F.rect(0, 0, 1, 1).reversed())), "the same square")
        // Inside along a shared edge: a half of the square.
        #expect(GeoOverlap.shapes(F.shape(F.rect(0, 0, 2, 2)), F.shape(F.rect(0, 0, 1, 2))))
    }

    @Test func aGridFillingAHoleDoesNotOverlap() {
        let ring = F.shape(F.rect(0, 0, 10, 10), F.rect(2, 2, 4, 4))
        #expect(!GeoOverlap.shapes(ring, F.shape(F.rect(2, 2, 4, 4))))
        #expect(!GeoOverlap.shapes(ring, F.shape(F.rect(2.5, 2.5, 3, 3))), "inside the hole")
        #expect(GeoOverlap.shapes(ring, F.shape(F.rect(3, 3, 5, 5))), "sticking out of the hole")
    }

    @Test func pairsFindsOnlyTheOverlappingOnes() {
        let shapes = [
            F.shape(F.rect(0, 0, 1, 1)), F.shape(F.rect(1, 0, 2, 1)), F.shape(F.rect(1.5, 0.5, 3, 2)),
            F.shape(F.rect(5, 5, 6, 6)),
        ]
        #expect(GeoOverlap.pairs(shapes).map { [$0.0, $0.1] } == [[1, 2]])
        #expect(GeoOverlap.pairs([]).isEmpty)
    }
}

@Suite struct GeoLocationTests {
    typealias F = GeoFixtures

    @Test func insideOutsideAndOnTheEdge() {
        let square = F.shape(F.rect(117.0, 36.6, 117.01, 36.61))
        #expect(square.location(of: F.p(117.005, 36.605)) == .inside)
        #expect(square.location(of: F.p(117.02, 36.605)) == .outside)
        #expect(square.location(of: F.p(117.01, 36.605)) == .boundary)
        #expect(square.location(of: F.p(117.0, 36.6)) == .boundary, "a corner")
        #expect(square.contains(F.p(117.01, 36.605)))
    }

    @Test func aHoleIsOutside() {
        let ring = F.shape(F.rect(0, 0, 10, 10), F.rect(2, 2, 4, 4))
        #expect(ring.location(of: F.p(3, 3)) == .outside)
        #expect(ring.location(of: F.p(2, 3)) == .boundary)
        #expect(ring.location(of: F.p(5, 5)) == .inside)
    }

    @Test func boundingBoxAndArea() {
        let shape = GeoShape(polygons: [GeoPolygon(outer: F.rect(0, 0, 2, 1)), GeoPolygon(outer: F.rect(3, -1, 4, 0))])
        #expect(shape.boundingBox == GeoBoundingBox(minLongitude: 0, minLatitude: -1, maxLongitude: 4, maxLatitude: 1))
        #expect(shape.area == 3)
        #expect(F.shape(F.rect(0, 0, 10, 10), F.rect(2, 2, 4, 4)).area == 96)
        #expect(GeoShape(polygons: []).boundingBox == nil)
    }
}
