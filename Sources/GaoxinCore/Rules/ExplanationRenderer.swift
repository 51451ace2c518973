/// Writes an explanation as Chinese sentences a page can show, one per condition:
/// "研发费用占营业收入比例 3.1%，要求 ≥ 4%，不满足"; for and/or, which condition decided.
/// Labels, units and scales come from the field catalogue; unknown fields show their path.
public struct ExplanationRenderer: Sendable {
    public let catalogue: FieldCatalogue

    public init(catalogue: FieldCatalogue = FieldCatalogue()) {
        self.catalogue = catalogue
    }

    /// One sentence per comparison and per logical decision, in rule order.
    public func sentences(_ explanation: RuleExplanation) -> [String] {
        var out: [String] = []
        render(explanation.root, asCondition: true, into: &out)
        return out
    }

    /// The sentences joined into one text, one per line.
    public func text(_ explanation: RuleExplanation) -> String {
        sentences(explanation).joined(separator: "\n")
    }

    /// "研发费用占营业收入比例 3.1%，要求 ≥ 4%，差 0.9 个百分点" (or "…，已满足").
    public func describe(_ gap: ThresholdGap) -> String {
        let field = gap.path.flatMap { catalogue[$0] } ?? catalogue.field(forExpression: gap.subject)
        let label = field?.label ?? gap.path ?? gap.subject.jsonString()
        let show = { (x: Double) in field?.display(x) ?? FieldCatalogue.plain(.number(x)) }
        let head = "\(label) \(show(gap.value))，要求 \(Self.symbol(gap.op)) \(show(gap.threshold))"
        if gap.held { return head + "，已满足" }
        if gap.shortfall == 0 { return head + "，恰好等于要求值，需再\(gap.op.hasPrefix(">") ? "高" : "低")一些" }
        let amount = field?.displayDifference(gap.shortfall) ?? FieldCatalogue.plain(.number(gap.shortfall))
        return head + "，差 \(amount)"
    }

    // MARK: - Sentences

    private func render(_ node: ExplanationNode, asCondition: Bool, into out: inout [String]) {
        let verdict = node.held ? "满足" : "不满足"
        switch node.role {
        case .comparison:
            out.append(comparisonSentence(node))
        case .logic:
            out.append(logicSentence(node))
            for child in node.children { render(child, asCondition: true, into: &out) }
        case .negation:
            guard let inner = node.children.first else { return }
            if node.op == "!" {
                out.append("“\(short(inner))”\(inner.held ? "成立" : "不成立")，取反后\(verdict)")
                // A plain field is fully told by the sentence above.
                if [.variable, .literal, .computation].contains(inner.role) { return }
            }
            render(inner, asCondition: true, into: &out)
        case .condition:
            for child in node.children { render(child, asCondition: false, into: &out) }
        case .iteration:
            guard let source = node.children.first, ["some", "all", "none"].contains(node.op) else { return }
            let need =
                switch node.op {
                case "some": "至少一项符合条件"
                case "all": "每一项都符合条件"
                default: "没有一项符合条件"
                }
            out.append("\(label(source)) \(display(source))，要求其中\(need)，\(verdict)")
        case .literal:
            if asCondition { out.append("固定值 \(display(node))，\(verdict)") }
        case .variable, .computation:
            if asCondition { out.append("\(label(node)) 为 \(display(node))，\(verdict)") }
        }
    }

    private func logicSentence(_ node: ExplanationNode) -> String {
        let n = node.argumentCount
        guard let deciding = node.decidingChild else { return "" }
        let decider = "第 \(deciding + 1) 项（\(short(node.children[deciding]))）"
        if node.op == "and" {
            if node.held { return "全部 \(n) 项条件均满足，整体满足" }
            let failing = node.children.indices.filter { !node.children[$0].held }.map { "\($0 + 1)" }
            let also = failing.count > 1 ? "（共有第 \(failing.joined(separator: "、")) 项不满足）" : ""
            return "\(decider)不满足，整体不满足\(also)"
        }
        if node.held { return "\(decider)满足，整体满足" }
        return "\(n) 项条件均不满足，整体不满足"
    }

    private func comparisonSentence(_ node: ExplanationNode) -> String {
        let verdict = node.held ? "满足" : "不满足"
        let c = node.children
        if node.op == "in", c.count == 2 {
            let (needle, haystack) = (c[0], c[1])
            // Literal sides are shown in the other side's terms (coded values by their names).
            if haystack.role == .literal {
                let shown = FieldCatalogue.plain(field(needle)?.named(haystack.value) ?? haystack.value)
                if case .string = haystack.value {
                    return "\(label(needle)) \(display(needle))，要求是 \(shown) 的一部分，\(verdict)"
                }
                return "\(label(needle)) \(display(needle))，要求属于 \(shown)，\(verdict)"
            }
            let wanted = FieldCatalogue.plain(field(haystack)?.named(needle.value) ?? needle.value)
            return "\(label(haystack)) \(display(haystack))，要求包含 \(wanted)，\(verdict)"
        }
        let symbol = Self.symbol(node.op)
        if c.count == 3 {
            let inner = Self.symbol(ThresholdGap.flipped(node.op))
            let f = field(c[1])
            return
                "\(label(c[1])) \(display(c[1]))，要求 \(inner) \(other(c[0], f)) 且 \(symbol) \(other(c[2], f))，\(verdict)"
        }
        guard c.count == 2 else { return "\(label(node))：\(verdict)" }
        var (subject, target, op) = (c[0], c[1], node.op)
        if subject.role == .literal, target.role != .literal {
            (subject, target) = (target, subject)
            op = ["<", "<=", ">", ">="].contains(op) ? ThresholdGap.flipped(op) : op
        }
        return "\(label(subject)) \(display(subject))，要求 \(Self.symbol(op)) \(other(target, field(subject)))，\(verdict)"
    }

    /// The other side of a comparison: a literal in the subject's unit, else its label and value.
    private func other(_ node: ExplanationNode, _ subjectField: FieldCatalogue.Field?) -> String {
        let f = field(node) ?? subjectField
        let shown = f?.display(node.value) ?? FieldCatalogue.plain(node.value)
        return node.role == .literal ? shown : "\(label(node))（\(shown)）"
    }

    /// A short name of a condition, for "第 2 项（…）".
    private func short(_ node: ExplanationNode) -> String {
        let c = node.children
        switch node.role {
        case .comparison where node.op == "in" && c.count == 2:
            if c[1].role == .literal {
                return "\(label(c[0])) 属于 \(FieldCatalogue.plain(field(c[0])?.named(c[1].value) ?? c[1].value))"
            }
            return "\(label(c[1])) 包含 \(FieldCatalogue.plain(field(c[1])?.named(c[0].value) ?? c[0].value))"
        case .comparison where c.count == 2:
            var (subject, target, op) = (c[0], c[1], node.op)
            if subject.role == .literal, target.role != .literal {
                (subject, target) = (target, subject)
                op = ["<", "<=", ">", ">="].contains(op) ? ThresholdGap.flipped(op) : op
            }
            let t =
                target.role == .literal
                ? (field(subject)?.display(target.value) ?? FieldCatalogue.plain(target.value)) : label(target)
            return "\(label(subject)) \(Self.symbol(op)) \(t)"
        case .logic:
            return node.op == "and" ? "同时满足 \(node.argumentCount) 项条件" : "满足 \(node.argumentCount) 项条件之一"
        case .negation:
            guard let inner = c.first else { return label(node) }
            return node.op == "!" ? "非（\(short(inner))）" : short(inner)
        case .comparison where c.count == 3:
            // The between form {"<=": [1, x, 3]}: literals in the middle term's unit.
            let f = field(c[1])
            func side(_ n: ExplanationNode) -> String {
                n.role == .literal ? (f?.display(n.value) ?? FieldCatalogue.plain(n.value)) : label(n)
            }
            return "\(side(c[0])) \(Self.symbol(node.op)) \(label(c[1])) \(Self.symbol(node.op)) \(side(c[2]))"
        case .iteration:
            let which = node.op == "all" ? "每一项" : node.op == "none" ? "没有一项" : "至少一项"
            return c.first.map { "\(label($0)) 中\(which)符合条件" } ?? node.op
        case .condition:
            return "按条件取值（\(c.count / 2) 个条件分支）"
        case .variable, .literal, .computation:
            return label(node)
        default:
            // `label` sends conditions here, so answer without going back to it.
            return field(node)?.label ?? "“\(node.op)”的结果"
        }
    }

    // MARK: - Terms

    private func field(_ node: ExplanationNode) -> FieldCatalogue.Field? {
        if let path = node.path, let f = catalogue[path] { return f }
        guard node.role == .computation || node.role == .variable else { return nil }
        return catalogue.field(forExpression: node.source)
    }

    private func display(_ node: ExplanationNode) -> String {
        field(node)?.display(node.value) ?? FieldCatalogue.plain(node.value)
    }

    /// What a person calls this value: its catalogue label, else its path, else a formula.
    func label(_ node: ExplanationNode) -> String {
        if let f = field(node) { return f.label }
        switch node.role {
        case .variable:
            if let path = node.path { return path.isEmpty ? "当前数据" : path }
            return "计算出的字段"
        case .literal:
            return FieldCatalogue.plain(node.value)
        case .computation:
            let parts = node.children.map { child in
                child.role == .computation && field(child) == nil && ["+", "-"].contains(child.op)
                    ? "（\(label(child))）" : label(child)
            }
            switch node.op {
            case "/" where parts.count == 2: return "\(parts[0]) ÷ \(parts[1])"
            case "*": return parts.joined(separator: " × ")
            case "+": return parts.joined(separator: " + ")
            case "-": return parts.count == 1 ? "−\(parts[0])" : parts.joined(separator: " − ")
            case "%" where parts.count == 2: return "\(parts[0]) 除以 \(parts[1]) 的余数"
            case "max": return "max(\(parts.joined(separator: ", ")))"
            case "min": return "min(\(parts.joined(separator: ", ")))"
            default: return "\(node.op)(\(parts.joined(separator: ", ")))"
            }
        default:
            return short(node)
        }
    }

    static func symbol(_ op: String) -> String {
        switch op {
        case "==", "===": "="
        case "!=", "!==": "≠"
        case ">=": "≥"
        case "<=": "≤"
        default: op
        }
    }
}
