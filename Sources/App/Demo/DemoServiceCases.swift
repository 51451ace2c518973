import Foundation
import GaoxinCore
import SQLKit

/// 湘潭's catalogue and a year of applications through the engine: every channel, 即办 and limited
/// items, a few 一次性告知 with 补正, some late ones (超时, escalated), open cases of the last days,
/// ratings with facets, 差评 with their 回访整改 (most closed, the latest open) and two appeals
/// (one upheld, one waiting for the zone admin).
enum DemoServiceCases {
    /// A fixed pseudo-random sequence, so every demo load is the same.
    struct Dice {
        var state: UInt64 = 20_201_231
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[min(items.count - 1, Int(next() * Double(items.count)))] }
    }

    static let windowNames = ["张建国", "李秀英", "王志强", "刘芳", "陈伟", "湘潭市宏达机电有限公司", "杨丽", "赵磊", "湘潭恒信食品有限公司", "周敏"]

    static func load(zoneCode: String, zoneID: Int64, engine: CaseEngine, today: Day, db: any SQLDatabase) async throws
    {
        guard zoneCode == "xiangtan" else { return }
        let now = Clock.nowSeconds()
        let departments = Dictionary(
            try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map { ($0.code, $0.id) },
            uniquingKeysWith: { a, _ in a })
        let users = UserRepository(db: db)
        guard let staff = try await users.find(username: "staff@\(zoneCode)"),
            let resident = try await users.find(username: "resident@\(zoneCode)"),
            let enterprise = try await users.find(username: "enterprise@\(zoneCode)"),
            let admin = try await users.find(username: "admin@\(zoneCode)"),
            let center = departments["zhengwufuwu"]
        else { return }
        let window = try await users.insert(
            UserRow(
                id: 0, zoneId: zoneID, username: "service@\(zoneCode)", displayName: "政务服务中心综合窗口",
                role: Role.departmentStaff.rawValue,
                passwordHash: staff.passwordHash, departmentId: center, enterpriseId: nil, personId: nil,
                isActive: true,
                createdAt: now, passwordChangedAt: now))
        let catalogue = ServiceRepository(db: db)
        let apps = ServiceApplicationRepository(db: db)
        try await apps.setFollowUpLimits(zoneID: zoneID, callback: 1, fix: 15)

        var bundles: [(ServiceBundleRow, [ServiceMaterialRow])] = []
        for (n, b) in DemoServices.bundles.enumerated() {
            var itemIDs: [Int64] = []
            for (k, i) in b.items.enumerated() {
                let dept = departments[i.department] ?? center
                let code = "11430300\(String(format: "%06d", n * 10 + k + 1))"
                itemIDs.append(
                    try await catalogue.insertItem(
                        ServiceItemRow(
                            id: 0, zoneId: zoneID, departmentId: dept, code: "\(code)01", basicCode: code, name: i.name,
                            kind: i.kind, basis: i.basis, authority: "湘潭高新技术产业开发区管理委员会",
                            audienceText: b.event.audience == .person ? "自然人" : "企业法人、个体工商户",
                            conditions: "申请人符合\(i.basis)规定的条件，材料齐全、符合法定形式。", legalDays: i.legal,
                            promisedDays: i.promised, fee: "不收费", process: "申请 → 受理（一窗受理）→ 审查 → 决定 → 送达（自取或免费邮寄）",
                            forms: b.online ? "全程网办、窗口办理" : "窗口办理", visits: b.online ? "0 次" : "1 次",
                            place: "湘潭高新区政务服务中心“一件事一次办”综合窗口（晓塘路9号）",
                            hours: "工作日 9:00-12:00，13:30-17:30（周六上午延时服务）", consult: "0731-58000104，综合窗口现场咨询",
                            supervise: "12345政务服务便民热线；湘潭高新区纪工委 0731-58000199", online: b.online,
                            scope: n < 6 ? "全市通办" : "跨域通办（长株潭）", resultName: i.result, resultType: i.resultType,
                            audience: b.event.audience.rawValue, lifeEvent: b.event.rawValue, createdAt: now)))
            }
            for (itemID, i) in zip(itemIDs, b.items) {
                try await itemMaterials(itemID: itemID, name: i.name, audience: b.event.audience, catalogue: catalogue)
            }
            let legal = b.items.map(\.legal).max() ?? 0
            let promised = b.items.map(\.promised).max() ?? 0
            let bundleID = try await catalogue.insertBundle(
                ServiceBundleRow(
                    id: 0, zoneId: zoneID, departmentId: departments[b.department] ?? center, code: b.code,
                    name: b.name,
                    summary: b.summary, audience: b.event.audience.rawValue, lifeEvent: b.event.rawValue,
                    legalDays: legal,
                    promisedDays: promised, online: b.online, createdAt: now), itemIDs: itemIDs)
            var materials: [ServiceMaterialRow] = []
            for (p, m) in b.materials.enumerated() {
                var row = ServiceMaterialRow(
                    id: 0, zoneId: zoneID, bundleId: bundleID, position: p, name: m.name, required: m.required,
                    form: m.form,
                    copies: m.copies, source: m.source, standard: m.standard, filledFrom: m.filledFrom?.rawValue,
                    blankName: m.blank ? "\(m.name)（空白表格）.pdf" : nil, sampleName: m.blank ? "\(m.name)（示例样表）.pdf" : nil)
                let blank =
                    m.blank
                    ? DemoServicePDF.make(lines: [b.name, m.name, "申请人：", "联系电话：", "申请事项：", "签字（盖章）：        日期："]) : nil
                let sample =
                    m.blank
                    ? DemoServicePDF.make(lines: [
                        b.name, m.name + "（示例）", "申请人：张三", "联系电话：13800000000", "申请事项：" + b.name,
                        "签字（盖章）：张三  日期：2026年3月2日",
                    ]) : nil
                row.id = try await catalogue.insertMaterial(row, blank: blank, sample: sample)
                materials.append(row)
            }
            bundles.append((try await catalogue.bundle(id: bundleID)!, materials))
        }
        try await cases(
            zoneID: zoneID, bundles: bundles, engine: engine, today: today, db: db,
            users: (resident: resident, enterprise: enterprise, window: window, admin: admin.id))
    }

    /// An item applied for on its own (单项办理) asks for its application form (with a blank and a
    /// sample) and the applicant's identity, which the platform holds (免证办).
    static func itemMaterials(itemID: Int64, name: String, audience: ServiceAudience, catalogue: ServiceRepository)
        async throws
    {
        guard let form = try await catalogue.form(itemID: itemID) else { return }
        let formName = "《\(name)》申请表"
        _ = try await catalogue.insertMaterial(
            ServiceMaterialRow(
                id: 0, zoneId: form.zoneId, bundleId: form.id, position: 0, name: formName, required: true,
                form: "电子或纸质", copies: 1, source: "申请人自备", standard: "按示例样表填写完整，签字（盖章）",
                filledFrom: nil, blankName: formName + "（空白表格）.pdf", sampleName: formName + "（示例样表）.pdf"),
            blank: DemoServicePDF.make(lines: [formName, "申请人：", "联系电话：", "签字（盖章）：        日期："]),
            sample: DemoServicePDF.make(lines: [formName + "（示例）", "申请人：张三", "联系电话：13800000000", "签字（盖章）：张三"]))
        let identity: MaterialSource = audience == .person ? .residentRecord : .businessLicense
        _ = try await catalogue.insertMaterial(
            ServiceMaterialRow(
                id: 0, zoneId: form.zoneId, bundleId: form.id, position: 1,
                name: audience == .person ? "申请人身份证明" : "营业执照", required: true, form: "电子", copies: 1,
                source: audience == .person ? "公安部门" : "市场监管部门", standard: "在有效期内",
                filledFrom: identity.rawValue, blankName: nil, sampleName: nil),
            blank: nil, sample: nil)
    }
}
