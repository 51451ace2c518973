import Foundation
import GaoxinCore
import SQLKit

/// What the official criteria and the innovation points read: each enterprise's record for its
/// latest reported year, with its certifications valid today. Built from the same inputs and by the
/// same code as policy matching (`EnterpriseRecordInputs`, `PolicyBatch.record`): one enterprise's
/// for its page, or a block of a zone's at a time for the zone's rankings (`AssessmentStore`).
struct ZoneEnterpriseRecords: Sendable {
    struct Entry: Sendable {
        let enterpriseID: Int64
        /// The year the record describes (the latest with figures), nil when nothing is reported.
        let year: Int?
        let record: JSONValue
    }

    let entries: [Entry]

    var recorded: [RecordedEnterprise] {
        entries.map { RecordedEnterprise(id: String($0.enterpriseID), record: $0.record) }
    }

    func entry(id: Int64) -> Entry? { entries.first { $0.enterpriseID == id } }

    /// The records of `inputs` as of `today`.
    init(_ inputs: some Sequence<PolicyBatch.Input>, today: Day) {
        let decoder = JSONDecoder()
        entries = inputs.map { input in
            let (record, year) = PolicyBatch.record(input, today: today, decoder: decoder)
            return Entry(enterpriseID: input.enterpriseID, year: year, record: record)
        }
    }

    static func load(db: any SQLDatabase, zoneID: Int64, today: Day, only enterpriseID: Int64? = nil) async throws
        -> ZoneEnterpriseRecords
    {
        ZoneEnterpriseRecords(
            try await EnterpriseRecordInputs(db: db).load(zoneID: zoneID, enterpriseIDs: enterpriseID.map { [$0] }),
            today: today)
    }
}

/// The criteria a zone evaluates: the shipped defaults with the zone's own versions in place.
struct CriteriaStore: Sendable {
    let db: any SQLDatabase

    /// Parsed once per process: the shipped files don't change while it runs.
    static let defaults = Result { () throws(CriterionError) -> CriterionLibrary in try CriterionLibrary.bundled() }

    func library(zoneID: Int64) async throws -> CriterionLibrary {
        try Self.library(overriddenBy: try await overrides(zoneID: zoneID))
    }

    /// The shipped criteria with `overrides` (a zone's own versions) in place.
    static func library(overriddenBy overrides: [(code: String, json: String)]) throws -> CriterionLibrary {
        let base = try defaults.get()
        guard !overrides.isEmpty else { return base }
        let own = overrides.compactMap { try? Criterion(json: Data($0.json.utf8), source: $0.code) }
        return base.overridden(by: try CriterionLibrary(own))
    }

    /// A fingerprint of the zone's own versions: with the shipped ones fixed for the process, equal
    /// fingerprints mean the same criteria.
    static func digest(of overrides: [(code: String, json: String)]) -> Int64 {
        var digest = StableDigest()
        for (code, json) in overrides {
            digest.add(code)
            digest.add(json)
        }
        return digest.value
    }

    /// The zone's own versions, by code (the zone admin's edits; the shipped ones apply elsewhere).
    func overrides(zoneID: Int64) async throws -> [(code: String, json: String)] {
        try await EnterpriseRepository(db: db).criterionOverrides(zoneID: zoneID)
    }

    /// The definition as a zone admin edits it: their version, or the shipped one.
    static func json(of criterion: Criterion) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(criterion.definition)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// An enterprise page's criteria with their explanations, kept by what they are computed from: the
/// enterprise's stored inputs and the zone's criteria, for the day (a record counts the days since
/// founding). Nothing they are computed from can change under an unchanged key, so nothing needs to
/// move them; evaluating five criteria with every sentence was a sixth of the page's CPU.
struct AssessmentViewKey: Hashable, Sendable {
    let inputs: Int64
    let criteria: Int64

    /// Bounded by the texts' bytes (≈ 8 MB): a page's views hold a few kilobytes of sentences.
    static func cache() -> VersionedCache<AssessmentViewKey, [AssessmentView]> { VersionedCache(maxCost: 8 << 20) }

    /// The criteria of the zone evaluated on `record` (built from `input` as of `today`), with
    /// their explanations: kept ones when `kept` has them, else evaluated and kept. The key is the
    /// whole of what they depend on, so the cache's version stays 0.
    static func views(
        of input: PolicyBatch.Input, record: JSONValue, zoneID: Int64, db: any SQLDatabase,
        kept: VersionedCache<AssessmentViewKey, [AssessmentView]>, today: Day
    ) async throws -> [AssessmentView] {
        let overrides = try await CriteriaStore(db: db).overrides(zoneID: zoneID)
        let key = AssessmentViewKey(inputs: input.digest, criteria: CriteriaStore.digest(of: overrides))
        if let views = kept.value(for: key, day: today, version: 0) { return views }
        let views = try CriteriaStore.library(overriddenBy: overrides).criteria.map {
            AssessmentView($0.evaluate(record))
        }
        kept.keep(views, cost: views.textBytes, for: key, day: today, version: 0)
        return views
    }
}

extension [AssessmentView] {
    /// About the bytes the views' texts hold, for the cache's bound.
    var textBytes: Int {
        reduce(0) { total, view in
            total + view.name.utf8.count + view.summary.utf8.count + (view.missing?.utf8.count ?? 0)
                + view.conditions.reduce(0) { $0 + $1.label.utf8.count + $1.detail.utf8.count + 32 }
        }
    }
}
