import Foundation
import GaoxinCore
import Testing

/// The rule builder's rows, the JSONLogic they stand for, and the Chinese a committee member reads.
@Suite struct RuleBuilderTests {
    typealias C = RuleDraft.Condition

    @Test func rowsBecomeJSONLogicInStoredUnitsAndPlainChinese() throws {
        // setup: "研发费用占营业收入比例 ≥ 4" is typed in percent.
        let draft = RuleDraft(groups: [
            .init(conditions: [C(field: "rdRatio", op: .ge, value: "4"), C(field: "staff", op: .le, value: "500")])
        ])
        // MUT
        let rule = try draft.jsonLogic()
        // validate
        #expect(rule == ["and": [[">=": [["var": "rdRatio"], 0.04]], ["<=": [["var": "staff"], 500]]]])
        #expect(draft.text == "研发费用占营业收入比例 ≥ 4% 且 职工总数 ≤ 500人")
    }

    @Test func roundTripKeepsEveryKindOfCondition() throws {
        let draft = RuleDraft(
            joiner: .any,
            groups: [
                .init(
                    joiner: .all,
                    conditions: [
                        C(field: "rdRatio", op: .ge, value: "4.1"), C(field: "revenue", op: .lt, value: "20000"),
                        C(field: "certifications:high_tech", op: .no), C(field: "inSupportedField", op: .yes),
                    ]),
                .init(
                    joiner: .any,
                    conditions: [
                        C(field: "certifications:gazelle", op: .yes), C(field: "stage:startup", op: .yes),
                        C(field: "debtRatio", op: .ne, value: "55"),
                    ]),
            ])
        let rule = try draft.jsonLogic()
        // Through the stored text and back, as the edit page does.
        let stored = try JSONParser.parse(rule.jsonString())
        let back = try #require(RuleDraft(jsonLogic: stored))
        #expect(back == draft.normalized)
        #expect(try back.jsonLogic() == rule)
        #expect(
            back.text == "（研发费用占营业收入比例 ≥ 4.1% 且 营业收入 < 20000万元 且 未获高新技术企业资质 且 属于国家重点支持的高新技术领域：是）"
                + " 或 （已获瞪羚企业资质 或 发展阶段为初创期 或 资产负债率 ≠ 55%）")
        // The rule compiles and reads only catalogue fields.
        try EnterpriseFieldCatalogue.catalogue.check(try JSONLogicRule(rule))
    }

    @Test func blankRowsAndEmptyGroupsAreIgnoredButNoConditionAtAllIsRefused() throws {
        let draft = RuleDraft(groups: [
            .init(conditions: [C(field: "", op: nil), C(field: "ipClass1", op: .ge, value: "1"), C(field: "", op: .ge)]
            ),
            .init(conditions: [C(field: "", op: nil)]),
        ])
        #expect(try draft.jsonLogic() == [">=": [["var": "ipClass1"], 1]])
        #expect(draft.text == "Ⅰ类知识产权数 ≥ 1件")
        #expect(throws: RuleDraftProblems(messages: ["请至少填写一个条件"])) {
            try RuleDraft(groups: [.init(conditions: [C(field: "", op: nil)])]).jsonLogic()
        }
    }

    @Test func everyBadRowIsNamedInChinese() {
        let draft = RuleDraft(groups: [
            .init(conditions: [C(field: "foo", op: .ge, value: "1"), C(field: "rdRatio", op: .ge, value: "")]),
            .init(conditions: [
                C(field: "rdRatio", op: .ge, value: "四"), C(field: "provincialRDInstitution", op: .ge, value: "1"),
                C(field: "staff", op: .yes), C(field: "staff", op: nil, value: "5"),
            ]),
        ])
        do {
            _ = try draft.jsonLogic()
            Issue.record("accepted bad rows")
        } catch {
            #expect(
                error.messages == [
                    "第 1 组第 1 个条件：字段“foo”不在企业字段目录中",
                    "第 1 组第 2 个条件：请填写“研发费用占营业收入比例”的数值（单位：%）",
                    "第 2 组第 1 个条件：“研发费用占营业收入比例”的数值“四”不是有效数字",
                    "第 2 组第 2 个条件：“拥有省级以上研发机构”是“是/否”条件，运算符请选“是”或“否”",
                    "第 2 组第 3 个条件：“职工总数”是数值条件，运算符请选 ≥ > = ≠ < ≤ 之一",
                    "第 2 组第 4 个条件：请为“职工总数”选择运算符",
                ])
        }
    }

    @Test func valuesMayCarryTheirUnitAndThousandsSeparators() throws {
        let draft = RuleDraft(groups: [
            .init(conditions: [
                C(field: "rdRatio", op: .ge, value: "4%"), C(field: "revenue", op: .ge, value: "1,000万元"),
            ])
        ])
        #expect(
            try draft.jsonLogic() == [
                "and": [[">=": [["var": "rdRatio"], 0.04]], [">=": [["var": "revenue"], 1000]]]
            ])
    }

    @Test func rulesOfOtherShapesAreLeftToTheJSONLogicBox() throws {
        for text in [
            #"{"if": [{"var": "staff"}, true, false]}"#, #"{">=": [4, {"var": "staff"}]}"#,
            #"{"and": [{"or": [{"and": [{">": [{"var": "staff"}, 1]}]}]}]}"#,
            #"{">=": [{"var": "unknownField"}, 1]}"#,
        ] {
            #expect(RuleDraft(jsonLogic: try JSONParser.parse(text)) == nil, "\(text)")
        }
    }

    @Test func unknownFieldsInJSONLogicAreRefusedByName() throws {
        let rule = try JSONLogicRule(
            parsing: #"{"and": [{">=": [{"var": "rdRatio"}, 0.04]}, {">": [{"var": "fooBar"}, 1]}]}"#)
        #expect(throws: RuleCompileError.self) { try EnterpriseFieldCatalogue.catalogue.check(rule) }
        do { try EnterpriseFieldCatalogue.catalogue.check(rule) } catch { #expect(error.reason.contains("“fooBar”")) }
    }

    @Test func benefitFormulaIsCappedAndReadable() throws {
        let formula = BenefitFormula.proportional(field: "rdExpense", typed: 10)
        let benefit = PolicyBenefit.formula(try JSONLogicRule(formula), cap: 200)
        #expect(benefit.estimate(for: ["rdExpense": 600]) == 60)
        #expect(benefit.estimate(for: ["rdExpense": 5000]) == 200)  // capped
        #expect(benefit.estimate(for: ["revenue": 5000]) == nil)  // figure missing: no estimate
        #expect(benefit.text == "按 研发费用 × 10% 计算，最高 200万元")
        let perPatent = BenefitFormula.proportional(field: "ipClass1", typed: 0.5)
        #expect(BenefitFormula.text(perPatent) == "Ⅰ类知识产权数 × 0.5万元/件")
        #expect(PolicyBenefit.formula(try JSONLogicRule(perPatent), cap: nil).estimate(for: ["ipClass1": 7]) == 3.5)
        #expect(BenefitFormula.proportional(perPatent)?.typed == 0.5)
        #expect(PolicyBenefit.fixed(amount: 30).text == "30万元")
    }

    @Test func matcherGivesEligibilityReasonsAndAmount() throws {
        let rule = try JSONLogicRule(
            try RuleDraft(groups: [
                .init(conditions: [
                    C(field: "rdRatio", op: .ge, value: "4"),
                    C(field: "certifications:high_tech", op: .yes),
                ])
            ]).jsonLogic())
        let item = PolicyMatcher.Item(id: 7, rule: rule, benefit: .fixed(amount: 20))
        let matcher = PolicyMatcher()
        let yes = matcher.match(
            enterpriseID: 1, record: ["rdRatio": 0.05, "certifications": ["high_tech"]], items: [item])[0]
        let no = matcher.match(enterpriseID: 2, record: ["rdRatio": 0.031, "certifications": []], items: [item])[0]
        #expect(yes.eligible && yes.estimatedAmount == 20)
        #expect(!no.eligible && no.estimatedAmount == nil)
        #expect(yes.reasons.contains("研发费用占营业收入比例 5%，要求 ≥ 4%，满足"))
        #expect(no.reasons.contains("研发费用占营业收入比例 3.1%，要求 ≥ 4%，不满足"))
        // Certification codes read as their names.
        #expect(no.reasons.contains { $0.contains("“高新技术企业”") && $0.contains("不满足") })
        #expect(!no.reasons.joined().contains("high_tech"))
    }

    @Test func validityAndWindowsFollowTheDates() {
        let today = Day("2026-06-15")!
        #expect(
            PolicyValidity(
                status: .published, effectiveOn: Day("2026-01-01")!, expiresOn: Day("2026-06-15")!, on: today)
                == .inForce)
        #expect(
            PolicyValidity(
                status: .published, effectiveOn: Day("2026-01-01")!, expiresOn: Day("2026-06-14")!, on: today)
                == .expired)
        #expect(
            PolicyValidity(status: .published, effectiveOn: Day("2026-06-16")!, expiresOn: nil, on: today) == .pending)
        #expect(
            PolicyValidity(status: .draft, effectiveOn: Day("2026-01-01")!, expiresOn: nil, on: today) == .unpublished)
        #expect(ApplicationWindow(from: nil, to: nil, on: today) == .always)
        #expect(ApplicationWindow(from: Day("2026-06-01"), to: Day("2026-06-15"), on: today).isOpen)
        #expect(!ApplicationWindow(from: Day("2026-06-01"), to: Day("2026-06-14"), on: today).isOpenOrUpcoming)
        #expect(ApplicationWindow(from: Day("2026-06-16"), to: nil, on: today).label == "2026-06-16 起申报")
    }
}
