import Foundation
import Synchronization

/// Matches every enterprise against every policy rule, on all cores, and lists the truthy pairs
/// exactly as the Python reference peer writes them (sorted `enterprise_id<TAB>policy_id` lines).
///
/// All rules are compiled with one shared table of field paths, so each enterprise record has its
/// fields looked up once (into "slots") and every rule then reads them by position.
public struct BatchMatcher: Sendable {
    public struct Policy: Sendable {
        /// The id as Python's `str()` prints it (the output's second column).
        public let id: String
        public let name: String
        public let rule: JSONLogicRule
    }

    public let policies: [Policy]
    let slots: VarSlots

    /// Reads `[{"id", "name", "rule"}, …]`, compiling each rule; a bad rule names its policy.
    public init(policies json: JSONValue) throws(BatchMatchError) {
        guard case .array(let items) = json else {
            throw BatchMatchError("政策文件应为 JSON 数组（[{\"id\", \"name\", \"rule\"}, …]），实际是\(json.typeName)")
        }
        var slots = VarSlots()
        var policies: [Policy] = []
        policies.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else {
                throw BatchMatchError("第 \(i + 1) 条政策应为对象，实际是\(item.typeName)")
            }
            guard let idValue = o["id"] else { throw BatchMatchError("第 \(i + 1) 条政策缺少 id") }
            let id = PythonText.str(idValue, raw: nil)
            guard let ruleJSON = o["rule"] else { throw BatchMatchError("政策 \(id) 缺少 rule") }
            do {
                let rule = try JSONLogicRule(ruleJSON, sharing: &slots)
                policies.append(Policy(id: id, name: o["name"]?.stringValue ?? "", rule: rule))
            } catch {
                throw BatchMatchError("政策 \(id) 的规则有误：\(error.description)")
            }
        }
        self.policies = policies
        self.slots = slots
    }

    /// Parses a policies file's text.
    public init(policiesText bytes: UnsafeRawBufferPointer) throws(BatchMatchError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw BatchMatchError("政策文件不是有效的 JSON：\(error.description)")
        }
        try self.init(policies: json)
    }

    // MARK: - Loading enterprises

    /// Parses JSON lines (one enterprise object with an `id` per line; blank lines skipped) on up
    /// to `threads` cores and resolves every rule field of every record.
    public func load(enterpriseLines bytes: UnsafeRawBufferPointer, threads: Int = 0) throws(BatchMatchError) -> EnterpriseBatch {
        let lines = Self.splitLines(bytes)
        let n = lines.count
        let width = slots.count
        var ids = [String](repeating: "", count: n)
        var records = [JSONValue](repeating: .null, count: n)
        var slotValues = [JSONValue?](repeating: nil, count: n * width)
        let chunk = 256
        let chunks = (n + chunk - 1) / chunk
        var failures = [BatchMatchError?](repeating: nil, count: chunks)
        let slots = self.slots
        ids.withUnsafeMutableBufferPointer { idsOut in
            records.withUnsafeMutableBufferPointer { recordsOut in
                slotValues.withUnsafeMutableBufferPointer { slotsOut in
                    failures.withUnsafeMutableBufferPointer { failuresOut in
                        let out = LoadTargets(
                            bytes: bytes, ids: idsOut, records: recordsOut, slots: slotsOut, failures: failuresOut)
                        Self.parallel(chunks: chunks, threads: threads) { c in
                            for k in (c * chunk)..<min(n, (c + 1) * chunk) {
                                let line = lines[k]
                                let text = UnsafeRawBufferPointer(rebasing: out.bytes[line.range])
                                do {
                                    let (record, rawID) = try JSONParser.parse(text, capturingMember: "id")
                                    guard case .object(let object) = record else {
                                        throw BatchMatchError("第 \(line.number) 行应为 JSON 对象，实际是\(record.typeName)")
                                    }
                                    guard let id = object["id"] else { throw BatchMatchError("第 \(line.number) 行缺少 id 字段") }
                                    out.ids[k] = PythonText.str(id, raw: rawID)
                                    out.records[k] = record
                                    slots.resolve(record, into: UnsafeMutableBufferPointer(rebasing: out.slots[(k * width)..<((k + 1) * width)]))
                                } catch let error as BatchMatchError {
                                    out.failures[c] = error
                                    return
                                } catch {
                                    out.failures[c] = BatchMatchError("第 \(line.number) 行不是有效的 JSON：\(error)")
                                    return
                                }
                            }
                        }
                    }
                }
            }
        }
        // Chunks run in any order; the first failing chunk holds the earliest bad line.
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return EnterpriseBatch(ids: ids, records: records, slotValues: slotValues, width: width)
    }

    private struct LoadTargets: @unchecked Sendable {
        // Each chunk writes only its own indices, so sharing these buffers across threads is safe.
        let bytes: UnsafeRawBufferPointer
        let ids: UnsafeMutableBufferPointer<String>
        let records: UnsafeMutableBufferPointer<JSONValue>
        let slots: UnsafeMutableBufferPointer<JSONValue?>
        let failures: UnsafeMutableBufferPointer<BatchMatchError?>
    }

    struct Line {
        let range: Range<Int>
        /// 1-based line number in the file.
        let number: Int
    }

    /// Non-blank lines, without their "\n" (or "\r\n").
    static func splitLines(_ bytes: UnsafeRawBufferPointer) -> [Line] {
        var lines: [Line] = []
        guard let base = bytes.baseAddress else { return lines }
        lines.reserveCapacity(bytes.count / 256)
        var start = 0
        var number = 1
        let count = bytes.count
        while start < count {
            let rest = count - start
            let end: Int
            if let p = memchr(base + start, 0x0A, rest) {
                end = base.distance(to: UnsafeRawPointer(p))
            } else {
                end = count
            }
            var trimmed = end
            while trimmed > start, [0x0D, 0x20, 0x09].contains(bytes[trimmed - 1]) { trimmed -= 1 }
            var first = start
            while first < trimmed, [0x20, 0x09].contains(bytes[first]) { first += 1 }
            if first < trimmed { lines.append(Line(range: start..<trimmed, number: number)) }
            start = end + 1
            number += 1
        }
        return lines
    }

    // MARK: - Matching

    /// Evaluates every policy for every enterprise. `progress` is called (from worker threads)
    /// with the number of enterprises finished so far.
    public func match(
        _ batch: EnterpriseBatch, threads: Int = 0, progress: (@Sendable (Int) -> Void)? = nil
    ) -> MatchResult {
        let n = batch.count
        let words = (policies.count + 63) / 64
        var bits = [UInt64](repeating: 0, count: n * words)
        let chunk = 64
        let chunks = (n + chunk - 1) / chunk
        let done = Counter()
        let rules = policies.map(\.rule)
        let width = batch.width
        bits.withUnsafeMutableBufferPointer { bitsOut in
            batch.slotValues.withUnsafeBufferPointer { slotValues in
                batch.records.withUnsafeBufferPointer { records in
                    let out = MatchTargets(bits: bitsOut, slots: slotValues, records: records)
                    Self.parallel(chunks: chunks, threads: threads) { c in
                        let range = (c * chunk)..<min(n, (c + 1) * chunk)
                        for e in range {
                            // A record with no rule fields still needs a valid pointer.
                            let slots = width == 0 ? UnsafePointer<JSONValue?>(bitPattern: 8)! : out.slots.baseAddress! + e * width
                            let record = out.records[e]
                            for (p, rule) in rules.enumerated() where JS.truthy(rule.evaluate(slots: slots, data: record)) {
                                out.bits[e * words + (p >> 6)] |= 1 << UInt64(p & 63)
                            }
                        }
                        if let progress { progress(done.add(range.count)) }
                    }
                }
            }
        }
        return MatchResult(enterpriseIDs: batch.ids, policyIDs: policies.map(\.id), bits: bits)
    }

    private struct MatchTargets: @unchecked Sendable {
        // Each enterprise's bits are written by the one chunk that owns it; inputs are read-only.
        let bits: UnsafeMutableBufferPointer<UInt64>
        let slots: UnsafeBufferPointer<JSONValue?>
        let records: UnsafeBufferPointer<JSONValue>
    }

    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func add(_ k: Int) -> Int { value.add(k, ordering: .relaxed).newValue }
        func next() -> Int { value.add(1, ordering: .relaxed).oldValue }
    }

    /// Runs `work(0..<chunks)` on up to `threads` cores (0: all), handing chunks out one by one so a
    /// slow chunk does not hold the others back.
    static func parallel(chunks: Int, threads: Int, _ work: @Sendable (Int) -> Void) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = min(chunks, threads <= 0 ? cores : threads)
        if workers <= 1 {
            for c in 0..<chunks { work(c) }
            return
        }
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let c = next.next()
                if c >= chunks { return }
                work(c)
            }
        }
    }
}

/// Enterprise records ready for matching: ids, the parsed records, and every rule field resolved.
public struct EnterpriseBatch: Sendable {
    /// Each enterprise's id as Python prints it, in file order.
    public let ids: [String]
    let records: [JSONValue]
    /// `count × width` values, row-major: record k's slot s at `k * width + s`.
    let slotValues: [JSONValue?]
    let width: Int

    public var count: Int { ids.count }
}

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
        var out: [UInt8] = []
        let eids = enterpriseIDs.map { Array($0.utf8) }
        let pids = policyIDs.map { Array($0.utf8) }
        let policyOrder = pids.indices.sorted { pids[$0].lexicographicallyPrecedes(pids[$1]) }
        // When no enterprise id holds a byte ≤ TAB, the line order is the order of "id<TAB>" and
        // then of the policy id, so lines come out sorted without sorting them one by one.
        if eids.allSatisfy({ $0.allSatisfy { $0 > 0x09 } }) {
            let order = eids.indices.sorted { Self.tabKeyPrecedes(eids[$0], eids[$1]) }
            out.reserveCapacity(matchCount * ((eids.first?.count ?? 8) + (pids.first?.count ?? 6) + 2))
            var k = 0
            while k < order.count {
                // Enterprises sharing an id interleave their lines by policy id.
                var group = [order[k]]
                while k + group.count < order.count, eids[order[k + group.count]] == eids[order[k]] {
                    group.append(order[k + group.count])
                }
                for p in policyOrder {
                    for e in group where matches(enterprise: e, policy: p) {
                        out.append(contentsOf: eids[e])
                        out.append(0x09)
                        out.append(contentsOf: pids[p])
                        out.append(0x0A)
                    }
                }
                k += group.count
            }
        } else {
            var lines: [[UInt8]] = []
            for e in eids.indices {
                for p in pids.indices where matches(enterprise: e, policy: p) { lines.append(eids[e] + [0x09] + pids[p]) }
            }
            lines.sort { $0.lexicographicallyPrecedes($1) }
            for line in lines {
                out.append(contentsOf: line)
                out.append(0x0A)
            }
        }
        if out.isEmpty { out.append(0x0A) }
        return out
    }

    /// Whether a + "\t" sorts before b + "\t", byte by byte.
    private static func tabKeyPrecedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] }
        if a.count == b.count { return false }
        return a.count < b.count ? 0x09 < b[n] : a[n] < 0x09
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

/// Why a batch could not be matched, in Chinese, naming the line or the policy.
public struct BatchMatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
