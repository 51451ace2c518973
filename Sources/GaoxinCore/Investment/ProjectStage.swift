import Foundation

/// The investment pipeline (招商项目全流程): 线索 → 在谈 → 签约 → 注册 → 开工 → 竣工 → 投产, or
/// 终止 with a reason from any stage before 投产. Raw values are stored; never change them.
public enum ProjectStage: String, CaseIterable, Codable, Sendable {
    case lead, talks, signed, registered, started, completed, producing, terminated

    public var label: String {
        switch self {
        case .lead: "线索"
        case .talks: "在谈"
        case .signed: "签约"
        case .registered: "注册"
        case .started: "开工"
        case .completed: "竣工"
        case .producing: "投产"
        case .terminated: "终止"
        }
    }

    /// The stages in pipeline order (终止 is not on the line).
    public static let line: [ProjectStage] = [.lead, .talks, .signed, .registered, .started, .completed, .producing]

    /// The one stage a project moves on to; nil at 投产 and 终止.
    public var next: ProjectStage? {
        guard let i = Self.line.firstIndex(of: self), i + 1 < Self.line.count else { return nil }
        return Self.line[i + 1]
    }

    /// No move leaves 投产 or 终止.
    public var isFinal: Bool { self == .producing || self == .terminated }

    /// Whether the project has reached `other` on the line (a terminated project reached nothing more).
    public func hasReached(_ other: ProjectStage) -> Bool {
        guard let a = Self.line.firstIndex(of: self), let b = Self.line.firstIndex(of: other) else { return false }
        return a >= b
    }
}

/// One proposed stage move with the data the new stage needs.
public struct StageMove: Sendable, Equatable {
    public var to: ProjectStage
    public var on: Day
    /// 签约: the agreed investment (协议投资额, 万元).
    public var agreedInvestment: Int64?
    /// 注册: whether the enterprise named is in the zone's registry.
    public var enterpriseInRegistry: Bool
    /// 终止: why.
    public var reason: String

    public init(
        to: ProjectStage, on: Day, agreedInvestment: Int64? = nil, enterpriseInRegistry: Bool = false,
        reason: String = ""
    ) {
        self.to = to
        self.on = on
        self.agreedInvestment = agreedInvestment
        self.enterpriseInRegistry = enterpriseInRegistry
        self.reason = reason
    }
}

/// A reason a move is refused, with the form field it belongs to.
public struct StageProblem: Sendable, Equatable {
    public let field: String
    public let message: String
}

/// The stage machine: a move goes to the next stage only (no skipping, so no stage's data is
/// skipped), dated no earlier than the current stage and no later than today, with the data the
/// new stage needs; or to 终止 with a reason.
public enum ProjectStageMachine {
    /// 协议投资额 above this (100 万亿元, in 万元) is a typing error, not a project.
    public static let maxInvestment: Int64 = 10_000_000_000

    public static func problems(from current: ProjectStage, since: Day, move: StageMove, today: Day) -> [StageProblem] {
        var found: [StageProblem] = []
        if current.isFinal {
            return [StageProblem(field: "stage", message: "项目已\(current.label)，不能再变更阶段")]
        }
        if move.to == .terminated {
            let reason = move.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if reason.isEmpty { found.append(StageProblem(field: "reason", message: "终止项目须写明原因")) }
            if reason.count > 500 { found.append(StageProblem(field: "reason", message: "终止原因不能超过 500 字")) }
        } else if move.to != current.next {
            let next = current.next.map { "“\($0.label)”" } ?? "无"
            found.append(
                StageProblem(
                    field: "stage", message: "项目现处于“\(current.label)”，只能进入下一阶段 \(next) 或终止，不能跳过或倒退"))
        }
        if move.on < since {
            found.append(
                StageProblem(field: "on", message: "日期 \(move.on) 早于上一阶段“\(current.label)”的日期 \(since)"))
        }
        if move.on > today { found.append(StageProblem(field: "on", message: "日期不能晚于今天（\(today)）")) }
        if move.to == .signed {
            if let amount = move.agreedInvestment {
                if amount <= 0 || amount > maxInvestment {
                    found.append(StageProblem(field: "agreed_investment", message: "协议投资额须大于 0 且不超过 1000000 亿元"))
                }
            } else {
                found.append(StageProblem(field: "agreed_investment", message: "签约须填写协议投资额（万元）"))
            }
        }
        if move.to == .registered, !move.enterpriseInRegistry {
            found.append(StageProblem(field: "enterprise", message: "注册须选择本园区企业库中的企业"))
        }
        return found
    }
}
