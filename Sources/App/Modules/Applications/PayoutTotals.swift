import Foundation

/// Payout totals (兑现 N 件、金额 X 万元) grouped several ways; an aggregated row counts its `cases`.
struct PayoutTotals: Sendable, Equatable {
    struct Line: Sendable, Equatable {
        var key: String
        var count: Int
        var amount: Double
    }

    var count = 0
    var amount = 0.0
    var byPolicy: [Line] = []
    var byDepartment: [Line] = []
    var byYear: [Line] = []
    var byEnterprise: [Line] = []

    /// "兑现 1790 件、金额 2632.4 万元".
    var sentence: String { "兑现 \(count) 件、金额 \(Wan.text(amount)) 万元" }

    init(
        payouts: [PayoutRow], policyOf: (Int64) -> String, departmentOf: (Int64) -> String,
        enterpriseName: (Int64?) -> String
    ) {
        func group(_ key: (PayoutRow) -> String) -> [Line] {
            var lines: [String: Line] = [:]
            for p in payouts {
                let k = key(p)
                lines[k, default: Line(key: k, count: 0, amount: 0)].count += p.cases
                lines[k]!.amount += p.amount
            }
            return lines.values.sorted { $0.amount != $1.amount ? $0.amount > $1.amount : $0.key < $1.key }
        }
        count = payouts.reduce(0) { $0 + $1.cases }
        amount = payouts.reduce(0) { $0 + $1.amount }
        byPolicy = group { policyOf($0.itemId) }
        byDepartment = group { departmentOf($0.itemId) }
        byYear = group { String($0.paidOn.prefix(4)) }.sorted { $0.key > $1.key }
        byEnterprise = group { enterpriseName($0.enterpriseId) }
    }
}

extension PayoutTotals {
    /// The zone's payout totals (an enterprise's own only, with `enterpriseID`), with the names of
    /// the policies, departments and enterprises the payouts refer to.
    static func load(db: Database, zoneID: Int64, enterpriseID: Int64?) async throws -> PayoutTotals {
        let payouts = try await ApplicationRepository(db: db.sql).payouts(zoneID: zoneID, enterpriseID: enterpriseID)
        let policyRepo = PolicyRepository(db: db.sql)
        let items = Dictionary(
            uniqueKeysWithValues: try await policyRepo.items(ids: Array(Set(payouts.map(\.itemId)))).map { ($0.id, $0) }
        )
        let policies = Dictionary(
            uniqueKeysWithValues: try await policyRepo.policies(
                ids: Array(Set(items.values.map(\.policyId))), zoneID: zoneID
            ).map { ($0.id, $0) })
        let departments = Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: db.sql).departments(scope: .zone(zoneID)).map {
                ($0.id, $0.name)
            })
        let names = try await EnterpriseRepository(db: db.sql).names(
            ids: Array(Set(payouts.compactMap(\.enterpriseId))), zoneID: zoneID)
        return PayoutTotals(
            payouts: payouts,
            policyOf: { items[$0].flatMap { policies[$0.policyId]?.title } ?? "—" },
            departmentOf: {
                items[$0].flatMap { policies[$0.policyId] }.flatMap { departments[$0.departmentId] } ?? "—"
            },
            enterpriseName: { $0.flatMap { names[$0] } ?? "（汇总登记，未分企业）" })
    }
}
