/// Reads a rule's explanation the way a criterion needs it: which missing inputs could have decided
/// the result, how far an unmet rule is from holding, and which comparisons are requirements rather
/// than band selectors. A band rule such as 高企's R&D threshold is an `if` whose tests
/// ("营业收入 ≤ 5000万元") only pick the requirement; those tests are not gaps to close.
struct RuleReading {
    let explanation: RuleExplanation
    let record: JSONValue

    var held: Bool { explanation.satisfied }

    /// Fields read as missing whose value could change the outcome, in rule order. An `and` that
    /// fails on data that is there, or an `or` that holds on data that is there, needs nothing more.
    var missingFields: [String] {
        var out: [String] = []
        for path in Self.missing(explanation.root, record) where !out.contains(path) { out.append(path) }
        return out
    }

    // Static, with the record passed along: a method captured `self` (the whole reading) at every
    // node, and copying it was most of a ranking's time spent here.
    private static func missing(_ node: ExplanationNode, _ record: JSONValue) -> [String] {
        switch node.role {
        case .variable:
            guard let path = node.path, !path.isEmpty, node.value.isNull, lookUp(path, in: record) == nil else {
                return []
            }
            return [path]
        case .iteration:
            // Inside the body `var` reads the element, not the record.
            guard let body = node.children.first else { return [] }
            return missing(body, record)
        case .logic:
            let decider = node.op == "or"
            var (parts, decidedWithoutGaps) = ([String](), false)
            for child in node.children {
                let own = missing(child, record)
                if own.isEmpty, child.held == decider { decidedWithoutGaps = true }
                parts += own
            }
            return node.held == decider && decidedWithoutGaps ? [] : parts
        default:
            var parts: [String] = []
            for child in node.children { parts += missing(child, record) }
            return parts
        }
    }

    /// Whether `rule` holds with every field it reads present: then no explanation is needed to
    /// know it is met (nothing missing could change it, distance 0), and evaluating without one is
    /// several times cheaper. Rules with computed paths always take the explanation.
    static func holdsOnDataGiven(_ rule: JSONLogicRule, _ record: JSONValue) -> Bool {
        // Evaluated first: a rule that fails needs its explanation anyway, and the look-ups cost more.
        !rule.usesComputedPaths && rule.isSatisfied(by: record) && readsPresentFieldsOnly(rule, record)
    }

    /// Whether every field `rule` reads is in the record (so none can be reported missing).
    static func readsPresentFieldsOnly(_ rule: JSONLogicRule, _ record: JSONValue) -> Bool {
        !rule.usesComputedPaths && rule.fieldPaths.allSatisfy { lookUp($0, in: record) != nil }
    }

    /// A value in the record at a dotted path; nil when absent or null.
    static func lookUp(_ path: String, in record: JSONValue) -> JSONValue? {
        // Most paths are one key: no splitting (ranking a zone looks up millions of them).
        if !path.utf8.contains(UInt8(ascii: ".")) {
            guard let value = record[path], !value.isNull else { return nil }
            return value
        }
        var current = record
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = current[String(part)] else { return nil }
            current = next
        }
        return current.isNull ? nil : current
    }

    // MARK: - Gaps

    /// Comparisons with a number, outside band selectors.
    var gaps: [ThresholdGap] {
        var out: [ThresholdGap] = []
        collectGaps(explanation.root, into: &out)
        return out
    }

    private func collectGaps(_ node: ExplanationNode, into out: inout [ThresholdGap]) {
        if ["<", "<=", ">", ">="].contains(node.op) {
            out += ThresholdGap.collect(from: node)
            return
        }
        for child in node.children where !Self.isSelector(child, of: node) { collectGaps(child, into: &out) }
    }

    /// Whether `child` is a test of an `if` (it chooses a branch rather than being a requirement).
    static func isSelector(_ child: ExplanationNode, of parent: ExplanationNode) -> Bool {
        guard parent.role == .condition, let last = child.pointer.split(separator: "/").last, let k = Int(last) else {
            return false
        }
        return k % 2 == 0 && k + 1 < parent.argumentCount
    }

    // MARK: - Distance

    /// 0 when the rule holds; else how far, as a relative shortfall capped at 1 (1 for a yes/no test).
    var distance: Double { held ? 0 : min(1, distance(explanation.root)) }

    private func distance(_ node: ExplanationNode) -> Double {
        if node.held { return 0 }
        switch node.role {
        case .comparison:
            let unmet = ThresholdGap.collect(from: node).filter { !$0.held && $0.pointer == node.pointer }
            guard !unmet.isEmpty else { return 1 }
            return min(1, unmet.map(\.relativeShortfall).max() ?? 1)
        case .logic:
            let parts = node.children.map(distance)
            return node.op == "and" ? (parts.max() ?? 1) : (parts.min() ?? 1)
        case .condition:
            guard let branch = node.children.last(where: { !Self.isSelector($0, of: node) }) else { return 1 }
            return distance(branch)
        case .negation where node.op == "!!":
            return node.children.first.map(distance) ?? 1
        default:
            return 1
        }
    }

    // MARK: - Sentences

    /// The renderer's sentences, except that a band rule says which band applies instead of
    /// reporting its tests as unmet conditions.
    func sentences(_ renderer: ExplanationRenderer) -> [String] {
        sentences(of: explanation.root, renderer)
    }

    private func sentences(of node: ExplanationNode, _ renderer: ExplanationRenderer) -> [String] {
        guard node.role == .condition else {
            return renderer.sentences(RuleExplanation(result: node.value, root: node))
        }
        let selectors = node.children.filter { Self.isSelector($0, of: node) }
        let branch = node.children.last { !Self.isSelector($0, of: node) }
        var out: [String] = []
        // The branch taken follows the last test evaluated: the one that held, or (for the
        // final "else") the last one that failed.
        if let test = selectors.last { out += applicable(test, renderer) }
        if let branch { out += sentences(of: branch, renderer) }
        return out
    }

    private func applicable(_ test: ExplanationNode, _ renderer: ExplanationRenderer) -> [String] {
        let gaps = ThresholdGap.collect(from: test)
        guard gaps.count == 1, let gap = gaps.first, let path = gap.path else {
            return renderer.sentences(RuleExplanation(result: test.value, root: test))
        }
        let field = renderer.catalogue[path]
        let label = field?.label ?? path
        let show = { (x: Double) in field?.display(x) ?? FieldCatalogue.plain(.number(x)) }
        let op = gap.held ? gap.op : Self.negated(gap.op)
        return [
            "\(label) \(show(gap.value))，适用「\(label) \(ExplanationRenderer.symbol(op)) \(show(gap.threshold))」一档的要求"
        ]
    }

    static func negated(_ op: String) -> String {
        switch op {
        case ">=": "<"
        case ">": "<="
        case "<=": ">"
        default: ">="
        }
    }
}
