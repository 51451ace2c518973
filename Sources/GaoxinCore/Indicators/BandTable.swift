/// Value bands → points, as the official scoring tables write them ("≥30% 20 · ≥25% 16 · … else 0").
///
/// Bands are listed from the lowest up; the first is open below (no `from`), each next one starts
/// at its `from`. A value equal to a `from` goes to the higher band (`≥`), unless the table says
/// `boundary: .lowerBand` (`≤`, as in "debt ratio ≤55% → 10").
/// The normalised score is points ÷ `outOf` × 100, so official point tables can be loaded as written.
public struct BandTable: Hashable, Sendable {
    public struct Band: Hashable, Codable, Sendable {
        /// Lower edge; nil only for the first band.
        public let from: Double?
        public let points: Double

        public init(from: Double?, points: Double) {
            self.from = from
            self.points = points
        }
    }

    public enum Boundary: String, CaseIterable, Codable, Sendable {
        /// A value on an edge belongs to the band above it (≥ edge).
        case higherBand
        /// A value on an edge belongs to the band below it (≤ edge).
        case lowerBand
    }

    public let bands: [Band]
    public let boundary: Boundary
    /// The most points the table gives (the official maximum, e.g. 20); 100 when points are already scores.
    public let outOf: Double

    public init(_ bands: [Band], boundary: Boundary = .higherBand, outOf: Double = 100) throws {
        guard !bands.isEmpty else { throw IndexError.invalidBands(indicator: nil, problem: "至少要有一档") }
        guard bands[0].from == nil else {
            throw IndexError.invalidBands(indicator: nil, problem: "第一档应不设下限（覆盖最低的值）")
        }
        guard outOf > 0, outOf.isFinite else { throw IndexError.invalidBands(indicator: nil, problem: "满分必须大于 0") }
        var previous = -Double.infinity
        for band in bands.dropFirst() {
            guard let from = band.from, from.isFinite else {
                throw IndexError.invalidBands(indicator: nil, problem: "除第一档外每档都要有下限")
            }
            guard from > previous else {
                throw IndexError.invalidBands(indicator: nil, problem: "各档下限应从低到高且不重复（\(from)）")
            }
            previous = from
        }
        for band in bands where !(band.points >= 0 && band.points <= outOf) {
            throw IndexError.invalidBands(indicator: nil, problem: "分值 \(band.points) 超出 0–\(outOf)")
        }
        self.bands = bands
        self.boundary = boundary
        self.outOf = outOf
    }

    /// "≥ a → p, ≥ b → q, …, else r" written the way the notices list it, highest first.
    public static func atLeast(
        _ steps: [(Double, Double)], otherwise: Double = 0, outOf: Double = 100
    ) throws -> BandTable {
        let ascending = steps.sorted { $0.0 < $1.0 }
        return try BandTable(
            [Band(from: nil, points: otherwise)] + ascending.map { Band(from: $0.0, points: $0.1) },
            boundary: .higherBand, outOf: outOf)
    }

    /// "≤ a → p, ≤ b → q, …, else r", lowest limit first (debt ratio: ≤55% 10, ≤75% 5, else 0).
    public static func atMost(
        _ steps: [(Double, Double)], otherwise: Double = 0, outOf: Double = 100
    ) throws -> BandTable {
        let ascending = steps.sorted { $0.0 < $1.0 }
        guard let first = ascending.first else { return try BandTable([], outOf: outOf) }
        // A band's points hold from the previous limit up to its own, so each edge starts the next band.
        var bands = [Band(from: nil, points: first.1)]
        for (index, step) in ascending.enumerated() {
            bands.append(Band(from: step.0, points: index + 1 < ascending.count ? ascending[index + 1].1 : otherwise))
        }
        return try BandTable(bands, boundary: .lowerBand, outOf: outOf)
    }

    /// The points of the band `value` falls in.
    public func points(for value: Double) -> Double {
        var chosen = bands[0]
        for band in bands.dropFirst() {
            let from = band.from!
            let reached = boundary == .higherBand ? value >= from : value > from
            if reached { chosen = band } else { break }
        }
        return chosen.points
    }

    /// 0–100.
    public func score(for value: Double) -> Double { points(for: value) / outOf * 100 }
}

extension BandTable: Codable {
    private enum CodingKeys: String, CodingKey { case bands, boundary, outOf }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            c.decode([Band].self, forKey: .bands),
            boundary: c.decodeIfPresent(Boundary.self, forKey: .boundary) ?? .higherBand,
            outOf: c.decodeIfPresent(Double.self, forKey: .outOf) ?? 100)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bands, forKey: .bands)
        try c.encode(boundary, forKey: .boundary)
        try c.encode(outOf, forKey: .outOf)
    }
}
