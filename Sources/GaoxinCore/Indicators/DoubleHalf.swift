/// What keeps a target from 双过半.
public enum DoubleHalfShortfall: Hashable, Sendable {
    case completionUndefined(CompletionUndefinedReason)
    /// Completion below 50% (任务未过半).
    case belowHalf(completion: Double)
    /// Completion behind the share of the year gone (进度慢于时间).
    case behindTime(completion: Double, timeProgress: Double)

    public var message: String {
        switch self {
        case .completionUndefined(let reason):
            reason.message
        case .belowHalf(let c):
            "完成 \(Percent.text(c, digits: 2))，未过半"
        case .behindTime(let c, let t):
            "完成 \(Percent.text(c, digits: 2))，落后于时间进度 \(Percent.text(t, digits: 2))"
        }
    }
}

/// 双过半 (时间过半、任务过半) for one target at a day: achieved when completion is at least 50%
/// and not behind time progress. Both comparisons allow 1e-9 so that exactly half computed
/// in floating point (157.6 ÷ 315.2) counts as half.
public struct DoubleHalfCheck: Hashable, Sendable {
    public let completion: Completion
    public let timeProgress: TimeProgress
    public let shortfalls: [DoubleHalfShortfall]

    public init(actual: Double?, target: Double?, at day: Day, basis: TimeProgressBasis) {
        completion = Completion(actual: actual, target: target)
        timeProgress = TimeProgress(at: day, basis: basis)
        let tolerance = 1e-9
        switch completion.rate {
        case .undefined(let reason):
            shortfalls = [.completionUndefined(reason)]
        case .defined(let c):
            var found: [DoubleHalfShortfall] = []
            if c < 0.5 - tolerance { found.append(.belowHalf(completion: c)) }
            if c < timeProgress.fraction - tolerance {
                found.append(.behindTime(completion: c, timeProgress: timeProgress.fraction))
            }
            shortfalls = found
        }
    }

    public var isAchieved: Bool { shortfalls.isEmpty }

    /// 完成 55.49%，时间进度 49.6%（181/365 天）：实现双过半.
    public var text: String {
        let head = "\(completion.text)，\(timeProgress.text)"
        return isAchieved
            ? "\(head)：实现双过半"
            : "\(head)：未实现双过半（\(shortfalls.map(\.message).joined(separator: "；"))）"
    }
}
