/// How an indicator's raw values become 0–100 scores before weighting.
///
/// Population methods (min-max, percentile rank) look only at the subjects evaluated together
/// that have a value; a missing value is never treated as zero here (see `MissingValuePolicy`).
/// When those values have no spread (all equal, or only one subject) nobody is ahead of anybody
/// and every one gets `allEqualScore` (100 unless the table says otherwise).
public enum Normalisation: Hashable, Sendable {
    /// (v − min) ÷ (max − min) × 100; reversed for lower-is-better.
    case minMax(allEqualScore: Double = 100)
    /// Share of the others a subject is ahead of, × 100: (below + (tied − 1) ÷ 2) ÷ (n − 1) × 100.
    /// Tied values share the average of the places they hold, so the best gets 100, the worst 0.
    case percentileRank(allEqualScore: Double = 100)
    /// Official point bands; the bands themselves say which way is better, so `direction` is not used.
    case bands(BandTable)

    public var label: String {
        switch self {
        case .minMax: "极差标准化（0–100）"
        case .percentileRank: "百分位排名"
        case .bands: "分档计分"
        }
    }

    /// A scorer for one indicator over the population's present values.
    func scorer(population: [Double], direction: IndicatorDirection) -> (Double) -> Double {
        let sign: Double = direction == .higherIsBetter ? 1 : -1
        switch self {
        case .bands(let table):
            return { table.score(for: $0) }
        case .minMax(let allEqual):
            let oriented = population.map { $0 * sign }
            guard let low = oriented.min(), let high = oriented.max(), high > low else { return { _ in allEqual } }
            return { ($0 * sign - low) / (high - low) * 100 }
        case .percentileRank(let allEqual):
            let sorted = population.map { $0 * sign }.sorted()
            guard let low = sorted.first, let high = sorted.last, high > low else { return { _ in allEqual } }
            let others = Double(sorted.count - 1)
            return { raw in
                let v = raw * sign
                let below = sorted.partitioningIndex { $0 >= v }
                let upTo = sorted.partitioningIndex { $0 > v }
                let tied = upTo - below
                return (Double(below) + Double(tied - 1) / 2) / others * 100
            }
        }
    }

    var allEqualScore: Double? {
        switch self {
        case .minMax(let s), .percentileRank(let s): s
        case .bands: nil
        }
    }
}

extension Array where Element == Double {
    /// First index whose element satisfies `belongs` in a list sorted so that `belongs` is false then true.
    fileprivate func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension Normalisation: Codable {
    private enum CodingKeys: String, CodingKey { case method, allEqualScore }
    private enum Method: String, Codable { case minMax, percentileRank, bands }

    /// `{"method": "minMax"}`, `{"method": "percentileRank", "allEqualScore": 50}`,
    /// `{"method": "bands", "bands": [...], "boundary": "higherBand", "outOf": 20}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Method.self, forKey: .method) {
        case .minMax: self = .minMax(allEqualScore: try c.decodeIfPresent(Double.self, forKey: .allEqualScore) ?? 100)
        case .percentileRank:
            self = .percentileRank(allEqualScore: try c.decodeIfPresent(Double.self, forKey: .allEqualScore) ?? 100)
        case .bands: self = .bands(try BandTable(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .minMax(let s):
            try c.encode(Method.minMax, forKey: .method)
            try c.encode(s, forKey: .allEqualScore)
        case .percentileRank(let s):
            try c.encode(Method.percentileRank, forKey: .method)
            try c.encode(s, forKey: .allEqualScore)
        case .bands(let table):
            try c.encode(Method.bands, forKey: .method)
            try table.encode(to: encoder)
        }
    }
}
