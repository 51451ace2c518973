import Foundation
import GaoxinCore
import SQLKit

/// Imports a checked enterprise CSV into one zone, all in one transaction: enterprises are matched
/// by 统一社会信用代码 (new ones created, known ones updated), figures replace those of the same
/// year, each enterprise gets one audit row, and the imported enterprises are matched to the
/// policies in force again.
struct EnterpriseImport {
    struct Summary: Sendable, Equatable {
        var created = 0
        var updated = 0
        var years = 0
    }

    let database: Database

    func run(
        rows: [EnterpriseCSV.Row], zoneID: Int64, actor: CurrentUser?,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        // One registry update per enterprise: the last row of each 信用代码 carries its registry fields.
        var order: [String] = []
        var byUSCC: [String: [EnterpriseCSV.Row]] = [:]
        for row in rows {
            if byUSCC[row.uscc] == nil { order.append(row.uscc) }
            byUSCC[row.uscc, default: []].append(row)
        }
        let groups = order.map { byUSCC[$0]! }
        return try await database.transaction { db in
            let repo = EnterpriseRepository(db: db)
            let now = Clock.nowSeconds()
            var summary = Summary()
            var imported: [Int64] = []
            for (index, group) in groups.enumerated() {
                let registry = group.last!
                let existing = try await repo.find(uscc: registry.uscc, zoneID: zoneID)
                let id: Int64
                if let existing {
                    id = existing.id
                    try await repo.updateRegistry(id: id, row: registry)
                    summary.updated += 1
                } else {
                    id = try await repo.insert(
                        zoneID: zoneID, parkID: registry.parkID, name: registry.name, uscc: registry.uscc, at: now)
                    try await repo.updateRegistry(id: id, row: registry)
                    summary.created += 1
                }
                for row in group {
                    try await repo.upsertFacts(enterpriseID: id, zoneID: zoneID, facts: row.facts, at: now)
                    summary.years += 1
                }
                try await AuditLog.record(
                    zoneID: zoneID, actor: actor, entity: "enterprise", id: id,
                    action: existing == nil ? "import_create" : "import_update",
                    before: existing.map { ["name": $0.name, "uscc": $0.uscc] },
                    after: [
                        "name": registry.name, "uscc": registry.uscc,
                        "years": group.map { String($0.facts.year) }.joined(separator: ","),
                    ], on: db)
                imported.append(id)
                progress(index + 1, groups.count)
            }
            // New figures can change which policies fit: rematch the imported enterprises at once.
            try await PolicyMatching(db: db).run(
                zoneID: zoneID, enterpriseIDs: imported, trigger: "企业数据导入", actor: actor)
            try await AssessmentStore.markStale(zoneID: zoneID, db: db)
            return summary
        }
    }
}
