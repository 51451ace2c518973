/// One subject's raw values for an evaluation. An indicator absent from `values` is missing;
/// values for ids the table does not list are ignored (one data sheet may feed several tables).
public struct IndexSubject: Hashable, Codable, Sendable {
    public let id: String
    /// Required when the table has stages.
    public let stage: String?
    public let values: [String: Double]

    public init(id: String, stage: String? = nil, values: [String: Double]) {
        self.id = id
        self.stage = stage
        self.values = values
    }
}

/// One line of a score's explanation: raw value → normalised score × weight = contribution.
public struct IndicatorScore: Hashable, Sendable {
    public let indicatorID: String
    public let name: String
    public let dimensionID: String
    public let raw: Double?
    /// 0–100; 0 for a missing value scored zero, nil for a missing value left out.
    public let normalised: Double?
    /// The weight the table gives it at the subject's stage, as a fraction of the whole.
    public let tableWeight: Double
    /// The weight actually applied (differs from `tableWeight` after re-weighting around missing values).
    public let weight: Double
    /// normalised × weight: the points it adds to the 0–100 score.
    public let contribution: Double

    public var isMissing: Bool { raw == nil }
}

public struct DimensionScore: Hashable, Sendable {
    public let dimensionID: String
    public let name: String
    /// The sum of its indicators' applied weights.
    public let weight: Double
    /// 0–100 within the dimension; nil when it weighs nothing for this subject.
    public let score: Double?
    public let contribution: Double
}

public struct SubjectScore: Hashable, Sendable {
    public let subject: String
    public let stage: String?
    /// 0–100: the sum of the contributions.
    public let score: Double
    /// Competition rank among the subjects evaluated together (see `Ranking`).
    public let rank: Int
    public let dimensions: [DimensionScore]
    public let indicators: [IndicatorScore]

    public var missingIndicators: [String] { indicators.filter(\.isMissing).map(\.indicatorID) }
}

/// The scores of a population evaluated together, best first.
public struct IndexEvaluation: Hashable, Sendable {
    public let tableName: String
    public let results: [SubjectScore]

    public func result(for subject: String) -> SubjectScore? { results.first { $0.subject == subject } }

    /// Grades by `scale` from these scores.
    public func grades(by scale: GradeScale) -> [SubjectGrade] {
        scale.grade(Dictionary(uniqueKeysWithValues: results.map { ($0.subject, $0.score) }))
    }
}

extension IndexTable {
    /// Scores every subject; population normalisations (min-max, percentile) use all subjects given.
    public func evaluate(_ subjects: [IndexSubject]) throws -> IndexEvaluation {
        try check(subjects)
        let scorers = Dictionary(
            uniqueKeysWithValues: indicators.map { indicator in
                let present = subjects.compactMap { $0.values[indicator.id] }
                return (
                    indicator.id, indicator.normalisation.scorer(population: present, direction: indicator.direction)
                )
            })
        let scored = subjects.map { score($0, scorers: scorers) }
        let ranks = Dictionary(
            uniqueKeysWithValues: Ranking.rank(
                Dictionary(uniqueKeysWithValues: scored.map { ($0.subject, $0.score) })
            ).map { ($0.subject, $0.rank) })
        let results =
            scored
            .map {
                SubjectScore(
                    subject: $0.subject, stage: $0.stage, score: $0.score, rank: ranks[$0.subject]!,
                    dimensions: $0.dimensions, indicators: $0.indicators)
            }
            .sorted { ($0.rank, $0.subject) < ($1.rank, $1.subject) }
        return IndexEvaluation(tableName: name, results: results)
    }

    private func check(_ subjects: [IndexSubject]) throws {
        var seen = Set<String>()
        let known = Set(indicators.map(\.id))
        for subject in subjects {
            guard seen.insert(subject.id).inserted else { throw IndexError.duplicateSubject(subject.id) }
            if !stages.isEmpty {
                guard let stage = subject.stage else {
                    throw IndexError.missingStage(subject: subject.id, stages: stages)
                }
                guard stages.contains(stage) else {
                    throw IndexError.unknownStage(subject: subject.id, stage: stage, stages: stages)
                }
            }
            for (id, value) in subject.values where known.contains(id) && !value.isFinite {
                throw IndexError.notFinite(subject: subject.id, indicator: indicators.first { $0.id == id }!.name)
            }
        }
    }

    /// The applied weights for one subject: the table's, or re-spread over the indicators it has.
    private func appliedWeights(stage: String?, present: Set<String>) -> [String: Double] {
        var applied: [String: Double] = [:]
        guard missingValues == .excludeAndReweight else {
            for indicator in indicators { applied[indicator.id] = tableWeight(of: indicator, stage: stage) }
            return applied
        }
        switch weighting {
        case .flat:
            let own = indicators.filter { present.contains($0.id) }
            let total = own.reduce(0) { $0 + tableWeight(of: $1, stage: stage) }
            for indicator in own where total > 0 {
                applied[indicator.id] = tableWeight(of: indicator, stage: stage) / total
            }
        case .nested:
            var withinDimension: [String: [(IndexIndicator, Double)]] = [:]
            for dimension in dimensions {
                let own = indicators.filter { $0.dimension == dimension.id && present.contains($0.id) }
                let total = own.reduce(0) { $0 + ($1.weight.value(for: stage) ?? 0) }
                if total > 0 {
                    withinDimension[dimension.id] = own.map { ($0, ($0.weight.value(for: stage) ?? 0) / total) }
                }
            }
            let dimensionTotal = dimensions.reduce(0) {
                $0 + (withinDimension[$1.id] == nil ? 0 : $1.weight?.value(for: stage) ?? 0)
            }
            guard dimensionTotal > 0 else { return [:] }
            for dimension in dimensions {
                let share = (dimension.weight?.value(for: stage) ?? 0) / dimensionTotal
                for (indicator, within) in withinDimension[dimension.id] ?? [] {
                    applied[indicator.id] = share * within
                }
            }
        }
        return applied
    }

    private func score(
        _ subject: IndexSubject, scorers: [String: (Double) -> Double]
    ) -> (
        subject: String, stage: String?, score: Double, dimensions: [DimensionScore], indicators: [IndicatorScore]
    ) {
        let stage = stages.isEmpty ? nil : subject.stage
        let present = Set(indicators.map(\.id).filter { subject.values[$0] != nil })
        let weights = appliedWeights(stage: stage, present: present)
        let lines = indicators.map { indicator -> IndicatorScore in
            let raw = subject.values[indicator.id]
            let normalised = raw.map { scorers[indicator.id]!($0) } ?? (missingValues == .scoreZero ? 0 : nil)
            let weight = weights[indicator.id] ?? 0
            return IndicatorScore(
                indicatorID: indicator.id, name: indicator.name, dimensionID: indicator.dimension, raw: raw,
                normalised: normalised, tableWeight: tableWeight(of: indicator, stage: stage), weight: weight,
                contribution: (normalised ?? 0) * weight)
        }
        let dimensionLines = dimensions.map { dimension -> DimensionScore in
            let own = lines.filter { $0.dimensionID == dimension.id }
            let weight = own.reduce(0) { $0 + $1.weight }
            let contribution = own.reduce(0) { $0 + $1.contribution }
            return DimensionScore(
                dimensionID: dimension.id, name: dimension.name, weight: weight,
                score: weight > 0 ? contribution / weight : nil, contribution: contribution)
        }
        return (subject.id, stage, lines.reduce(0) { $0 + $1.contribution }, dimensionLines, lines)
    }
}
