/// A weight that is either the same for every subject or differs by development stage
/// (企业创新积分制: 初创期/成长期/稳定期). In JSON: `0.2` or `{"初创期": 0.3, "成长期": 0.2, "稳定期": 0.1}`.
public enum StageWeights: Hashable, Sendable {
    case same(Double)
    case byStage([String: Double])

    /// The weight for `stage`; nil when a by-stage weight has no column for it.
    public func value(for stage: String?) -> Double? {
        switch self {
        case .same(let w): w
        case .byStage(let columns): stage.flatMap { columns[$0] }
        }
    }

    var allValues: [Double] {
        switch self {
        case .same(let w): [w]
        case .byStage(let columns): Array(columns.values)
        }
    }
}

extension StageWeights: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self = .same(value) }
    public init(integerLiteral value: Int) { self = .same(Double(value)) }
}

extension StageWeights: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let w = try? c.decode(Double.self) {
            self = .same(w)
        } else {
            self = .byStage(try c.decode([String: Double].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .same(let w): try c.encode(w)
        case .byStage(let columns): try c.encode(columns)
        }
    }
}
