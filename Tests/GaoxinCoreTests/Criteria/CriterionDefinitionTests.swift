import Foundation
import GaoxinCore
import Testing

@Suite struct CriterionDefinitionTests {
    /// A small valid criterion; tests replace one part with something wrong.
    private func text(
        condition: String = #"{"code": "rd", "label": "研发强度", "rule": {">=": [{"var": "rdRatio"}, 0.03]}}"#,
        item: String =
            #"{"code": "staff", "label": "科技人员占比", "maxPoints": 20, "bands": {"field": "techStaffRatio", "bands": [{"from": null, "points": 0}, {"from": 0.1, "points": 10}, {"from": 0.2, "points": 20}]}}"#,
        extra: String = ""
    ) -> String {
        """
        {"code": "test", "name": "测试认定", "basis": "测试", "conditions": [\(condition)],
         "scoring": [\(item)], "minimumScore": 10\(extra)}
        """
    }

    private func load(_ text: String) throws(CriterionError) -> Criterion {
        try Criterion(json: Data(text.utf8), source: "test.json")
    }

    private func error(_ text: String) -> CriterionError? {
        #expect(throws: CriterionError.self) { try load(text) }
    }

    @Test func theSmallCriterionLoadsAndEvaluates() throws {
        let criterion = try load(text())
        let result = criterion.evaluate(["rdRatio": 0.05, "techStaffRatio": 0.15])
        #expect(result.qualifies)
        #expect(result.score?.total == 10)
    }

    @Test func everyBundledFileLoads() throws {
        let library = try CriteriaFixtures.library()
        #expect(
            library.codes == [
                "innovative_sme", "high_tech", "tech_sme", "little_giant", "specialised_sme_2026", "specialised_sme",
            ])
        for criterion in library.criteria {
            #expect(criterion.definition.certifies.flatMap(CertificationKind.init(rawValue:)) != nil)
            #expect(!criterion.definition.basis.isEmpty)
        }
        #expect(library["high_tech"]?.maximumScore == 100)
        #expect(library["tech_sme"]?.maximumScore == 100)
    }

    @Test func aRuleReadingAnUnknownFieldIsRefusedNamingConditionAndField() {
        let e = error(
            text(condition: #"{"code": "rd", "label": "研发强度", "rule": {">=": [{"var": "rdRatio4y"}, 0.03]}}"#))
        #expect(e?.message == "条件「研发强度」的规则有误：规则引用了字段目录中没有的字段：“rdRatio4y”")
        #expect(e?.part == "conditions[0].rule")
        #expect(e?.description.hasPrefix("test.json：") == true)
    }

    @Test func aBrokenRuleIsRefusedWithWhereItBreaks() {
        let e = error(text(condition: #"{"code": "rd", "label": "研发强度", "rule": {"and": [{"frobnicate": [1]}]}}"#))
        #expect(e?.message.hasPrefix("条件「研发强度」的规则有误：") == true)
        #expect(e?.part.hasPrefix("conditions[0].rule.and.0") == true)
    }

    @Test func aBandTableOutOfOrderIsRefused() {
        let item =
            #"{"code": "staff", "label": "科技人员占比", "maxPoints": 20, "bands": {"field": "techStaffRatio", "bands": [{"from": null, "points": 0}, {"from": 0.2, "points": 10}, {"from": 0.1, "points": 20}]}}"#
        let e = error(text(item: item))
        #expect(e?.message == "评分项「科技人员占比」的分档表有误：各档下限应从低到高且不重复（0.1）")
        #expect(e?.part == "scoring[0].bands.bands")
    }

    @Test func bandPointsAboveTheItemMaximumAreRefused() {
        let item =
            #"{"code": "staff", "label": "科技人员占比", "maxPoints": 20, "bands": {"field": "techStaffRatio", "bands": [{"from": null, "points": 0}, {"from": 0.3, "points": 25}]}}"#
        #expect(error(text(item: item))?.message == "评分项「科技人员占比」的分档表有误：分值 25.0 超出 0–20.0")
    }

    @Test func aBandOverAnUnknownFieldIsRefused() {
        let item =
            #"{"code": "staff", "label": "科技人员占比", "maxPoints": 20, "bands": {"field": "techStaffShare", "bands": [{"from": null, "points": 0}]}}"#
        #expect(error(text(item: item))?.message == "评分项「科技人员占比」读取的字段「techStaffShare」不在字段目录中")
    }

    @Test func aStrictEdgeMustBeABandEdge() {
        let item =
            #"{"code": "g", "label": "增长", "maxPoints": 2, "bands": {"field": "revenueGrowth2y", "strictEdges": [0.01], "bands": [{"from": null, "points": 0}, {"from": 0, "points": 2}]}}"#
        #expect(error(text(item: item))?.message == "评分项「增长」的严格边界 0.01 不是任何一档的下限")
    }

    @Test func anItemNeedsExactlyOneWayToScore() {
        let both =
            #"{"code": "s", "label": "自评", "maxPoints": 20, "rule": {"var": "rdManagementScore"}, "bands": {"field": "techStaffRatio", "bands": [{"from": null, "points": 0}]}}"#
        let e = error(text(item: both))
        #expect(e?.message == "「scoring[0]」：评分项同时给出了 bands、rule（bands、higherOf、rule 三者必须且只能有一个）")
    }

    @Test func aMisspeltKeyIsRefusedInsteadOfIgnored() {
        let e = error(text(extra: #", "minimumscore": 60"#))
        #expect(e?.message.hasPrefix("认定条件中有未知的项「minimumscore」") == true)
    }

    @Test func aWrongTypeNamesThePath() {
        let item =
            #"{"code": "staff", "label": "科技人员占比", "maxPoints": "20", "bands": {"field": "techStaffRatio", "bands": [{"from": null, "points": 0}]}}"#
        let e = error(text(item: item))
        #expect(e?.message == "「scoring[0].maxPoints」的类型不对，应为数字")
        #expect(e?.part == "scoring[0].maxPoints")
    }

    @Test func aMissingMemberIsNamed() {
        let e = error(#"{"code": "t", "basis": "x", "conditions": []}"#)
        #expect(e?.message == "缺少必填项「name」")
    }

    @Test func invalidJSONIsSaidSo() {
        #expect(error("{\"code\": ")?.message == "不是有效的 JSON 文件")
    }

    @Test func scoreRequirementsMustBeReachable() {
        #expect(
            error(text(extra: "").replacingOccurrences(of: "\"minimumScore\": 10", with: "\"minimumScore\": 30"))?
                .message
                == "最低总分 30 应在 0 到各评分项满分之和 20 之间")
        let groups = #", "groups": [{"code": "g", "label": "人员", "minimum": 5}]"#
        #expect(error(text(extra: groups))?.message == "分组「人员」下没有评分项")
        let item =
            #"{"code": "staff", "label": "科技人员占比", "group": "x", "maxPoints": 20, "bands": {"field": "techStaffRatio", "bands": [{"from": null, "points": 0}]}}"#
        #expect(error(text(item: item))?.message == "评分项「科技人员占比」所属分组「x」未在 groups 中定义")
        #expect(error(text(extra: #", "nonZeroItems": ["ip"]"#))?.message == "nonZeroItems 中的「ip」不是评分项编号")
    }

    @Test func duplicateCodesAndUnknownCertificationsAreRefused() {
        let direct = #", "directConditions": [{"code": "rd", "label": "重复", "rule": true}]"#
        #expect(error(text(extra: direct))?.message == "条件编号「rd」重复")
        #expect(
            error(text(extra: #", "certifies": "gaoxin""#))?.message.hasPrefix("certifies 的值「gaoxin」不是已知的资质类型") == true)
    }

    @Test func betweenComparisonsInsideLogicAreAccepted() {
        // The renderer names a between-comparison anywhere, so a zone may write it inside or/and.
        let between =
            #"{"code": "a", "label": "获奖", "rule": {"or": [{"<=": [1, {"var": "nationalAwardRank3y"}, 3]}, {"var": "provincialRDInstitution"}]}}"#
        #expect(throws: Never.self) { try load(text(condition: between)) }
    }

    @Test func aDefinitionRoundTripsThroughJSON() throws {
        let library = try CriteriaFixtures.library()
        for criterion in library.criteria {
            let data = try JSONEncoder().encode(criterion.definition)
            let again = try JSONDecoder().decode(CriterionDefinition.self, from: data)
            #expect(again == criterion.definition)
        }
    }

    @Test func aZoneFileOverridesTheDefaultOfTheSameCode() throws {
        let bundled = try CriteriaFixtures.library()
        let zone = try CriterionLibrary([
            try load(text().replacingOccurrences(of: "\"code\": \"test\"", with: "\"code\": \"high_tech\""))
        ])
        let merged = bundled.overridden(by: zone)
        #expect(merged.codes == bundled.codes)
        #expect(merged["high_tech"]?.name == "测试认定")
    }
}
