/// 统一社会信用代码 (GB 32100-2015), validated: 18 characters from 0-9 and A–Y without I O S V Z,
/// a known registration authority and organisation type, a six-digit division code and the mod-31
/// check character.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    /// The normalised code: upper case, no spaces.
    public let value: String

    static let field = "统一社会信用代码"
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Accepts lower case and surrounding or inner spaces (as copied from a scanned licence).
    public init(_ text: String) throws(IdentifierError) {
        let characters = Array(text.uppercased().filter { !$0.isWhitespace })
        guard !characters.isEmpty else { throw .empty(field: Self.field) }
        guard characters.count == 18 else {
            throw .wrongLength(field: Self.field, expected: 18, actual: characters.count)
        }
        var values: [Int] = []
        for (index, character) in characters.enumerated() {
            guard let value = Self.alphabet.firstIndex(of: character) else {
                throw .illegalCharacter(
                    field: Self.field, position: index + 1, character: character,
                    allowed: "数字或除 I、O、S、V、Z 以外的大写字母")
            }
            values.append(value)
        }
        guard let authority = CreditCodeTable.authorities[characters[0]] else {
            throw .unknownRegistrationAuthority(characters[0])
        }
        guard authority.types[characters[1]] != nil else {
            throw .unknownOrganisationType(authority: characters[0], authorityName: authority.name, type: characters[1])
        }
        for position in 2..<8 where !("0"..."9").contains(characters[position]) {
            throw .illegalCharacter(
                field: Self.field, position: position + 1, character: characters[position],
                allowed: "数字（第3–8位为登记管理机关行政区划码）")
        }
        let expected = Self.checkCharacter(values[0..<17])
        guard characters[17] == expected else {
            throw .checkCharacterMismatch(field: Self.field, expected: expected, given: characters[17])
        }
        value = String(characters)
    }

    /// The check character for the first 17 character values.
    static func checkCharacter(_ values: ArraySlice<Int>) -> Character {
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// 登记管理部门, e.g. "工商".
    public var registrationAuthority: String { CreditCodeTable.authorities[Array(value)[0]]!.name }

    /// 机构类别, e.g. "企业".
    public var organisationType: String {
        let characters = Array(value)
        return CreditCodeTable.authorities[characters[0]]!.types[characters[1]]!
    }

    /// 登记管理机关行政区划码 (positions 3–8), e.g. "110108".
    public var divisionCode: String { String(value.dropFirst(2).prefix(6)) }

    public var description: String { value }
}
