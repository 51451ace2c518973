extension Criterion {
    /// Scores every item and checks the score requirements. A requirement is met when the points
    /// on the data given reach it, not met when even full points for every item with missing data
    /// would not, and undecided (missing data) in between. Without `explaining`, texts are empty.
    func scoreResult(_ record: JSONValue, explaining: Bool = true) -> ScoreResult {
        let scored = items.map { score($0, record, explaining: explaining) }
        let total = scored.reduce(0) { $0 + $1.points }
        let upper = scored.reduce(0) { $0 + ($1.missingFields.isEmpty ? $1.points : $1.maxPoints) }
        var requirements: [ScoreRequirementResult] = []
        if let minimum = definition.minimumScore {
            requirements.append(
                requirement(
                    code: "total", label: "评价得分", points: total, upper: upper, minimum: minimum,
                    explaining: explaining))
        }
        var groups: [GroupScore] = []
        for group in definition.groups {
            let own = scored.filter { $0.group == group.code }
            let points = own.reduce(0) { $0 + $1.points }
            let most = own.reduce(0) { $0 + $1.maxPoints }
            groups.append(
                GroupScore(
                    code: group.code, label: group.label, points: points, maxPoints: most, minimum: group.minimum))
            if let minimum = group.minimum {
                let groupUpper = own.reduce(0) { $0 + ($1.missingFields.isEmpty ? $1.points : $1.maxPoints) }
                requirements.append(
                    requirement(
                        code: "group:\(group.code)", label: "\(group.label)得分", points: points, upper: groupUpper,
                        minimum: minimum, explaining: explaining))
            }
        }
        for code in definition.nonZeroItems {
            guard let item = scored.first(where: { $0.code == code }) else { continue }
            let status: CheckStatus = item.points > 0 ? .met : item.missingFields.isEmpty ? .notMet : .missingData
            let text =
                !explaining
                ? ""
                : "\(item.label)得分 \(CriterionCompiler.points(item.points)) 分，要求大于 0 分，\(status == .met ? "满足" : status == .notMet ? "不满足" : "缺少数据")"
            requirements.append(
                ScoreRequirementResult(
                    code: "item:\(code)", label: "\(item.label)得分不为 0", status: status, text: text,
                    distance: status == .met ? 0 : 1))
        }
        return ScoreResult(
            total: total, maximum: maximumScore, upperBound: upper, items: scored, groups: groups,
            requirements: requirements)
    }

    private func requirement(
        code: String, label: String, points: Double, upper: Double, minimum: Double, explaining: Bool
    ) -> ScoreRequirementResult {
        // Points are sums of table values; compare to 6 decimals so 70.99999999 from floating point counts as 71.
        let reached = (points * 1e6).rounded() >= (minimum * 1e6).rounded()
        let possible = (upper * 1e6).rounded() >= (minimum * 1e6).rounded()
        let status: CheckStatus = reached ? .met : possible ? .missingData : .notMet
        let distance = reached || minimum <= 0 ? 0 : min(1, (minimum - points) / minimum)
        guard explaining else {
            return ScoreRequirementResult(code: code, label: label, status: status, text: "", distance: distance)
        }
        let head = "\(label) \(CriterionCompiler.points(points)) 分，要求 ≥ \(CriterionCompiler.points(minimum)) 分"
        let text =
            switch status {
            case .met: head + "，满足"
            case .notMet: head + "，差 \(CriterionCompiler.points(minimum - points)) 分"
            case .missingData:
                head
                    + "，差 \(CriterionCompiler.points(minimum - points)) 分（部分评分项缺少数据，补齐后最多 \(CriterionCompiler.points(upper)) 分）"
            }
        return ScoreRequirementResult(code: code, label: label, status: status, text: text, distance: distance)
    }

    private func score(_ item: CompiledItem, _ record: JSONValue, explaining: Bool) -> ItemScore {
        let d = item.definition
        let show = { (points: Double) in "\(CriterionCompiler.points(points)) 分" }
        switch item.method {
        case .bands(let tables):
            var best: (points: Double, value: Double)?
            var parts: [String] = []
            var missing: [String] = []
            for table in tables {
                let field = table.source.field
                guard case .number(let value)? = RuleReading.lookUp(field, in: record) else {
                    missing.append(field)
                    if explaining { parts.append("\(catalogue[field]?.label ?? field) 缺少数据") }
                    continue
                }
                let points = table.points(for: value)
                if best == nil || points > best!.points { best = (points, value) }
                guard explaining else { continue }
                parts.append(
                    "\(catalogue[field]?.label ?? field) \(catalogue[field]?.display(value) ?? FieldCatalogue.plain(.number(value))) → \(show(points))"
                )
            }
            let points = best?.points ?? 0
            var detail = parts.joined(separator: "；")
            if tables.count > 1, best != nil { detail += "，取高者 \(show(points))" }
            return ItemScore(
                code: d.code, label: d.label, group: d.group, points: points, maxPoints: d.maxPoints,
                value: best?.value,
                detail: detail, missingFields: missing)
        case .rule(let rule) where !explaining:
            // The points and what is missing, no detail; with every input present no explanation is needed.
            var (result, missing) = (JSONValue.null, [String]())
            if RuleReading.readsPresentFieldsOnly(rule, record) {
                result = rule.evaluate(record)
            } else {
                let reading = RuleReading(explanation: rule.explain(record), record: record)
                (result, missing) = (reading.explanation.result, reading.missingFields)
            }
            let raw: Double? = if case .number(let v) = result, v.isFinite { v } else { nil }
            return ItemScore(
                code: d.code, label: d.label, group: d.group, points: raw.map { min(max($0, 0), d.maxPoints) } ?? 0,
                maxPoints: d.maxPoints, value: raw, detail: "", missingFields: missing)
        case .rule(let rule):
            let reading = RuleReading(explanation: rule.explain(record), record: record)
            let missing = reading.missingFields
            guard case .number(let raw) = reading.explanation.result, raw.isFinite else {
                return ItemScore(
                    code: d.code, label: d.label, group: d.group, points: 0, maxPoints: d.maxPoints, value: nil,
                    detail: missingText(missing) ?? "规则没有给出分数，按 0 分计", missingFields: missing)
            }
            let points = min(max(raw, 0), d.maxPoints)
            var detail = show(points)
            if raw > d.maxPoints { detail += "（规则给出 \(show(raw))，超过满分，按满分计）" }
            if raw < 0 { detail += "（规则给出 \(show(raw))，按 0 分计）" }
            if let text = missingText(missing) { detail += "；\(text)" }
            // A plain field (a self-assessed score) reads better with its label.
            if case .object(let o) = rule.source, o.count == 1, o["var"] != nil, let path = rule.fieldPaths.first {
                detail = "\(catalogue[path]?.label ?? path) → " + detail
            }
            return ItemScore(
                code: d.code, label: d.label, group: d.group, points: points, maxPoints: d.maxPoints, value: raw,
                detail: detail, missingFields: missing)
        }
    }
}
