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
    let program: BatchProgram
    /// Reads lines straight into slots when the rules read records only through top-level fields.
    let scanner: BatchRecordScanner?

    /// Reads `[{"id", "name", "rule"}, …]`, compiling each rule; a bad rule names its policy.
    public init(policies json: JSONValue) throws(BatchMatchError) {
        try self.init(policies: json, rawIDs: [])
    }

    /// `rawIDs[i]` is the source text of policy i's id, when known (see `PythonText.str`).
    private init(policies json: JSONValue, rawIDs: [Substring?]) throws(BatchMatchError) {
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
            let id = PythonText.str(idValue, raw: i < rawIDs.count ? rawIDs[i] : nil)
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
        program = BatchProgram(rules: policies.map(\.rule.root))
        scanner = program.readsRecordOnlyThroughSlots ? BatchRecordScanner(slots) : nil
    }

    /// Parses a policies file's text.
    public init(policiesText bytes: UnsafeRawBufferPointer) throws(BatchMatchError) {
        let json: JSONValue
        var scratch = ParserScratch(capacity: 0)
        do {
            json = try JSONParser.parse(bytes, capturingMember: "id", atDepth: 2, scratch: &scratch)
        } catch {
            throw BatchMatchError("政策文件不是有效的 JSON：\(error.description)")
        }
        // Ids are captured per object element; other elements are refused below anyway.
        let rawIDs = scratch.captured.map { range in
            range.map { Substring(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) }
        }
        try self.init(policies: json, rawIDs: rawIDs)
    }

    // MARK: - Loading enterprises

    /// Parses JSON lines (one enterprise object with an `id` per line; blank lines skipped) on up
    /// to `threads` cores and resolves every rule field of every record.
    public func load(
        enterpriseLines bytes: UnsafeRawBufferPointer, threads: Int = 0
    ) throws(BatchMatchError) -> EnterpriseBatch {
        let lines = Self.splitLines(bytes)
        let width = slots.count
        let storage = BatchStorage(count: lines.count, width: width)
        let failure = FirstFailure()
        let input = SharedBytes(bytes: bytes)
        let slots = self.slots
        let scanner = self.scanner
        let chunk = 256
        Self.parallel(chunks: (lines.count + chunk - 1) / chunk, threads: threads) { c in
            var scratch = ParserScratch()
            var hints = [Int](repeating: -1, count: width)
            for k in (c * chunk)..<min(lines.count, (c + 1) * chunk) {
                if let scanner {
                    let row = (k * width)..<((k + 1) * width)
                    if let (id, raw) = scanner.scan(
                        UnsafeRawBufferPointer(rebasing: input.bytes[lines[k].range]),
                        slots: UnsafeMutableBufferPointer(rebasing: storage.slots[row]),
                        present: UnsafeMutableBufferPointer(rebasing: storage.present[row]))
                    {
                        storage.ids[k] = PythonText.str(id, raw: raw)
                        continue
                    }
                }
                do throws(BatchMatchError) {
                    try Self.load(
                        lines[k], from: input.bytes, into: storage, at: k, slots: slots, scratch: &scratch,
                        hints: &hints)
                } catch {
                    failure.record(error, line: lines[k].number)
                    return
                }
            }
        }
        if let error = failure.earliest { throw error }
        return EnterpriseBatch(storage: storage, width: width)
    }

    private static func load(
        _ line: Line, from bytes: UnsafeRawBufferPointer, into storage: BatchStorage, at k: Int, slots: VarSlots,
        scratch: inout ParserScratch, hints: inout [Int]
    ) throws(BatchMatchError) {
        let text = UnsafeRawBufferPointer(rebasing: bytes[line.range])
        let record: JSONValue
        do {
            record = try JSONParser.parse(text, capturingMember: "id", atDepth: 1, scratch: &scratch)
        } catch {
            throw BatchMatchError("第 \(line.number) 行第 \(error.column) 列不是有效的 JSON：\(error.reason)")
        }
        guard case .object(let object) = record else {
            throw BatchMatchError("第 \(line.number) 行应为 JSON 对象，实际是\(record.typeName)")
        }
        guard let id = object["id"] else { throw BatchMatchError("第 \(line.number) 行缺少 id 字段") }
        let rawID = (scratch.captured.first ?? nil).map { range in
            Substring(String(decoding: UnsafeRawBufferPointer(rebasing: text[range]), as: UTF8.self))
        }
        storage.ids[k] = PythonText.str(id, raw: rawID)
        storage.records[k] = record
        let row = (k * storage.width)..<((k + 1) * storage.width)
        slots.resolve(
            record, into: UnsafeMutableBufferPointer(rebasing: storage.slots[row]),
            present: UnsafeMutableBufferPointer(rebasing: storage.present[row]), hints: &hints)
    }

    /// The input file's bytes, read by all workers (never written).
    private struct SharedBytes: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
    }

    /// The error of the earliest bad line, whichever worker met it first.
    private final class FirstFailure: Sendable {
        private let state = Mutex<(line: Int, error: BatchMatchError)?>(nil)

        func record(_ error: BatchMatchError, line: Int) {
            state.withLock { s in
                if s == nil || line < s!.line { s = (line, error) }
            }
        }

        var earliest: BatchMatchError? { state.withLock { $0?.error } }
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
        let bits = MatchBits(count: n * words)
        let chunk = BatchColumns.block
        let done = Counter()
        let program = self.program
        let storage = batch.storage
        let width = batch.width
        Self.parallel(chunks: (n + chunk - 1) / chunk, threads: threads) { c in
            var columns = BatchColumns(program)
            defer { columns.release() }
            let start = c * chunk
            let count = min(n, start + chunk) - start
            columns.evaluate(
                roots: program.roots, count: count, records: UnsafePointer(storage.records.baseAddress! + start),
                slots: UnsafePointer(storage.slots.baseAddress! + start * width),
                present: UnsafePointer(storage.present.baseAddress! + start * width), width: width,
                bits: bits.words.baseAddress! + start * words, words: words)
            if let progress { progress(done.add(count)) }
        }
        return MatchResult(enterpriseIDs: Array(storage.ids), policyIDs: policies.map(\.id), bits: Array(bits.words))
    }

    /// One bit per (enterprise, policy); each enterprise's word(s) are written by the one worker
    /// that owns it, so threads never write the same word.
    private final class MatchBits: @unchecked Sendable {
        let words: UnsafeMutableBufferPointer<UInt64>

        init(count: Int) {
            words = .allocate(capacity: max(1, count))
            words.initialize(repeating: 0)
        }

        deinit { words.deallocate() }
    }

    /// Which policies hold for one record, by the batch evaluator (tests compare it with `Node`'s).
    func holds(record: JSONValue) -> [Bool] {
        let storage = BatchStorage(count: 1, width: slots.count)
        storage.records[0] = record
        var hints = [Int](repeating: -1, count: slots.count)
        slots.resolve(record, into: storage.slots, present: storage.present, hints: &hints)
        var machine = program.machine()
        return program.roots.map {
            machine.holds(
                $0, record: UnsafePointer(storage.records.baseAddress!),
                slots: UnsafePointer(storage.slots.baseAddress!),
                present: UnsafePointer(storage.present.baseAddress!))
        }
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
    let storage: BatchStorage
    let width: Int

    /// Each enterprise's id as Python prints it, in file order.
    public var ids: [String] { Array(storage.ids) }
    public var count: Int { storage.ids.count }
}

/// The loaded records in plain buffers that the workers fill in place, each its own rows.
final class BatchStorage: @unchecked Sendable {
    let width: Int
    let ids: UnsafeMutableBufferPointer<String>
    let records: UnsafeMutableBufferPointer<JSONValue>
    /// `count × width` values, row-major: record k's slot s at `k * width + s`.
    let slots: UnsafeMutableBufferPointer<JSONValue>
    /// Whether each slot's path was found (absent slots hold null but select a var's default).
    let present: UnsafeMutableBufferPointer<Bool>

    init(count: Int, width: Int) {
        self.width = width
        ids = Self.make(count, "")
        records = Self.make(count, .null)
        slots = Self.make(count * width, .null)
        present = Self.make(count * width, false)
    }

    private static func make<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
        // One spare element keeps the base address valid when count is 0.
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count + 1)
        buffer.initialize(repeating: value)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
    }

    private static func free<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        let whole = UnsafeMutableBufferPointer(start: buffer.baseAddress, count: buffer.count + 1)
        whole.deinitialize()
        whole.deallocate()
    }

    deinit {
        Self.free(ids)
        Self.free(records)
        Self.free(slots)
        Self.free(present)
    }
}

/// Why a batch could not be matched, in Chinese, naming the line or the policy.
public struct BatchMatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
