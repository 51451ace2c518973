import Foundation
import GaoxinCore

/// The item form: benefit, application window, 免申即享, the five interpretation fields, the
/// materials list and the eligibility rule, edited as condition rows (no JavaScript: "添加条件"
/// and "添加一组" are submit buttons that come back with more rows) or as JSONLogic text.
struct PolicyItemForm: Sendable {
    // What was typed.
    var title = ""
    var code = ""
    var benefitKind = BenefitKind.fixed.rawValue
    var benefitAmount = ""
    var formulaField = ""
    var formulaPercent = ""
    var formulaJSON = ""
    var benefitCap = ""
    var budget = ""
    var windowFrom = ""
    var windowTo = ""
    var autoGrant = false
    var content = ""
    var audience = ""
    var period = ""
    var conditions = ""
    var materials: [PolicyMaterial] = []
    var draft = RuleDraft(groups: [RuleDraft.Group(conditions: Self.blankRows(3))])
    /// "builder" (the rows are the rule) or "json" (the text is).
    var ruleMode = "builder"
    var ruleJSON = ""

    // What the page shows besides.
    var errors = FormErrors()
    var notice: String?
    var rulePreview: String?
    var heading = "新增条款"
    var policyTitle = ""
    var action = ""
    var cancelHref = ""
    var csrf = ""
    var view = View()

    static let maxGroups = 10
    static let maxRows = 30
    static let maxMaterials = 30

    static func blankRows(_ n: Int) -> [RuleDraft.Condition] {
        Array(repeating: RuleDraft.Condition(field: "", op: nil), count: n)
    }

    init() {}

    // MARK: - Reading the post

    init(_ form: FormData) {
        title = form["title"]
        code = form["code"]
        benefitKind = form["benefit_kind"]
        benefitAmount = form["benefit_amount"]
        formulaField = form["formula_field"]
        formulaPercent = form["formula_percent"]
        formulaJSON = form["formula_json"]
        benefitCap = form["benefit_cap"]
        budget = form["budget"]
        windowFrom = form["window_from"]
        windowTo = form["window_to"]
        autoGrant = form["auto_grant"] == "1"
        content = form["content"]
        audience = form["audience"]
        period = form["period"]
        conditions = form["conditions"]
        let materialRows = min(Self.maxMaterials, max(0, Int(form["m_rows"]) ?? 0))
        materials = (0..<materialRows).map {
            PolicyMaterial(name: form["m\($0)_name"], required: form["m\($0)_required"] == "1")
        }
        let groupCount = min(Self.maxGroups, max(1, Int(form["groups"]) ?? 1))
        draft = RuleDraft(
            joiner: RuleDraft.Joiner(rawValue: form["joiner"]) ?? .all,
            groups: (0..<groupCount).map { g in
                let rows = min(Self.maxRows, max(1, Int(form["g\(g)_rows"]) ?? 1))
                return RuleDraft.Group(
                    joiner: RuleDraft.Joiner(rawValue: form["g\(g)_joiner"]) ?? .all,
                    conditions: (0..<rows).map { c in
                        RuleDraft.Condition(
                            field: form["g\(g)_f\(c)"], op: RuleOperator(rawValue: form["g\(g)_o\(c)"]),
                            value: form["g\(g)_v\(c)"])
                    })
            })
        ruleMode = form["rule_mode"] == "json" ? "json" : "builder"
        ruleJSON = form.raw("rule_json").trimmed
    }

    init(_ row: PolicyItemRow) {
        title = row.title
        code = row.code ?? ""
        benefitKind = row.benefitKind
        benefitAmount = row.benefitAmount.map(PolicyBenefit.plain) ?? ""
        benefitCap = row.benefitCap.map(PolicyBenefit.plain) ?? ""
        budget = row.budget.map(PolicyBenefit.plain) ?? ""
        if let text = row.benefitFormula, let formula = try? JSONParser.parse(text) {
            if let (field, typed) = BenefitFormula.proportional(formula) {
                formulaField = field
                formulaPercent = PolicyBenefit.plain(typed)
            } else {
                formulaJSON = formula.jsonString(pretty: true)
            }
        }
        windowFrom = row.windowFrom ?? ""
        windowTo = row.windowTo ?? ""
        autoGrant = row.autoGrant
        content = row.content
        audience = row.audience
        period = row.applicablePeriod
        conditions = row.conditions
        materials = row.materials
        if let rule = row.ruleValue, let draft = RuleDraft(jsonLogic: rule) {
            self.draft = draft
        } else {
            ruleMode = "json"
            ruleJSON = row.ruleValue?.jsonString(pretty: true) ?? row.ruleJson
        }
    }

    // MARK: - Buttons that only change the form

    /// Applies a button other than 保存; returns false for 保存.
    mutating func apply(action: String) -> Bool {
        if action.hasPrefix("add_condition_"), let g = Int(action.dropFirst("add_condition_".count)),
            draft.groups.indices.contains(g)
        {
            let room = Self.maxRows - draft.groups[g].conditions.count
            draft.groups[g].conditions += Self.blankRows(min(2, max(0, room)))
            ruleMode = "builder"
            return true
        }
        switch action {
        case "add_group":
            if draft.groups.count < Self.maxGroups {
                draft.groups.append(RuleDraft.Group(conditions: Self.blankRows(3)))
            }
            ruleMode = "builder"
            return true
        case "add_material":
            materials += Array(
                repeating: PolicyMaterial(name: "", required: true), count: min(2, Self.maxMaterials - materials.count))
            return true
        case "import_json":
            importJSON()
            return true
        case "preview":
            return true
        default:
            return false
        }
    }

    /// Reads the JSONLogic text into rows when the builder can show it; otherwise keeps it as text.
    mutating func importJSON() {
        guard let rule = checkedJSON(ruleJSON) else { return }
        if let imported = RuleDraft(jsonLogic: rule.source) {
            draft = imported
            ruleMode = "builder"
            notice = "已从 JSONLogic 导入为条件表格，请核对后保存。"
        } else {
            ruleMode = "json"
            notice = "该规则结构较复杂，条件表格无法表示，将按 JSONLogic 文本保存。"
        }
    }

    /// The text as a rule that compiles and reads only catalogue fields; errors under "rule" otherwise.
    private mutating func checkedJSON(_ text: String) -> JSONLogicRule? {
        guard !text.isEmpty else {
            errors.add("rule", "适用条件（JSONLogic）：请填写规则")
            return nil
        }
        do {
            let rule = try JSONLogicRule(parsing: text)
            try EnterpriseFieldCatalogue.catalogue.check(rule)
            return rule
        } catch {
            errors.add("rule", "适用条件（JSONLogic）：\(error.description)")
            return nil
        }
    }

    // MARK: - Checking everything

    /// The rule the form stands for, compiled, or nil with the problems under "rule".
    mutating func rule() -> JSONLogicRule? {
        if ruleMode == "json" { return checkedJSON(ruleJSON) }
        do {
            let value = try draft.jsonLogic()
            let rule = try JSONLogicRule(value)
            try EnterpriseFieldCatalogue.catalogue.check(rule)
            return rule
        } catch let problems as RuleDraftProblems {
            for message in problems.messages { errors.add("rule", "适用条件\(message)") }
        } catch let error as RuleCompileError {
            errors.add("rule", "适用条件：\(error.description)")
        } catch {
            errors.add("rule", "适用条件：\(error)")
        }
        return nil
    }

    /// Checks every field; the row to write when all are right, else nil with `errors` filled and
    /// nothing written.
    mutating func validated(into base: PolicyItemRow) -> PolicyItemRow? {
        var row = base
        if title.isEmpty {
            errors.add("title", "条款名称：请填写")
        } else if title.count > 100 {
            errors.add("title", "条款名称：不能超过 100 个字")
        }
        if code.count > 20 { errors.add("code", "条款序号：不能超过 20 个字") }

        let kind = BenefitKind(rawValue: benefitKind)
        if kind == nil { errors.add("benefit", "支持方式：请选择固定金额、按公式计算或非资金支持") }
        let amount = number(benefitAmount, label: "资助金额", field: "benefit")
        let cap = number(benefitCap, label: "资助上限", field: "benefit")
        let budgetValue = number(budget, label: "年度资金规模", field: "budget")
        var formula: String?
        switch kind {
        case .fixed:
            if amount == nil, benefitAmount.isEmpty { errors.add("benefit", "资助金额：固定金额请填写大于 0 的金额（万元）") }
        case .formula:
            if !formulaJSON.isEmpty {
                do {
                    let rule = try JSONLogicRule(parsing: formulaJSON)
                    try EnterpriseFieldCatalogue.catalogue.check(rule)
                    formula = rule.source.jsonString()
                } catch {
                    errors.add("benefit", "计算公式（JSONLogic）：\(error.description)")
                }
            } else if let option = RuleFieldOptions.option(formulaField), option.isNumber {
                if let typed = RuleDraft.number(formulaPercent, unit: option.unit == "万元" ? "%" : "万元"), typed > 0,
                    option.unit != "万元" || typed <= 100
                {
                    formula = BenefitFormula.proportional(field: formulaField, typed: typed).jsonString()
                } else if option.unit == "万元" {
                    errors.add("benefit", "计算比例：按“\(option.label)”计算时请填写 0 到 100 之间的百分比（如 10 表示 10%）")
                } else {
                    errors.add("benefit", "计算标准：按“\(option.label)”计算时请填写每\(option.unit)的金额（万元，如 0.5）")
                }
            } else {
                errors.add("benefit", "计算公式：请选择按哪个数值计算并填写比例，或填写 JSONLogic 公式")
            }
        case .nonMonetary, nil:
            break
        }
        let from = PolicyDocumentForm.day(
            windowFrom, label: "申报开始日期", field: "window", required: false, errors: &errors)
        let to = PolicyDocumentForm.day(windowTo, label: "申报截止日期", field: "window", required: false, errors: &errors)
        if let from, let to, to < from { errors.add("window", "申报截止日期：不能早于开始日期（\(from)）") }
        for (value, field, label, limit) in [
            (content, "content", "政策内容", 5000), (audience, "audience", "适用对象", 1000),
            (period, "period", "适用时间", 500), (conditions, "conditions", "申报条件", 5000),
        ] {
            if value.isEmpty {
                errors.add(field, "\(label)：请填写")
            } else if value.count > limit {
                errors.add(field, "\(label)：不能超过 \(limit) 个字")
            }
        }
        let listed = materials.filter { !$0.name.isEmpty }
        if listed.contains(where: { $0.name.count > 100 }) { errors.add("materials", "申请材料：每项名称不能超过 100 个字") }
        let rule = rule()
        guard errors.isEmpty, let rule, let kind else { return nil }

        row.title = title
        row.code = code.isEmpty ? nil : code
        row.benefitKind = kind.rawValue
        row.benefitAmount = kind == .fixed ? amount : nil
        row.benefitFormula = kind == .formula ? formula : nil
        row.benefitCap = kind == .formula ? cap : nil
        row.budget = budgetValue
        row.ruleJson = rule.source.jsonString()
        row.windowFrom = from?.description
        row.windowTo = to?.description
        row.autoGrant = autoGrant
        row.content = content
        row.audience = audience
        row.applicablePeriod = period
        row.conditions = conditions
        row.materialsJson = String(decoding: (try? JSONEncoder().encode(listed)) ?? Data("[]".utf8), as: UTF8.self)
        return row
    }

    /// An optional amount in 万元: empty is nil; anything else must be a number above 0.
    private mutating func number(_ text: String, label: String, field: String) -> Double? {
        guard !text.isEmpty else { return nil }
        guard let n = RuleDraft.number(text, unit: "万元"), n > 0, n <= 10_000_000 else {
            errors.add(field, "\(label)：“\(text)”不是有效金额，请填写大于 0 的数字（单位：万元）")
            return nil
        }
        return n
    }

    // MARK: - The view

    struct View: Sendable {
        struct Section: Sendable {
            let label: String
            let options: [SelectOption]
        }
        struct Row: Sendable {
            let number: Int
            let fieldName: String
            let opName: String
            let valueName: String
            let sections: [Section]
            let ops: [SelectOption]
            let value: String
        }
        struct Group: Sendable {
            let number: Int
            let joinerName: String
            let joiners: [SelectOption]
            let rowsName: String
            let rowCount: Int
            let rows: [Row]
            let addAction: String
        }
        struct Material: Sendable {
            let index: Int
            let name: String
            let required: Bool
        }
        var groups: [Group] = []
        var groupCount = 1
        var joiners: [SelectOption] = []
        var materials: [Material] = []
        var materialCount = 0
        var benefitKinds: [SelectOption] = []
        var formulaSections: [Section] = []
        var builderMode = true
    }

    /// Fills `view` from the typed values, with blank rows to type into, and the plain-Chinese preview.
    mutating func prepareView() {
        func sections(selected: String, where include: (RuleFieldOption) -> Bool = { _ in true }) -> [View.Section] {
            RuleFieldOptions.sections.map { section in
                View.Section(
                    label: section,
                    options: RuleFieldOptions.all.filter { $0.section == section && include($0) }.map {
                        SelectOption(
                            value: $0.key, label: $0.unit.isEmpty ? $0.label : "\($0.label)（\($0.unit)）",
                            selected: $0.key == selected)
                    })
            }
        }
        func joiners(_ selected: RuleDraft.Joiner) -> [SelectOption] {
            RuleDraft.Joiner.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == selected)
            }
        }
        view.groups = draft.groups.enumerated().map { g, group in
            var rows = group.conditions
            if !rows.contains(where: \.isBlank) { rows += Self.blankRows(1) }
            return View.Group(
                number: g + 1, joinerName: "g\(g)_joiner", joiners: joiners(group.joiner), rowsName: "g\(g)_rows",
                rowCount: rows.count,
                rows: rows.enumerated().map { c, condition in
                    View.Row(
                        number: c + 1, fieldName: "g\(g)_f\(c)", opName: "g\(g)_o\(c)", valueName: "g\(g)_v\(c)",
                        sections: sections(selected: condition.field),
                        ops: [SelectOption(value: "", label: "—", selected: condition.op == nil)]
                            + RuleOperator.allCases.map {
                                SelectOption(value: $0.rawValue, label: $0.symbol, selected: $0 == condition.op)
                            },
                        value: condition.value)
                },
                addAction: "add_condition_\(g)")
        }
        view.groupCount = draft.groups.count
        view.joiners = joiners(draft.joiner)
        var rows = materials
        if !rows.contains(where: { $0.name.isEmpty }) {
            rows += Array(repeating: PolicyMaterial(name: "", required: true), count: rows.isEmpty ? 4 : 1)
        }
        view.materials = rows.enumerated().map { View.Material(index: $0, name: $1.name, required: $1.required) }
        view.materialCount = rows.count
        view.benefitKinds = BenefitKind.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == benefitKind)
        }
        // A formula multiplies an amount or a count; shares and yes/no facts are no base for money.
        view.formulaSections = sections(selected: formulaField) { $0.isNumber && $0.unit != "%" }.filter {
            !$0.options.isEmpty
        }
        view.builderMode = ruleMode != "json"

        // The preview and the JSONLogic box show the rule as it stands, when it can be read.
        var scratch = self
        scratch.errors = FormErrors()
        if let rule = scratch.rule() {
            rulePreview = RuleDraft.text(of: rule.source) ?? "（复杂规则，条件表格无法表示）"
            if ruleMode == "builder" { ruleJSON = rule.source.jsonString(pretty: true) }
        }
    }
}
