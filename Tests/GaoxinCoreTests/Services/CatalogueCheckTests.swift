import GaoxinCore
import Testing

@Suite struct CatalogueCheckTests {
    @Test func codesAreLettersDigitsAndHyphens() {
        #expect(CatalogueCheck.codeProblem("11430300MB1A-001", field: "code", label: "实施编码") == nil)
        #expect(CatalogueCheck.codeProblem("", field: "code", label: "实施编码")?.message == "实施编码：请填写")
        #expect(CatalogueCheck.codeProblem("编码 1", field: "code", label: "实施编码") != nil)
        #expect(CatalogueCheck.codeProblem(String(repeating: "1", count: 41), field: "code", label: "实施编码") != nil)
    }

    @Test func aMaterialNeedsEveryFieldAndSaneCopies() {
        #expect(
            CatalogueCheck.materialProblems(name: "身份证", form: "原件", copies: 1, source: "公安机关", standard: "有效期内")
                .isEmpty)
        let bad = CatalogueCheck.materialProblems(name: " ", form: "原件", copies: 0, source: "", standard: "x")
        #expect(Set(bad.map(\.field)) == ["name", "copies", "source"])
        #expect(
            CatalogueCheck.materialProblems(name: "a", form: "b", copies: nil, source: "c", standard: "d").count == 1)
    }

    @Test func aBundleNeedsItemsOnceAndALifeEventOfItsSide() {
        #expect(
            CatalogueCheck.bundleProblems(
                name: "开办一件事", summary: "一表申请", audience: .enterprise, lifeEvent: .opening, itemCount: 2,
                distinctItems: 2
            ).isEmpty)
        let wrongSide = CatalogueCheck.bundleProblems(
            name: "x", summary: "y", audience: .enterprise, lifeEvent: .birth, itemCount: 2, distinctItems: 1)
        #expect(Set(wrongSide.map(\.field)) == ["life_event", "items"])
        #expect(
            CatalogueCheck.bundleLimits([.init(legalDays: 20, promisedDays: 5), .init(legalDays: 10, promisedDays: 8)])
                == ServiceLimits(legalDays: 20, promisedDays: 8))
    }
}
