/// A science and technology award (科学技术奖励) the enterprise received as one of the winning
/// units. The criteria look at the level, how recent it is and the enterprise's place among the
/// winning units (科小: national, top 3, within 5 years; 专精特新: provincial top 3 or national top 5).
public struct ScienceAward: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        case national, provincial

        public var label: String { self == .national ? "国家级" : "省级" }
    }

    public var level: Level
    public var year: Int
    /// 在获奖单位中的排名, 1 = first.
    public var rank: Int

    public init(level: Level, year: Int, rank: Int) {
        self.level = level
        self.year = year
        self.rank = rank
    }
}

/// The highest level of R&D institution (研发机构) the enterprise has, as 专精特新 scores it.
/// Rules read it as a number (`score`) so that "省级以上" is `>= 3`.
public enum RDInstitutionLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case none, belowCity, city, provincial, national

    public var score: Int {
        switch self {
        case .none: 0
        case .belowCity: 1
        case .city: 2
        case .provincial: 3
        case .national: 4
        }
    }

    public var label: String {
        switch self {
        case .none: "未建立"
        case .belowCity: "市级以下"
        case .city: "市级"
        case .provincial: "省级"
        case .national: "国家级"
        }
    }
}
