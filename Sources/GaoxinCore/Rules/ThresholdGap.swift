/// How far a value is from a constant it is compared with: R&D ratio 3.1% against "≥ 4%" is short
/// by 0.9 percentage points. Used to rank near-threshold candidates (后备高企): an enterprise whose
/// only unmet conditions have small relative shortfalls is close to qualifying.
public struct ThresholdGap: Sendable, Equatable {
    /// Where the comparison sits in the rule.
    public let pointer: String
    /// The compared expression's JSON (`{"var": "staff"}` or a computation).
    public let subject: JSONValue
    /// The `var` path when the subject is a plain field.
    public let path: String?
    /// The comparison with the subject on the left: ">=", ">", "<=" or "<".
    public let op: String
    public let value: Double
    public let threshold: Double
    public let held: Bool

    /// How much the value must move to meet the threshold, in stored units (0 when it holds;
    /// 0 also when a strict comparison fails only by equality).
    public var shortfall: Double {
        guard !held else { return 0 }
        return op.hasPrefix(">") ? max(0, threshold - value) : max(0, value - threshold)
    }

    /// `shortfall` relative to the threshold's size (the shortfall itself for a threshold of 0),
    /// comparable across fields of different units.
    public var relativeShortfall: Double {
        threshold == 0 ? shortfall : shortfall / abs(threshold)
    }

    static func flipped(_ op: String) -> String {
        switch op {
        case ">": "<"
        case ">=": "<="
        case "<": ">"
        default: ">="
        }
    }

    static func collect(from node: ExplanationNode) -> [ThresholdGap] {
        var out: [ThresholdGap] = []
        visit(node, &out)
        return out
    }

    private static func visit(_ node: ExplanationNode, _ out: inout [ThresholdGap]) {
        if ["<", "<=", ">", ">="].contains(node.op) {
            gaps(of: node, into: &out)
        }
        for child in node.children { visit(child, &out) }
    }

    private static func literalNumber(_ n: ExplanationNode) -> Double? {
        guard n.role == .literal, case .number(let x) = n.value else { return nil }
        return x
    }

    private static func gaps(of node: ExplanationNode, into out: inout [ThresholdGap]) {
        let c = node.children
        func add(_ subject: ExplanationNode, _ op: String, _ threshold: Double) {
            guard subject.role != .literal, case .number(let v) = subject.value, v.isFinite else { return }
            let held: Bool =
                switch op {
                case ">": v > threshold
                case ">=": v >= threshold
                case "<": v < threshold
                default: v <= threshold
                }
            out.append(
                ThresholdGap(
                    pointer: node.pointer, subject: subject.source, path: subject.path, op: op, value: v,
                    threshold: threshold, held: held))
        }
        if c.count == 2 {
            if let t = literalNumber(c[1]) {
                add(c[0], node.op, t)
            } else if let t = literalNumber(c[0]) {
                add(c[1], flipped(node.op), t)
            }
        } else if c.count == 3 {
            // Between: {"<": [low, x, high]} gives x > low and x < high.
            if let low = literalNumber(c[0]) { add(c[1], flipped(node.op), low) }
            if let high = literalNumber(c[2]) { add(c[1], node.op, high) }
        }
    }
}
