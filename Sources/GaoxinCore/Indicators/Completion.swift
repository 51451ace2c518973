/// Why a completion rate cannot be given.
public enum CompletionUndefinedReason: String, CaseIterable, Codable, Sendable {
    case actualMissing, targetMissing
    /// Nothing to divide by; `Completion.isMet` still says whether the actual reached zero.
    case targetZero
    /// actual ÷ a negative target reads backwards (−50 against −100 would be "50%" though
    /// better than the target), so only `isMet` is given.
    case targetNegative
    case notFinite

    public var message: String {
        switch self {
        case .actualMissing: "缺少完成数，无法计算完成率"
        case .targetMissing: "未设目标，无法计算完成率"
        case .targetZero: "目标为零，完成率无意义"
        case .targetNegative: "目标为负数，完成率无意义，只看是否达到目标"
        case .notFinite: "数据不是有效数字，无法计算完成率"
        }
    }
}

public enum CompletionRate: Hashable, Sendable {
    /// actual ÷ target; 0.5549 means 55.49% of the target.
    case defined(Double)
    case undefined(CompletionUndefinedReason)

    public init(actual: Double?, target: Double?) {
        guard let actual else {
            self = .undefined(.actualMissing)
            return
        }
        guard let target else {
            self = .undefined(.targetMissing)
            return
        }
        guard actual.isFinite, target.isFinite else {
            self = .undefined(.notFinite)
            return
        }
        guard target != 0 else {
            self = .undefined(.targetZero)
            return
        }
        guard target > 0 else {
            self = .undefined(.targetNegative)
            return
        }
        self = .defined(actual / target)
    }

    public var value: Double? {
        if case .defined(let rate) = self { return rate }
        return nil
    }
}

/// Progress against a target (年度目标任务, 到位资金, 外资 …).
public struct Completion: Hashable, Sendable {
    public let actual: Double?
    public let target: Double?
    public let rate: CompletionRate
    /// actual ≥ target, answered for zero and negative targets too; nil when a number is missing.
    public let isMet: Bool?

    public init(actual: Double?, target: Double?) {
        self.actual = actual
        self.target = target
        rate = CompletionRate(actual: actual, target: target)
        if let actual, let target, actual.isFinite, target.isFinite {
            isMet = actual >= target
        } else {
            isMet = nil
        }
    }

    /// 完成 55.49% · or the reason, with whether the target was reached when that is known.
    public var text: String {
        switch rate {
        case .defined(let r):
            return "完成 \(Percent.text(r, digits: 2))"
        case .undefined(let reason):
            guard let isMet else { return reason.message }
            return "\(reason.message)（\(isMet ? "已达到目标" : "未达到目标")）"
        }
    }
}
