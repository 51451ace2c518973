import Foundation

/// An eligibility rule as the rule builder shows it: groups of condition rows, each group "all of
/// these" or "any of these", the groups joined the same way. It converts to JSONLogic (what is
/// stored and evaluated), back from the JSONLogic it writes, and to plain Chinese
/// ("研发费用占营业收入比例 ≥ 4% 且 职工总数 ≤ 500人"). Values are typed in the field's display unit:
/// a percentage field takes 4 for 4%.
public struct RuleDraft: Sendable, Equatable {
    public enum Joiner: String, Sendable, CaseIterable {
        case all, any

        public var label: String { self == .all ? "全部满足" : "满足其一" }
        var word: String { self == .all ? "且" : "或" }
        var op: String { self == .all ? "and" : "or" }
    }

    public struct Condition: Sendable, Equatable {
        /// A `RuleFieldOptions` key.
        public var field: String
        public var op: RuleOperator?
        /// As typed, in the field's display unit; unused for yes/no conditions.
        public var value: String

        public init(field: String, op: RuleOperator?, value: String = "") {
            self.field = field
            self.op = op
            self.value = value
        }

        /// A row left entirely blank is not a condition.
        public var isBlank: Bool { field.isEmpty && value.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    public struct Group: Sendable, Equatable {
        public var joiner: Joiner
        public var conditions: [Condition]

        public init(joiner: Joiner = .all, conditions: [Condition]) {
            self.joiner = joiner
            self.conditions = conditions
        }
    }

    public var joiner: Joiner
    public var groups: [Group]

    public init(joiner: Joiner = .all, groups: [Group]) {
        self.joiner = joiner
        self.groups = groups
    }

    /// Blank rows and empty groups dropped; a joiner that can't matter (one condition, one group)
    /// set to "all", so two drafts of the same rule compare equal.
    public var normalized: RuleDraft {
        var groups: [Group] = []
        for group in self.groups {
            let conditions = group.conditions.filter { !$0.isBlank }
            guard !conditions.isEmpty else { continue }
            groups.append(Group(joiner: conditions.count == 1 ? .all : group.joiner, conditions: conditions))
        }
        return RuleDraft(joiner: groups.count == 1 ? .all : joiner, groups: groups)
    }

    public var conditionCount: Int { groups.reduce(0) { $0 + $1.conditions.filter { !$0.isBlank }.count } }

    // MARK: - To JSONLogic

    /// The rule as JSONLogic, or every problem with the rows, each naming its row in Chinese.
    public func jsonLogic() throws(RuleDraftProblems) -> JSONValue {
        var problems: [String] = []
        var groupRules: [JSONValue] = []
        for (g, group) in groups.enumerated() {
            var rules: [JSONValue] = []
            for (c, condition) in group.conditions.enumerated() where !condition.isBlank {
                let place = groups.count > 1 ? "第 \(g + 1) 组第 \(c + 1) 个条件" : "第 \(c + 1) 个条件"
                switch Self.rule(for: condition) {
                case .success(let rule): rules.append(rule)
                case .failure(let message): problems.append("\(place)：\(message)")
                }
            }
            if rules.count == 1 { groupRules.append(rules[0]) }
            if rules.count > 1 { groupRules.append(.object([group.joiner.op: .array(rules)])) }
        }
        if problems.isEmpty, groupRules.isEmpty { problems.append("请至少填写一个条件") }
        guard problems.isEmpty else { throw RuleDraftProblems(messages: problems) }
        return groupRules.count == 1 ? groupRules[0] : .object([joiner.op: .array(groupRules)])
    }

    private enum Built {
        case success(JSONValue)
        case failure(String)
    }

    private static func rule(for condition: Condition) -> Built {
        guard !condition.field.isEmpty else { return .failure("请选择字段") }
        guard let option = RuleFieldOptions.option(condition.field) else {
            return .failure("字段“\(condition.field)”不在企业字段目录中")
        }
        guard let op = condition.op else { return .failure("请为“\(option.label)”选择运算符") }
        switch option.kind {
        case .number(let field):
            guard op.isComparison else {
                return .failure("“\(option.label)”是数值条件，运算符请选 ≥ > = ≠ < ≤ 之一")
            }
            let text = condition.value.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                return .failure("请填写“\(option.label)”的数值（单位：\(field.unit.isEmpty ? "无" : field.unit)）")
            }
            guard let shown = Self.number(text, unit: field.unit) else {
                return .failure("“\(option.label)”的数值“\(text)”不是有效数字")
            }
            return .success(
                .object([
                    op.rawValue: [
                        .object(["var": .string(condition.field)]), .number(Self.stored(shown, scale: field.scale)),
                    ]
                ]))
        case .flag, .certification, .stage:
            guard !op.isComparison else { return .failure("“\(option.label)”是“是/否”条件，运算符请选“是”或“否”") }
            let yes = op == .yes
            switch option.kind {
            case .certification(let kind):
                let has: JSONValue = ["in": [.string(kind.rawValue), ["var": "certifications"]]]
                return .success(yes ? has : ["!": [has]])
            case .stage(let stage):
                return .success(.object([yes ? "==" : "!=": [["var": "stage"], .string(stage.rawValue)]]))
            default:
                return .success(["==": [.object(["var": .string(condition.field)]), .bool(yes)]])
            }
        }
    }

    /// "4", "4%", "1,000", "500人" → the number, when what follows it is the field's unit.
    public static func number(_ text: String, unit: String) -> Double? {
        var t = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        if !unit.isEmpty, t.hasSuffix(unit) { t.removeLast(unit.count) }
        t = t.trimmingCharacters(in: .whitespaces)
        guard let n = Double(t), n.isFinite else { return nil }
        return n
    }

    /// A typed value in stored units, rid of the noise of the division (4.1 ÷ 100 → 0.041).
    public static func stored(_ shown: Double, scale: Double) -> Double {
        let value = shown / scale
        guard scale != 1, abs(value) < 1e6 else { return value }
        return (value * 1e12).rounded() / 1e12
    }

    // MARK: - From JSONLogic

    /// Reads back a rule of the shapes `jsonLogic()` writes; nil when the rule has any other shape
    /// (then it can only be edited as JSONLogic text).
    public init?(jsonLogic rule: JSONValue) {
        if let condition = Self.condition(rule) {
            self.init(groups: [Group(conditions: [condition])])
            return
        }
        guard let (joiner, parts) = Self.logic(rule) else { return nil }
        let conditions = parts.compactMap(Self.condition)
        if conditions.count == parts.count {
            self.init(groups: [Group(joiner: joiner, conditions: conditions)])
            return
        }
        var groups: [Group] = []
        for part in parts {
            if let condition = Self.condition(part) {
                groups.append(Group(conditions: [condition]))
            } else if let (inner, items) = Self.logic(part) {
                let conditions = items.compactMap(Self.condition)
                guard conditions.count == items.count, !conditions.isEmpty else { return nil }
                groups.append(Group(joiner: inner, conditions: conditions))
            } else {
                return nil
            }
        }
        self.init(joiner: joiner, groups: groups)
        self = normalized
    }

    private static func logic(_ rule: JSONValue) -> (Joiner, [JSONValue])? {
        guard case .object(let o) = rule, o.count == 1, let (key, value) = o.entries.first,
            case .array(let parts) = value,
            !parts.isEmpty
        else { return nil }
        switch key {
        case "and": return (.all, parts)
        case "or": return (.any, parts)
        default: return nil
        }
    }

    private static func condition(_ rule: JSONValue) -> Condition? {
        guard case .object(let o) = rule, o.count == 1, let (key, value) = o.entries.first else { return nil }
        if key == "!" {
            let inner: JSONValue? = if case .array(let a) = value { a.count == 1 ? a[0] : nil } else { value }
            guard let inner, let kind = certification(inner) else { return nil }
            return Condition(field: "certifications:\(kind.rawValue)", op: .no)
        }
        if key == "in", let kind = certification(rule) {
            return Condition(field: "certifications:\(kind.rawValue)", op: .yes)
        }
        guard case .array(let args) = value, args.count == 2, case .string(let path)? = args[0]["var"] else {
            return nil
        }
        let op = RuleOperator(jsonLogic: key)
        if path == "stage", case .string(let raw) = args[1], let stage = GrowthStage(rawValue: raw),
            op == .eq || op == .ne
        {
            return Condition(field: "stage:\(stage.rawValue)", op: op == .eq ? .yes : .no)
        }
        guard let option = RuleFieldOptions.option(path) else { return nil }
        switch (option.kind, args[1]) {
        case (.number(let field), .number(let n)):
            guard let op, op.isComparison else { return nil }
            return Condition(field: path, op: op, value: FieldCatalogue.decimal(n * field.scale, decimals: 6))
        case (.flag, .bool(let b)) where op == .eq:
            return Condition(field: path, op: b ? .yes : .no)
        default:
            return nil
        }
    }

    private static func certification(_ rule: JSONValue) -> CertificationKind? {
        guard case .array(let args)? = rule["in"], args.count == 2, case .string(let raw) = args[0],
            args[1]["var"] == .string("certifications")
        else { return nil }
        return CertificationKind(rawValue: raw)
    }

    // MARK: - Plain Chinese

    /// "研发费用占营业收入比例 ≥ 4% 且 职工总数 ≤ 500人"; groups of several conditions in brackets
    /// when there is more than one group.
    public var text: String {
        let draft = normalized
        let parts = draft.groups.map { group -> String in
            let text = group.conditions.map(Self.text).joined(separator: " \(group.joiner.word) ")
            return draft.groups.count > 1 && group.conditions.count > 1 ? "（\(text)）" : text
        }
        return parts.joined(separator: " \(draft.joiner.word) ")
    }

    /// One condition in plain Chinese; the field key when it is unknown.
    public static func text(_ condition: Condition) -> String {
        guard let option = RuleFieldOptions.option(condition.field) else { return condition.field }
        let yes = condition.op != .no
        switch option.kind {
        case .number(let field):
            let value =
                number(condition.value, unit: field.unit).map { field.display(stored($0, scale: field.scale)) }
                ?? condition.value
            return "\(option.label) \(condition.op?.symbol ?? "?") \(value)"
        case .flag: return "\(option.label)：\(yes ? "是" : "否")"
        case .certification(let kind): return yes ? "已获\(kind.label)资质" : "未获\(kind.label)资质"
        case .stage(let stage): return yes ? "发展阶段为\(stage.label)" : "发展阶段不是\(stage.label)"
        }
    }

    /// The plain Chinese of a stored rule, when the builder can read it.
    public static func text(of rule: JSONValue) -> String? {
        RuleDraft(jsonLogic: rule)?.text
    }
}

/// The builder's operators. Comparisons keep their JSONLogic spelling as raw value.
public enum RuleOperator: String, Sendable, CaseIterable {
    case ge = ">="
    case gt = ">"
    case eq = "=="
    case ne = "!="
    case lt = "<"
    case le = "<="
    case yes, no

    public var symbol: String {
        switch self {
        case .ge: "≥"
        case .gt: ">"
        case .eq: "="
        case .ne: "≠"
        case .lt: "<"
        case .le: "≤"
        case .yes: "是"
        case .no: "否"
        }
    }

    public var isComparison: Bool { self != .yes && self != .no }

    init?(jsonLogic op: String) {
        switch op {
        case "===": self = .eq
        case "!==": self = .ne
        case "yes", "no": return nil
        default: self.init(rawValue: op)
        }
    }
}

/// Everything wrong with a draft's rows, in Chinese, one message per row.
public struct RuleDraftProblems: Error, Sendable, Equatable {
    public let messages: [String]

    public init(messages: [String]) { self.messages = messages }
}
