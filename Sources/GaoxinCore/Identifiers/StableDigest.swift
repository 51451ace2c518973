/// FNV-1a, 64 bits: a fingerprint that is the same in every process, so it can be stored and
/// compared on the next run (Swift's `Hasher` is seeded per process). Used to tell which
/// enterprises' outcomes or inputs changed since a zone was last matched or ranked.
public struct StableDigest: Sendable {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            hash ^= v & 0xff
            hash &*= 0x100_0000_01b3
            v >>= 8
        }
    }

    /// The text's UTF-8 bytes, then a separator no UTF-8 text holds, so ("ab", "c") ≠ ("a", "bc").
    public mutating func add(_ text: String) {
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        hash ^= 0xff
        hash &*= 0x100_0000_01b3
    }

    public var value: Int64 { Int64(bitPattern: hash) }
}
