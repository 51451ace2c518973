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
    /// One subject as positional values: the table's indicators in their order, NaN where the
    /// subject has none. What `evaluate` works on: a dictionary per subject, looked up per
    /// indicator, was most of a 100 000-enterprise zone's points.
    public struct Row: Sendable {
        public let id: String
        /// Required when the table has stages.
        public let stage: String?
        public let values: [Double]

        public init(id: String, stage: String?, values: [Double]) {
            self.id = id
            self.stage = stage
            self.values = values
        }
    }

    /// Scores every subject; population normalisations (min-max, percentile) use all subjects given.
    public func evaluate(_ subjects: [IndexSubject]) throws -> IndexEvaluation {
        try check(subjects.lazy.map { ($0.id, $0.stage) })
        for subject in subjects {
            for (id, value) in subject.values where !value.isFinite {
                if let indicator = indicators.first(where: { $0.id == id }) {
                    throw IndexError.notFinite(subject: subject.id, indicator: indicator.name)
                }
            }
        }
        let ids = indicators.map(\.id)
        return score(subjects.map { s in Row(id: s.id, stage: s.stage, values: ids.map { s.values[$0] ?? .nan }) })
    }

    /// Scores every row (NaN is a missing value; an infinite one is refused).
    public func evaluate(rows: [Row]) throws -> IndexEvaluation {
        try check(rows.lazy.map { ($0.id, $0.stage) })
        for row in rows {
            if let k = row.values.firstIndex(where: \.isInfinite), k < indicators.count {
                throw IndexError.notFinite(subject: row.id, indicator: indicators[k].name)
            }
        }
        return score(rows)
    }

    private func check(_ subjects: some Sequence<(String, String?)>) throws {
        var seen = Set<String>()
        for (id, stage) in subjects {
            guard seen.insert(id).inserted else { throw IndexError.duplicateSubject(id) }
            if !self.stages.isEmpty {
                guard let stage else { throw IndexError.missingStage(subject: id, stages: self.stages) }
                guard self.stages.contains(stage) else {
                    throw IndexError.unknownStage(subject: id, stage: stage, stages: self.stages)
                }
            }
        }
    }

    /// Scores checked rows, best first (ties by id).
    private func score(_ rows: [Row]) -> IndexEvaluation {
        let count = indicators.count
        let scorers = indicators.indices.map { k in
            indicators[k].normalisation.scorer(
                population: rows.compactMap { k < $0.values.count && !$0.values[k].isNaN ? $0.values[k] : nil },
                direction: indicators[k].direction)
        }
        // Per stage column, each indicator's table weight; per stage and set of present
        // indicators, the weights applied (a zone has a handful of such sets, not one per subject).
        let columns = stages.isEmpty ? [nil] : stages.map { Optional($0) }
        let tableWeights = columns.map { stage in indicators.map { tableWeight(of: $0, stage: stage) } }
        let column = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1, $0) })
        var applied: [Int: [Double]] = [:]
        func weights(stage: Int, present: [Bool]) -> [Double] {
            let compute = {
                let named = self.appliedWeights(
                    stage: columns[stage],
                    present: Set(self.indicators.indices.filter { present[$0] }.map { self.indicators[$0].id }))
                return self.indicators.map { named[$0.id] ?? 0 }
            }
            // The key packs the stage above the indicators' bits; a table too wide for it computes.
            guard count < 56, stage < 128 else { return compute() }
            let key = present.indices.reduce(stage << 56) { present[$1] ? $0 | 1 << $1 : $0 }
            if let known = applied[key] { return known }
            let fresh = compute()
            applied[key] = fresh
            return fresh
        }
        let members = dimensions.map { dimension in
            indicators.indices.filter { indicators[$0].dimension == dimension.id }
        }

        var scored: [(dimensions: [DimensionScore], indicators: [IndicatorScore], score: Double)] = []
        scored.reserveCapacity(rows.count)
        for row in rows {
            let stage = stages.isEmpty ? 0 : row.stage.flatMap { column[$0] } ?? 0
            let raw = indicators.indices.map { k -> Double? in
                k < row.values.count && !row.values[k].isNaN ? row.values[k] : nil
            }
            let weight = weights(stage: stage, present: raw.map { $0 != nil })
            let lines = indicators.indices.map { k -> IndicatorScore in
                let normalised = raw[k].map { scorers[k]($0) } ?? (missingValues == .scoreZero ? 0 : nil)
                return IndicatorScore(
                    indicatorID: indicators[k].id, name: indicators[k].name, dimensionID: indicators[k].dimension,
                    raw: raw[k], normalised: normalised, tableWeight: tableWeights[stage][k], weight: weight[k],
                    contribution: (normalised ?? 0) * weight[k])
            }
            let dimensionLines = dimensions.indices.map { d -> DimensionScore in
                let (weight, contribution) = members[d].reduce((0.0, 0.0)) {
                    ($0.0 + lines[$1].weight, $0.1 + lines[$1].contribution)
                }
                return DimensionScore(
                    dimensionID: dimensions[d].id, name: dimensions[d].name, weight: weight,
                    score: weight > 0 ? contribution / weight : nil, contribution: contribution)
            }
            scored.append((dimensionLines, lines, lines.reduce(0) { $0 + $1.contribution }))
        }
        let order = Ranking.order(ids: rows.map(\.id), scores: scored.map(\.score))
        return IndexEvaluation(
            tableName: name,
            results: order.map { i, rank in
                SubjectScore(
                    subject: rows[i].id, stage: stages.isEmpty ? nil : rows[i].stage, score: scored[i].score,
                    rank: rank, dimensions: scored[i].dimensions, indicators: scored[i].indicators)
            })
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
}
