extension Int {
    /// `self + other`, held at `Int.max` / `Int.min` instead of trapping. Points totals use it:
    /// an entry stored before values were bounded (an item worth `Int.max`) must not stop the
    /// server on every later board (#11).
    public func adding(clamped other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `-self`, with `-Int.min` held at `Int.max`.
    public var clampedNegation: Int { self == .min ? .max : -self }

    /// `abs(self)`, with `abs(Int.min)` held at `Int.max`.
    public var clampedMagnitude: Int { self == .min ? .max : Swift.abs(self) }
}
