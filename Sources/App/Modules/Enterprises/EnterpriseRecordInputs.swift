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
        var inputs: [PolicyBatch.Input] = []
        var position: [Int64: Int] = [:]
        for slice in Self.slices(enterpriseIDs) {
            var q = db.select().columns("id", "founded_on", "profile_json").from("enterprises").where(
                "zone_id", .equal, zoneID)
            if let slice { q = q.where("id", .in, slice) }
            for row in try await q.orderBy("id").all() {
                let id = try row.decode(column: "id", as: Int64.self)
                position[id] = inputs.count
                inputs.append(
                    PolicyBatch.Input(
                        enterpriseID: id,
                        profileJSON: try row.decodeNil(column: "profile_json")
                            ? nil : try row.decode(column: "profile_json", as: String.self),
                        foundedOn: try row.decodeNil(column: "founded_on")
                            ? nil : Day(try row.decode(column: "founded_on", as: String.self))))
            }
        }
        for slice in Self.slices(enterpriseIDs) {
            var q = db.select().columns("enterprise_id", "facts_json").from("enterprise_facts").where(
                "zone_id", .equal, zoneID)
            if let slice { q = q.where("enterprise_id", .in, slice) }
            for row in try await q.all() {
                guard let k = position[try row.decode(column: "enterprise_id", as: Int64.self)] else { continue }
                inputs[k].yearsJSON.append(try row.decode(column: "facts_json", as: String.self))
            }
        }
        for slice in Self.slices(enterpriseIDs) {
            var q = db.select().columns("enterprise_id", "kind", "certified_on", "expires_on").from("certifications")
                .where("zone_id", .equal, zoneID)
            if let slice { q = q.where("enterprise_id", .in, slice) }
            for row in try await q.all() {
                guard let k = position[try row.decode(column: "enterprise_id", as: Int64.self)],
                    let kind = CertificationKind(rawValue: try row.decode(column: "kind", as: String.self)),
                    let day = Day(try row.decode(column: "certified_on", as: String.self))
                else { continue }
                let expires =
                    try row.decodeNil(column: "expires_on")
                    ? nil : Day(try row.decode(column: "expires_on", as: String.self))
                inputs[k].certifications.append(Certification(kind: kind, certifiedOn: day, expiresOn: expires))
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
