import Foundation
import GaoxinCore
import SQLKit

/// The demo zones' policy ledgers, built from the seed articles: 佛山's 17 主导政策 with close to
/// 2亿元 of support (and the 21 high-level talent teams' 8000万), an IP funding scheme modelled on
/// 通州's 知识产权资助奖励办法 (1133万元 in 2020), 湘潭's 政策兑现一本通 (复工复产, 六稳六保;
/// 2632.4万元), 沈阳's six named policy documents and 肇庆's two policies still being drafted. Rules
/// read the demo enterprises' figures so that some enterprises match and some don't; dates are set
/// relative to the day the demo loads, so windows are open, closed and upcoming whenever it runs.
enum DemoPolicies {
    typealias Condition = (field: String, op: RuleOperator, value: String)

    enum Benefit {
        case fixed(Double)
        /// A share of an amount (percent) or 万元 per unit of a count, with a cap.
        case per(String, Double, cap: Double?)
        case none
    }

    enum Window { case always, open, closed, upcoming }

    struct Item {
        var code: String
        var title: String
        var rule: RuleDraft
        var benefit: Benefit
        var budget: Double?
        var window: Window = .open
        var autoGrant = false
        var content: String
        var conditions: String? = nil
        var materials: [String] = []
    }

    enum Term {
        case current
        case expired(from: String, to: String)
        case draft
    }

    struct Document {
        var department: String
        var title: String
        var number: String?
        var term: Term = .current
        var preamble: String
        var items: [Item]
    }

    static func all(_ conditions: Condition...) -> RuleDraft {
        RuleDraft(groups: [
            RuleDraft.Group(
                joiner: .all, conditions: conditions.map { .init(field: $0.field, op: $0.op, value: $0.value) })
        ])
    }

    /// Any of the groups, each group all of its conditions.
    static func anyOf(_ groups: [Condition]...) -> RuleDraft {
        RuleDraft(
            joiner: .any,
            groups: groups.map {
                RuleDraft.Group(joiner: .all, conditions: $0.map { .init(field: $0.field, op: $0.op, value: $0.value) })
            })
    }

    static let clean: Condition = ("onDishonestList", .no, "")

    // MARK: - The ledgers

    static func documents(zoneCode: String, zoneName: String, year y: Int) -> [Document] {
        switch zoneCode {
        case "foshan": foshan(y)
        case "xian": xian(y)
        case "xiangtan": xiangtan(y)
        case "shenyang": shenyang(y)
        case "zhaoqing": zhaoqing(y, zoneName)
        default: generic(y, zoneName)
        }
    }

    // MARK: - Loading

    /// Writes a zone's ledger (one transaction, one audit row per document) and returns its id count.
    static func load(zoneCode: String, zoneName: String, zoneID: Int64, today: Day, db: any SQLDatabase) async throws
        -> Int
    {
        let departments = try await ZoneRepository(db: db).departments(scope: .zone(zoneID))
        let repo = PolicyRepository(db: db)
        let now = Clock.nowSeconds()
        let y = today.year
        let documents = documents(zoneCode: zoneCode, zoneName: zoneName, year: y)
        for document in documents {
            // The department named, else a science department, else the first: zones name theirs differently.
            guard
                let department = departments.first(where: { $0.name == document.department })
                    ?? departments.first(where: { $0.kind == "science" }) ?? departments.first
            else { continue }
            let (status, effective, expires): (PolicyStatus, String, String?) =
                switch document.term {
                case .current: (.published, "\(y - 1)-03-01", "\(y + 1)-12-31")
                case .expired(let from, let to): (.published, from, to)
                case .draft: (.draft, today.description, nil)
                }
            let items = document.items.map { item in
                "\(item.code) \(item.title)：\(item.content)"
            }
            let text =
                ([document.preamble, "第一条 本政策适用于在\(zoneName)注册登记、具有独立法人资格的企业。"] + items
                + [
                    "本政策由\(department.name)负责解释，\(department.spokespersonName.map { "惠企政策发言人\($0)负责政策解读和咨询答复。" } ?? "")",
                    "本政策自 \(effective) 起施行\(expires.map { "，有效期至 \($0)" } ?? "")。",
                ]).joined(separator: "\n")
            let policy = PolicyRow(
                id: 0, zoneId: zoneID, departmentId: department.id, title: document.title, docNumber: document.number,
                issuedOn: status == .draft ? nil : Day(effective)?.adding(days: -10).description,
                effectiveOn: effective,
                expiresOn: expires, fullText: text, status: status.rawValue, createdAt: now, updatedAt: now)
            let policyID = try await repo.insert(policy)
            for (index, item) in document.items.enumerated() {
                guard let rule = try? item.rule.jsonLogic() else { preconditionFailure("演示政策“\(item.title)”的规则无效") }
                let materials =
                    [
                        PolicyMaterial(name: "\(item.title)申请表（加盖公章）", required: true),
                        PolicyMaterial(name: "营业执照复印件", required: true),
                    ]
                    + item.materials.map { PolicyMaterial(name: $0, required: true) }
                    + [PolicyMaterial(name: "其他证明材料", required: false)]
                let (from, to): (Day?, Day?) =
                    switch item.window {
                    case .always: (nil, nil)
                    case .open: (today.adding(days: -30), today.adding(days: 60))
                    case .closed: (today.adding(days: -150), today.adding(days: -60))
                    case .upcoming: (today.adding(days: 20), today.adding(days: 110))
                    }
                var row = PolicyItemRow(
                    id: 0, zoneId: zoneID, policyId: policyID, position: index + 1, code: item.code, title: item.title,
                    benefitKind: "",
                    ruleJson: rule.jsonString(), windowFrom: from?.description, windowTo: to?.description,
                    autoGrant: item.autoGrant,
                    content: item.content,
                    audience: "在\(zoneName)注册登记、具有独立法人资格，且符合申报条件的企业。",
                    applicablePeriod: "自 \(effective) 起" + (expires.map { "至 \($0) 止" } ?? "")
                        + (from.map { "；本年度申报期 \($0) 至 \(to?.description ?? "")" } ?? "；常年受理"),
                    conditions: item.conditions ?? "同时符合：\(item.rule.text)；申报前一年内未发生重大安全、质量事故或严重环境违法行为，未列入严重失信主体名单。",
                    materialsJson: String(
                        decoding: try JSONEncoder().encode(item.autoGrant ? [] : materials), as: UTF8.self),
                    createdAt: now, updatedAt: now)
                switch item.benefit {
                case .fixed(let amount):
                    row.benefitKind = BenefitKind.fixed.rawValue
                    row.benefitAmount = amount
                case .per(let field, let typed, let cap):
                    row.benefitKind = BenefitKind.formula.rawValue
                    row.benefitFormula = BenefitFormula.proportional(field: field, typed: typed).jsonString()
                    row.benefitCap = cap
                case .none: row.benefitKind = BenefitKind.nonMonetary.rawValue
                }
                row.budget = item.budget
                _ = try await repo.insert(row)
            }
            try await AuditLog.record(
                zoneID: zoneID, actor: nil, entity: "policy", id: policyID, action: "create_demo",
                after: ["title": document.title, "items": String(document.items.count), "source": "演示数据"], on: db)
        }
        return documents.count
    }
}
