import GaoxinCore
import Testing

@Suite struct MobileNumberTests {
    @Test(arguments: ["13800138000", "+86 138 0013 8000", "86-138-0013-8000", "0086 13800138000", " 138-0013-8000 "])
    func normalisesCommonForms(text: String) throws {
        #expect(try MobileNumber(text).value == "13800138000")
    }

    @Test func masksTheMiddle() throws {
        #expect(try MobileNumber("19912345678").masked == "199****5678")
    }

    @Test func rejectionsSayWhatIsWrong() {
        func rejection(_ text: String) -> IdentifierError? {
            do {
                _ = try MobileNumber(text)
                return nil
            } catch { return error }
        }
        #expect(rejection("1380013800") == .wrongLength(field: "手机号", expected: 11, actual: 10))
        #expect(rejection("12800138000") == .invalidMobilePrefix("12800138000"))
        #expect(rejection("12800138000")?.message == "手机号“12800138000”不是中国大陆手机号：应以13–19开头")
        #expect(
            rejection("1380013800O") == .illegalCharacter(field: "手机号", position: 11, character: "O", allowed: "数字"))
        #expect(rejection("010-88886666") != nil)  // a landline
        #expect(rejection("") == .empty(field: "手机号"))
    }
}
