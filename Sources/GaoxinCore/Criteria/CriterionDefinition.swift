/// An official criterion (高新技术企业, 科技型中小企业 …) written as data, so a zone can change a
/// threshold or a band without a release: conditions that must all hold (JSONLogic rules over the
/// enterprise record), scoring items with their point tables, score requirements, and direct
/// conditions any one of which stands in for the score (科小: a valid 高企 certificate).
///
/// Decoding only reads the file; `Criterion(_:)` checks it and compiles the rules.
public struct CriterionDefinition: Sendable, Equatable {
    /// Stable id; for the ladder criteria the `CertificationKind` raw value ("high_tech").
    public var code: String
    public var name: String
    /// 文号 of the notice it encodes (国科发火〔2016〕32号).
    public var basis: String
    /// Shown beside the name, e.g. "待核实" for rules reported but not yet read in the official text.
    public var status: String?
    /// What the file encodes and how it departs from the text, for the people who maintain it.
    public var note: String?
    /// The `CertificationKind` raw value an enterprise meeting this criterion may apply for.
    public var certifies: String?
    public var conditions: [CriterionCondition]
    public var scoring: [ScoringItem]
    public var groups: [ScoreGroup]
    /// The total the scoring items must reach (高企 71, 科小 60).
    public var minimumScore: Double?
    /// Items that must score above zero (科小: 科技人员指标得分不得为 0).
    public var nonZeroItems: [String]
    /// Any one of these qualifies in place of the score requirements (or in place of everything,
    /// see `directScope`).
    public var directConditions: [CriterionCondition]
    public var directScope: DirectScope

    public init(
        code: String, name: String, basis: String, status: String? = nil, note: String? = nil,
        certifies: String? = nil, conditions: [CriterionCondition] = [], scoring: [ScoringItem] = [],
        groups: [ScoreGroup] = [], minimumScore: Double? = nil, nonZeroItems: [String] = [],
        directConditions: [CriterionCondition] = [], directScope: DirectScope = .score
    ) {
        self.code = code
        self.name = name
        self.basis = basis
        self.status = status
        self.note = note
        self.certifies = certifies
        self.conditions = conditions
        self.scoring = scoring
        self.groups = groups
        self.minimumScore = minimumScore
        self.nonZeroItems = nonZeroItems
        self.directConditions = directConditions
        self.directScope = directScope
    }
}

/// What a direct condition (直接认定条件) replaces.
public enum DirectScope: String, Sendable, Codable, CaseIterable {
    /// The score requirements only; the conditions must still hold. This is how 科小 (评价办法第六条)
    /// and the 2022 梯度培育 standards read: the direct conditions replace "评价得分达到 60 分以上".
    case score
    /// Everything: meeting a direct condition qualifies on its own.
    case all
}

/// One condition: a JSONLogic rule over the enterprise record that must be true.
public struct CriterionCondition: Sendable, Equatable {
    public var code: String
    /// What the condition asks, in Chinese ("近三年研发费用占销售收入比例达到要求").
    public var label: String
    public var rule: JSONValue
    public var note: String?

    public init(code: String, label: String, rule: JSONValue, note: String? = nil) {
        self.code = code
        self.label = label
        self.rule = rule
        self.note = note
    }
}

/// A group of scoring items with an optional minimum (创新型: 创新能力 ≥ 20).
public struct ScoreGroup: Sendable, Equatable, Codable {
    public var code: String
    public var label: String
    public var minimum: Double?

    public init(code: String, label: String, minimum: Double? = nil) {
        self.code = code
        self.label = label
        self.minimum = minimum
    }
}

/// One line of a scoring table: how many points the record earns, up to `maxPoints`.
public struct ScoringItem: Sendable, Equatable {
    public var code: String
    public var label: String
    /// The code of the `ScoreGroup` it counts towards.
    public var group: String?
    public var maxPoints: Double
    public var method: ScoringMethod
    public var note: String?

    public init(
        code: String, label: String, group: String? = nil, maxPoints: Double, method: ScoringMethod,
        note: String? = nil
    ) {
        self.code = code
        self.label = label
        self.group = group
        self.maxPoints = maxPoints
        self.method = method
        self.note = note
    }
}

/// How a scoring item's points come from the record.
public enum ScoringMethod: Sendable, Equatable {
    /// A band table over one field.
    case bands(BandSource)
    /// The highest of several band tables (科小: R&D ÷ sales or R&D ÷ costs, whichever scores more).
    case higherOf([BandSource])
    /// A JSONLogic rule giving the points (a self-assessed score, a yes/no item).
    case rule(JSONValue)
}

/// A band table (see `BandTable`) read over one record field.
public struct BandSource: Sendable, Equatable {
    public var field: String
    /// Lowest band first; the first has no `from`.
    public var bands: [BandTable.Band]
    public var boundary: BandTable.Boundary
    /// Edges where a value exactly on the edge goes to the other band than `boundary` says:
    /// 高企成长性 "> 0 → 1–2 分, ≤ 0 → 0 分" is a higher-band table with a strict edge at 0.
    public var strictEdges: [Double]

    public init(
        field: String, bands: [BandTable.Band], boundary: BandTable.Boundary = .higherBand, strictEdges: [Double] = []
    ) {
        self.field = field
        self.bands = bands
        self.boundary = boundary
        self.strictEdges = strictEdges
    }
}
