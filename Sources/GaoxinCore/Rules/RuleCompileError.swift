/// Why a rule was refused, pointing at the bad part with a JSON pointer such as `/and/1/>=/0`
/// (object keys and array positions from the top of the rule), so an editor can highlight it.
public struct RuleCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// JSON pointer to the offending part; empty for the whole rule.
    public let pointer: String
    /// What is wrong, in Chinese.
    public let reason: String

    public init(pointer: String, reason: String) {
        self.pointer = pointer
        self.reason = reason
    }

    public var description: String {
        pointer.isEmpty ? "规则有误：\(reason)" : "规则 \(pointer) 处有误：\(reason)"
    }
}
