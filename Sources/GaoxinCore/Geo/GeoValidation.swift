/// Checks a boundary before it is stored: every ring closed, at least 4 points, not crossing
/// itself, coordinates within the earth's range, holes inside their outer ring, and the polygons
/// of one shape not overlapping each other. Messages are Chinese sentences for the import page.
public enum GeoValidation {
    /// Everything wrong with `shape`, one sentence each; empty when it is fit to store.
    public static func problems(in shape: GeoShape) -> [String] {
        guard !shape.polygons.isEmpty else { return ["没有任何多边形"] }
        var problems: [String] = []
        let many = shape.polygons.count > 1
        for (k, polygon) in shape.polygons.enumerated() {
            let prefix = many ? "第 \(k + 1) 个多边形的" : ""
            if polygon.rings.isEmpty {
                problems.append("\(prefix)坐标为空")
                continue
            }
            var ringsOK = true
            for (r, ring) in polygon.rings.enumerated() {
                let name = prefix + (r == 0 ? "外环" : "第 \(r) 个内环（洞）")
                let found = ringProblems(ring, name: name)
                if !found.isEmpty { ringsOK = false }
                problems += found
            }
            guard ringsOK else { continue }
            for (r, hole) in polygon.holes.enumerated() {
                let inOuter = hole.dropLast().allSatisfy { GeoRing.location(of: $0, in: polygon.outer) != .outside }
                if !inOuter { problems.append("\(prefix)第 \(r + 1) 个内环（洞）不在外环之内") }
            }
        }
        if problems.isEmpty, many {
            for i in shape.polygons.indices {
                for j in shape.polygons.indices where j > i && GeoOverlap.polygons(shape.polygons[i], shape.polygons[j])
                {
                    problems.append("第 \(i + 1) 个多边形与第 \(j + 1) 个多边形相互重叠")
                }
            }
        }
        return problems
    }

    static func ringProblems(_ ring: [GeoPoint], name: String) -> [String] {
        var problems: [String] = []
        for p in ring
        where
            !(p.longitude.isFinite && p.latitude.isFinite && (-180...180).contains(p.longitude)
            && (-90...90).contains(p.latitude))
        {
            problems.append("\(name)的坐标 \(p) 超出范围：经度应在 -180 到 180 之间，纬度应在 -90 到 90 之间（请确认是经纬度而不是投影坐标，且经度在前）")
            return problems
        }
        guard ring.count >= 4 else {
            return ["\(name)只有 \(ring.count) 个点，至少需要 4 个点（3 个顶点，再重复第一个点闭合）"]
        }
        guard ring.first == ring.last else {
            return ["\(name)未闭合：第一个点 \(ring.first!) 与最后一个点 \(ring.last!) 不同，最后一个点应重复第一个点"]
        }
        let vertices = distinctVertices(ring)
        guard vertices.count >= 3 else {
            return ["\(name)去掉重复点后只剩 \(vertices.count) 个不同的点，至少需要 3 个"]
        }
        if let (i, j) = selfIntersection(vertices) {
            return ["\(name)自相交：第 \(i + 1) 条边与第 \(j + 1) 条边相交或重叠（边界不能交叉，也不能折返）"]
        }
        if GeoRing.signedArea(vertices + [vertices[0]]) == 0 {
            return ["\(name)面积为零（所有点在一条直线上）"]
        }
        return []
    }

    /// The ring's vertices without the closing point and without repeated consecutive points.
    static func distinctVertices(_ ring: [GeoPoint]) -> [GeoPoint] {
        var result: [GeoPoint] = []
        for p in ring.dropLast() where result.last != p { result.append(p) }
        while result.count > 1, result.first == result.last { result.removeLast() }
        return result
    }

    /// The first pair of edges (0-based) that meet other than at their shared corner.
    static func selfIntersection(_ v: [GeoPoint]) -> (Int, Int)? {
        let n = v.count
        func edge(_ i: Int) -> (GeoPoint, GeoPoint) { (v[i], v[(i + 1) % n]) }
        for i in 0..<n {
            let (a, b) = edge(i)
            for j in (i + 1)..<n {
                let (c, d) = edge(j)
                let adjacentAfter = j == i + 1
                let adjacentBefore = i == 0 && j == n - 1
                if adjacentAfter {
                    // Consecutive edges share b = c; they may not fold back over each other.
                    if GeoSegment.containsInside(a, b, d) || GeoSegment.containsInside(c, d, a) { return (i, j) }
                } else if adjacentBefore {
                    if GeoSegment.containsInside(c, d, b) || GeoSegment.containsInside(a, b, c) { return (i, j) }
                } else if GeoSegment.intersect(a, b, c, d) {
                    return (i, j)
                }
            }
        }
        return nil
    }
}

/// Whether two areas overlap: their interiors share some area. Touching at a corner or along a
/// shared edge is not overlapping: neighbouring grids share their common boundary.
public enum GeoOverlap {
    public static func shapes(_ a: GeoShape, _ b: GeoShape) -> Bool {
        guard let ba = a.boundingBox, let bb = b.boundingBox, ba.intersects(bb) else { return false }
        for p in a.polygons {
            for q in b.polygons where polygons(p, q) { return true }
        }
        return false
    }

    /// Pairs (i < j) of `shapes` that overlap, checked only where the bounding boxes meet.
    public static func pairs(_ list: [GeoShape]) -> [(Int, Int)] {
        let boxes = list.map(\.boundingBox)
        let order = list.indices.filter { boxes[$0] != nil }.sorted {
            boxes[$0]!.minLongitude < boxes[$1]!.minLongitude
        }
        var result: [(Int, Int)] = []
        // Sweep along longitude: only boxes whose ranges meet are compared.
        for (k, i) in order.enumerated() {
            for j in order[(k + 1)...] {
                guard boxes[j]!.minLongitude <= boxes[i]!.maxLongitude else { break }
                if boxes[i]!.intersects(boxes[j]!), shapes(list[i], list[j]) { result.append((min(i, j), max(i, j))) }
            }
        }
        return result.sorted { $0 < $1 }
    }

    struct Edge {
        let a: GeoPoint, b: GeoPoint
        /// Whether the polygon's interior lies to the left of a→b.
        let interiorLeft: Bool
    }

    static func edges(_ p: GeoPolygon) -> [Edge] {
        var result: [Edge] = []
        for (r, ring) in p.rings.enumerated() {
            let anticlockwise = GeoRing.signedArea(ring) > 0
            let left = (r == 0) == anticlockwise
            for i in 0..<max(0, ring.count - 1) where ring[i] != ring[i + 1] {
                result.append(Edge(a: ring[i], b: ring[i + 1], interiorLeft: left))
            }
        }
        return result
    }

    /// Two simple polygons overlap when an edge of one properly crosses an edge of the other, or
    /// when some piece of one's boundary runs through the other's interior, or when a shared
    /// piece of boundary has both interiors on the same side (identical or stacked polygons).
    static func polygons(_ p: GeoPolygon, _ q: GeoPolygon) -> Bool {
        guard let bp = p.boundingBox, let bq = q.boundingBox, bp.intersects(bq) else { return false }
        let ep = edges(p)
        let eq = edges(q)
        for e in ep {
            for f in eq where GeoSegment.crossProperly(e.a, e.b, f.a, f.b) { return true }
        }
        return boundaryEnters(ep, into: q, edges: eq) || boundaryEnters(eq, into: p, edges: ep)
    }

    private static func boundaryEnters(_ edges: [Edge], into q: GeoPolygon, edges qEdges: [Edge]) -> Bool {
        let qVertices = qEdges.map(\.a)
        for e in edges {
            let dx = e.b.longitude - e.a.longitude
            let dy = e.b.latitude - e.a.latitude
            let length2 = dx * dx + dy * dy
            // Split the edge where q's corners touch it, so each piece is wholly inside, outside or on q's boundary.
            var cuts: [Double] = [0, 1]
            for v in qVertices where GeoSegment.containsInside(e.a, e.b, v) {
                cuts.append(((v.longitude - e.a.longitude) * dx + (v.latitude - e.a.latitude) * dy) / length2)
            }
            cuts.sort()
            for k in 0..<(cuts.count - 1) where cuts[k + 1] > cuts[k] {
                let t = (cuts[k] + cuts[k + 1]) / 2
                let m = GeoPoint(longitude: e.a.longitude + t * dx, latitude: e.a.latitude + t * dy)
                switch q.location(of: m) {
                case .outside: continue
                case .inside: return true
                case .boundary:
                    guard let f = qEdges.first(where: { GeoSegment.contains($0.a, $0.b, m) }) else { continue }
                    let sameDirection = dx * (f.b.longitude - f.a.longitude) + dy * (f.b.latitude - f.a.latitude) > 0
                    let qLeft = sameDirection ? f.interiorLeft : !f.interiorLeft
                    if qLeft == e.interiorLeft { return true }
                }
            }
        }
        return false
    }
}
