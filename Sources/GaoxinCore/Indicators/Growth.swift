/// Why a growth rate cannot be given.
public enum GrowthUndefinedReason: String, CaseIterable, Codable, Sendable {
    case currentMissing, baseMissing
    /// Any growth from zero is infinite or meaningless; statistics write "—" here.
    case baseZero
    /// From a negative base (a loss, say) the sign of (current − base) ÷ base misleads.
    case baseNegative
    case notFinite

    public var message: String {
        switch self {
        case .currentMissing: "缺少本期数据，无法计算增速"
        case .baseMissing: "缺少基期数据，无法计算增速"
        case .baseZero: "基期为零，增速无意义"
        case .baseNegative: "基期为负数，增速无意义"
        case .notFinite: "数据不是有效数字，无法计算增速"
        }
    }
}

/// (current − base) ÷ base, or why there is none. Never NaN or infinity.
public enum GrowthRate: Hashable, Sendable {
    /// 0.245 means up 24.5%.
    case defined(Double)
    case undefined(GrowthUndefinedReason)

    public init(current: Double?, base: Double?) {
        guard let current else {
            self = .undefined(.currentMissing)
            return
        }
        guard let base else {
            self = .undefined(.baseMissing)
            return
        }
        guard current.isFinite, base.isFinite else {
            self = .undefined(.notFinite)
            return
        }
        guard base != 0 else {
            self = .undefined(.baseZero)
            return
        }
        guard base > 0 else {
            self = .undefined(.baseNegative)
            return
        }
        self = .defined((current - base) / base)
    }

    public var value: Double? {
        if case .defined(let rate) = self { return rate }
        return nil
    }

    /// 增长 24.5% · 下降 3.0% · 持平 · or the reason.
    public var text: String {
        switch self {
        case .defined(let rate):
            let shown = Percent.text(abs(rate))
            if shown == Percent.text(0) { return "持平" }
            return rate > 0 ? "增长 \(shown)" : "下降 \(shown)"
        case .undefined(let reason):
            return reason.message
        }
    }
}

/// An indicator's values by period, for 同比 (same period a year earlier) and 环比 (the period before).
public struct PeriodSeries: Hashable, Sendable {
    public var values: [Period: Double]

    public init(_ values: [Period: Double] = [:]) { self.values = values }

    public subscript(period: Period) -> Double? {
        get { values[period] }
        set { values[period] = newValue }
    }

    /// 同比: against the same period of the previous year (ISO week n against week n).
    public func yearOnYear(_ period: Period) -> GrowthRate {
        GrowthRate(current: values[period], base: period.sameInPreviousYear.flatMap { values[$0] })
    }

    /// 环比: against the period just before (January against December of the year before).
    public func periodOnPeriod(_ period: Period) -> GrowthRate {
        GrowthRate(current: values[period], base: values[period.previous])
    }
}
