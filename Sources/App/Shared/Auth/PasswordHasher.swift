import HummingbirdBcrypt
import NIOPosix

/// Bcrypt off the event loop: a hash takes a quarter of a second by design, which must not stall
/// other requests.
struct PasswordHasher: Sendable {
    var cost: UInt8 = 12

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// The rules a new password must meet, as messages for the form (empty when it is fine).
    static func problems(with password: String, username: String) -> [String] {
        var problems: [String] = []
        if password.count < 10 { problems.append("密码至少 10 个字符") }
        if password.count > 128 { problems.append("密码不能超过 128 个字符") }
        if password.lowercased() == username.lowercased() { problems.append("密码不能与用户名相同") }
        let kinds = [
            password.contains(where: \.isLetter), password.contains(where: \.isNumber),
            password.contains(where: { !$0.isLetter && !$0.isNumber }),
        ].filter { $0 }.count
        if kinds < 2 { problems.append("密码需包含字母、数字、符号中的至少两类") }
        return problems
    }
}
