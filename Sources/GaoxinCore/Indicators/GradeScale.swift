/// "≥ minimum → grade", e.g. ≥85 优.
public struct GradeCutoff: Hashable, Codable, Sendable {
    public let grade: String
    public let minimum: Double

    public init(grade: String, minimum: Double) {
        self.grade = grade
        self.minimum = minimum
    }
}

/// "the next `share` of subjects by rank → grade", e.g. top 0.15 优, next 0.35 良.
public struct GradeShare: Hashable, Codable, Sendable {
    public let grade: String
    /// A fraction of the subjects graded together (0.15 = 15%).
    public let share: Double

    public init(grade: String, share: Double) {
        self.grade = grade
        self.share = share
    }
}

/// What happens to subjects tied on the edge of a share.
public enum ShareTies: String, CaseIterable, Codable, Sendable {
    /// A tie that does not fit wholly inside the share all take the next grade: a share is a
    /// ceiling ("优秀不超过 15%"), even if that leaves it short.
    case keepWithinShare
    /// A tie that starts inside the share all take the grade, even past the share.
    case extendShare
}

public enum GradeRule: Hashable, Sendable {
    case scoreCutoffs([GradeCutoff])
    case rankShares([GradeShare], ties: ShareTies)
}

public struct SubjectGrade: Hashable, Codable, Sendable {
    public let subject: String
    public let score: Double
    public let rank: Int
    public let grade: String
}

/// Grades (优/良/差 …) from scores, set per evaluation: by score cut-offs or by rank shares.
/// Everyone not reaching a listed grade gets `otherwise`.
public struct GradeScale: Hashable, Sendable {
    public let rule: GradeRule
    public let otherwise: String

    /// Cut-offs in any order; a score takes the highest grade whose minimum it reaches (≥, scores
    /// compared to six decimals, so 84.9999999997 from floating point counts as 85).
    public init(cutoffs: [GradeCutoff], otherwise: String) throws {
        guard !cutoffs.isEmpty else { throw IndexError.invalidGradeScale("至少要有一个分数线") }
        try Self.checkNames(cutoffs.map(\.grade) + [otherwise])
        for c in cutoffs where !c.minimum.isFinite { throw IndexError.invalidGradeScale("「\(c.grade)」的分数线无效") }
        let sorted = cutoffs.sorted { $0.minimum > $1.minimum }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.minimum == b.minimum {
            throw IndexError.invalidGradeScale("「\(a.grade)」和「\(b.grade)」的分数线相同")
        }
        rule = .scoreCutoffs(sorted)
        self.otherwise = otherwise
    }

    /// Shares from the top, in order. Each share's size is ⌊cumulative share × n⌋ minus the ones
    /// above (so 15% of 136 is 20), then `ties` decides tied groups on an edge.
    public init(shares: [GradeShare], otherwise: String, ties: ShareTies = .keepWithinShare) throws {
        guard !shares.isEmpty else { throw IndexError.invalidGradeScale("至少要有一个等次比例") }
        try Self.checkNames(shares.map(\.grade) + [otherwise])
        for s in shares where !(s.share > 0 && s.share <= 1) {
            throw IndexError.invalidGradeScale("「\(s.grade)」的比例应大于 0 且不超过 100%")
        }
        let total = shares.reduce(0) { $0 + $1.share }
        guard total <= 1 + 1e-9 else {
            throw IndexError.invalidGradeScale("各等次比例之和为 \(Percent.text(total))，超过 100%")
        }
        rule = .rankShares(shares, ties: ties)
        self.otherwise = otherwise
    }

    /// Every grade, best first, ending with `otherwise`.
    public var grades: [String] {
        switch rule {
        case .scoreCutoffs(let cutoffs): cutoffs.map(\.grade) + [otherwise]
        case .rankShares(let shares, _): shares.map(\.grade) + [otherwise]
        }
    }

    /// Grades subjects by score (subject id → 0–100 score), best first.
    public func grade(_ scores: [String: Double]) -> [SubjectGrade] {
        let ranked = Ranking.rank(scores)
        switch rule {
        case .scoreCutoffs(let cutoffs):
            return ranked.map { r in
                let key = Ranking.tieKey(r.score)
                let grade = cutoffs.first { key >= $0.minimum }?.grade ?? otherwise
                return SubjectGrade(subject: r.subject, score: r.score, rank: r.rank, grade: grade)
            }
        case .rankShares(let shares, let ties):
            var cumulative = 0.0
            let quotas = shares.map { share -> (String, Int) in
                cumulative += share.share
                return (share.grade, Int((cumulative * Double(ranked.count) + 1e-9).rounded(.down)))
            }
            let groupSize = Dictionary(grouping: ranked, by: \.rank).mapValues(\.count)
            return ranked.map { r in
                // Positions are 1-based; a tie group runs from its rank to rank + size − 1.
                let first = r.rank
                let last = r.rank + groupSize[r.rank]! - 1
                let position = ties == .keepWithinShare ? last : first
                let grade = quotas.first { position <= $0.1 }?.0 ?? otherwise
                return SubjectGrade(subject: r.subject, score: r.score, rank: r.rank, grade: grade)
            }
        }
    }

    private static func checkNames(_ names: [String]) throws {
        if names.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw IndexError.invalidGradeScale("等次名称不能为空")
        }
        if Set(names).count != names.count { throw IndexError.invalidGradeScale("等次名称有重复") }
    }
}

extension GradeScale: Codable {
    private enum CodingKeys: String, CodingKey { case method, cutoffs, shares, ties, otherwise }
    private enum Method: String, Codable { case scoreCutoffs, rankShares }

    /// `{"method": "scoreCutoffs", "cutoffs": [{"grade": "优", "minimum": 85}], "otherwise": "差"}` or
    /// `{"method": "rankShares", "shares": [{"grade": "优", "share": 0.15}], "ties": "keepWithinShare",
    /// "otherwise": "差"}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let otherwise = try c.decode(String.self, forKey: .otherwise)
        switch try c.decode(Method.self, forKey: .method) {
        case .scoreCutoffs:
            try self.init(cutoffs: c.decode([GradeCutoff].self, forKey: .cutoffs), otherwise: otherwise)
        case .rankShares:
            try self.init(
                shares: c.decode([GradeShare].self, forKey: .shares), otherwise: otherwise,
                ties: c.decodeIfPresent(ShareTies.self, forKey: .ties) ?? .keepWithinShare)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(otherwise, forKey: .otherwise)
        switch rule {
        case .scoreCutoffs(let cutoffs):
            try c.encode(Method.scoreCutoffs, forKey: .method)
            try c.encode(cutoffs, forKey: .cutoffs)
        case .rankShares(let shares, let ties):
            try c.encode(Method.rankShares, forKey: .method)
            try c.encode(shares, forKey: .shares)
            try c.encode(ties, forKey: .ties)
        }
    }
}
