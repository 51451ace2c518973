import Foundation

/// Matches enterprises to policy items (应知尽知、应享尽享): for each pair, whether the item's
/// eligibility rule holds for the enterprise's record (see `EnterpriseRecord.build`), why — one
/// Chinese sentence per condition — and, when it holds, the amount the benefit would come to.
public struct PolicyMatcher: Sendable {
    public struct Item: Sendable {
        public let id: Int64
        public let rule: JSONLogicRule
        public let benefit: PolicyBenefit

        public init(id: Int64, rule: JSONLogicRule, benefit: PolicyBenefit) {
            self.id = id
            self.rule = rule
            self.benefit = benefit
        }
    }

    public struct Outcome: Sendable, Equatable {
        public let enterpriseID: Int64
        public let itemID: Int64
        public let eligible: Bool
        /// 万元; nil when not eligible or the benefit is not money or can't be computed.
        public let estimatedAmount: Double?
        public let reasons: [String]
    }

    let renderer: ExplanationRenderer

    public init(catalogue: FieldCatalogue = EnterpriseFieldCatalogue.catalogue) {
        renderer = ExplanationRenderer(catalogue: catalogue)
    }

    /// One outcome per item, in the items' order.
    public func match(enterpriseID: Int64, record: JSONValue, items: [Item]) -> [Outcome] {
        items.map { item in
            let explanation = item.rule.explain(record)
            let eligible = explanation.satisfied
            return Outcome(
                enterpriseID: enterpriseID, itemID: item.id, eligible: eligible,
                estimatedAmount: eligible ? item.benefit.estimate(for: record) : nil,
                reasons: renderer.sentences(explanation).map(Self.readable))
        }
    }

    /// The renderer quotes stored codes ("“high_tech”"); an enterprise reads the names.
    static func readable(_ sentence: String) -> String {
        var text = sentence
        for kind in CertificationKind.allCases {
            text = text.replacingOccurrences(of: "“\(kind.rawValue)”", with: "“\(kind.label)”")
        }
        for stage in GrowthStage.allCases {
            text = text.replacingOccurrences(of: "“\(stage.rawValue)”", with: "“\(stage.label)”")
        }
        return text
    }
}
