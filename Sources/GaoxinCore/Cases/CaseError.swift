/// Why the engine refused: every message is in Chinese and names the case type, state, transition or
/// role involved, so routes can show it as is.
public enum CaseError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidDefinition(typeCode: String, problems: [String])
    case duplicateCaseType(String)
    case unknownFollowUpType(typeCode: String, followUp: String)
    case unknownCaseType(String)
    case unknownState(String)
    case notAllowedToOpen(role: Role, typeName: String)
    case unknownTransition(code: String, typeName: String)
    case transitionNotAvailable(transition: String, state: String)
    case roleNotAllowed(role: Role, transition: String, allowed: [Role])
    case noteRequired(transition: String)
    case assigneeRequired(transition: String)
    case caseClosed(state: String)
    case momentBeforeLastEvent(at: LocalMoment, last: LocalMoment)
    case ratingNotOffered(typeName: String)
    case notClosedYet(state: String)
    case alreadyRated
    case onlyRequesterMayRate
    case facetScoreOutOfRange(facet: RatingFacet, score: Int)

    public var message: String {
        switch self {
        case .invalidDefinition(let code, let problems):
            "案件类型“\(code)”定义有误：" + problems.joined(separator: "；")
        case .duplicateCaseType(let code):
            "案件类型编码“\(code)”重复"
        case .unknownFollowUpType(let code, let followUp):
            "案件类型“\(code)”的差评后续类型“\(followUp)”不存在"
        case .unknownCaseType(let code):
            "案件类型“\(code)”不存在"
        case .unknownState(let code):
            "案件当前状态“\(code)”已不在类型定义中，请管理员检查类型配置"
        case .notAllowedToOpen(let role, let typeName):
            "\(role.label)不能发起“\(typeName)”"
        case .unknownTransition(let code, let typeName):
            "“\(typeName)”没有名为“\(code)”的操作"
        case .transitionNotAvailable(let transition, let state):
            "案件当前处于“\(state)”，不能执行“\(transition)”"
        case .roleNotAllowed(let role, let transition, let allowed):
            "\(role.label)无权执行“\(transition)”，可执行的角色：\(allowed.map(\.label).joined(separator: "、"))"
        case .noteRequired(let transition):
            "执行“\(transition)”必须填写办理意见"
        case .assigneeRequired(let transition):
            "执行“\(transition)”必须指定承办人或承办单位"
        case .caseClosed(let state):
            "案件已办结（\(state)），不能再办理"
        case .momentBeforeLastEvent(let at, let last):
            "操作时间 \(at) 早于上一条记录的时间 \(last)"
        case .ratingNotOffered(let typeName):
            "“\(typeName)”不设好差评"
        case .notClosedYet(let state):
            "案件尚未办结（当前为“\(state)”），办结后才能评价"
        case .alreadyRated:
            "该案件已评价过，每件只能评价一次"
        case .onlyRequesterMayRate:
            "只有提出诉求的本人才能评价"
        case .facetScoreOutOfRange(let facet, let score):
            "“\(facet.label)”评分应为1–5分，实际为\(score)"
        }
    }

    public var description: String { message }
}
