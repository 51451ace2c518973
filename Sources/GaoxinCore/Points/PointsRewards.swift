/// One reward level, e.g. 一等奖 from 50 points in the quarter.
public struct RewardTier: Hashable, Codable, Sendable {
    public let name: String
    public let minimumPoints: Int

    public init(name: String, minimumPoints: Int) {
        self.name = name
        self.minimumPoints = minimumPoints
    }
}

/// 一季一奖励: the reward levels by a subject's net confirmed points in the quarter. A subject
/// gets the highest level whose threshold it reaches (≥).
public struct RewardScheme: Hashable, Sendable {
    /// Highest threshold first.
    public let tiers: [RewardTier]

    public init(tiers: [RewardTier]) throws {
        guard !tiers.isEmpty else { throw PointsError.invalidRewardScheme("至少要有一个奖励档次") }
        for tier in tiers {
            if tier.name.allSatisfy(\.isWhitespace) { throw PointsError.invalidRewardScheme("档次名称不能为空") }
            if tier.minimumPoints <= 0 {
                throw PointsError.invalidRewardScheme("「\(tier.name)」的门槛必须大于 0 分")
            }
        }
        if Set(tiers.map(\.name)).count != tiers.count {
            throw PointsError.invalidRewardScheme("档次名称有重复")
        }
        if Set(tiers.map(\.minimumPoints)).count != tiers.count {
            throw PointsError.invalidRewardScheme("两个档次的门槛分相同")
        }
        self.tiers = tiers.sorted { $0.minimumPoints > $1.minimumPoints }
    }

    public func tier(for points: Int) -> RewardTier? { tiers.first { points >= $0.minimumPoints } }
}

extension RewardScheme: Codable {
    private enum CodingKeys: String, CodingKey { case tiers }

    public init(from decoder: any Decoder) throws {
        try self.init(tiers: decoder.container(keyedBy: CodingKeys.self).decode([RewardTier].self, forKey: .tiers))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tiers, forKey: .tiers)
    }
}

/// A subject on a quarter's reward list.
public struct PointsReward: Hashable, Codable, Sendable {
    /// Rank by quarter points among those rewarded (ties share a rank).
    public let rank: Int
    public let subject: String
    public let points: Int
    public let tier: String
}

/// The reward list of a quarter as it was recorded (the prizes handed out), frozen like a
/// published board.
public struct PointsRewardRecord: Hashable, Codable, Sendable {
    public let quarter: Period
    public let scheme: RewardScheme
    public let rewards: [PointsReward]
    public let recordedBy: String
    public let recordedAt: LocalMoment

    public init(
        quarter: Period, scheme: RewardScheme, rewards: [PointsReward], recordedBy: String, recordedAt: LocalMoment
    ) {
        self.quarter = quarter
        self.scheme = scheme
        self.rewards = rewards
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

extension PointsLedger {
    /// Who reaches a reward level in `quarter`, from confirmed entries as they are now; highest first.
    public func rewardList(for quarter: Period, scheme: RewardScheme) throws -> [PointsReward] {
        guard quarter.kind == .quarter else { throw PointsError.wrongPeriodKind(expected: .quarter, got: quarter) }
        var totals: [String: Int] = [:]
        for e in entries where e.status == .confirmed && quarter.contains(e.day) {
            totals[e.subject, default: 0] = totals[e.subject, default: 0].adding(clamped: e.points)
        }
        return try Self.rewardList(for: quarter, scheme: scheme, totals: totals)
    }

    /// The reward list from each subject's net confirmed points in `quarter`, however they were
    /// summed; subjects below every threshold may be left out of `totals`.
    public static func rewardList(for quarter: Period, scheme: RewardScheme, totals: [String: Int]) throws
        -> [PointsReward]
    {
        guard quarter.kind == .quarter else { throw PointsError.wrongPeriodKind(expected: .quarter, got: quarter) }
        let eligible = totals.filter { scheme.tier(for: $0.value) != nil }
        return Ranking.competition(eligible.map { ($0.key, $0.value) }).map {
            PointsReward(rank: $0.rank, subject: $0.id, points: $0.key, tier: scheme.tier(for: $0.key)!.name)
        }
    }

    /// Records the quarter's reward list once; a second recording of the same quarter is refused.
    @discardableResult
    public mutating func recordRewards(
        for quarter: Period, scheme: RewardScheme, by: String, at moment: LocalMoment
    )
        throws -> PointsRewardRecord
    {
        try recordRewards(
            for: quarter, scheme: scheme, list: try rewardList(for: quarter, scheme: scheme), by: by, at: moment)
    }

    /// Records `list` (from `rewardList(for:scheme:totals:)`) as the quarter's, once.
    @discardableResult
    public mutating func recordRewards(
        for quarter: Period, scheme: RewardScheme, list: [PointsReward], by: String, at moment: LocalMoment
    )
        throws -> PointsRewardRecord
    {
        guard quarter.kind == .quarter else { throw PointsError.wrongPeriodKind(expected: .quarter, got: quarter) }
        guard rewardRecord(for: quarter) == nil else { throw PointsError.rewardsAlreadyRecorded(quarter) }
        try requireText(by, "登记人")
        let record = PointsRewardRecord(
            quarter: quarter, scheme: scheme, rewards: list, recordedBy: by, recordedAt: moment)
        rewardRecords.append(record)
        return record
    }

    public func rewardRecord(for quarter: Period) -> PointsRewardRecord? {
        rewardRecords.first { $0.quarter == quarter }
    }
}
