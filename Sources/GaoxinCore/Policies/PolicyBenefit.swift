/// What a policy item gives, in 万元 (the unit enterprise figures are reported in): a fixed amount,
/// an amount computed from the enterprise's figures (a JSONLogic expression) limited by a cap, or
/// no money at all (an honour, a service, a fast lane).
public enum PolicyBenefit: Sendable {
    case none
    case fixed(amount: Double)
    case formula(JSONLogicRule, cap: Double?)

    /// The amount this enterprise could get; nil when there is no money or the formula can't be
    /// computed from its figures (a field it reads is missing).
    public func estimate(for record: JSONValue) -> Double? {
        switch self {
        case .none: return nil
        case .fixed(let amount): return amount
        case .formula(let rule, let cap):
            guard case .number(let value) = rule.evaluate(record), value.isFinite else { return nil }
            let capped = min(max(0, value), cap ?? .infinity)
            return (capped * 10_000).rounded() / 10_000  // to the yuan
        }
    }

    /// "30万元", "按 研发费用 × 10% 计算，最高 200万元", "非资金支持".
    public var text: String {
        switch self {
        case .none: return "非资金支持"
        case .fixed(let amount): return Self.money(amount)
        case .formula(let rule, let cap):
            let how = "按 \(BenefitFormula.text(rule.source)) 计算"
            return cap.map { "\(how)，最高 \(Self.money($0))" } ?? how
        }
    }

    /// An amount in 万元 as a person reads it: "12.5万元".
    public static func money(_ amount: Double) -> String {
        plain(amount) + "万元"
    }

    /// A number as typed back into a form: "12.5", never "12.500000000000002".
    public static func plain(_ number: Double) -> String {
        FieldCatalogue.decimal(number, decimals: 4)
    }
}

/// The common benefit formula — a share of one figure, such as 10% of R&D expense — and how any
/// formula reads in Chinese.
public enum BenefitFormula {
    /// `{"*": [{"var": field}, percent ÷ 100]}`.
    public static func proportional(field: String, percent: Double) -> JSONValue {
        ["*": [.object(["var": .string(field)]), .number(RuleDraft.stored(percent, scale: 100))]]
    }

    /// The field and percentage of a proportional formula; nil for any other shape.
    public static func proportional(_ formula: JSONValue) -> (field: String, percent: Double)? {
        guard case .array(let args)? = formula["*"], args.count == 2 else { return nil }
        if case .string(let field)? = args[0]["var"], case .number(let rate) = args[1] { return (field, rate * 100) }
        if case .string(let field)? = args[1]["var"], case .number(let rate) = args[0] { return (field, rate * 100) }
        return nil
    }

    /// "研发费用 × 10%" for a proportional formula, else "公式 {…}".
    public static func text(_ formula: JSONValue) -> String {
        let catalogue = EnterpriseFieldCatalogue.fields
        if let (field, percent) = proportional(formula) {
            return "\(catalogue[field]?.label ?? field) × \(FieldCatalogue.decimal(percent, decimals: 4))%"
        }
        return "公式 \(formula.jsonString())"
    }
}
