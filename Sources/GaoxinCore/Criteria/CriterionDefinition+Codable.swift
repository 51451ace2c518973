// The file format. Optional lists may be left out; unknown members are refused so that a typo in a
// zone's file is reported instead of silently changing nothing.

extension CriterionDefinition: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case code, name, basis, status, note, certifies, conditions, scoring, groups, minimumScore, nonZeroItems,
            directConditions, directScope
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)), in: "认定条件")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code),
            name: try c.decode(String.self, forKey: .name),
            basis: try c.decodeIfPresent(String.self, forKey: .basis) ?? "",
            status: try c.decodeIfPresent(String.self, forKey: .status),
            note: try c.decodeIfPresent(String.self, forKey: .note),
            certifies: try c.decodeIfPresent(String.self, forKey: .certifies),
            conditions: try c.decodeIfPresent([CriterionCondition].self, forKey: .conditions) ?? [],
            scoring: try c.decodeIfPresent([ScoringItem].self, forKey: .scoring) ?? [],
            groups: try c.decodeIfPresent([ScoreGroup].self, forKey: .groups) ?? [],
            minimumScore: try c.decodeIfPresent(Double.self, forKey: .minimumScore),
            nonZeroItems: try c.decodeIfPresent([String].self, forKey: .nonZeroItems) ?? [],
            directConditions: try c.decodeIfPresent([CriterionCondition].self, forKey: .directConditions) ?? [],
            directScope: try c.decodeIfPresent(DirectScope.self, forKey: .directScope) ?? .score)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(basis, forKey: .basis)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(certifies, forKey: .certifies)
        try c.encode(conditions, forKey: .conditions)
        try c.encode(scoring, forKey: .scoring)
        try c.encode(groups, forKey: .groups)
        try c.encodeIfPresent(minimumScore, forKey: .minimumScore)
        try c.encode(nonZeroItems, forKey: .nonZeroItems)
        try c.encode(directConditions, forKey: .directConditions)
        try c.encode(directScope, forKey: .directScope)
    }
}

extension CriterionCondition: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case code, label, rule, note }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)), in: "条件")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code),
            label: try c.decode(String.self, forKey: .label),
            rule: try c.decode(CodableJSON.self, forKey: .rule).value,
            note: try c.decodeIfPresent(String.self, forKey: .note))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(label, forKey: .label)
        try c.encode(CodableJSON(rule), forKey: .rule)
        try c.encodeIfPresent(note, forKey: .note)
    }
}

extension ScoringItem: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case code, label, group, maxPoints, note, bands, higherOf, rule
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)), in: "评分项")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let given = [CodingKeys.bands, .higherOf, .rule].filter { c.contains($0) }
        guard given.count == 1 else {
            let problem = given.isEmpty ? "没有给出计分方式" : "同时给出了 \(given.map(\.rawValue).joined(separator: "、"))"
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "评分项\(problem)（bands、higherOf、rule 三者必须且只能有一个）"))
        }
        let method: ScoringMethod =
            switch given[0] {
            case .bands: .bands(try c.decode(BandSource.self, forKey: .bands))
            case .higherOf: .higherOf(try c.decode([BandSource].self, forKey: .higherOf))
            default: .rule(try c.decode(CodableJSON.self, forKey: .rule).value)
            }
        self.init(
            code: try c.decode(String.self, forKey: .code),
            label: try c.decode(String.self, forKey: .label),
            group: try c.decodeIfPresent(String.self, forKey: .group),
            maxPoints: try c.decode(Double.self, forKey: .maxPoints),
            method: method,
            note: try c.decodeIfPresent(String.self, forKey: .note))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(label, forKey: .label)
        try c.encodeIfPresent(group, forKey: .group)
        try c.encode(maxPoints, forKey: .maxPoints)
        try c.encodeIfPresent(note, forKey: .note)
        switch method {
        case .bands(let source): try c.encode(source, forKey: .bands)
        case .higherOf(let sources): try c.encode(sources, forKey: .higherOf)
        case .rule(let rule): try c.encode(CodableJSON(rule), forKey: .rule)
        }
    }
}

extension BandSource: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case field, bands, boundary, strictEdges }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: Set(CodingKeys.allCases.map(\.rawValue)), in: "分档表")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            field: try c.decode(String.self, forKey: .field),
            bands: try c.decode([BandTable.Band].self, forKey: .bands),
            boundary: try c.decodeIfPresent(BandTable.Boundary.self, forKey: .boundary) ?? .higherBand,
            strictEdges: try c.decodeIfPresent([Double].self, forKey: .strictEdges) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(bands, forKey: .bands)
        try c.encode(boundary, forKey: .boundary)
        if !strictEdges.isEmpty { try c.encode(strictEdges, forKey: .strictEdges) }
    }
}
