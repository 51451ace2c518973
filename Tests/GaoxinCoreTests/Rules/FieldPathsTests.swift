import GaoxinCore
import Testing

@Suite("Fields a rule reads")
struct FieldPathsTests {
    @Test("constant var paths are listed once, in order of first use")
    func listedInOrder() throws {
        let rule = try JSONLogicRule([
            "and": [
                [">=": [["/": [["var": "rd_expense"], ["var": "revenue"]]], 0.04]],
                ["<=": [["var": "revenue"], 2e8]],
                ["==": [["var": ["finance.currency", "CNY"]], "CNY"]],
            ]
        ])
        #expect(rule.fieldPaths == ["rd_expense", "revenue", "finance.currency"])
        #expect(!rule.usesComputedPaths)
    }

    @Test("paths inside map/filter/some bodies read the element, not the record, and are not listed")
    func bodiesExcluded() throws {
        let rule = try JSONLogicRule([
            "some": [["var": "certifications"], ["in": [["var": ""], ["专精特新", "高新技术企业"]]]]
        ])
        #expect(rule.fieldPaths == ["certifications"])
        let nested = try JSONLogicRule(["all": [["var": "projects"], [">": [["var": "budget"], 0]]]])
        #expect(nested.fieldPaths == ["projects"])
    }

    @Test("keys given to missing and missing_some are fields too")
    func missingKeys() throws {
        let rule = try JSONLogicRule(["missing": ["merge": ["vin", ["if": [["var": "financing"], ["apr"], []]]]]])
        #expect(rule.fieldPaths == ["vin", "apr", "financing"])
        #expect(try JSONLogicRule(["missing_some": [1, ["a", "b"]]]).fieldPaths == ["a", "b"])
    }

    @Test("a path computed by logic is flagged, since it cannot be listed")
    func computedPath() throws {
        let rule = try JSONLogicRule(["var": ["cat": ["year_", ["var": "year"]]]])
        #expect(rule.usesComputedPaths)
        #expect(rule.fieldPaths == ["year"])
    }

    @Test("the whole-record var is not a field")
    func wholeRecord() throws {
        #expect(try JSONLogicRule(["!!": ["var": ""]]).fieldPaths.isEmpty)
    }

    @Test("a catalogue names the fields it does not know and refuses such a rule")
    func catalogueCheck() throws {
        let catalogue = FieldCatalogue(["revenue": .tenThousandYuan("营业收入"), "staff": .init(label: "职工总数", unit: "人")])
        let rule = try JSONLogicRule([
            "and": [[">": [["var": "revenue"], 1]], [">": [["var": "revnue_last"], 1]], ["var": "staf"]]
        ])
        #expect(catalogue.unknownFields(of: rule) == ["revnue_last", "staf"])
        #expect {
            try catalogue.check(rule)
        } throws: { error in
            (error as? RuleCompileError)?.description == "规则有误：规则引用了字段目录中没有的字段：“revnue_last”、“staf”"
        }
        #expect(throws: Never.self) { try catalogue.check(JSONLogicRule([">": [["var": "staff"], 10]])) }
    }

    @Test("catalogue fields display values in their units")
    func display() {
        #expect(FieldCatalogue.Field.percent("研发费用占比").display(0.031) == "3.1%")
        #expect(FieldCatalogue.Field.tenThousandYuan("营业收入").display(Double(123_456_789)) == "12345.68万元")
        #expect(FieldCatalogue.Field(label: "职工", unit: "人", decimals: 0).display(.number(120)) == "120人")
        #expect(FieldCatalogue.Field(label: "园区").display("禅城园") == "“禅城园”")
        #expect(FieldCatalogue.Field(label: "规上").display(true) == "是")
        #expect(FieldCatalogue.Field.percent("比例").displayDifference(0.009) == "0.9 个百分点")
    }
}
