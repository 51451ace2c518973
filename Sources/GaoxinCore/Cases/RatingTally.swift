/// One rated case as the 好差评 figures read it.
public struct RatingFact: Sendable, Hashable {
    public let level: RatingLevel
    /// For a 差评: whether its follow-up is closed (整改完成).
    public let followUpClosed: Bool
    /// Whether the unit's appeal of the 差评 was upheld: the rating then counts nowhere.
    public let appealUpheld: Bool

    public init(level: RatingLevel, followUpClosed: Bool = false, appealUpheld: Bool = false) {
        self.level = level
        self.followUpClosed = followUpClosed
        self.appealUpheld = appealUpheld
    }
}

/// 好评率, 满意率 and 差评整改率 of any case type's ratings (国办发〔2019〕51号). A rating whose appeal
/// was upheld (误评、恶意差评) is left out of every figure and counted apart. Rates are nil when
/// there is nothing to divide by.
public struct RatingTally: Sendable, Hashable {
    public private(set) var rated = 0
    /// 非常满意 and 满意.
    public private(set) var good = 0
    /// 基本满意 and better.
    public private(set) var satisfied = 0
    public private(set) var bad = 0
    public private(set) var badFixed = 0
    /// Ratings an upheld appeal took out.
    public private(set) var excluded = 0

    public init() {}

    public init(_ facts: some Sequence<RatingFact>) {
        for f in facts { add(f) }
    }

    /// Adds `count` ratings alike (a database's grouped count of them, say).
    public mutating func add(_ f: RatingFact, count: Int = 1) {
        guard count > 0 else { return }
        if f.appealUpheld {
            excluded += count
            return
        }
        rated += count
        switch f.level {
        case .verySatisfied, .satisfied:
            good += count
            satisfied += count
        case .basicallySatisfied: satisfied += count
        case .dissatisfied, .veryDissatisfied:
            bad += count
            if f.followUpClosed { badFixed += count }
        }
    }

    /// The tally from counts by level: every rating, those an upheld appeal took out, and the 差评
    /// (not taken out) whose follow-up is closed.
    public init(rated: [RatingLevel: Int], upheld: [RatingLevel: Int], fixed: [RatingLevel: Int]) {
        for level in RatingLevel.allCases {
            let out = upheld[level] ?? 0
            let done = fixed[level] ?? 0
            add(RatingFact(level: level, appealUpheld: true), count: out)
            add(RatingFact(level: level, followUpClosed: true), count: done)
            add(RatingFact(level: level), count: (rated[level] ?? 0) - out - done)
        }
    }

    static func rate(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }

    public var goodRate: Double? { Self.rate(good, rated) }
    public var satisfiedRate: Double? { Self.rate(satisfied, rated) }
    /// 差评整改率: 差评 whose follow-up is closed, of the 差评 that count.
    public var fixRate: Double? { Self.rate(badFixed, bad) }
}
