/// One finished or open application as the statistics read it.
public struct ServiceCaseFact: Sendable, Hashable {
    public let channel: ServiceChannel
    public let instant: Bool
    /// Working days from acceptance to finishing (0 the same day); nil while open.
    public let workingDays: Int?
    public let promisedDays: Int
    public let finished: Bool
    public let rating: RatingLevel?
    /// For a 差评: whether its follow-up is closed (整改完成), and whether an appeal took it out.
    public let followUpClosed: Bool
    public let appealUpheld: Bool

    public init(
        channel: ServiceChannel, instant: Bool, workingDays: Int?, promisedDays: Int, finished: Bool,
        rating: RatingLevel?, followUpClosed: Bool = false, appealUpheld: Bool = false
    ) {
        self.channel = channel
        self.instant = instant
        self.workingDays = workingDays
        self.promisedDays = promisedDays
        self.finished = finished
        self.rating = rating
        self.followUpClosed = followUpClosed
        self.appealUpheld = appealUpheld
    }
}

/// The figures the seeds report for 政务服务 (湘潭 "1 日内办结", 网办, 即办, 好差评), over any group of
/// applications. Rates are nil when there is nothing to divide by.
public struct ServiceFigures: Sendable, Hashable {
    public var applications = 0
    public var finished = 0
    public var instant = 0
    public var online = 0
    public var withinOneDay = 0
    public var withinPromise = 0
    public var totalDays = 0
    public var totalPromised = 0
    /// 好差评 of the finished applications, counted as every case type's are.
    public private(set) var ratings = RatingTally()
    public var rated: Int { ratings.rated }
    /// 非常满意 and 满意.
    public var good: Int { ratings.good }
    /// 非常满意, 满意 and 基本满意.
    public var satisfied: Int { ratings.satisfied }
    /// 差评 that count (an upheld appeal takes a rating out).
    public var bad: Int { ratings.bad }
    public var badFixed: Int { ratings.badFixed }

    public init() {}

    public init(_ facts: some Sequence<ServiceCaseFact>) {
        for f in facts { add(f) }
    }

    public mutating func add(_ f: ServiceCaseFact) {
        applications += 1
        if f.channel.isOnline { online += 1 }
        guard f.finished else { return }
        finished += 1
        if f.instant { instant += 1 }
        if let days = f.workingDays {
            totalDays += days
            totalPromised += f.promisedDays
            if days <= 1 { withinOneDay += 1 }
            if days <= f.promisedDays { withinPromise += 1 }
        }
        guard let rating = f.rating else { return }
        ratings.add(RatingFact(level: rating, followUpClosed: f.followUpClosed, appealUpheld: f.appealUpheld))
    }

    /// 即办率: finished on the spot, of those finished.
    public var instantRate: Double? { RatingTally.rate(instant, finished) }
    /// 网办率: applied without coming to a window, of all applications.
    public var onlineRate: Double? { RatingTally.rate(online, applications) }
    /// Share finished within one working day.
    public var withinOneDayRate: Double? { RatingTally.rate(withinOneDay, finished) }
    public var withinPromiseRate: Double? { RatingTally.rate(withinPromise, finished) }
    public var averageDays: Double? { finished > 0 ? Double(totalDays) / Double(finished) : nil }
    public var averagePromised: Double? { finished > 0 ? Double(totalPromised) / Double(finished) : nil }
    /// 好评率: 非常满意 and 满意 of the ratings.
    public var goodRate: Double? { ratings.goodRate }
    /// 满意率: 基本满意 and better of the ratings.
    public var satisfiedRate: Double? { ratings.satisfiedRate }
    /// 差评整改率: 差评 whose follow-up is closed, of all 差评.
    public var fixRate: Double? { ratings.fixRate }
}
