import Foundation
import GaoxinCore

/// One criterion's verdict for one enterprise, as the enterprise page shows it.
struct AssessmentView: Sendable {
    struct Condition: Sendable {
        let label: String
        let status: String
        let statusClass: String
        let detail: String
    }
    let name: String
    let verdict: String
    let verdictClass: String
    let summary: String
    let score: String?
    let conditions: [Condition]
    let missing: String?

    init(_ result: CriterionResult) {
        name = result.criterionName
        switch result.verdict {
        case .qualified: (verdict, verdictClass) = ("符合", "ok")
        case .notQualified: (verdict, verdictClass) = ("不符合", "bad")
        case .undetermined: (verdict, verdictClass) = ("数据不足", "unknown")
        }
        summary = result.summary
        score = result.score.map { "\(Self.points($0.total)) / \(Self.points($0.maximum)) 分" }
        conditions = (result.conditions + result.directConditions.filter(\.held)).map { c in
            let (status, cls) =
                switch c.status {
                case .met: ("满足", "ok")
                case .notMet: ("不满足", "bad")
                case .missingData: ("缺少数据", "unknown")
                }
            let detail = (c.sentences + c.gapTexts).joined(separator: "；")
            return Condition(
                label: c.label, status: status, statusClass: cls,
                detail: detail.isEmpty ? (c.missingText ?? "") : detail)
        }
        missing = result.missingText
    }

    static func points(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// The 后备 list for one criterion: enterprises not yet qualifying, closest first.
struct CandidatesPage: Sendable {
    struct Item: Sendable {
        let rank: Int
        let name: String
        let href: String
        let closeness: String
        let parts: String
        let shortfalls: String
    }
    let criteria: [SelectOption]
    let criterionName: String
    let qualifiedCount: Int
    let items: [Item]
    let action = SiteURL.enterpriseCandidates.path
}

/// The zone's innovation points ranking (企业创新积分制).
struct InnovationPointsPage: Sendable {
    struct Item: Sendable {
        let rank: Int
        let name: String
        let href: String
        let stage: String
        let score: String
        let stageRank: Int
    }
    let tableName: String
    let note: String
    let items: [Item]
    let skipped: Int
}

/// An enterprise's own innovation points and what they are made of.
struct InnovationView: Sendable {
    let score: String
    let rank: Int
    let total: Int
    let stage: String
    let stageRank: Int
    let parts: [String]
}

struct CriteriaAdminPage: Sendable {
    struct Item: Sendable {
        let code: String
        let name: String
        let basis: String
        let overridden: Bool
        let href: String
    }
    let items: [Item]
}

struct CriterionEditPage: Sendable {
    let code: String
    let name: String
    var json: String
    var error: String?
    let overridden: Bool
    let action: String
    let csrf: String
}
