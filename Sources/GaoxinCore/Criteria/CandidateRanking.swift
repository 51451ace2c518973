/// An enterprise's record with the id it is listed by (criteria ranking, innovation points).
public struct RecordedEnterprise: Sendable {
    public let id: String
    /// See `EnterpriseRecord.build`.
    public let record: JSONValue

    public init(id: String, record: JSONValue) {
        self.id = id
        self.record = record
    }
}

/// A "后备" candidate: an enterprise that does not (yet) qualify, with how close it is and what it lacks.
///
/// Closeness, in [0, 1]: the criterion is cut into parts — each condition, plus one part for "the score
/// requirements or a direct condition" when the criterion has either. With n parts of which m are
/// met, and d̄ the mean distance of the unmet ones (each in (0, 1]: the relative shortfall of its
/// gaps, 1 for a yes/no test or missing data),
///
///     closeness = (m + 1 − d̄) ÷ (n + 1)
///
/// So more parts met always ranks higher (m + 1 − d̄ ≤ m + 1), and among equal counts the smaller
/// remaining gaps rank higher; the score part's distance is its relative score shortfall
/// (71 needed, 60 earned → 11 ÷ 71). Ties are broken by id (numeric ids in number order).
public struct Candidate: Sendable {
    public let id: String
    public let closeness: Double
    public let partsMet: Int
    public let partsTotal: Int
    /// The unmet parts, in criterion order, each with what is missing and by how much (no details
    /// when evaluated without explaining).
    public let shortfalls: [Shortfall]
    /// Whether the enterprise qualifies. The whole `CriterionResult` is not kept: ranking a zone
    /// holds a candidate per enterprise and criterion, and their results (every condition's
    /// sentences) took most of a 10 000-enterprise zone's 800 MB.
    public let qualifies: Bool

    /// The ranking's order: closer first (closeness compared to nine decimals, so rounding noise
    /// never splits a tie), then by id — shorter first, so that decimal ids (the enterprises')
    /// come in number order, as a database orders its stored rows (`ORDER BY closeness DESC, id`).
    public static func ranksBefore(_ x: Candidate, _ y: Candidate) -> Bool {
        let a = (x.closeness * 1e9).rounded()
        let b = (y.closeness * 1e9).rounded()
        if a != b { return a > b }
        return x.id.utf8.count != y.id.utf8.count ? x.id.utf8.count < y.id.utf8.count : x.id < y.id
    }

    /// Closeness rounded to the nine decimals the ranking compares, as stored: rows ordered by
    /// the stored value come in `ranksBefore`'s order.
    public var rankedCloseness: Double { (closeness * 1e9).rounded() / 1e9 }

    /// Each unmet part in words: "label：detail，detail".
    public var shortfallLines: [String] {
        shortfalls.map { "\($0.label)：\($0.details.joined(separator: "，"))" }
    }
}

/// One unmet part of a criterion for a candidate.
public struct Shortfall: Sendable {
    /// The condition code, or "score" for the score requirements / direct conditions part.
    public let code: String
    public let label: String
    public let status: CheckStatus
    public let distance: Double
    /// "近三年研发费用占销售收入比例 4.99%，要求 ≥ 5%，差 0.01 个百分点", "缺少数据：…".
    public let details: [String]
}

extension Criterion {
    /// The enterprises that do not qualify, closest first (ties by id). Without `explaining`, the
    /// same candidates in the same order, but their shortfalls carry no details (see
    /// `evaluate(_:explaining:)`): what a zone's stored ranking keeps.
    public func candidates(_ enterprises: [RecordedEnterprise], explaining: Bool = true) -> [Candidate] {
        enterprises
            .map { candidate(id: $0.id, result: evaluate($0.record, explaining: explaining)) }
            .filter { !$0.qualifies }
            .sorted(by: Candidate.ranksBefore)
    }

    /// How close one evaluated record is (1 when it qualifies).
    public func candidate(id: String, result: CriterionResult) -> Candidate {
        let explained = result.isExplained
        var parts: [(met: Bool, shortfall: Shortfall?)] = result.conditions.map { c in
            c.status == .met ? (true, nil) : (false, Self.shortfall(c, explained: explained))
        }
        if let second = secondPart(result, explained: explained) { parts.append(second) }
        let unmet = parts.compactMap(\.shortfall)
        let met = parts.count - unmet.count
        // An unmet part is never at distance 0 (a strict "> 5" failing at exactly 5), so it never ties a met one.
        let meanDistance = unmet.isEmpty ? 0 : unmet.reduce(0) { $0 + max($1.distance, 1e-6) } / Double(unmet.count)
        let closeness = result.qualifies ? 1 : (Double(met) + 1 - meanDistance) / Double(parts.count + 1)
        return Candidate(
            id: id, closeness: closeness, partsMet: met, partsTotal: parts.count, shortfalls: unmet,
            qualifies: result.qualifies)
    }

    private static func shortfall(_ c: ConditionResult, explained: Bool) -> Shortfall {
        guard explained else {
            return Shortfall(code: c.code, label: c.label, status: c.status, distance: c.distance, details: [])
        }
        var details: [String]
        if let missing = c.missingText {
            details = [missing]
        } else if !c.gapTexts.isEmpty {
            details = c.gapTexts
        } else {
            details = c.sentences.filter { $0.hasSuffix("，不满足") }
            if details.isEmpty { details = ["「\(c.label)」不满足"] }
        }
        return Shortfall(code: c.code, label: c.label, status: c.status, distance: c.distance, details: details)
    }

    /// "The score requirements, or any direct condition" as one part; nil when the criterion has neither.
    private func secondPart(_ result: CriterionResult, explained: Bool) -> (met: Bool, shortfall: Shortfall?)? {
        let hasDirect = !result.directConditions.isEmpty
        guard hasScoreRequirements || hasDirect else { return nil }
        if result.directConditions.contains(where: { $0.status == .met }) { return (true, nil) }
        let requirements = hasScoreRequirements ? (result.score?.requirements ?? []) : []
        let status = hasScoreRequirements ? CheckStatus.all(requirements.map(\.status)) : .notMet
        if status == .met { return (true, nil) }

        var distances = requirements.filter { $0.status != .met }.map(\.distance)
        let scoreDistance = distances.max() ?? 1
        distances = [scoreDistance] + result.directConditions.map(\.distance)
        var details = explained ? requirements.filter { $0.status != .met }.map(\.text) : []
        if hasDirect, explained {
            let labels = result.directConditions.map { "「\($0.label)」" }.joined(separator: "、")
            details.append(hasScoreRequirements ? "或符合任一直接认定条件：\(labels)" : "需符合任一直接认定条件：\(labels)")
        }
        let label =
            hasScoreRequirements ? (hasDirect ? "评价得分要求（或任一直接认定条件）" : "评价得分要求") : "直接认定条件（任一）"
        let distance =
            hasScoreRequirements ? (distances.min() ?? 1) : (result.directConditions.map(\.distance).min() ?? 1)
        return (false, Shortfall(code: "score", label: label, status: status, distance: distance, details: details))
    }
}
