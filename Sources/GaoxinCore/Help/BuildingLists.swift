/// 楼委会's three lists (聊城 东城街道): what members need, what members offer, and joint projects.
public enum BuildingList: String, CaseIterable, Sendable, Codable {
    case need, resource, project

    public var label: String {
        switch self {
        case .need: "需求清单"
        case .resource: "资源清单"
        case .project: "项目清单"
        }
    }
}

/// An entry of a list as matching reads it.
public struct BuildingEntry: Sendable, Equatable {
    public let id: Int64
    public let enterpriseID: Int64
    public let category: String
    public let text: String

    public init(id: Int64, enterpriseID: Int64, category: String, text: String) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.category = category
        self.text = text
    }
}

/// Suggests which offers (resources, projects) meet a need: the same category, another member, and
/// the more two-character words they share the better. Best first.
public enum BuildingMatcher {
    public struct Suggestion: Sendable, Equatable {
        public let need: Int64
        public let offer: Int64
        public let score: Int
    }

    public static func suggestions(needs: [BuildingEntry], offers: [BuildingEntry]) -> [Suggestion] {
        var out: [Suggestion] = []
        for need in needs {
            let words = bigrams(need.text)
            for offer in offers where offer.enterpriseID != need.enterpriseID {
                let shared = words.intersection(bigrams(offer.text)).count
                let sameCategory = offer.category == need.category
                guard sameCategory || shared > 0 else { continue }
                out.append(Suggestion(need: need.id, offer: offer.id, score: (sameCategory ? 10 : 0) + shared))
            }
        }
        return out.sorted { ($0.score, -$0.need, -$0.offer) > ($1.score, -$1.need, -$1.offer) }
    }

    /// Pairs of adjacent letters (Chinese has no spaces; two characters make most words).
    static func bigrams(_ text: String) -> Set<String> {
        let chars = Array(text.filter { !$0.isWhitespace && !$0.isPunctuation })
        guard chars.count >= 2 else { return [] }
        return Set((0..<(chars.count - 1)).map { String(chars[$0...($0 + 1)]) })
    }
}
