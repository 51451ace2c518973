/// The five 好差评 levels of 国办发〔2019〕51号. Raw values are stored; `label` is shown.
public enum RatingLevel: String, Codable, CaseIterable, Hashable, Sendable {
    case verySatisfied = "very_satisfied"
    case satisfied
    case basicallySatisfied = "basically_satisfied"
    case dissatisfied
    case veryDissatisfied = "very_dissatisfied"

    public var label: String {
        switch self {
        case .verySatisfied: "非常满意"
        case .satisfied: "满意"
        case .basicallySatisfied: "基本满意"
        case .dissatisfied: "不满意"
        case .veryDissatisfied: "非常不满意"
        }
    }

    /// 不满意 and 非常不满意 are 差评: they go back to the unit that handled the case.
    public var isNegative: Bool { self == .dissatisfied || self == .veryDissatisfied }
}

/// The facets of an online 一事一评 rating, each scored 1–5.
public enum RatingFacet: String, Codable, CodingKeyRepresentable, CaseIterable, Hashable, Sendable {
    case overall
    case efficiency
    case guideAccuracy = "guide_accuracy"
    case convenience
    case usability

    public var label: String {
        switch self {
        case .overall: "整体满意度"
        case .efficiency: "办事效率"
        case .guideAccuracy: "办事指南精确度"
        case .convenience: "办事便捷度"
        case .usability: "平台操作性"
        }
    }

    public static let scores = 1...5
}

/// The requester's rating of a closed case.
public struct CaseRating: Codable, Hashable, Sendable {
    public let level: RatingLevel
    public let facets: [RatingFacet: Int]
    public let comment: String?
    public let at: LocalMoment
}

/// What a 差评 asks the caller to open next: a follow-up case (回访核实、整改) for the unit that
/// handled the rated case. The engine does not open it, so the caller can store both in one go.
public struct FollowUpRequest: Codable, Hashable, Sendable {
    public let caseTypeCode: String
    /// The last assignee of the rated case; nil if it was never assigned.
    public let handledBy: Assignee?
    public let reason: String
}

/// The rated case, plus the follow-up to open when the rating is a 差评 and the type names one.
public struct RatingOutcome: Hashable, Sendable {
    public let record: CaseRecord
    public let followUp: FollowUpRequest?
}
