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

/// The common benefit formula — a share of an amount (10% of R&D expense) or a rate per unit of a
/// count (0.5万元 per invention patent) — and how any formula reads in Chinese.
public enum BenefitFormula {
    /// Whether `typed` is read as a percentage of the field (an amount in 万元) rather than 万元 per unit.
    static func isShare(_ key: String) -> Bool {
        let unit = EnterpriseFieldCatalogue.fields[key]?.unit ?? "万元"
        return unit == "万元" || unit.isEmpty || unit == "%"
    }

    /// `{"*": [{"var": field}, multiplier]}`: `typed` is a percentage for amounts ("10" → 10%) and
    /// 万元 per unit for counts ("0.5" → 0.5万元 per 件).
    public static func proportional(field: String, typed: Double) -> JSONValue {
        let multiplier = isShare(field) ? RuleDraft.stored(typed, scale: 100) : typed
        return ["*": [.object(["var": .string(field)]), .number(multiplier)]]
    }

    /// The field and the typed number of a proportional formula; nil for any other shape.
    public static func proportional(_ formula: JSONValue) -> (field: String, typed: Double)? {
        guard case .array(let args)? = formula["*"], args.count == 2 else { return nil }
        let pair: (String, Double)? =
            if case .string(let field)? = args[0]["var"], case .number(let rate) = args[1] {
                (field, rate)
            } else if case .string(let field)? = args[1]["var"], case .number(let rate) = args[0] { (field, rate) } else
            { nil }
        guard let (field, rate) = pair else { return nil }
        return (field, isShare(field) ? rate * 100 : rate)
    }

    /// "研发费用 × 10%", "Ⅰ类知识产权数 × 0.5万元/件", else "公式 {…}".
    public static func text(_ formula: JSONValue) -> String {
        guard let (key, typed) = proportional(formula) else { return "公式 \(formula.jsonString())" }
        let field = EnterpriseFieldCatalogue.fields[key]
        let label = field?.label ?? key
        let number = FieldCatalogue.decimal(typed, decimals: 4)
        return isShare(key) ? "\(label) × \(number)%" : "\(label) × \(number)万元/\(field?.unit ?? "")"
    }
}
