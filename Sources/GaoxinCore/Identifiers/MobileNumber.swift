/// A mainland China mobile number: 11 digits starting 13–19. Accepts a +86 / 0086 / 86 prefix and
/// spaces or dashes ("+86 138-0013-8000"), and keeps only the 11 digits.
public struct MobileNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    static let field = "手机号"

    public init(_ text: String) throws(IdentifierError) {
        var characters = Array(text.filter { !$0.isWhitespace && $0 != "-" && $0 != "－" })
        guard !characters.isEmpty else { throw .empty(field: Self.field) }
        if characters.starts(with: "+86") {
            characters.removeFirst(3)
        } else if characters.starts(with: "0086") {
            characters.removeFirst(4)
        } else if characters.count == 13, characters.starts(with: "86") {
            characters.removeFirst(2)
        }
        for (index, character) in characters.enumerated() where !("0"..."9").contains(character) {
            throw .illegalCharacter(field: Self.field, position: index + 1, character: character, allowed: "数字")
        }
        guard characters.count == 11 else {
            throw .wrongLength(field: Self.field, expected: 11, actual: characters.count)
        }
        guard characters[0] == "1", ("3"..."9").contains(characters[1]) else {
            throw .invalidMobilePrefix(String(characters))
        }
        value = String(characters)
    }

    /// `138****8000`, for lists shown to other staff.
    public var masked: String { String(value.prefix(3)) + "****" + String(value.suffix(4)) }

    public var description: String { value }
}
