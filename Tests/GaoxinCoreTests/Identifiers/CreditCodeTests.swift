import GaoxinCore
import Testing

@Suite struct CreditCodeTests {
    func rejection(_ text: String) -> IdentifierError? {
        do {
            _ = try CreditCode(text)
            return nil
        } catch { return error }
    }

    @Test(arguments: [
        "91350100M000100Y43",  // the example printed in GB 32100-2015
        "91110108MA01C2B5R9",  // 企业, 北京海淀
        "31110000E00017525U",  // 律师执业机构
        "521000005000212760",  // 民办非企业单位
        "N2330110MF1234567D",  // 村级集体经济组织
    ])
    func acceptsValidCodes(code: String) throws {
        #expect(try CreditCode(code).value == code)
    }

    @Test func normalisesCaseAndSpaces() throws {
        let code = try CreditCode("  91110108 ma01c2b5r9 ")
        #expect(code.value == "91110108MA01C2B5R9")
        #expect(code.registrationAuthority == "工商")
        #expect(code.organisationType == "企业")
        #expect(code.divisionCode == "110108")
    }

    @Test func rejectsWrongLength() {
        #expect(rejection("91110108MA01C2B5R") == .wrongLength(field: "统一社会信用代码", expected: 18, actual: 17))
        #expect(rejection("   ") == .empty(field: "统一社会信用代码"))
        #expect(rejection("91110108MA01C2B5R")?.message == "统一社会信用代码应为18位，实际为17位")
    }

    @Test func namesThePositionOfAnIllegalCharacter() {
        // I, O, S, V and Z are never used (they look like 1, 0, 5, U and 2).
        let error = rejection("91110108MAO1C2B5R9")
        #expect(
            error
                == .illegalCharacter(
                    field: "统一社会信用代码", position: 11, character: "O",
                    allowed: "数字或除 I、O、S、V、Z 以外的大写字母"))
        #expect(error?.message.hasPrefix("统一社会信用代码第11位“O”不合法") == true)
    }

    @Test func checksTheCodeTable() {
        #expect(rejection("B1110108MA01C2B5R9") == .unknownRegistrationAuthority("B"))
        let error = rejection("94110108MA01C2B5R9")
        #expect(error == .unknownOrganisationType(authority: "9", authorityName: "工商", type: "4"))
        #expect(error?.message.contains("第2位（机构类别代码）“4”") == true)
    }

    @Test func divisionCodeMustBeDigits() {
        #expect(
            rejection("9111A108MA01C2B5R9")
                == .illegalCharacter(
                    field: "统一社会信用代码", position: 5, character: "A", allowed: "数字（第3–8位为登记管理机关行政区划码）"))
    }

    @Test func reportsExpectedAndGivenCheckCharacter() {
        let error = rejection("91110108MA01C2B5R8")
        #expect(error == .checkCharacterMismatch(field: "统一社会信用代码", expected: "9", given: "8"))
        #expect(error?.message.contains("应为“9”，实际为“8”") == true)
        // Two swapped characters are caught too.
        #expect(rejection("91110108AM01C2B5R9") != nil)
    }
}
