import Foundation

/// What a parser can reuse from one document to the next when it parses many small ones (JSON
/// lines): working stacks, and a cache of `String`s for text that repeats, such as the keys of
/// every record ("high_tech_revenue_ratio") and categorical values ("新一代信息技术"). A cache hit
/// costs a hash and a byte comparison instead of a heap allocation. Fixed size; a colliding entry
/// is replaced.
struct ParserScratch {
    /// Key hashes of the objects being parsed (a stack shared by nested objects).
    var keyHashes: [UInt64] = []
    /// Member count of the last object seen at each depth, to size the next one's storage.
    var sizeHints: [Int] = []
    /// For `JSONParser.parse(_:capturingMember:atDepth:scratch:)`: the captured source ranges.
    var captured: [Range<Int>?] = []

    private var hashes: [UInt64]
    private var strings: [String]
    private let mask: Int

    /// Strings longer than this are not cached: they rarely repeat and cost more to compare.
    static let maximumLength = 48

    /// `capacity` 0 caches nothing (for one-off documents).
    init(capacity: Int = 1024) {
        guard capacity > 0 else {
            hashes = []
            strings = []
            mask = -1
            return
        }
        var size = 1
        while size < capacity { size <<= 1 }
        hashes = [UInt64](repeating: 0, count: size)
        strings = [String](repeating: "", count: size)
        mask = size - 1
    }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> String {
        guard mask >= 0, bytes.count <= Self.maximumLength else { return String(decoding: bytes, as: UTF8.self) }
        let slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        if hashes[slot] == hash {
            var cached = strings[slot]
            let same = cached.withUTF8 { c in
                c.count == bytes.count && (c.count == 0 || memcmp(c.baseAddress!, bytes.baseAddress!, c.count) == 0)
            }
            if same { return cached }
        }
        let made = String(decoding: bytes, as: UTF8.self)
        hashes[slot] = hash
        strings[slot] = made
        return made
    }
}
