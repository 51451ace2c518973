import Foundation

/// How the indicator engine writes a fraction as a percentage on pages and in messages.
public enum Percent {
    /// 0.5549 → "55.5%" (digits: 1), "55.49%" (digits: 2). Never prints "-0.0%".
    public static func text(_ fraction: Double, digits: Int = 1) -> String {
        let value = fraction * 100
        let printed = String(format: "%.\(max(0, digits))f", value)
        let isNegativeZero = printed.hasPrefix("-") && printed.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
        return (isNegativeZero ? String(printed.dropFirst()) : printed) + "%"
    }
}
