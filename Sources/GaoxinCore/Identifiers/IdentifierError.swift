/// Why an identifier typed by a user was rejected; `message` says it in Chinese for the form.
public enum IdentifierError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty(field: String)
    case wrongLength(field: String, expected: Int, actual: Int)
    /// `position` is 1-based, as people count characters on a certificate.
    case illegalCharacter(field: String, position: Int, character: Character, allowed: String)
    case checkCharacterMismatch(field: String, expected: Character, given: Character)
    case unknownRegistrationAuthority(Character)
    case unknownOrganisationType(authority: Character, authorityName: String, type: Character)
    case invalidBirthDate(String)
    case birthDateInFuture(Day)
    case birthDateTooEarly(Day)
    case invalidMobilePrefix(String)

    public var message: String {
        switch self {
        case .empty(let field):
            "请填写\(field)"
        case .wrongLength(let field, let expected, let actual):
            "\(field)应为\(expected)位，实际为\(actual)位"
        case .illegalCharacter(let field, let position, let character, let allowed):
            "\(field)第\(position)位“\(character)”不合法，此处只能是\(allowed)"
        case .checkCharacterMismatch(let field, let expected, let given):
            "\(field)校验位不符：按前面各位计算应为“\(expected)”，实际为“\(given)”，请检查是否有位输错"
        case .unknownRegistrationAuthority(let code):
            "统一社会信用代码第1位（登记管理部门代码）“\(code)”不存在"
        case .unknownOrganisationType(let authority, let name, let type):
            "统一社会信用代码第2位（机构类别代码）“\(type)”不属于登记管理部门“\(authority)（\(name)）”的类别"
        case .invalidBirthDate(let text):
            "身份证号第7–14位的出生日期“\(text)”不是真实日期"
        case .birthDateInFuture(let day):
            "身份证号中的出生日期 \(day) 晚于今天"
        case .birthDateTooEarly(let day):
            "身份证号中的出生日期 \(day) 早于1900年"
        case .invalidMobilePrefix(let number):
            "手机号“\(number)”不是中国大陆手机号：应以13–19开头"
        }
    }

    public var description: String { message }
}
