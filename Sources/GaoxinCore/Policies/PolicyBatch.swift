import Foundation

/// Matches a whole zone at once (应知尽知、应享尽享 after every policy or data change): every
/// enterprise's record is built from its stored inputs and every item's rule is run by the compiled
/// batch program, on all cores. It answers only which items hold and the estimated amounts; the
/// sentences explaining a pair are rendered by `PolicyMatcher` when somebody looks at it, so a
/// zone of 100 000 enterprises × 300 items never writes 30 million explanations.
public struct PolicyBatch: Sendable {
    public struct Item: Sendable {
        public let id: Int64
        public let rule: JSONValue
        public let benefit: PolicyBenefit

        public init(id: Int64, rule: JSONValue, benefit: PolicyBenefit) {
            self.id = id
            self.rule = rule
            self.benefit = benefit
        }
    }

    /// One enterprise as stored: the profile JSON, founding day, each year's figures as JSON text
    /// (the `enterprise_facts` rows) and the certifications.
    public struct Input: Sendable {
        public let enterpriseID: Int64
        public var profileJSON: String?
        public var foundedOn: Day?
        public var yearsJSON: [String]
        public var certifications: [Certification]

        /// A stable fingerprint of everything stored that the record is built from: on one day,
        /// equal digests mean equal records (the zone's rankings re-evaluate only the others).
        public var digest: Int64 {
            var digest = StableDigest()
            digest.add(profileJSON ?? "\u{0}")
            // Days as their numbers, not formatted as text (which took longer than the hashing);
            // no day is numbered Int64.max, so it stands for none.
            let days = { (day: Day?) in day.map { Int64($0.dayNumber) } ?? .max }
            digest.add(UInt64(bitPattern: days(foundedOn)))
            // Sorted: the rows come in whatever order the database keeps them (PostgreSQL moves an
            // updated row), which must not make an unchanged enterprise look changed.
            for year in yearsJSON.sorted() { digest.add(year) }
            digest.add(0xffff)
            for (kind, from, to) in certifications.map({ ($0.kind.rawValue, days($0.certifiedOn), days($0.expiresOn)) })
                .sorted(by: { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) })
            {
                digest.add(kind)
                digest.add(UInt64(bitPattern: from))
                digest.add(UInt64(bitPattern: to))
            }
            return digest.value
        }

        /// The fingerprint of the record as of `today`, for results that read its age up to `ages`:
        /// the stored inputs, the year (the record's windows count back from it), the certifications
        /// valid that day, and the age only while it can still change a result. Equal on two days,
        /// the rankings' results are equal, so a new day re-evaluates only the young and those whose
        /// certifications started or ended.
        public func digest(on today: Day, ages: AgeHorizon) -> Int64 {
            var day = StableDigest()
            day.add(UInt64(bitPattern: digest))
            day.add(UInt64(today.year))
            for kind in certifications.filter({ $0.isValid(on: today) }).map(\.kind.rawValue).sorted() { day.add(kind) }
            day.add(0xffff)
            if let founded = foundedOn {
                let age = founded.days(until: today)
                if ages.isSettled(atAge: age) {
                    day.add(1)
                } else {
                    day.add(2)
                    day.add(UInt64(bitPattern: Int64(age)))
                }
            }
            return day.value
        }

        public init(
            enterpriseID: Int64, profileJSON: String? = nil, foundedOn: Day? = nil, yearsJSON: [String] = [],
            certifications: [Certification] = []
        ) {
            self.enterpriseID = enterpriseID
            self.profileJSON = profileJSON
            self.foundedOn = foundedOn
            self.yearsJSON = yearsJSON
            self.certifications = certifications
        }
    }

    public struct Eligible: Sendable, Equatable {
        public let itemID: Int64
        /// 万元; nil when the benefit is not money or can't be computed for this enterprise.
        public let amount: Double?

        public init(itemID: Int64, amount: Double?) {
            self.itemID = itemID
            self.amount = amount
        }
    }

    public struct Outcome: Sendable, Equatable {
        public let enterpriseID: Int64
        /// The year whose figures were read; nil when the enterprise has none.
        public let factsYear: Int?
        /// The items that hold, in item order.
        public let eligible: [Eligible]
        /// A fingerprint of `eligible` (ids and amounts) that stays the same from one run to the
        /// next, so a re-match rewrites only the enterprises whose outcome changed.
        public let digest: Int64
    }

    public let items: [Item]
    let slots: VarSlots
    let program: BatchProgram

    public init(items: [Item]) throws(BatchMatchError) {
        var slots = VarSlots()
        var roots: [Node] = []
        for item in items {
            do {
                roots.append(try JSONLogicRule(item.rule, sharing: &slots).root)
            } catch {
                throw BatchMatchError("条款 \(item.id) 的规则有误：\(error.description)")
            }
        }
        self.items = items
        self.slots = slots
        program = BatchProgram(rules: roots)
    }

    /// Evaluates every item for every input, on up to `threads` cores (0: all). Outcomes come
    /// back in the inputs' order. Enterprises are read as of their latest year with figures
    /// (the year before `today` when none) and with the certifications valid on `today`.
    public func evaluate(_ inputs: [Input], today: Day, threads: Int = 0) -> [Outcome] {
        let results = OutcomeBuffer(count: inputs.count)
        // Records are built a block at a time and every rule runs over the block's columns.
        let chunk = BatchColumns.block
        let width = slots.count
        let words = (items.count + 63) / 64
        BatchMatcher.parallel(chunks: (inputs.count + chunk - 1) / chunk, threads: threads) { c in
            let start = c * chunk
            let count = min(inputs.count, start + chunk) - start
            var columns = BatchColumns(program)
            defer { columns.release() }
            let storage = BatchStorage(count: count, width: width)
            var hints = [Int](repeating: -1, count: width)
            var years = [Int?](repeating: nil, count: count)
            let decoder = JSONDecoder()
            for i in 0..<count {
                let (record, factsYear) = Self.record(inputs[start + i], today: today, decoder: decoder)
                storage.records[i] = record
                years[i] = factsYear
                let row = (i * width)..<((i + 1) * width)
                slots.resolve(
                    record, into: UnsafeMutableBufferPointer(rebasing: storage.slots[row]),
                    present: UnsafeMutableBufferPointer(rebasing: storage.present[row]), hints: &hints)
            }
            let bits = [UInt64](unsafeUninitializedCapacity: max(1, count * words)) { buffer, initialized in
                buffer.initialize(repeating: 0)
                columns.evaluate(
                    roots: program.roots, count: count, records: UnsafePointer(storage.records.baseAddress!),
                    slots: UnsafePointer(storage.slots.baseAddress!),
                    present: UnsafePointer(storage.present.baseAddress!), width: width, bits: buffer.baseAddress!,
                    words: words)
                initialized = buffer.count
            }
            for i in 0..<count {
                var eligible: [Eligible] = []
                for p in items.indices where bits[i * words + (p >> 6)] & (1 << UInt64(p & 63)) != 0 {
                    eligible.append(
                        Eligible(itemID: items[p].id, amount: items[p].benefit.estimate(for: storage.records[i])))
                }
                results.set(
                    start + i,
                    Outcome(
                        enterpriseID: inputs[start + i].enterpriseID, factsYear: years[i], eligible: eligible,
                        digest: Self.digest(eligible)))
            }
        }
        return results.values
    }

    /// The record the rules read for one stored enterprise (see `EnterpriseRecord.build`), and the
    /// year of figures it was built from. Matching and the on-demand explanations both use this,
    /// so a reason shown on a page is always about the record that was matched.
    public static func record(_ input: Input, today: Day, decoder: JSONDecoder = JSONDecoder()) -> (
        record: JSONValue, factsYear: Int?
    ) {
        let years = input.yearsJSON.compactMap(yearFacts)
        let year = years.map(\.year).max() ?? today.year - 1
        var profile =
            input.profileJSON.flatMap { try? decoder.decode(EnterpriseProfile.self, from: Data($0.utf8)) }
            ?? EnterpriseProfile()
        profile.foundedOn = input.foundedOn
        let valid = Set(input.certifications.filter { $0.isValid(on: today) }.map(\.kind.rawValue))
        return (
            EnterpriseRecord.build(profile: profile, years: years, year: year, today: today, certifications: valid),
            years.isEmpty ? nil : year
        )
    }

    /// One year's figures from its stored JSON, read with the fast parser (the batch reads
    /// hundreds of thousands of these); unknown keys are ignored as `Codable` would.
    static func yearFacts(_ text: String) -> YearFacts? {
        guard case .object(let object)? = try? JSONParser.parse(text), case .number(let year)? = object["year"] else {
            return nil
        }
        var facts = YearFacts(year: Int(year))
        // Each member is looked up once among the fields (a year has about ten members), instead of
        // each of the thirty fields searched for by name among the members: the string comparisons
        // took a tenth of a zone's evaluation.
        for (key, value) in object {
            if case .number(let number) = value, let path = YearFacts.numericFieldPaths[key] {
                facts[keyPath: path] = number
            }
        }
        return facts
    }

    /// A stable fingerprint of the item ids and the amounts' bits (see `StableDigest`).
    public static func digest(_ eligible: [Eligible]) -> Int64 {
        var digest = StableDigest()
        for e in eligible {
            digest.add(UInt64(bitPattern: e.itemID))
            digest.add(e.amount.map { $0.bitPattern } ?? 0x7ff8_dead_beef_0001)
        }
        return digest.value
    }

    /// Each worker writes only its own indices.
    private final class OutcomeBuffer: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<Outcome?>

        init(count: Int) {
            buffer = .allocate(capacity: max(1, count))
            buffer.initialize(repeating: nil)
            self.count = count
        }

        let count: Int

        func set(_ k: Int, _ outcome: Outcome) { buffer[k] = outcome }

        var values: [Outcome] { (0..<count).map { buffer[$0]! } }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }
    }
}
