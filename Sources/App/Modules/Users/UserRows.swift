import Foundation
import GaoxinCore

/// A grid a login works in, as the user page lists it.
struct GridAssignmentRow: Codable, Sendable {
    var id: Int64
    var gridId: Int64
    var kind: String
    var partyBranch: String?
    var gridCode: String
    var gridName: String
}

/// A grid assignment to save: the grid, 专职/兼职 and the worker's party branch (党支部).
struct GridAssignment: Sendable, Equatable {
    var gridID: Int64
    var kind: GridWorkerKind
    var partyBranch: String?
}

/// One stored activation code (only its hash): for a resident record (`personId`, the login is made
/// on activation) or for an imported account (`userId`, its first password is set on activation).
struct ActivationCodeRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var personId: Int64?
    var userId: Int64?
    var codeHash: String
    var issuedBy: Int64?
    var createdAt: Int64
    var expiresAt: Int64
    var failedAttempts: Int
    var usedAt: Int64?
    var revokedAt: Int64?
}

/// The one-time codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in
/// groups of four, about 60 bits from the system random generator; typed in any case, with or
/// without the dashes.
enum ActivationCode {
    static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    static let days: Int64 = 7
    static let maxFailures = 5

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 12, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// The code as stored and compared: upper case, without dashes and spaces.
    static func normalized(_ text: String) -> String {
        String(text.uppercased().filter { $0 != "-" && !$0.isWhitespace }.prefix(40))
    }

    static func hash(_ text: String) -> String { APITokens.hash("activation:" + normalized(text)) }
}

/// Usernames as every account form checks them.
enum Username {
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "请填写" }
        if name.count > 60 || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._@-".contains($0)) }) {
            return "只能包含英文字母、数字和 . _ @ -，不超过 60 个字符"
        }
        return nil
    }
}
