/// Which way an indicator is better. Used by min-max and percentile normalisation.
public enum IndicatorDirection: String, CaseIterable, Codable, Sendable {
    case higherIsBetter, lowerIsBetter
}

/// How indicator weights relate to dimension weights.
public enum IndexWeighting: String, CaseIterable, Codable, Sendable {
    /// Dimensions carry weights adding up to 1; inside each dimension the indicators' weights add
    /// up to 1 (国家高新区综合评价: 创新能力和创业活跃度 20% …, then indicators within each).
    case nested
    /// Indicators carry weights over the whole table adding up to 1; dimensions only group them and
    /// carry no weight (企业创新积分制 tables list each indicator's share of the total).
    case flat
}

/// Whether weights are written as fractions (0.2) or percentages (20).
public enum WeightUnit: String, CaseIterable, Codable, Sendable {
    case fraction, percent

    var whole: Double { self == .fraction ? 1 : 100 }

    /// A fraction written in this unit: 0.95 → "0.95" or "95%".
    func text(_ fraction: Double) -> String {
        switch self {
        case .fraction: Self.trimmed(fraction)
        case .percent: Self.trimmed(fraction * 100) + "%"
        }
    }

    private static func trimmed(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// What a subject without a value for an indicator gets.
public enum MissingValuePolicy: String, CaseIterable, Codable, Sendable {
    /// The indicator scores 0 and keeps its weight (missing data costs points).
    case scoreZero
    /// The indicator is left out and the remaining weights are scaled up to fill its place: within
    /// its dimension when weighting is nested (and across dimensions when a whole dimension is
    /// missing), over the whole table when flat.
    case excludeAndReweight
}

public struct IndexDimension: Hashable, Codable, Sendable, Identifiable {
    public let id: String
    public let name: String
    /// Required when weighting is nested, absent when flat.
    public let weight: StageWeights?

    public init(id: String, name: String, weight: StageWeights? = nil) {
        self.id = id
        self.name = name
        self.weight = weight
    }
}

public struct IndexIndicator: Hashable, Sendable, Identifiable {
    public let id: String
    public let name: String
    /// The id of the dimension (group) it belongs to.
    public let dimension: String
    public let weight: StageWeights
    public let direction: IndicatorDirection
    public let normalisation: Normalisation
    /// For pages: 万元, %, 件 …
    public let unit: String

    public init(
        id: String, name: String, dimension: String, weight: StageWeights,
        direction: IndicatorDirection = .higherIsBetter, normalisation: Normalisation = .minMax(), unit: String = ""
    ) {
        self.id = id
        self.name = name
        self.dimension = dimension
        self.weight = weight
        self.direction = direction
        self.normalisation = normalisation
        self.unit = unit
    }
}

extension IndexIndicator: Codable {
    private enum CodingKeys: String, CodingKey { case id, name, dimension, weight, direction, normalisation, unit }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .name)
        let normalisation: Normalisation
        do {
            normalisation = try c.decodeIfPresent(Normalisation.self, forKey: .normalisation) ?? .minMax()
        } catch IndexError.invalidBands(nil, let problem) {
            // Name the indicator: a band table on its own does not know whose it is.
            throw IndexError.invalidBands(indicator: name, problem: problem)
        }
        self.init(
            id: try c.decode(String.self, forKey: .id),
            name: name,
            dimension: try c.decode(String.self, forKey: .dimension),
            weight: try c.decode(StageWeights.self, forKey: .weight),
            direction: try c.decodeIfPresent(IndicatorDirection.self, forKey: .direction) ?? .higherIsBetter,
            normalisation: normalisation,
            unit: try c.decodeIfPresent(String.self, forKey: .unit) ?? "")
    }
}

/// A weighted evaluation table as data: dimensions, indicators, weights (optionally by stage),
/// normalisation per indicator and what missing values do. Building or decoding one checks it,
/// so a table that is in use always adds up.
public struct IndexTable: Hashable, Sendable {
    public let name: String
    /// Development stages that pick a weight column (初创期, 成长期, 稳定期); empty for one column.
    public let stages: [String]
    public let weighting: IndexWeighting
    public let weightUnit: WeightUnit
    public let missingValues: MissingValuePolicy
    public let dimensions: [IndexDimension]
    public let indicators: [IndexIndicator]

    public init(
        name: String, stages: [String] = [], weighting: IndexWeighting = .nested, weightUnit: WeightUnit = .fraction,
        missingValues: MissingValuePolicy = .scoreZero, dimensions: [IndexDimension], indicators: [IndexIndicator]
    ) throws {
        self.name = name
        self.stages = stages
        self.weighting = weighting
        self.weightUnit = weightUnit
        self.missingValues = missingValues
        self.dimensions = dimensions
        self.indicators = indicators
        try validate()
    }

    /// The weight columns to check: each stage, or the single column.
    var columns: [String?] { stages.isEmpty ? [nil] : stages.map { Optional($0) } }

    /// An indicator's weight for a stage as a fraction of the whole table (before any re-weighting).
    func tableWeight(of indicator: IndexIndicator, stage: String?) -> Double {
        let own = (indicator.weight.value(for: stage) ?? 0) / weightUnit.whole
        guard weighting == .nested else { return own }
        let dimension = dimensions.first { $0.id == indicator.dimension }
        return own * ((dimension?.weight?.value(for: stage) ?? 0) / weightUnit.whole)
    }

    private func validate() throws {
        func fail(_ problem: String) -> IndexError { .invalidTable(problem) }
        guard !dimensions.isEmpty else { throw fail("至少要有一个维度") }
        guard !indicators.isEmpty else { throw fail("至少要有一个指标") }
        if let dup = duplicate(stages) { throw fail("发展阶段「\(dup)」重复") }
        if stages.contains(where: \.isEmpty) { throw fail("发展阶段名称不能为空") }
        if let dup = duplicate(dimensions.map(\.id)) { throw fail("维度编号「\(dup)」重复") }
        if let dup = duplicate(indicators.map(\.id)) { throw fail("指标编号「\(dup)」重复") }
        let dimensionIDs = Set(dimensions.map(\.id))
        for indicator in indicators where !dimensionIDs.contains(indicator.dimension) {
            throw fail("指标「\(indicator.name)」所属维度「\(indicator.dimension)」不存在")
        }
        for dimension in dimensions where !indicators.contains(where: { $0.dimension == dimension.id }) {
            throw fail("维度「\(dimension.name)」下没有指标")
        }
        for dimension in dimensions {
            switch (weighting, dimension.weight) {
            case (.nested, nil): throw fail("维度「\(dimension.name)」未设权重（分维度赋权时每个维度都要有权重）")
            case (.flat, .some): throw fail("维度「\(dimension.name)」设了权重，但本表按指标直接赋权，维度不设权重")
            case (.nested, .some(let w)): try checkColumns(w, owner: "维度「\(dimension.name)」")
            case (.flat, nil): break
            }
        }
        for indicator in indicators {
            try checkColumns(indicator.weight, owner: "指标「\(indicator.name)」")
            if let s = indicator.normalisation.allEqualScore, !(0...100).contains(s) {
                throw fail("指标「\(indicator.name)」的同分得分 \(s) 应在 0–100 之间")
            }
        }
        try checkSums()
    }

    private func checkColumns(_ weights: StageWeights, owner: String) throws {
        if case .byStage(let columns) = weights {
            guard !stages.isEmpty else { throw IndexError.invalidTable("\(owner)按阶段设了权重，但指标表没有列出发展阶段") }
            for stage in stages where columns[stage] == nil {
                throw IndexError.invalidTable("\(owner)缺少「\(stage)」的权重")
            }
            for stage in columns.keys.sorted() where !stages.contains(stage) {
                throw IndexError.invalidTable("\(owner)的权重列「\(stage)」不是指标表中的发展阶段")
            }
        }
        for w in weights.allValues where !(w.isFinite && w >= 0) {
            throw IndexError.invalidTable("\(owner)的权重 \(w) 无效（应为非负数）")
        }
    }

    private func checkSums() throws {
        let tolerance = 1e-6
        func check(_ values: [Double], scope: String, stage: String?, allowZero: Bool = false) throws {
            let sum = values.reduce(0, +) / weightUnit.whole
            if abs(sum - 1) <= tolerance || (allowZero && sum == 0) { return }
            throw IndexError.weightsDoNotSum(scope: scope, stage: stage, sum: sum, unit: weightUnit)
        }
        for stage in columns {
            switch weighting {
            case .flat:
                try check(indicators.map { $0.weight.value(for: stage) ?? 0 }, scope: "各指标", stage: stage)
            case .nested:
                try check(dimensions.map { $0.weight?.value(for: stage) ?? 0 }, scope: "各维度", stage: stage)
                for dimension in dimensions {
                    // A dimension that weighs nothing at a stage may leave its indicators at zero too.
                    let dimensionWeight = dimension.weight?.value(for: stage) ?? 0
                    try check(
                        indicators.filter { $0.dimension == dimension.id }.map { $0.weight.value(for: stage) ?? 0 },
                        scope: "维度「\(dimension.name)」下各指标", stage: stage, allowZero: dimensionWeight == 0)
                }
            }
        }
    }

    private func duplicate(_ values: [String]) -> String? {
        var seen = Set<String>()
        return values.first { !seen.insert($0).inserted }
    }
}

extension IndexTable: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, stages, weighting, weightUnit, missingValues, dimensions, indicators
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: c.decode(String.self, forKey: .name),
            stages: c.decodeIfPresent([String].self, forKey: .stages) ?? [],
            weighting: c.decodeIfPresent(IndexWeighting.self, forKey: .weighting) ?? .nested,
            weightUnit: c.decodeIfPresent(WeightUnit.self, forKey: .weightUnit) ?? .fraction,
            missingValues: c.decodeIfPresent(MissingValuePolicy.self, forKey: .missingValues) ?? .scoreZero,
            dimensions: c.decode([IndexDimension].self, forKey: .dimensions),
            indicators: c.decode([IndexIndicator].self, forKey: .indicators))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(stages, forKey: .stages)
        try c.encode(weighting, forKey: .weighting)
        try c.encode(weightUnit, forKey: .weightUnit)
        try c.encode(missingValues, forKey: .missingValues)
        try c.encode(dimensions, forKey: .dimensions)
        try c.encode(indicators, forKey: .indicators)
    }
}
