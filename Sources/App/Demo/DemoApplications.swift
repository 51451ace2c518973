import Foundation
import GaoxinCore
import SQLKit

/// Demo applications and payouts: in 佛山 and 湘潭 an application in every state (the zone's
/// enterprise login owns the 退回补正 one), paid 知识产权 funding in 佛山 modelled on 通州's scheme,
/// and 湘潭's payouts totalling the seed's 政策兑现“一件事” 1790 件、2632.4 万元 (a few payouts per
/// enterprise, the rest registered as aggregated rows per item).
enum DemoApplications {
    static let xiangtanCases = 1790
    /// 2632.4 万元 in tenths, so the split adds up exactly.
    static let xiangtanTenths = 26324

    static func load(zoneCode: String, zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        guard zoneCode == "foshan" || zoneCode == "xiangtan" else { return }
        let policyRepo = PolicyRepository(db: db)
        let items = try await policyRepo.items(zoneID: zoneID)
        func item(_ title: String) -> PolicyItemRow? { items.first { $0.title == title } }
        let own = try await UserRepository(db: db).find(username: "enterprise@\(zoneCode)")?.enterpriseId
        let all = try await EnterpriseRepository(db: db).ids(zoneID: zoneID)
        let repo = ApplicationRepository(db: db)
        let now = Clock.nowSeconds()
        var paid: [PayoutRow] = []
        var created = 0

        /// Enterprises that fit the item (eligible first, then any), not `exclude`d, with their estimate.
        func candidates(_ item: PolicyItemRow, exclude: Set<Int64>) async throws -> [(Int64, Double)] {
            let matches = try await policyRepo.matches(itemID: item.id)
            let cap = item.ceiling ?? 1
            var list = matches.map { ($0.enterpriseId, min($0.estimatedAmount ?? cap, cap)) }.filter { $0.1 > 0 }
            list += all.filter { id in !matches.contains { $0.enterpriseId == id } }.map {
                ($0, (cap / 2 * 10).rounded() / 10)
            }
            return list.filter { !exclude.contains($0.0) }
        }

        func apply(
            _ item: PolicyItemRow, enterprise: Int64, amount: Double, state: ApplicationState, daysAgo: Int,
            omit: Int = 0
        ) async throws {
            let submitted = now - Int64(daysAgo) * 86_400
            var row = ApplicationRow(
                id: 0, zoneId: zoneID, itemId: item.id, enterpriseId: enterprise, applicantUserId: nil,
                state: state.rawValue,
                requestedAmount: amount, note: "演示申报", submittedAt: submitted, updatedAt: submitted + 86_400)
            let required = item.materials.filter(\.required)
            let missing = Array(required.suffix(omit).map(\.name))
            switch state {
            case .submitted: break
            case .returned:
                row.missingJson = AuditLog.json(missing)
                row.returnNote = "请补交上述材料的盖章扫描件（一次性告知）。"
                row.returnedAt = submitted + 86_400
            case .approved, .paid:
                row.approvedAmount = amount
                row.decidedAt = submitted + 3 * 86_400
            case .rejected:
                row.decisionReason = "经核查，申报年度研发费用未达到条款规定的标准。"
                row.decidedAt = submitted + 3 * 86_400
            }
            row.id = try await repo.insert(row)
            for m in required where !missing.contains(m.name) {
                _ = try await repo.insertMaterial(
                    applicationID: row.id,
                    MaterialUpload(
                        materialName: m.name, fileName: "\(m.name).txt", contentType: "text/plain; charset=utf-8",
                        content: Data("演示材料：\(m.name)（申报编号 \(row.id)）".utf8)), at: submitted)
            }
            if state == .paid {
                let day = LocalMoment(unixSeconds: submitted + 7 * 86_400).day
                var payout = PayoutRow(
                    id: 0, zoneId: zoneID, itemId: item.id, enterpriseId: enterprise, applicationId: row.id,
                    amount: amount,
                    cases: 1, paidOn: min(day, today).description, voucherNo: "DJ-\(row.id)", note: nil,
                    recordedBy: nil, recordedAt: now)
                payout.id = try await repo.insert(payout)
                paid.append(payout)
            }
            created += 1
        }

        // One application in every state, on items whose window is open.
        let (first, second) = zoneCode == "foshan" ? ("研发费用后补助", "高新技术企业认定奖励") : ("首贷贴息", "企业上规入统奖励")
        if let a = item(first), let b = item(second) {
            var used: Set<Int64> = []
            if let own {
                used.insert(own)
                try await apply(
                    a, enterprise: own, amount: a.ceiling.map { min($0, 5) } ?? 5, state: .returned, daysAgo: 12,
                    omit: 1)
            }
            for (index, state) in [ApplicationState.submitted, .approved, .rejected, .paid].enumerated() {
                let target = index % 2 == 0 ? a : b
                guard let pick = try await candidates(target, exclude: used).first else { continue }
                let (enterprise, amount) = pick
                used.insert(enterprise)
                try await apply(target, enterprise: enterprise, amount: amount, state: state, daysAgo: 20 - index * 3)
            }
        }
        // 佛山's 知识产权 funding (after 通州's 资助奖励办法): paid per granted invention patent.
        if zoneCode == "foshan", let ip = item("发明专利授权资助") {
            for (index, (enterprise, amount)) in try await candidates(ip, exclude: []).prefix(8).enumerated() {
                try await apply(ip, enterprise: enterprise, amount: amount, state: .paid, daysAgo: 40 + index * 5)
            }
        }
        if zoneCode == "xiangtan" {
            // Two 免申即享 grants confirmed per enterprise, the other eligible ones left to confirm.
            if let wage = item("稳岗返还") {
                for (index, (enterprise, amount)) in try await candidates(wage, exclude: []).prefix(2).enumerated() {
                    var payout = PayoutRow(
                        id: 0, zoneId: zoneID, itemId: wage.id, enterpriseId: enterprise, applicationId: nil,
                        amount: amount,
                        cases: 1, paidOn: today.adding(days: -15).description, voucherNo: "MS-\(index + 1)",
                        note: "免申即享",
                        recordedBy: nil, recordedAt: now)
                    payout.id = try await repo.insert(payout)
                    paid.append(payout)
                }
            }
            // The rest of the seed's figures as aggregated rows per item, exact to 0.1 万元.
            let shares: [(String, Int, Int)] = [
                ("稳岗返还", 40, 45), ("小微企业房租减免", 25, 20), ("首贷贴息", 15, 10),
                ("企业上规入统奖励", 5, 15), ("科技型中小企业奖励", 15, 10),
            ]
            var casesLeft = xiangtanCases - paid.reduce(0) { $0 + $1.cases }
            var tenthsLeft = xiangtanTenths - Int((paid.reduce(0) { $0 + $1.amount } * 10).rounded())
            let casesTotal = casesLeft
            let tenthsTotal = tenthsLeft
            for (index, share) in shares.enumerated() {
                guard let target = item(share.0) else { continue }
                let last = index == shares.count - 1
                let cases = last ? casesLeft : casesTotal * share.1 / 100
                let tenths = last ? tenthsLeft : tenthsTotal * share.2 / 100
                casesLeft -= cases
                tenthsLeft -= tenths
                var payout = PayoutRow(
                    id: 0, zoneId: zoneID, itemId: target.id, enterpriseId: nil, applicationId: nil,
                    amount: Double(tenths) / 10,
                    cases: cases, paidOn: today.adding(days: -30).description, voucherNo: "HZ-\(index + 1)",
                    note: "政策兑现“一件事”汇总登记（分企业明细见部门台账）", recordedBy: nil, recordedAt: now)
                payout.id = try await repo.insert(payout)
                paid.append(payout)
            }
        }
        try await AuditLog.record(
            zoneID: zoneID, actor: nil, entity: "application", id: zoneID, action: "create_demo",
            after: ["applications": String(created), "payouts": String(paid.count), "source": "演示数据"], on: db)
    }
}
