import Foundation
import GaoxinCore

/// The app's one source of "now", so tests can pin time (lock-outs, session expiry, deadlines).
public enum Clock {
    @TaskLocal public static var fixedNow: Int64?

    public static func nowSeconds() -> Int64 {
        fixedNow ?? Int64(Date().timeIntervalSince1970)
    }

    /// Today in China time (deadlines, validity, application windows).
    public static var today: Day { LocalMoment(unixSeconds: nowSeconds()).day }
}
