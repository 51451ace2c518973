/// Whether a check held, failed, or could not be decided because data is missing.
public enum CheckStatus: String, Sendable, Hashable, Codable {
    case met
    case notMet
    /// Some input the check needs is not reported ("缺少数据").
    case missingData

    /// Several checks that must all hold: any failure fails; else any missing data leaves it open.
    static func all(_ statuses: [CheckStatus]) -> CheckStatus {
        if statuses.contains(.notMet) { return .notMet }
        if statuses.contains(.missingData) { return .missingData }
        return .met
    }
}

/// One enterprise measured against one criterion.
public struct CriterionResult: Sendable {
    public enum Verdict: String, Sendable, Hashable, Codable {
        case qualified
        case notQualified
        /// Nothing fails on the data given, but missing data could still decide either way.
        case undetermined
    }

    /// How a qualifying enterprise qualifies.
    public enum Path: Sendable, Hashable {
        /// All conditions hold (the criterion has no score and no direct conditions).
        case conditions
        /// All conditions hold and the score requirements are met.
        case conditionsAndScore
        /// A direct condition holds (with the conditions, unless the criterion says it replaces everything).
        case direct(code: String, label: String)
    }

    public let criterionCode: String
    public let criterionName: String
    public let verdict: Verdict
    /// Set when qualified.
    public let path: Path?
    public let conditions: [ConditionResult]
    public let directConditions: [ConditionResult]
    /// Nil when the criterion has no scoring items.
    public let score: ScoreResult?
    /// Record fields that are missing and matter, in the order first met (direct conditions are
    /// claims an enterprise may make, so their missing inputs are not listed).
    public let missingFields: [String]
    /// "缺少数据：…", or nil when nothing that matters is missing.
    public let missingText: String?
    /// One Chinese sentence for the top of a page.
    public let summary: String

    public var qualifies: Bool { verdict == .qualified }
    /// Whether sentences were written (see `Criterion.evaluate(_:explaining:)`); every summary says something.
    public var isExplained: Bool { !summary.isEmpty }
}

/// One condition (or direct condition) for one record.
public struct ConditionResult: Sendable {
    public let code: String
    public let label: String
    public let status: CheckStatus
    /// The rule's explanation, one Chinese sentence per comparison:
    /// "近三年研发费用占销售收入比例 3.1%，要求 ≥ 4%，不满足".
    public let sentences: [String]
    /// Every comparison with a number the rule evaluated, except those that only chose which
    /// band's requirement applies (营业收入 ≤ 5000万元 → 5%).
    public let gaps: [ThresholdGap]
    /// The unmet gaps as text: "…，要求 ≥ 5%，差 0.01 个百分点".
    public let gapTexts: [String]
    public let missingFields: [String]
    public let missingText: String?
    /// How far from holding, 0 (holds) … 1 (far, not numeric, or unknown); see `CandidateRanking`.
    public let distance: Double

    public var held: Bool { status == .met }
}

public struct ScoreResult: Sendable {
    /// Points earned on the data given (an item with missing data counts what its data gives).
    public let total: Double
    public let maximum: Double
    /// The total if every item with missing data earned its full points: the most it could be.
    public let upperBound: Double
    public let items: [ItemScore]
    public let groups: [GroupScore]
    /// Minimum total, group minimums and non-zero items, in that order.
    public let requirements: [ScoreRequirementResult]

    public var status: CheckStatus { CheckStatus.all(requirements.map(\.status)) }
}

public struct ItemScore: Sendable {
    public let code: String
    public let label: String
    public let group: String?
    public let points: Double
    public let maxPoints: Double
    /// The figure the points were read from (for a higher-of item: the one that scored most).
    public let value: Double?
    /// "科技人员占职工总数比例 32% → 20 分", or what is missing.
    public let detail: String
    public let missingFields: [String]
}

public struct GroupScore: Sendable {
    public let code: String
    public let label: String
    public let points: Double
    public let maxPoints: Double
    public let minimum: Double?
}

/// One score requirement checked: "评价得分 65 分，要求 ≥ 71 分，差 6 分".
public struct ScoreRequirementResult: Sendable {
    /// "total", "group:<code>" or "item:<code>".
    public let code: String
    public let label: String
    public let status: CheckStatus
    public let text: String
    /// Shortfall relative to the requirement, 0…1.
    public let distance: Double
}
