/// Every enterprise's innovation points in a zone, best first, each with the parts it is made of.
public struct InnovationPointsEvaluation: Sendable {
    public let tableName: String
    public let results: [InnovationPointsResult]
    /// Enterprises left out, with why ("未设发展阶段").
    public let skipped: [(id: String, reason: String)]

    public func result(for id: String) -> InnovationPointsResult? { results.first { $0.id == id } }
}

public struct InnovationPointsResult: Sendable {
    public let id: String
    public let stage: GrowthStage?
    /// 0–100: the sum of the parts' contributions.
    public let score: Double
    /// Competition rank in the zone (equal scores share a rank; see `Ranking`).
    public let rank: Int
    /// Rank among the enterprises of the same stage.
    public let stageRank: Int
    /// Per group (技术创新, 成长经营, 辅助): weight and points.
    public let groups: [DimensionScore]
    public let parts: [InnovationPointsPart]
}

/// One indicator's share of an enterprise's points: value → normalised score × weight = points.
public struct InnovationPointsPart: Sendable {
    public let indicatorID: String
    public let name: String
    public let groupID: String
    public let value: Double?
    /// 0–100 after normalisation (percentile rank in the zone …); 0 when the value is missing.
    public let normalised: Double?
    /// The weight at the enterprise's stage, as a fraction of the whole score.
    public let weight: Double
    public let points: Double
    /// "研发费用 500万元：得分 75 × 权重 10% = 7.5 分" or "研发费用 缺少数据，计 0 分".
    public let text: String
}

/// What the innovation points read of one enterprise: its stage and indicator values, or why it
/// is left out. Small, so a zone's inputs can be gathered a block of records at a time.
public enum InnovationPointsInput: Sendable {
    case scored(IndexSubject, stage: GrowthStage?)
    case skipped(id: String, reason: String)
}

extension InnovationPointsTable {
    /// Scores the zone's enterprises together. Enterprises without a stage are skipped (the
    /// weights depend on it) and listed in `skipped`. Throws `IndexError` for a repeated id.
    public func evaluate(_ enterprises: [RecordedEnterprise]) throws -> InnovationPointsEvaluation {
        try evaluate(inputs: enterprises.map(input))
    }

    /// What `evaluate` reads of `enterprise`.
    public func input(_ enterprise: RecordedEnterprise) -> InnovationPointsInput {
        let raw = enterprise.record["stage"]?.stringValue
        let stage = raw.flatMap { GrowthStage(rawValue: $0) }
        if !table.stages.isEmpty, stage == nil {
            return .skipped(
                id: enterprise.id, reason: raw.map { "发展阶段「\($0)」无法识别，未参与积分排名" } ?? "未设发展阶段，未参与积分排名")
        }
        var values: [String: Double] = [:]
        for indicator in table.indicators {
            values[indicator.id] = value(indicator.id, in: enterprise.record)
        }
        return .scored(
            IndexSubject(id: enterprise.id, stage: table.stages.isEmpty ? nil : stage?.label, values: values),
            stage: stage)
    }

    /// Scores the zone's enterprises together from what `input(_:)` read of each.
    public func evaluate(inputs: [InnovationPointsInput]) throws -> InnovationPointsEvaluation {
        var subjects: [IndexSubject] = []
        var stages: [String: GrowthStage] = [:]
        var skipped: [(id: String, reason: String)] = []
        for input in inputs {
            switch input {
            case .scored(let subject, let stage):
                stages[subject.id] = stage
                subjects.append(subject)
            case .skipped(let id, let reason):
                skipped.append((id, reason))
            }
        }
        let evaluation = try table.evaluate(subjects)

        var stageRanks: [String: Int] = [:]
        let byStage = Dictionary(grouping: evaluation.results) { stages[$0.subject].map(\.rawValue) ?? "" }
        for (_, members) in byStage {
            for ranked in Ranking.rank(Dictionary(uniqueKeysWithValues: members.map { ($0.subject, $0.score) })) {
                stageRanks[ranked.subject] = ranked.rank
            }
        }
        let results = evaluation.results.map { s in
            InnovationPointsResult(
                id: s.subject, stage: stages[s.subject], score: s.score, rank: s.rank,
                stageRank: stageRanks[s.subject]!,
                groups: s.dimensions, parts: s.indicators.map(part))
        }
        return InnovationPointsEvaluation(tableName: table.name, results: results, skipped: skipped)
    }

    private func part(_ line: IndicatorScore) -> InnovationPointsPart {
        let number = { (x: Double) in FieldCatalogue.decimal(x, decimals: 2) }
        let head: String
        if let raw = line.raw {
            let field: FieldCatalogue.Field? =
                if case .field(let key)? = sources[line.indicatorID] { catalogue[key] } else { nil }
            let unit = table.indicators.first { $0.id == line.indicatorID }?.unit ?? ""
            head = "\(line.name) \(field?.display(raw) ?? number(raw) + unit)"
        } else {
            head = "\(line.name) 缺少数据"
        }
        let text: String
        if let normalised = line.normalised {
            text =
                "\(head)：得分 \(number(normalised)) × 权重 \(Percent.text(line.weight, digits: 1)) = \(number(line.contribution)) 分"
        } else {
            text = "\(head)，不计入（其权重分给其他指标）"
        }
        return InnovationPointsPart(
            indicatorID: line.indicatorID, name: line.name, groupID: line.dimensionID, value: line.raw,
            normalised: line.normalised, weight: line.weight, points: line.contribution, text: text)
    }
}
