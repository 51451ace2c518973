import Foundation
import GaoxinCore
import SQLKit

/// 技术合同登记 writes: one contract registered from the form, every field checked first.
extension StatisticsService {
    /// The largest contract the register takes, in 万元 (1000 亿元).
    static let maxContract = 10_000_000.0

    /// A checked contract from the form's texts, or nil with every problem in `errors`.
    static func contract(
        _ f: [String: String], zoneID: Int64, by name: String, today: Day, errors: inout FormErrors
    ) -> TechContractRow? {
        func text(_ key: String, _ label: String, max: Int) -> String {
            let v = (f[key] ?? "").trimmingCharacters(in: .whitespaces)
            if v.isEmpty || v.textLength > max { errors.add(key, "\(label)：请填写，不超过 \(max) 个字") }
            return v
        }
        let number = text("contract_no", "登记编号", max: 40)
        let title = text("title", "合同名称", max: 100)
        let seller = text("seller", "卖方（技术输出方）", max: 100)
        let buyer = text("buyer", "买方（技术吸纳方）", max: 100)
        let kind = f["kind"] ?? ""
        if !TechContractRow.kinds.contains(kind) { errors.add("kind", "合同类型：请选择技术开发、转让、许可、咨询或服务") }
        let amount = decimal(f["amount"] ?? "").value
        if amount == nil || amount! <= 0 || amount! > maxContract {
            errors.add("amount", "成交额：请填写大于 0、不超过 1000 万万元的数字（单位万元）")
        }
        let income = decimal(f["tech_income"] ?? "").value
        if income == nil || income! < 0 || (amount != nil && income! > amount!) {
            errors.add("tech_income", "技术交易额：请填写 0 到成交额之间的数字（单位万元）")
        }
        let day = Day((f["registered_on"] ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil || day!.year < 1985 {
            errors.add("registered_on", "登记日期：请按 2025-06-30 的格式填写")
        } else if day! > today {
            errors.add("registered_on", "登记日期：不能晚于今天")
        }
        guard errors.isEmpty, let amount, let income, let day else { return nil }
        return TechContractRow(
            id: 0, zoneId: zoneID, contractNo: number, title: title, seller: seller, buyer: buyer, kind: kind,
            amount: amount, techIncome: income, registeredOn: day.description, createdBy: name,
            createdAt: Clock.nowSeconds())
    }

    /// Registers a contract of the zone (staff and the zone admin); a number already registered is refused.
    func registerContract(_ form: [String: String], user: CurrentUser, zoneID: Int64) async throws -> Int64 {
        try require(.update, user, zoneID: zoneID)
        var errors = FormErrors()
        let row = Self.contract(form, zoneID: zoneID, by: user.displayName, today: Clock.today, errors: &errors)
        if let row, try await StatisticsContractRepository(db: db).exists(zoneID: zoneID, contractNo: row.contractNo) {
            errors.add("contract_no", "登记编号：“\(row.contractNo)”已登记")
        }
        try Refusal.check(errors)
        guard let row else { return 0 }
        return try await database.transaction { db in
            let id = try await StatisticsContractRepository(db: db).insert(row)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "tech_contract", id: id, action: "create",
                after: ["contract_no": row.contractNo, "amount": StatNumber.text(row.amount)], on: db)
            return id
        }
    }
}
