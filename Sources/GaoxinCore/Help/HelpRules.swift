/// 包联 rules: 1–2 管家 per enterprise (永川 企业管家), the 四个一 visit template (沈阳), the live totals.
public enum Pairing {
    /// At most two cadres look after one enterprise at a time.
    public static let maxKeepers = 2

    /// Why a new pairing of `cadre` with an enterprise whose active keepers are `current` is refused; nil when fine.
    public static func refusal(cadre: Int64, current: [Int64]) -> String? {
        if current.contains(cadre) { return "该干部已在包联这家企业" }
        if current.count >= maxKeepers { return "每家企业最多 \(maxKeepers) 名企业管家，请先结束一名现任管家的包联" }
        return nil
    }
}

/// 沈阳's 四个一 method as the visit template: the prompts a visit record answers.
public enum FourOnes {
    public struct Prompt: Sendable {
        public let field: String
        public let label: String
        public let hint: String
    }

    public static let prompts: [Prompt] = [
        Prompt(field: "area", label: "一个部门负责一片区域", hint: "负责本片区的部门或片区名称"),
        Prompt(field: "leader", label: "一名县级领导牵头挂点", hint: "挂点领导姓名、职务"),
        Prompt(field: "cadre", label: "一名机关干部负责一家企业", hint: "即本次走访的包联干部"),
        Prompt(field: "plan", label: "一企一策", hint: "针对本企业的帮扶措施"),
    ]
}

/// One demand as the totals count it.
public struct DemandFact: Sendable {
    public let closed: Bool
    public let everOverdue: Bool

    public init(closed: Bool, everOverdue: Bool) {
        self.closed = closed
        self.everOverdue = everOverdue
    }
}

/// The 助企 figures the seeds quote (干部、企业、问题、解决、按时), computed from the data.
public struct HelpTotals: Sendable, Equatable {
    public var cadres = 0
    public var enterprisesPaired = 0
    public var enterprisesVisited = 0
    public var visits = 0
    public var raised = 0
    public var solved = 0
    public var solvedOnTime = 0
    /// 万元.
    public var pledgedAmount: Int64 = 0

    public init() {}

    public mutating func count(_ demands: [DemandFact]) {
        raised = demands.count
        solved = demands.filter(\.closed).count
        solvedOnTime = demands.filter { $0.closed && !$0.everOverdue }.count
    }

    /// Solved share in whole per cent, rounded down; 0 with nothing raised.
    public var solvedPercent: Int { raised == 0 ? 0 : solved * 100 / raised }
    public var onTimePercent: Int { solved == 0 ? 0 : solvedOnTime * 100 / solved }
}

/// The 共享法庭 target: a dispute settled or referred by the end of the first working day after
/// it was filed (次日起算).
public enum MediationTarget {
    public static let workingDays = 1

    public static func deadline(filedAt: LocalMoment, calendar: WorkCalendar) -> Deadline? {
        try? calendar.deadline(workingDays: workingDays, after: filedAt)
    }

    public static func met(closedAt: LocalMoment, deadline: Deadline) -> Bool {
        closedAt.day < deadline.day || (closedAt.day == deadline.day && closedAt.minuteOfDay <= deadline.minuteOfDay)
    }
}
