/// A subject's place in a ranked list.
public struct RankedScore: Hashable, Codable, Sendable {
    public let subject: String
    public let score: Double
    /// Competition rank ("1224"): equal scores share the best rank and the next rank skips.
    public let rank: Int
}

public enum Ranking {
    /// Ranks scores from highest to lowest. Scores equal to six decimal places tie (so that two
    /// sums that differ only by floating-point noise are not ranked apart); within a tie the
    /// list is ordered by subject id so that pages are stable.
    public static func rank(_ scores: [String: Double]) -> [RankedScore] {
        let (ids, values) = (Array(scores.keys), Array(scores.values))
        return order(ids: ids, scores: values).map {
            RankedScore(subject: ids[$0.index], score: values[$0.index], rank: $0.rank)
        }
    }

    /// Positions of `scores` (parallel to `ids`) best first, with their competition ranks: the
    /// order and ranks of `rank(_:)` without a dictionary or a tuple per subject.
    public static func order(ids: [String], scores: [Double]) -> [(index: Int, rank: Int)] {
        let keys = scores.map(tieKey)
        let sorted = ids.indices.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : ids[$0] < ids[$1] }
        var result: [(index: Int, rank: Int)] = []
        result.reserveCapacity(sorted.count)
        for (position, i) in sorted.enumerated() {
            let rank = position > 0 && keys[sorted[position - 1]] == keys[i] ? result[position - 1].rank : position + 1
            result.append((i, rank))
        }
        return result
    }

    /// The value two scores are compared by.
    static func tieKey(_ score: Double) -> Double { (score * 1_000_000).rounded() / 1_000_000 }

    /// Competition ranking by `key`, highest first, ties by id.
    static func competition<Key: Comparable>(_ items: [(id: String, key: Key)]) -> [(id: String, key: Key, rank: Int)] {
        let sorted = items.sorted { $0.key != $1.key ? $0.key > $1.key : $0.id < $1.id }
        var result: [(id: String, key: Key, rank: Int)] = []
        result.reserveCapacity(sorted.count)
        for (position, item) in sorted.enumerated() {
            let rank = position > 0 && sorted[position - 1].key == item.key ? result[position - 1].rank : position + 1
            result.append((item.id, item.key, rank))
        }
        return result
    }
}
