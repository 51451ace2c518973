import Foundation
import GaoxinCore
import Synchronization

/// One policy document of the ledger.
struct PolicyRow: Codable, Sendable, Equatable {
    var id: Int64
    var zoneId: Int64
    var departmentId: Int64
    var title: String
    var docNumber: String?
    var issuedOn: String?
    var effectiveOn: String
    var expiresOn: String?
    var fullText: String
    var status: String
    var createdAt: Int64
    var updatedAt: Int64

    var policyStatus: PolicyStatus { PolicyStatus(rawValue: status) ?? .draft }

    func validity(on today: Day) -> PolicyValidity {
        PolicyValidity(
            status: policyStatus, effectiveOn: Day(effectiveOn) ?? today, expiresOn: expiresOn.flatMap { Day($0) },
            on: today)
    }

    /// "《标题》（文号）".
    var citation: String { "《\(title)》" + (docNumber.map { "（\($0)）" } ?? "") }
}

/// A document required when applying (申请材料), with whether it is required.
struct PolicyMaterial: Codable, Sendable, Equatable {
    var name: String
    var required: Bool
}

/// The kinds of benefit, as stored in `policy_items.benefit_kind`.
enum BenefitKind: String, Sendable, CaseIterable {
    case fixed, formula
    case nonMonetary = "none"

    var label: String {
        switch self {
        case .fixed: "固定金额"
        case .formula: "按公式计算（可设上限）"
        case .nonMonetary: "非资金支持（荣誉、服务等）"
        }
    }
}

/// One item (条款) of a policy document.
struct PolicyItemRow: Codable, Sendable, Equatable {
    var id: Int64
    var zoneId: Int64
    var policyId: Int64
    var position: Int
    var code: String?
    var title: String
    var benefitKind: String
    var benefitAmount: Double?
    var benefitFormula: String?
    var benefitCap: Double?
    var budget: Double?
    var ruleJson: String
    var windowFrom: String?
    var windowTo: String?
    var autoGrant: Bool
    var content: String
    var audience: String
    var applicablePeriod: String
    var conditions: String
    var materialsJson: String
    var createdAt: Int64
    var updatedAt: Int64

    var materials: [PolicyMaterial] {
        (try? JSONDecoder().decode([PolicyMaterial].self, from: Data(materialsJson.utf8))) ?? []
    }

    /// The stored rule, compiled; nil only if the row was written outside the app's checks.
    var rule: JSONLogicRule? { try? JSONLogicRule(parsing: ruleJson) }

    var ruleValue: JSONValue? { try? JSONParser.parse(ruleJson) }

    var benefit: PolicyBenefit {
        switch BenefitKind(rawValue: benefitKind) {
        case .fixed: return benefitAmount.map { .fixed(amount: $0) } ?? .none
        case .formula:
            guard let text = benefitFormula, let rule = BenefitFormulas.rule(text) else { return .none }
            return .formula(rule, cap: benefitCap)
        case .nonMonetary, nil: return .none
        }
    }

    func window(on today: Day) -> ApplicationWindow {
        ApplicationWindow(from: windowFrom.flatMap { Day($0) }, to: windowTo.flatMap { Day($0) }, on: today)
    }

    /// "第三条 研发费用后补助".
    var heading: String { [code, title].compactMap { $0 }.joined(separator: " ") }

    /// The rule in plain Chinese, or a note that it can only be read as JSONLogic.
    var ruleText: String {
        ruleValue.flatMap { RuleDraft.text(of: $0) } ?? "（复杂规则，请查看 JSONLogic）"
    }
}

/// Benefit formulas compiled, by their text: every list prints the benefit of each item it shows,
/// and compiling its formula again was a twentieth of the API's policy list. A zone has a few
/// distinct formulas; past 1 000 the cache starts over.
private enum BenefitFormulas {
    static let compiled = Mutex<[String: JSONLogicRule]>([:])

    static func rule(_ text: String) -> JSONLogicRule? {
        if let rule = compiled.withLock({ $0[text] }) { return rule }
        guard let rule = try? JSONLogicRule(parsing: text) else { return nil }
        compiled.withLock {
            if $0.count >= 1_000 { $0.removeAll() }
            $0[text] = rule
        }
        return rule
    }
}

/// An enterprise an item fits, as the last match stored it (the reasons are rendered on demand
/// by `PolicyMatching.explain`).
struct PolicyMatchRow: Codable, Sendable, Equatable {
    var zoneId: Int64
    var enterpriseId: Int64
    var itemId: Int64
    var estimatedAmount: Double?
    var factsYear: Int?
    var computedAt: Int64
}

/// A stored pair as matching compares and writes it (the row without its zone and time).
struct StoredMatch: Sendable, Equatable {
    var enterpriseID: Int64
    var itemID: Int64
    var amount: Double?
    var factsYear: Int?
}

/// An in-app notice to an enterprise.
struct NoticeRow: Codable, Sendable, Equatable {
    var id: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var policyItemId: Int64?
    var message: String
    var createdAt: Int64
    var createdBy: Int64?
    var readAt: Int64?
}
