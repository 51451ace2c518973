import Foundation
import GaoxinCore
import Mustache

/// One criterion's verdict for one enterprise, as the enterprise page shows it.
struct AssessmentView: Sendable {
    struct Condition: Sendable {
        let label: String
        let status: String
        let statusClass: String
        let detail: String
    }
    let name: String
    let verdict: String
    let verdictClass: String
    let summary: String
    let score: String?
    let conditions: [Condition]
    let missing: String?
}

extension AssessmentView {
    init(_ result: CriterionResult) {
        name = result.criterionName
        switch result.verdict {
        case .qualified: (verdict, verdictClass) = ("符合", "ok")
        case .notQualified: (verdict, verdictClass) = ("不符合", "bad")
        case .undetermined: (verdict, verdictClass) = ("数据不足", "unknown")
        }
        summary = result.summary
        score = result.score.map { "\(Self.points($0.total)) / \(Self.points($0.maximum)) 分" }
        conditions = (result.conditions + result.directConditions.filter(\.held)).map { c in
            let (status, cls) =
                switch c.status {
                case .met: ("满足", "ok")
                case .notMet: ("不满足", "bad")
                case .missingData: ("缺少数据", "unknown")
                }
            let detail = (c.sentences + c.gapTexts).joined(separator: "；")
            return Condition(
                label: c.label, status: status, statusClass: cls,
                detail: detail.isEmpty ? (c.missingText ?? "") : detail)
        }
        missing = result.missingText
    }

    static func points(_ value: Double) -> String {
        // Whole numbers as such, but only where Int can hold them: a zone's criteria may say anything.
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }
}

/// The 后备 list for one criterion: the 100 enterprises closest to qualifying, closest first.
struct CandidatesPage: Sendable {
    struct Item: Sendable {
        let rank: Int
        let name: String
        let href: String
        let closeness: String
        let parts: String
        let shortfalls: String
    }
    let criteria: [SelectOption]
    let criterionName: String
    let qualifiedCount: Int
    let items: [Item]
    let action = SiteURL.enterpriseCandidates.path

    /// The list for `code` (the zone's first criterion when nil); nil for a code the zone lacks.
    static func load(zoneID: Int64, code requested: String?, db: Database) async throws -> Self? {
        let library = try await CriteriaStore(db: db.sql).library(zoneID: zoneID)
        let code = requested ?? library.codes.first ?? ""
        guard let criterion = library[code] else { return nil }
        let store = AssessmentStore(database: db)
        try await store.ensureFresh(zoneID: zoneID)
        let repo = EnterpriseRepository(db: db.sql)
        let top = try await repo.candidates(zoneID: zoneID, code: code, pager: try Pager(page: 1, size: 100))
        let shortfalls = try await store.shortfalls(top.rows, criterion: criterion, zoneID: zoneID)
        return CandidatesPage(
            criteria: library.criteria.map {
                .init(value: $0.code, label: $0.definition.name, selected: $0.code == code)
            },
            criterionName: criterion.definition.name,
            qualifiedCount: try await repo.assessmentCounts(zoneID: zoneID).enterprises - top.total,
            items: top.rows.map { c in
                Item(
                    rank: c.position, name: c.name, href: SiteURL.enterprise(c.enterpriseID).path,
                    closeness: String(format: "%.0f%%", c.closeness * 100), parts: "\(c.partsMet)/\(c.partsTotal)",
                    shortfalls: (shortfalls[c.enterpriseID] ?? []).joined(separator: "；"))
            })
    }
}

/// The zone's innovation points ranking (企业创新积分制), a page at a time.
struct InnovationPointsPage: Sendable {
    struct Item: Sendable {
        let rank: Int
        let name: String
        let href: String
        let stage: String
        let score: String
        let stageRank: Int
    }
    let tableName: String
    let note: String
    let items: [Item]
    /// How many enterprises the ranking holds.
    let total: Int
    let skipped: Int
    let paging: PageLinks

    static let pageSize = 100

    static func load(zoneID: Int64, pager: Pager, db: Database) async throws -> Self {
        let table = try AssessmentStore.innovationTable.get()
        try await AssessmentStore(database: db).ensureFresh(zoneID: zoneID)
        let repo = EnterpriseRepository(db: db.sql)
        let counts = try await repo.assessmentCounts(zoneID: zoneID)
        let rows = try await repo.innovation(zoneID: zoneID, pager: pager)
        return InnovationPointsPage(
            tableName: table.name, note: table.note ?? "",
            items: rows.map {
                .init(
                    rank: $0.rank, name: $0.name, href: SiteURL.enterprise($0.enterpriseID).path,
                    stage: $0.stage?.label ?? "—", score: String(format: "%.1f", $0.score), stageRank: $0.stageRank)
            },
            total: counts.ranked, skipped: counts.skipped,
            paging: Paged(rows: rows, total: counts.ranked, pager: pager).links(.innovationPoints))
    }
}

/// An enterprise's own innovation points and what they are made of.
struct InnovationView: Sendable {
    let score: String
    let rank: Int
    let total: Int
    let stage: String
    let stageRank: Int
    let parts: [String]

    /// One enterprise's innovation points and its place in the zone, from the stored ranking.
    static func load(enterpriseID: Int64, zoneID: Int64, db: Database) async throws -> Self? {
        try await AssessmentStore(database: db).ensureFresh(zoneID: zoneID)
        let repo = EnterpriseRepository(db: db.sql)
        guard let own = try await repo.innovation(zoneID: zoneID, enterpriseID: enterpriseID).first else { return nil }
        return InnovationView(
            score: String(format: "%.1f", own.score), rank: own.rank,
            total: try await repo.assessmentCounts(zoneID: zoneID).ranked,
            stage: own.stage?.label ?? "—", stageRank: own.stageRank,
            parts: try AssessmentStore.innovationTable.get().partTexts(stored: own.storedParts))
    }
}

/// The official criteria the zone evaluates, with which are its own versions (认定条件).
struct CriteriaAdminPage: Sendable {
    struct Item: Sendable {
        let code: String
        let name: String
        let basis: String
        let overridden: Bool
        let href: String
    }
    let items: [Item]

    static func load(zoneID: Int64, db: Database) async throws -> Self {
        let store = CriteriaStore(db: db.sql)
        let overridden = Set(try await store.overrides(zoneID: zoneID).map(\.code))
        return CriteriaAdminPage(
            items: try await store.library(zoneID: zoneID).criteria.map {
                .init(
                    code: $0.code, name: $0.definition.name, basis: $0.definition.basis,
                    overridden: overridden.contains($0.code), href: SiteURL.adminCriterion($0.code).path)
            })
    }
}

/// One criterion's definition to edit, as the zone uses it.
struct CriterionEditPage: Sendable {
    let code: String
    let name: String
    var json: String
    var error: String?
    let overridden: Bool
    let action: String
    let csrf: String

    /// The criterion `code` with the zone's version (or the shipped one), or with `typed` JSON
    /// sent back after a refusal; nil for a code the zone lacks.
    static func load(code: String, zoneID: Int64, typed: String? = nil, csrf: String, db: Database) async throws
        -> Self?
    {
        guard let criterion = try await CriteriaStore(db: db.sql).library(zoneID: zoneID)[code] else { return nil }
        let overridden = try await EnterpriseRepository(db: db.sql).criterionOverride(zoneID: zoneID, code: code) != nil
        return CriterionEditPage(
            code: code, name: criterion.definition.name, json: typed ?? CriteriaStore.json(of: criterion),
            overridden: overridden, action: SiteURL.adminCriterion(code).path, csrf: csrf)
    }
}

// Five criteria of several conditions each on every enterprise page: answered by name, not
// reflected (see `PreparedModel`; `RowsAndModelsTests` checks each answers every field).
extension AssessmentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "verdict": verdict
        case "verdictClass": verdictClass
        case "summary": summary
        case "score": score
        case "conditions": conditions
        case "missing": missing
        default: nil
        }
    }
}

extension AssessmentView.Condition: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "status": status
        case "statusClass": statusClass
        case "detail": detail
        default: nil
        }
    }
}
