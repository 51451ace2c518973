import Crypto
import Foundation

/// The secrets behind API tokens and Open311 keys: made by the system random generator, stored
/// only as a SHA-256 hash.
enum APITokens {
    /// A random secret (system random generator), hex after a prefix that says what it is for.
    static func newSecret(prefix: String = "gx_", bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Every API request hashes its token, so this stays off `String(format:)`.
    static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
