import Foundation
import GaoxinCore
import SQLKit

/// An item's annual budget (年度资金规模) held against what is already committed in the year:
/// payouts made, plus applications approved and not yet paid. Checked inside the writing
/// transaction, with the item row locked on PostgreSQL (SQLite has one writer), so two staff
/// approving at once can't both spend the last of it.
struct ItemBudget {
    let db: any SQLDatabase
    let kind: Database.Kind

    func committed(itemID: Int64, year: Int) async throws -> (paid: Double, approved: Double) {
        try await ApplicationRepository(db: db).committed(itemID: itemID, year: year)
    }

    /// Refuses `adding` 万元 more under the item when it would pass the budget; `field` names the
    /// input the user typed the amount in. `alreadyCounted` is the part of `adding` that is in
    /// `committed` already (paying an approved application spends what its approval reserved).
    func check(_ item: PolicyItemRow, adding: Double, alreadyCounted: Double = 0, year: Int, field: String) async throws
    {
        guard let budget = item.budget else { return }
        if kind == .postgres { try await ApplicationRepository(db: db).lockItemForBudget(itemID: item.id) }
        let (paid, approved) = try await committed(itemID: item.id, year: year)
        let left = budget - paid - approved + alreadyCounted
        guard adding > left + 0.000_001 else { return }
        throw Refusal(
            field,
            "金额 \(Wan.text(adding)) 万元超出本条款 \(year) 年度资金规模：规模 \(Wan.text(budget)) 万元，已兑现 \(Wan.text(paid)) 万元，"
                + "已核定待兑现 \(Wan.text(approved)) 万元，尚余 \(Wan.text(max(0, left))) 万元")
    }
}
