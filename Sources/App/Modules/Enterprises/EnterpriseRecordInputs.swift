import Foundation
import GaoxinCore
import SQLKit

/// Reads what an enterprise's rule record is built from (see `PolicyBatch.record`) for a zone, or
/// some of its enterprises, in three queries (registry, yearly figures, certifications), decoding
/// only the columns used. Policy matching and the criteria/innovation rankings both read this.
struct EnterpriseRecordInputs {
    let db: any SQLDatabase

    func load(zoneID: Int64, enterpriseIDs: [Int64]?) async throws -> [PolicyBatch.Input] {
        if enterpriseIDs?.isEmpty == true { return [] }
        let repo = EnterpriseRepository(db: db)
        var inputs: [PolicyBatch.Input] = []
        var position: [Int64: Int] = [:]
        for slice in Self.slices(enterpriseIDs) {
            for row in try await repo.recordRegistry(zoneID: zoneID, ids: slice) {
                position[row.enterpriseID] = inputs.count
                inputs.append(
                    PolicyBatch.Input(
                        enterpriseID: row.enterpriseID, profileJSON: row.profileJSON,
                        foundedOn: row.foundedOn.flatMap { Day($0) }))
            }
        }
        for slice in Self.slices(enterpriseIDs) {
            for row in try await repo.recordFacts(zoneID: zoneID, ids: slice) {
                guard let k = position[row.enterpriseID] else { continue }
                inputs[k].yearsJSON.append(row.json)
            }
        }
        for slice in Self.slices(enterpriseIDs) {
            for row in try await repo.recordCertifications(zoneID: zoneID, ids: slice) {
                guard let k = position[row.enterpriseID], let kind = CertificationKind(rawValue: row.kind),
                    let day = Day(row.certifiedOn)
                else { continue }
                inputs[k].certifications.append(
                    Certification(kind: kind, certifiedOn: day, expiresOn: row.expiresOn.flatMap { Day($0) }))
            }
        }
        return inputs
    }

    /// Ids in slices of 1000 for `IN (…)`; one nil slice when there is no id filter.
    static func slices(_ ids: [Int64]?) -> [[Int64]?] {
        guard let ids else { return [nil] }
        return stride(from: 0, to: ids.count, by: 1000).map { Array(ids[$0..<min($0 + 1000, ids.count)]) }
    }
}
