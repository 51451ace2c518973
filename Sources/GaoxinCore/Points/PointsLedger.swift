/// The points record of one scheme (a community's resident points, or a zone's enterprise
/// innovation points): its item list, every entry ever made, the published monthly boards and the
/// quarterly reward records.
///
/// A plain value: the app loads it from its database (`init(items:entries:…)` validates what it
/// is given), calls the mutating methods, and saves what changed. Ids are the caller's.
///
/// It may hold only part of the record: each rule reads a known part (a declaration's cap the
/// subject's entries of the item in `PointsItem.capPeriod(containing:)`, a decision the entry
/// decided, a publication the month's earlier versions), and boards are drawn from sums
/// (`PointsBoardSums`) however they were summed.
///
/// Yearly reset (一年一清零) is a reading, not a deletion: balances count only confirmed entries
/// dated in the balance day's calendar year, and earlier years stay queryable.
public struct PointsLedger: Equatable, Sendable {
    public private(set) var items: [PointsItem]
    public internal(set) var entries: [PointsEntry]
    public internal(set) var publications: [PointsPublication]
    public internal(set) var rewardRecords: [PointsRewardRecord]
    private var itemIndex: [String: Int] = [:]
    var entryIndex: [String: Int] = [:]

    public init(
        items: [PointsItem] = [], entries: [PointsEntry] = [], publications: [PointsPublication] = [],
        rewardRecords: [PointsRewardRecord] = []
    ) throws {
        self.items = []
        self.entries = []
        self.publications = publications
        self.rewardRecords = rewardRecords
        for item in items { try addItem(item) }
        for entry in entries {
            guard entryIndex[entry.id] == nil else { throw PointsError.duplicateEntry(entry.id) }
            guard itemIndex[entry.itemID] != nil else { throw PointsError.unknownItem(entry.itemID) }
            entryIndex[entry.id] = self.entries.count
            self.entries.append(entry)
        }
    }

    // MARK: Items

    public func item(_ id: String) -> PointsItem? { itemIndex[id].map { items[$0] } }

    public mutating func addItem(_ item: PointsItem) throws {
        if let problem = item.problem() { throw problem }
        guard itemIndex[item.id] == nil else { throw PointsError.duplicateItem(item.id) }
        itemIndex[item.id] = items.count
        items.append(item)
    }

    /// Replaces the item with the same id. Entries keep the points they were given; a changed
    /// cap applies to entries made from now on.
    public mutating func updateItem(_ item: PointsItem) throws {
        if let problem = item.problem() { throw problem }
        guard let index = itemIndex[item.id] else { throw PointsError.unknownItem(item.id) }
        items[index] = item
    }

    // MARK: Reading

    public func entry(_ id: String) -> PointsEntry? { entryIndex[id].map { entries[$0] } }

    /// Every subject that has any entry, sorted.
    public var subjects: [String] { Set(entries.map(\.subject)).sorted() }

    /// The subject's entries in `period` (all statuses: this is the history), by day then id.
    public func entries(of subject: String, in period: Period? = nil) -> [PointsEntry] {
        entries
            .filter { $0.subject == subject && (period?.contains($0.day) ?? true) }
            .sorted { ($0.day, $0.id) < ($1.day, $1.id) }
    }

    /// Net confirmed points the subject earned in `period`.
    public func points(of subject: String, in period: Period) -> Int {
        entries.reduce(0) { sum, e in
            e.subject == subject && e.status == .confirmed && period.contains(e.day)
                ? sum.adding(clamped: e.points) : sum
        }
    }

    /// The balance at the end of `day`: confirmed entries from 1 January of `day`'s year to `day`.
    /// It starts again from zero every year (一年一清零).
    public func balance(of subject: String, asOf day: Day) -> Int {
        let yearStart = Period.year(day.year).start
        return entries.reduce(0) { sum, e in
            e.subject == subject && e.status == .confirmed && yearStart <= e.day && e.day <= day
                ? sum.adding(clamped: e.points) : sum
        }
    }

    /// Points of `itemID` that count toward its cap for the subject in the cap's period around
    /// `day` (pending and confirmed, by size), leaving out `excluding`.
    public func capUsage(subject: String, itemID: String, on day: Day, excluding: String? = nil) -> Int {
        guard let cap = item(itemID)?.cap else { return 0 }
        let period = Period(cap.per, containing: day)
        return entries.reduce(0) { sum, e in
            e.subject == subject && e.itemID == itemID && e.status.countsTowardCap && period.contains(e.day)
                && e.id != excluding ? sum.adding(clamped: e.points.clampedMagnitude) : sum
        }
    }
}

extension PointsLedger: Codable {
    private enum CodingKeys: String, CodingKey { case items, entries, publications, rewardRecords }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            items: c.decode([PointsItem].self, forKey: .items),
            entries: c.decodeIfPresent([PointsEntry].self, forKey: .entries) ?? [],
            publications: c.decodeIfPresent([PointsPublication].self, forKey: .publications) ?? [],
            rewardRecords: c.decodeIfPresent([PointsRewardRecord].self, forKey: .rewardRecords) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(entries, forKey: .entries)
        try c.encode(publications, forKey: .publications)
        try c.encode(rewardRecords, forKey: .rewardRecords)
    }
}
