import Foundation

/// Which enterprise matched which policy.
public struct MatchResult: Sendable {
    public let enterpriseIDs: [String]
    public let policyIDs: [String]
    /// One bit per (enterprise, policy), row-major, 64 policies per word.
    let bits: [UInt64]

    private var words: Int { (policyIDs.count + 63) / 64 }

    public func matches(enterprise e: Int, policy p: Int) -> Bool {
        bits[e * words + (p >> 6)] & (1 << UInt64(p & 63)) != 0
    }

    public var matchCount: Int { bits.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The policy indices matched by enterprise `e`, in policy order.
    public func policies(matchedBy e: Int) -> [Int] {
        policyIDs.indices.filter { matches(enterprise: e, policy: $0) }
    }

    /// The output file's bytes: `enterprise_id<TAB>policy_id` lines sorted by code point, each
    /// ending in "\n"; a lone "\n" when nothing matched (as the peer's `"\n".join(…) + "\n"`).
    public func tsv() -> [UInt8] {
        let eids = FlatTexts(enterpriseIDs)
        let pids = FlatTexts(policyIDs)
        let policyOrder = pids.sortedIndices(tabTerminated: false)
        // When no enterprise id holds a byte ≤ TAB, the line order is the order of "id<TAB>" and
        // then of the policy id, so lines come out sorted without sorting them one by one.
        guard !eids.hasByte(atMost: 0x09) else { return sortedLines() }
        let order = eids.sortedIndices(tabTerminated: true)
        let words = self.words
        let wordOf = policyOrder.map { $0 >> 6 }
        let maskOf = policyOrder.map { UInt64(1) << UInt64($0 & 63) }
        let capacity = matchCount * (eids.longest + pids.longest + 2) + 1
        return [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            var w = 0
            func line(_ e: Int, _ p: Int) {
                w += eids.copy(e, to: out.baseAddress! + w)
                out[w] = 0x09
                w += 1
                w += pids.copy(p, to: out.baseAddress! + w)
                out[w] = 0x0A
                w += 1
            }
            bits.withUnsafeBufferPointer { bits in
                var k = 0
                while k < order.count {
                    var end = k + 1
                    while end < order.count, eids.same(order[end], order[k]) { end += 1 }
                    if end == k + 1 {
                        let row = order[k] * words
                        for rank in policyOrder.indices where bits[row + wordOf[rank]] & maskOf[rank] != 0 {
                            line(order[k], policyOrder[rank])
                        }
                    } else {
                        // Enterprises sharing an id interleave their lines by policy id.
                        for rank in policyOrder.indices {
                            for e in order[k..<end] where bits[e * words + wordOf[rank]] & maskOf[rank] != 0 {
                                line(e, policyOrder[rank])
                            }
                        }
                    }
                    k = end
                }
            }
            if w == 0 {
                out[0] = 0x0A
                w = 1
            }
            written = w
        }
    }

    /// The general case: build every line and sort them.
    private func sortedLines() -> [UInt8] {
        var lines: [[UInt8]] = []
        for e in enterpriseIDs.indices {
            for p in policyIDs.indices where matches(enterprise: e, policy: p) {
                lines.append(Array(enterpriseIDs[e].utf8) + [0x09] + Array(policyIDs[p].utf8))
            }
        }
        lines.sort { $0.lexicographicallyPrecedes($1) }
        var out: [UInt8] = []
        for line in lines {
            out.append(contentsOf: line)
            out.append(0x0A)
        }
        return out.isEmpty ? [0x0A] : out
    }

    /// The matched pairs in output order.
    public func sortedPairs() -> [(enterprise: String, policy: String)] {
        let text = String(decoding: tsv(), as: UTF8.self)
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }
}

/// Many short texts in one byte buffer, for sorting and copying ids without per-id objects.
private struct FlatTexts {
    private let bytes: [UInt8]
    private let starts: [Int]

    init(_ texts: [String]) {
        var bytes: [UInt8] = []
        var starts = [0]
        for t in texts {
            bytes.append(contentsOf: t.utf8)
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
    }

    var longest: Int { zip(starts.dropFirst(), starts).map { $0 - $1 }.max() ?? 0 }

    func hasByte(atMost limit: UInt8) -> Bool { bytes.contains { $0 <= limit } }

    func same(_ a: Int, _ b: Int) -> Bool {
        let (x, y) = (starts[a]..<starts[a + 1], starts[b]..<starts[b + 1])
        return x.count == y.count && bytes[x].elementsEqual(bytes[y])
    }

    /// Copies text `i` to `to`, returning its length.
    func copy(_ i: Int, to: UnsafeMutablePointer<UInt8>) -> Int {
        let range = starts[i]..<starts[i + 1]
        bytes.withUnsafeBufferPointer { b in to.update(from: b.baseAddress! + range.lowerBound, count: range.count) }
        return range.count
    }

    /// Indices in byte order of their texts, each followed by a TAB when `tabTerminated`
    /// (so "E1" sorts before "E10": TAB is below every digit). Ties keep their order.
    func sortedIndices(tabTerminated: Bool) -> [Int] {
        bytes.withUnsafeBufferPointer { b in
            starts.indices.dropLast().sorted { i, j in
                let (x, y) = (starts[i]..<starts[i + 1], starts[j]..<starts[j + 1])
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(b.baseAddress! + x.lowerBound, b.baseAddress! + y.lowerBound, n)
                if c != 0 { return c < 0 }
                if x.count == y.count { return i < j }
                if !tabTerminated { return x.count < y.count }
                // The shorter text's TAB meets the longer one's next byte.
                return x.count < y.count ? 0x09 < b[y.lowerBound + n] : b[x.lowerBound + n] < 0x09
            }
        }
    }
}
