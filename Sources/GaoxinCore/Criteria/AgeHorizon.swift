/// How far the days since founding (`registeredDays`, the one member of a record that moves with the
/// calendar every day) can still change what rules make of a record. Past the horizon every use of
/// it is settled — "≥ 365" holds for good, "≤ 1825" fails with its shortfall capped at 1, a band
/// table stays in its top band — so a zone's rankings need not evaluate an enterprise that old again
/// on a new day: its results stand until its stored inputs change (see `PolicyBatch.Input.digest(on:ages:)`).
public enum AgeHorizon: Sendable, Equatable {
    /// Nothing reads the field.
    case unread
    /// No result, score or closeness changes once the field is past this value.
    case settledAfter(Double)
    /// Something reads it in a way whose effect has no bound to be read here (arithmetic, a computed
    /// path, a comparison with something other than a number): every day counts.
    case unbounded

    /// The record member that grows by one every day.
    public static let field = "registeredDays"

    /// Both horizons: the later one.
    public static func + (a: AgeHorizon, b: AgeHorizon) -> AgeHorizon {
        switch (a, b) {
        case (.unbounded, _), (_, .unbounded): .unbounded
        case (.unread, let x), (let x, .unread): x
        case (.settledAfter(let x), .settledAfter(let y)): .settledAfter(max(x, y))
        }
    }

    /// Whether an enterprise `days` old is past the horizon (nothing it reads can change any more).
    public func isSettled(atAge days: Int) -> Bool {
        switch self {
        case .unread: true
        case .settledAfter(let limit): Double(days) > limit
        case .unbounded: false
        }
    }

    /// The horizon of one rule.
    public static func of(_ rule: JSONLogicRule) -> AgeHorizon {
        // A computed path may read anything, the field included.
        if rule.usesComputedPaths { return .unbounded }
        return rule.fieldPaths.contains(field) ? scan(rule.source) : .unread
    }

    /// The horizon of a band table reading `source`: past its highest edge the points stay put.
    static func of(_ source: BandSource) -> AgeHorizon {
        guard source.field == field else { return .unread }
        let edges = source.bands.compactMap(\.from) + source.strictEdges
        return .settledAfter((edges.max() ?? 0) + 1)
    }

    private static let comparisons: Set<String> = ["<", "<=", ">", ">=", "==", "!=", "===", "!=="]

    private static func scan(_ node: JSONValue) -> AgeHorizon {
        switch node {
        case .array(let items):
            return items.reduce(.unread) { $0 + scan($1) }
        case .object(let object):
            guard object.count == 1, let (op, args) = object.entries.first else {
                return object.reduce(.unread) { $0 + scan($1.value) }
            }
            if op == "var" { return readsField(node) ? .unbounded : .unread }
            guard comparisons.contains(op), case .array(let operands) = args, operands.contains(where: readsField)
            else { return scan(args) }
            // A comparison of the field itself with numbers. "≥ t" (the field growing into it) holds
            // for good, with no shortfall, once past t; "≤ t" fails from there by a shortfall that
            // grows until it is the threshold's own size, the most a shortfall counts; "== t" is
            // settled past t too. (Settling "≥ 365" only at 731 re-ranked every enterprise under two
            // years old each day.)
            var limit = -Double.infinity
            for (k, operand) in operands.enumerated() where !readsField(operand) {
                guard case .number(let t) = operand, t.isFinite else { return .unbounded }
                let growsIntoIt =
                    operands.count == 2
                    && (["==", "!=", "===", "!=="].contains(op) || (k == 1) == op.hasPrefix(">"))
                limit = max(limit, growsIntoIt ? t + 1 : t + max(abs(t), 1) + 1)
            }
            return limit.isFinite ? .settledAfter(limit) : .unbounded
        default:
            return .unread
        }
    }

    /// `{"var": "registeredDays"}`, with or without a default.
    private static func readsField(_ node: JSONValue) -> Bool {
        guard case .object(let object) = node, object.count == 1, let path = object["var"] else { return false }
        switch path {
        case .string(let name): return name == field
        case .array(let parts): return parts.first == .string(field)
        default: return false
        }
    }
}

extension Criterion {
    /// The horizon of every rule and band table the criterion reads.
    public var ageHorizon: AgeHorizon {
        var horizon = (conditions + directConditions).reduce(AgeHorizon.unread) { $0 + .of($1.rule) }
        for item in items {
            switch item.method {
            case .rule(let rule): horizon = horizon + .of(rule)
            case .bands(let tables): horizon = tables.reduce(horizon) { $0 + .of($1.source) }
            }
        }
        return horizon
    }
}

extension CriterionLibrary {
    public var ageHorizon: AgeHorizon { criteria.reduce(.unread) { $0 + $1.ageHorizon } }
}

extension InnovationPointsTable {
    /// An indicator that is the field itself counts every day (its value is normalised over the zone).
    public var ageHorizon: AgeHorizon {
        sources.values.reduce(.unread) { horizon, source in
            switch source {
            case .field(let name): horizon + (name == AgeHorizon.field ? .unbounded : .unread)
            case .expression(let rule): horizon + .of(rule)
            }
        }
    }
}
