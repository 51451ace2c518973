import GaoxinCore
import Testing

@Suite("Rule explanations in Chinese")
struct ExplanationTests {
    static let rdRatio: JSONValue = ["/": [["var": "rd_expense"], ["var": "revenue"]]]
    static let techRatio: JSONValue = ["/": [["var": "tech_staff"], ["var": "staff"]]]

    /// 高新技术企业-style conditions: R&D ≥ 4% of revenue, tech staff ≥ 10%, registered ≥ 365 days.
    static let rule: JSONValue = [
        "and": [
            [">=": [rdRatio, 0.04]],
            [">=": [techRatio, 0.1]],
            [">=": [["var": "registered_days"], 365]],
        ]
    ]

    static var catalogue: FieldCatalogue {
        var c = FieldCatalogue([
            "rd_expense": .tenThousandYuan("研发费用"),
            "revenue": .tenThousandYuan("营业收入"),
            "tech_staff": .init(label: "科技人员", unit: "人", decimals: 0),
            "staff": .init(label: "职工总数", unit: "人", decimals: 0),
            "registered_days": .init(label: "注册天数", unit: "天", decimals: 0),
            "certifications": .init(label: "资质认定"),
            "district": .init(label: "所在园区"),
        ])
        c.label(expression: rdRatio, as: .percent("研发费用占营业收入比例"))
        c.label(expression: techRatio, as: .percent("科技人员占比"))
        return c
    }

    static let enterprise: JSONValue = [
        "rd_expense": 3_100_000, "revenue": 100_000_000, "tech_staff": 12, "staff": 100, "registered_days": 400,
    ]

    @Test("a failing R&D ratio reads as a person would write it, and the deciding condition is named")
    func highTechSentences() throws {
        let explanation = try JSONLogicRule(Self.rule).explain(Self.enterprise)
        #expect(!explanation.satisfied)
        #expect(
            ExplanationRenderer(catalogue: Self.catalogue).sentences(explanation) == [
                "第 1 项（研发费用占营业收入比例 ≥ 4%）不满足，整体不满足",
                "研发费用占营业收入比例 3.1%，要求 ≥ 4%，不满足",
                "科技人员占比 12%，要求 ≥ 10%，满足",
                "注册天数 400天，要求 ≥ 365天，满足",
            ])
    }

    @Test("every and-condition is explained, though evaluation stopped at the first failure")
    func allConditionsExplained() throws {
        let explanation = try JSONLogicRule(Self.rule).explain([
            "rd_expense": 0, "revenue": 1, "tech_staff": 0, "staff": 1,
        ])
        #expect(explanation.root.children.count == 3)
        #expect(explanation.root.decidingChild == 0)
        #expect(explanation.result == false)
        let text = ExplanationRenderer(catalogue: Self.catalogue).sentences(explanation)
        #expect(text[0] == "第 1 项（研发费用占营业收入比例 ≥ 4%）不满足，整体不满足（共有第 1、2、3 项不满足）")
        #expect(text[3] == "注册天数 未填写，要求 ≥ 365天，不满足")
    }

    @Test("the explanation's result is the rule's result, including and/or's deciding value")
    func sameResult() throws {
        let rule = try JSONLogicRule(["or": [["var": "a"], ["var": "b"], "fallback"]])
        for data: JSONValue in [["a": 0, "b": "x"], ["a": [1]], [:]] {
            #expect(rule.explain(data).result == rule.evaluate(data))
        }
    }

    @Test("gaps say how far each value is from its threshold, in the field's units")
    func gaps() throws {
        let explanation = try JSONLogicRule(Self.rule).explain(Self.enterprise)
        let gaps = explanation.gaps
        #expect(gaps.count == 3)
        #expect(gaps[0].op == ">=")
        #expect(!gaps[0].held)
        #expect(abs(gaps[0].shortfall - 0.009) < 1e-12)
        #expect(abs(gaps[0].relativeShortfall - 0.225) < 1e-9)
        #expect(gaps[1].held && gaps[1].shortfall == 0)
        #expect(gaps[2].path == "registered_days")
        let renderer = ExplanationRenderer(catalogue: Self.catalogue)
        #expect(renderer.describe(gaps[0]) == "研发费用占营业收入比例 3.1%，要求 ≥ 4%，差 0.9 个百分点")
        #expect(renderer.describe(gaps[2]) == "注册天数 400天，要求 ≥ 365天，已满足")
    }

    @Test("a constant on the left is turned around; between forms give two gaps")
    func flippedAndBetween() throws {
        let staff = try JSONLogicRule(["<": [100, ["var": "staff"], 500]]).explain(["staff": 600])
        #expect(staff.gaps.map(\.op) == [">", "<"])
        #expect(staff.gaps.map(\.held) == [true, false])
        #expect(staff.gaps[1].shortfall == 100)
        let renderer = ExplanationRenderer(catalogue: Self.catalogue)
        #expect(renderer.sentences(staff) == ["职工总数 600人，要求 > 100人 且 < 500人，不满足"])
        #expect(renderer.describe(staff.gaps[1]) == "职工总数 600人，要求 < 500人，差 100人")
        let flipped = try JSONLogicRule(["<=": [365, ["var": "registered_days"]]]).explain(["registered_days": 300])
        #expect(renderer.sentences(flipped) == ["注册天数 300天，要求 ≥ 365天，不满足"])
        #expect(flipped.gaps.first?.shortfall == 65)
    }

    @Test("or names the branch that decided; membership, negation and plain fields read naturally")
    func otherShapes() throws {
        let rule = try JSONLogicRule([
            "or": [
                ["in": ["专精特新", ["var": "certifications"]]],
                ["and": [["in": [["var": "district"], ["禅城园", "南海园"]]], ["!": ["var": "listed"]]]],
            ]
        ])
        let e = rule.explain(["certifications": ["高新技术企业"], "district": "南海园", "listed": false])
        #expect(e.satisfied)
        #expect(
            ExplanationRenderer(catalogue: Self.catalogue).sentences(e) == [
                "第 2 项（同时满足 2 项条件）满足，整体满足",
                "资质认定 [“高新技术企业”]，要求包含 “专精特新”，不满足",
                "全部 2 项条件均满足，整体满足",
                "所在园区 “南海园”，要求属于 [“禅城园”、“南海园”]，满足",
                "“listed”不成立，取反后满足",
            ])
    }

    @Test("without a catalogue, fields show their paths and computations their formula")
    func noCatalogue() throws {
        let e = try JSONLogicRule([">=": [["/": [["var": "rd_expense"], ["max": [["var": "revenue"], 1]]]], 0.04]])
            .explain(["rd_expense": 5, "revenue": 100])
        #expect(ExplanationRenderer().sentences(e) == ["rd_expense ÷ max(revenue, 1) 0.05，要求 ≥ 0.04，满足"])
    }

    @Test("a growth-reward rule: text equality, a field against a computed field, a yes/no field")
    func growthReward() throws {
        let rule = try JSONLogicRule([
            "and": [
                ["==": [["var": "chain"], "新能源汽车"]],
                [">": [["var": "revenue"], ["*": [["var": "revenue_last"], 1.2]]]],
                ["var": "above_scale"],
            ]
        ])
        let catalogue = FieldCatalogue([
            "chain": .init(label: "所属产业链"), "above_scale": .init(label: "规上企业"),
            "revenue": .tenThousandYuan("营业收入", decimals: 0), "revenue_last": .tenThousandYuan("上年营业收入"),
        ])
        let e = rule.explain(["chain": "新能源汽车", "revenue": 50_000_000, "revenue_last": 40_000_000, "above_scale": true])
        #expect(
            ExplanationRenderer(catalogue: catalogue).sentences(e) == [
                "全部 3 项条件均满足，整体满足",
                "所属产业链 “新能源汽车”，要求 = “新能源汽车”，满足",
                "营业收入 5000万元，要求 > 上年营业收入 × 1.2（4800万元），满足",
                "规上企业 为 是，满足",
            ])
        #expect(ExplanationRenderer().sentences(try JSONLogicRule(true).explain(nil)) == ["固定值 是，满足"])
    }

    @Test("comparisons between two fields show both values")
    func twoFields() throws {
        let rule = try JSONLogicRule([">": [["var": "revenue"], ["*": [["var": "revenue_last"], 1.2]]]])
        var catalogue = FieldCatalogue([
            "revenue": .tenThousandYuan("营业收入"), "revenue_last": .tenThousandYuan("上年营业收入"),
        ])
        catalogue["revenue"]?.decimals = 0
        let e = rule.explain(["revenue": 50_000_000, "revenue_last": 40_000_000])
        #expect(
            ExplanationRenderer(catalogue: catalogue).sentences(e) == [
                "营业收入 5000万元，要求 > 上年营业收入 × 1.2（4800万元），满足"
            ])
    }
}

/// Shapes that once made the renderer's naming functions call each other forever.
@Suite struct NestedExplanationTests {
    let catalogue = FieldCatalogue(["x": .init(label: "职工总数", unit: "人", decimals: 0)])

    @Test func betweenInsideAndIsNamed() throws {
        let rule = try JSONLogicRule(parsing: #"{"and": [{"<=": [10, {"var": "x"}, 500]}, {">": [{"var": "x"}, 0]}]}"#)
        let text = ExplanationRenderer(catalogue: catalogue).text(rule.explain(try JSONParser.parse(#"{"x": 600}"#)))
        #expect(text.contains("职工总数"))
        #expect(text.contains("500人"))
    }

    @Test func conditionalAsAnOperandIsNamed() throws {
        let rule = try JSONLogicRule(
            parsing: #"{"or": [{">=": [{"if": [{"var": "x"}, 1, 0]}, 1]}, {"!": {"if": [true, false, true]}}]}"#)
        let text = ExplanationRenderer(catalogue: catalogue).text(rule.explain(try JSONParser.parse(#"{"x": 0}"#)))
        #expect(!text.isEmpty)
    }
}

@Suite struct CodedValueExplanationTests {
    @Test func certificationCodesAreShownByName() throws {
        let rule = try JSONLogicRule(parsing: #"{"in": ["specialised_sme", {"var": "certifications"}]}"#)
        let text = ExplanationRenderer(catalogue: EnterpriseFieldCatalogue.catalogue)
            .text(rule.explain(try JSONParser.parse(#"{"certifications": ["tech_sme"]}"#)))
        #expect(text.contains("科技型中小企业"))
        #expect(text.contains("专精特新中小企业"))
        #expect(!text.contains("tech_sme"))
    }
}
