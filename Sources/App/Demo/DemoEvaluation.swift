import Foundation
import GaoxinCore
import SQLKit

/// The demo of 评价 and 技术合同登记. 佛山's five parks are compared on a table shaped like the
/// 国家高新区综合评价 (five dimensions weighted 20/20/15/15/30) and graded 优/良/差 by rank share, as
/// 嘉兴 grades its 产业创新服务综合体; the parks' values are illustrative, not published figures.
/// 沈阳's register holds a few contracts between its institutes and firms, so 技术合同成交额 is
/// computed from rows (the seed's 2020 total of 2024 项 stays an entered figure).
enum DemoEvaluation {
    static let table: [[String]] = [
        ["innovation", "创新能力和创业活跃度", "20", "rd_ratio", "研发经费投入强度", "%", "60", "正向"],
        ["innovation", "创新能力和创业活跃度", "20", "patents", "万人发明专利拥有量", "件", "40", "正向"],
        ["structure", "结构优化和产业价值链", "20", "hightech_share", "高新技术企业占比", "%", "50", "正向"],
        ["structure", "结构优化和产业价值链", "20", "hightech_revenue", "高技术产业营业收入占比", "%", "50", "正向"],
        ["green", "绿色发展和宜居包容性", "15", "energy", "单位增加值综合能耗", "吨标准煤/万元", "100", "逆向"],
        ["open", "开放创新和国际竞争力", "15", "export_share", "出口总额占营业收入比重", "%", "100", "正向"],
        ["quality", "综合质效和持续创新力", "30", "revenue_per_head", "人均营业收入", "万元", "50", "正向"],
        ["quality", "综合质效和持续创新力", "30", "profit_margin", "营业利润率", "%", "50", "正向"],
    ]

    /// Park → values in the table's indicator order.
    static let parks: [(code: String, name: String, values: [Double])] = [
        ("chancheng", "禅城园", [3.1, 42, 38, 35, 0.32, 18, 210, 7.5]),
        ("nanhai", "南海园", [3.8, 55, 45, 41, 0.28, 22, 260, 8.2]),
        ("shunde", "顺德园", [4.2, 61, 48, 46, 0.25, 28, 290, 8.9]),
        ("gaoming", "高明园", [2.4, 25, 30, 27, 0.41, 12, 170, 6.1]),
        ("sanshui", "三水园", [2.9, 31, 34, 30, 0.36, 15, 190, 6.8]),
    ]

    static let contracts:
        [(
            no: String, title: String, seller: String, buyer: String, kind: String, amount: Double,
            income: Double, on: String
        )] = [
            ("SY2025-0017", "协作机器人力控算法联合开发", "中国科学院沈阳自动化研究所", "沈阳新松机器人自动化股份有限公司", "技术开发", 1200, 1050, "2025-03-18"),
            ("SY2025-0042", "晶圆传输真空机械手专利实施许可", "沈阳芯源微电子设备股份有限公司", "辽宁某半导体装备企业", "技术许可", 860, 860, "2025-05-09"),
            ("SY2025-0108", "航空发动机叶片检测工艺转让", "沈阳航空航天大学", "沈阳黎明航空零部件制造有限公司", "技术转让", 2300, 2100, "2025-07-22"),
            ("SY2025-0131", "工业互联网标识解析节点运维服务", "沈阳工业互联网研究院", "沈阳某装备制造企业", "技术服务", 180, 150, "2025-09-30"),
            ("SY2025-0166", "中试基地智能产线规划咨询", "东北大学", "沈阳中试研发产业园运营公司", "技术咨询", 95, 95, "2025-11-12"),
            ("SY2026-0012", "数控机床数字孪生平台开发", "东北大学", "沈阳机床股份有限公司", "技术开发", 1680, 1500, "2026-02-27"),
            ("SY2026-0058", "光刻胶涂胶显影设备控制软件许可", "沈阳芯源微电子设备股份有限公司", "上海某晶圆厂", "技术许可", 1320, 1320, "2026-06-15"),
            ("SY2026-0093", "民用无人机适航验证技术服务", "沈阳航空航天大学", "沈阳民用航空产业园企业", "技术服务", 410, 380, "2026-09-08"),
        ]

    static func load(zoneCode: String, zoneID: Int64, now: Int64, db: any SQLDatabase) async throws {
        if zoneCode == "shenyang" {
            let repo = StatisticsContractRepository(db: db)
            for c in contracts {
                _ = try await repo.insert(
                    TechContractRow(
                        id: 0, zoneId: zoneID, contractNo: c.no, title: c.title, seller: c.seller, buyer: c.buyer,
                        kind: c.kind, amount: c.amount, techIncome: c.income, registeredOn: c.on, createdBy: "演示数据",
                        createdAt: now))
            }
        }
        guard zoneCode == "foshan" else { return }
        let rows = table.enumerated().map { i, cells in
            SheetRow(line: i + 2, values: Dictionary(uniqueKeysWithValues: zip(IndexTableSheet.headers, cells)))
        }
        let indexTable = try IndexTableSheet.read(name: "园区综合评价（国家高新区评价体系）", rows: rows, normalisation: .minMax()).get()
        let repo = StatisticsEvaluationRepository(db: db)
        let schemeID = try await repo.insertScheme(
            zoneID: zoneID, name: "园区综合评价（国家高新区评价体系）",
            tableJSON: String(decoding: try JSONEncoder().encode(indexTable), as: UTF8.self),
            units: parks.map { ($0.code, $0.name) }, by: "演示数据", at: now)
        let units = try await repo.units(schemeID: schemeID)
        let codes = indexTable.indicators.map(\.id)
        let subjects = Dictionary(
            uniqueKeysWithValues: parks.map { p in
                (p.code, Dictionary(uniqueKeysWithValues: zip(codes, p.values)))
            })
        let scale = try GradeScale(
            shares: [GradeShare(grade: "优", share: 0.2), GradeShare(grade: "良", share: 0.4)], otherwise: "差")
        let results = try StatisticsService.results(
            table: indexTable, units: units, subjects: subjects, normalisation: .minMax(), scale: scale, zoneID: zoneID)
        _ = try await repo.replaceRun(
            EvalRunRow(
                id: 0, zoneId: zoneID, schemeId: schemeID, period: "2025", normalisation: "minmax",
                gradeJson: String(decoding: try JSONEncoder().encode(scale), as: UTF8.self), computedBy: "演示数据",
                computedAt: now), results: results)
    }
}
