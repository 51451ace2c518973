import GaoxinCore
import Testing

@Suite struct ResidentIDTests {
    let today = Day(year: 2026, month: 11, day: 25)!

    func rejection(_ text: String) -> IdentifierError? {
        do {
            _ = try ResidentID(text, today: today)
            return nil
        } catch { return error }
    }

    @Test func acceptsTheStandardsExampleAndNormalisesLowercaseX() throws {
        let id = try ResidentID(" 11010519491231002x", today: today)
        #expect(id.value == "11010519491231002X")
        #expect(id.birthDate == Day(year: 1949, month: 12, day: 31))
        #expect(id.sex == .female)  // 17th digit 2 is even
        #expect(id.masked == "11**************2X")
        #expect("\(id)" == "11**************2X")  // printing never shows the full number
    }

    @Test func extractsSexAndLeapDayBirth() throws {
        let id = try ResidentID("110105200002291235", today: today)
        #expect(id.birthDate == Day(year: 2000, month: 2, day: 29))
        #expect(id.sex == .male)
        #expect(id.sex.label == "男")
        #expect(try ResidentID("110105198001015554", today: today).sex == .male)
    }

    @Test func rejectsLengthAndCharacters() {
        #expect(rejection("1101051949123100") == .wrongLength(field: "身份证号", expected: 18, actual: 16))
        #expect(
            rejection("1101051949A231002X")
                == .illegalCharacter(field: "身份证号", position: 11, character: "A", allowed: "数字"))
        #expect(
            rejection("11010519491231002Y")
                == .illegalCharacter(field: "身份证号", position: 18, character: "Y", allowed: "数字或 X"))
        #expect(rejection("")?.message == "请填写身份证号")
    }

    @Test func reportsTheExpectedCheckCharacter() {
        let error = rejection("110105194912310021")
        #expect(error == .checkCharacterMismatch(field: "身份证号", expected: "X", given: "1"))
        #expect(error?.message == "身份证号校验位不符：按前面各位计算应为“X”，实际为“1”，请检查是否有位输错")
    }

    @Test func rejectsImpossibleBirthDates() {
        #expect(rejection("110105190002290023") == .invalidBirthDate("19000229"))  // 1900 is not a leap year
        #expect(rejection("110105189912310023") == .birthDateTooEarly(Day(year: 1899, month: 12, day: 31)!))
        #expect(rejection("440306202611260011") == .birthDateInFuture(Day(year: 2026, month: 11, day: 26)!))
        #expect(rejection("440306202611260011")?.message == "身份证号中的出生日期 2026-11-26 晚于今天")
    }

    @Test func bornYesterdayIsFine() throws {
        #expect(try ResidentID("440306202611240014", today: today).birthDate == Day(year: 2026, month: 11, day: 24))
    }
}
