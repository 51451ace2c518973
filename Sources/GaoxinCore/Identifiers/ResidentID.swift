/// 居民身份证号 (GB 11643-1999), validated: 17 digits and an ISO 7064 MOD 11-2 check character
/// (X for 10), with a real birth date between 1900-01-01 and today. Address codes are not checked
/// against a division list: the list changes every year and the check character catches typos.
public struct ResidentID: Hashable, Sendable, CustomStringConvertible {
    public enum Sex: String, Hashable, Sendable, Codable {
        case male, female
        public var label: String { self == .male ? "男" : "女" }
    }

    /// The normalised number: 18 characters, an upper-case X if any.
    public let value: String
    public let birthDate: Day

    static let field = "身份证号"
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// `today` is the caller's clock (China date), so birth dates in the future are refused.
    public init(_ text: String, today: Day) throws(IdentifierError) {
        let characters = Array(text.uppercased().filter { !$0.isWhitespace })
        guard !characters.isEmpty else { throw .empty(field: Self.field) }
        guard characters.count == 18 else {
            throw .wrongLength(field: Self.field, expected: 18, actual: characters.count)
        }
        for (index, character) in characters.prefix(17).enumerated() where !("0"..."9").contains(character) {
            throw .illegalCharacter(field: Self.field, position: index + 1, character: character, allowed: "数字")
        }
        guard ("0"..."9").contains(characters[17]) || characters[17] == "X" else {
            throw .illegalCharacter(field: Self.field, position: 18, character: characters[17], allowed: "数字或 X")
        }
        let birthText = String(characters[6..<14])
        guard let year = Int(birthText.prefix(4)), let month = Int(birthText.dropFirst(4).prefix(2)),
            let dayOfMonth = Int(birthText.suffix(2)), let birth = Day(year: year, month: month, day: dayOfMonth)
        else { throw .invalidBirthDate(birthText) }
        guard birth.year >= 1900 else { throw .birthDateTooEarly(birth) }
        guard birth <= today else { throw .birthDateInFuture(birth) }

        let sum = zip(characters.prefix(17), Self.weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        let expected = Self.checkCharacters[sum % 11]
        guard characters[17] == expected else {
            throw .checkCharacterMismatch(field: Self.field, expected: expected, given: characters[17])
        }
        value = String(characters)
        birthDate = birth
    }

    /// Odd 17th digit for men, even for women.
    public var sex: Sex {
        Array(value)[16].wholeNumberValue! % 2 == 1 ? .male : .female
    }

    /// For pages and logs: the first 2 and last 2 characters only, e.g. `11**************3X`. Hiding
    /// only the 8 birth-date digits left about 4000 guesses to recover a number (#11).
    public var masked: String { String(value.prefix(2)) + String(repeating: "*", count: 14) + String(value.suffix(2)) }

    /// Masked, so printing an ID never leaks it by accident; use `value` when the full number is meant.
    public var description: String { masked }
}
