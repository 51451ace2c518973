import Foundation
import GaoxinCore
import SQLKit
import Testing

@testable import App

/// An item's 年度资金规模 is held against approvals and payouts: the step that would pass it is
/// refused with the figures, and nothing of it is saved.
@Suite struct ItemBudgetTests {
    @Test func approvalsPastTheBudgetAreRefusedWithTheFigures() async throws {
        try await withApp { _, services in
            let sql = services.database.sql
            // A copy of the fixture item (fixed 20万元 each) moved to 沈阳, so 佛山's ledger totals stay the demo's.
            let shenyang = try await PolicyFixtures.zoneID("shenyang", services)
            let policy = try #require(
                try await PolicyRepository(db: sql).policies(zoneID: shenyang).first {
                    $0.validity(on: Clock.today) == .inForce
                })
            var item = try await ApplicationFixtures.item(services)
            item.zoneId = shenyang
            item.policyId = policy.id
            item.budget = 30
            let budgeted = item
            try await services.database.transaction { db in
                try await db.update("policy_items").set("zone_id", to: shenyang).set("policy_id", to: policy.id).set(
                    "budget", to: 30.0
                )
                .where("id", .equal, budgeted.id).run()
            }
            let enterprises = try await EnterpriseRepository(db: sql).list(zoneID: shenyang, limit: 2, offset: 0).map(
                \.id)
            let (own, other) = (enterprises[0], enterprises[1])
            let admin = try #require(try await UserRepository(db: sql).signedIn(username: "admin@shenyang"))
            let workflow = ApplicationService(database: services.database)
            let files = Dictionary(
                uniqueKeysWithValues: item.materials.map {
                    (
                        $0.name,
                        MaterialUpload(
                            materialName: $0.name, fileName: "\($0.name).pdf", contentType: "application/pdf",
                            content: Data("%PDF-1.4".utf8))
                    )
                })
            var ids: [Int64] = []
            for enterprise in [own, other] {
                ids.append(
                    try await workflow.submit(
                        .init(
                            item: item, policy: policy, enterpriseID: enterprise, requestedAmount: "20", note: "",
                            files: files), actor: admin))
            }
            let repo = ApplicationRepository(db: sql)
            // Applicants leave the item's "eligible, not yet applied" list and its notices.
            #expect(try await repo.engaged(itemID: item.id) == Set([own, other]))
            let first = try #require(try await repo.application(id: ids[0], zoneID: item.zoneId))
            _ = try await workflow.review(first, item: item, decision: .approve(amount: "20"), actor: admin)
            // 20 of 30 reserved: another 20 is refused, 10 fits.
            let second = try #require(try await repo.application(id: ids[1], zoneID: item.zoneId))
            let refusal = await #expect(throws: Refusal.self) {
                _ = try await workflow.review(second, item: item, decision: .approve(amount: "20"), actor: admin)
            }
            #expect(refusal.map { Array($0.errors.byField.keys) } == ["approved_amount"])
            #expect(
                refusal?.errors.summary.joined().contains("规模 30 万元") == true
                    && refusal?.errors.summary.joined().contains("尚余 10 万元") == true)
            #expect(try await repo.application(id: ids[1], zoneID: item.zoneId)?.applicationState == .submitted)
            _ = try await workflow.review(second, item: item, decision: .approve(amount: "10"), actor: admin)
            // Paying what was approved spends the reservation, not the budget twice.
            let approved = try #require(try await repo.application(id: ids[0], zoneID: item.zoneId))
            _ = try await workflow.recordPayout(
                approved, amount: "20", paidOn: Clock.today.description, voucher: "YS-1", actor: admin)
            let spent = try await ItemBudget(db: sql, kind: services.database.kind).committed(
                itemID: item.id, year: Clock.today.year)
            #expect(spent.paid == 20 && spent.approved == 10)
        }
    }
}
