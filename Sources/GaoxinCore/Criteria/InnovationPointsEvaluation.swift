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
/// is left out. Small, so a zone's inputs can be gathered a block of records at a time and kept:
/// the values are in the table's indicator order, NaN where the record has none (a dictionary per
/// enterprise took a kilobyte each).
public enum InnovationPointsInput: Sendable {
    case scored(id: String, stage: GrowthStage?, values: [Double])
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
        return .scored(
            id: enterprise.id, stage: stage,
            values: table.indicators.map { value($0.id, in: enterprise.record) ?? .nan })
    }

    /// A stable fingerprint of a zone's inputs in their order, with this table's: `evaluate(inputs:)`
    /// is a function of both, so an equal digest means an equal ranking and a stored one stands (a
    /// new day changes the criteria's records of the young, rarely what the points read).
    public func digest(of inputs: [InnovationPointsInput]) -> Int64 {
        var digest = StableDigest()
        digest.add(UInt64(bitPattern: self.digest))
        for input in inputs {
            switch input {
            case .scored(let id, let stage, let values):
                digest.add(id)
                digest.add(stage?.rawValue ?? "")
                for value in values { digest.add(value.isNaN ? 0x7ff8_dead_0000_0000 : value.bitPattern) }
            case .skipped(let id, let reason):
                digest.add(0xffff)
                digest.add(id)
                digest.add(reason)
            }
        }
        return digest.value
    }

    /// Scores the zone's enterprises together from what `input(_:)` read of each. Without
    /// `explaining`, the parts carry no text (a zone's stored ranking keeps their numbers, see
    /// `storedParts`; writing 100 000 enterprises' sentences was most of a re-rank's time).
    public func evaluate(inputs: [InnovationPointsInput], explaining: Bool = true) throws
        -> InnovationPointsEvaluation
    {
        var rows: [IndexTable.Row] = []
        var stages: [String: GrowthStage] = [:]
        var skipped: [(id: String, reason: String)] = []
        rows.reserveCapacity(inputs.count)
        for input in inputs {
            switch input {
            case .scored(let id, let stage, let values):
                stages[id] = stage
                rows.append(IndexTable.Row(id: id, stage: table.stages.isEmpty ? nil : stage?.label, values: values))
            case .skipped(let id, let reason):
                skipped.append((id, reason))
            }
        }
        let evaluation = try table.evaluate(rows: rows)

        // Ranks within each stage, in the zone's order (best first, ties by id) as `Ranking` gives.
        var stageRanks = [Int](repeating: 0, count: evaluation.results.count)
        var groups: [String: [Int]] = [:]
        for (k, s) in evaluation.results.enumerated() {
            groups[stages[s.subject]?.rawValue ?? "", default: []].append(k)
        }
        for members in groups.values {
            let order = Ranking.order(
                ids: members.map { evaluation.results[$0].subject },
                scores: members.map { evaluation.results[$0].score })
            for (index, rank) in order { stageRanks[members[index]] = rank }
        }
        let results = evaluation.results.enumerated().map { k, s in
            InnovationPointsResult(
                id: s.subject, stage: stages[s.subject], score: s.score, rank: s.rank, stageRank: stageRanks[k],
                groups: s.dimensions, parts: s.indicators.map { part($0, explaining: explaining) })
        }
        return InnovationPointsEvaluation(tableName: table.name, results: results, skipped: skipped)
    }

    private func part(_ line: IndicatorScore, explaining: Bool) -> InnovationPointsPart {
        InnovationPointsPart(
            indicatorID: line.indicatorID, name: line.name, groupID: line.dimensionID, value: line.raw,
            normalised: line.normalised, weight: line.weight, points: line.contribution,
            text: explaining
                ? partText(
                    indicatorID: line.indicatorID, value: line.raw, normalised: line.normalised, weight: line.weight,
                    points: line.contribution) : "")
    }

    /// "研发费用 500万元：得分 75 × 权重 10% = 7.5 分", or "研发费用 缺少数据，不计入（其权重分给其他指标）".
    public func partText(indicatorID: String, value: Double?, normalised: Double?, weight: Double, points: Double)
        -> String
    {
        let number = { (x: Double) in FieldCatalogue.decimal(x, decimals: 2) }
        let indicator = table.indicators.first { $0.id == indicatorID }
        let name = indicator?.name ?? indicatorID
        let head: String
        if let value {
            let field: FieldCatalogue.Field? =
                if case .field(let key)? = sources[indicatorID] { catalogue[key] } else { nil }
            head = "\(name) \(field?.display(value) ?? number(value) + (indicator?.unit ?? ""))"
        } else {
            head = "\(name) 缺少数据"
        }
        guard let normalised else { return "\(head)，不计入（其权重分给其他指标）" }
        return "\(head)：得分 \(number(normalised)) × 权重 \(Percent.text(weight, digits: 1)) = \(number(points)) 分"
    }

    // MARK: - Stored parts

    /// The parts as a zone's ranking stores them: numbers only, one `[id, value, normalised,
    /// weight, points]` array each (null for a missing value), read back by `partTexts(stored:)`.
    public func storedParts(_ parts: [InnovationPointsPart]) -> String {
        // Written by hand into bytes with Swift's own shortest digits: a zone's re-rank writes a
        // hundred thousand of these, and the JavaScript number formatting of `JSONWriter` was most
        // of it, then appending to a `String` piece by piece.
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(parts.count * 64)
        func number(_ x: Double?) {
            out.append(UInt8(ascii: ","))
            if let x, x.isFinite {
                out.append(contentsOf: x.description.utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        }
        for (k, p) in parts.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            if p.indicatorID.utf8.allSatisfy({
                $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
            }) {
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: p.indicatorID.utf8)
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: JSONValue.string(p.indicatorID).jsonString().utf8)
            }
            number(p.value)
            number(p.normalised)
            number(p.weight)
            number(p.points)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The sentences of parts stored by `storedParts(_:)`; none for a text it did not write.
    public func partTexts(stored: String) -> [String] {
        guard case .array(let parts)? = try? JSONParser.parse(stored) else { return [] }
        return parts.compactMap { part -> String? in
            guard case .array(let f) = part, f.count == 5, case .string(let id) = f[0] else { return nil }
            let number = { (k: Int) -> Double? in if case .number(let x) = f[k] { x } else { nil } }
            return partText(
                indicatorID: id, value: number(1), normalised: number(2), weight: number(3) ?? 0,
                points: number(4) ?? 0)
        }
    }
}
