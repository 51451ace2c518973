extension Criterion {
    /// Measures one enterprise record (see `EnterpriseRecord.build`) against the criterion.
    ///
    /// With `explaining` false the verdict, statuses, points and distances are the same but no
    /// sentence is written (sentences, gap texts, details, summary are empty): ranking a zone of
    /// 100 000 enterprises needs only those numbers, and writing the sentences was most of its time.
    public func evaluate(_ record: JSONValue, explaining: Bool = true) -> CriterionResult {
        let conditionResults = conditions.map { check($0, record, explaining: explaining) }
        let directResults = directConditions.map { check($0, record, explaining: explaining) }
        let score = items.isEmpty ? nil : scoreResult(record, explaining: explaining)

        let basic = CheckStatus.all(conditionResults.map(\.status))
        let direct = directResults.firstIndex { $0.status == .met }
        let scoreStatus = hasScoreRequirements ? score?.status : nil
        let hasSecondPart = hasScoreRequirements || !directResults.isEmpty
        // The second part (score or a direct condition) stands on the score unless a direct condition holds.
        let second: CheckStatus =
            direct != nil ? .met : (scoreStatus ?? (hasSecondPart ? .notMet : .met))

        let verdict: CriterionResult.Verdict
        var path: CriterionResult.Path?
        func directPath(_ i: Int) -> CriterionResult.Path {
            .direct(code: directResults[i].code, label: directResults[i].label)
        }
        if definition.directScope == .all, let direct {
            verdict = .qualified
            path = directPath(direct)
        } else {
            switch CheckStatus.all([basic, second]) {
            case .met:
                verdict = .qualified
                if !hasSecondPart {
                    path = .conditions
                } else if scoreStatus == .met {
                    path = .conditionsAndScore
                } else if let direct {
                    path = directPath(direct)
                }
            case .notMet: verdict = .notQualified
            case .missingData: verdict = .undetermined
            }
        }

        var missing: [String] = []
        for field in conditionResults.flatMap(\.missingFields) + (score?.items.flatMap(\.missingFields) ?? [])
        where !missing.contains(field) {
            missing.append(field)
        }
        // Score inputs only matter while the score can still decide; a direct condition already did.
        if direct != nil || scoreStatus == .met || scoreStatus == .notMet {
            missing = missing.filter { field in conditionResults.contains { $0.missingFields.contains(field) } }
        }
        let missingText = explaining ? missingText(missing) : nil
        let summary =
            explaining
            ? summary(
                verdict: verdict, path: path, conditions: conditionResults, score: score, missingText: missingText)
            : ""
        return CriterionResult(
            criterionCode: code, criterionName: name, verdict: verdict, path: path, conditions: conditionResults,
            directConditions: directResults, score: score, missingFields: missing, missingText: missingText,
            summary: summary)
    }

    /// Builds the record for `year` and evaluates it.
    public func evaluate(
        profile: EnterpriseProfile, years: [YearFacts], year: Int, today: Day, certifications: Set<String> = []
    ) -> CriterionResult {
        evaluate(
            EnterpriseRecord.build(
                profile: profile, years: years, year: year, today: today, certifications: certifications))
    }

    // MARK: - Conditions

    func check(_ condition: CompiledCondition, _ record: JSONValue, explaining: Bool = true) -> ConditionResult {
        let (code, label) = (condition.definition.code, condition.definition.label)
        if !explaining, RuleReading.holdsOnDataGiven(condition.rule, record) {
            return ConditionResult(
                code: code, label: label, status: .met, sentences: [], gaps: [], gapTexts: [], missingFields: [],
                missingText: nil, distance: 0)
        }
        let reading = RuleReading(explanation: condition.rule.explain(record), record: record)
        let missing = reading.missingFields
        let status: CheckStatus = !missing.isEmpty ? .missingData : reading.held ? .met : .notMet
        let distance = status == .missingData ? 1 : reading.distance
        guard explaining else {
            return ConditionResult(
                code: code, label: label, status: status, sentences: [], gaps: [], gapTexts: [],
                missingFields: missing, missingText: nil, distance: distance)
        }
        let gaps = reading.gaps
        return ConditionResult(
            code: code, label: label, status: status, sentences: reading.sentences(renderer), gaps: gaps,
            gapTexts: gaps.filter { !$0.held }.map(renderer.describe), missingFields: missing,
            missingText: missingText(missing), distance: distance)
    }

    /// "缺少数据：近三年研发费用占销售收入比例（需要近三个年度各年的研发费用和营业收入）、营业收入".
    func missingText(_ fields: [String]) -> String? {
        guard !fields.isEmpty else { return nil }
        let names = fields.map { field in
            let label = catalogue[field]?.label ?? field
            return EnterpriseFieldCatalogue.derivations[field].map { "\(label)（需要\($0)）" } ?? label
        }
        return "缺少数据：" + names.joined(separator: "、")
    }

    // MARK: - Summary

    private func summary(
        verdict: CriterionResult.Verdict, path: CriterionResult.Path?, conditions: [ConditionResult],
        score: ScoreResult?, missingText: String?
    ) -> String {
        let scoreText = score.map { s -> String in
            let total = "评价得分 \(CriterionCompiler.points(s.total)) 分"
            return definition.minimumScore.map { "\(total)（要求 ≥ \(CriterionCompiler.points($0)) 分）" } ?? total
        }
        let allConditions = conditions.isEmpty ? nil : "全部 \(conditions.count) 项条件均满足"
        switch verdict {
        case .qualified:
            var parts = [allConditions].compactMap { $0 }
            switch path {
            case .conditionsAndScore?: if let scoreText { parts.append(scoreText) }
            case .direct(_, let label)?: parts.append("符合直接认定条件「\(label)」")
            default: break
            }
            return "符合\(name)条件" + (parts.isEmpty ? "" : "：" + parts.joined(separator: "，"))
        case .notQualified:
            var parts: [String] = []
            let unmet = conditions.filter { $0.status == .notMet }.map(\.label)
            if !unmet.isEmpty { parts.append("\(unmet.count) 项条件不满足（\(unmet.joined(separator: "；"))）") }
            if let score, score.status != .met {
                parts += score.requirements.filter { $0.status != .met }.map(\.text)
                if !directConditions.isEmpty { parts.append("也不符合任何直接认定条件") }
            } else if score == nil, hasScoreRequirements || !directConditions.isEmpty {
                parts.append("不符合任何直接认定条件")
            }
            return "不符合\(name)条件：" + parts.joined(separator: "；")
        case .undetermined:
            return "暂无法判定是否符合\(name)条件：" + (missingText ?? "缺少数据")
        }
    }
}
