import GaoxinCore
import Synchronization

/// Values kept for their day while a version has not moved: for the public policy pages and the
/// API's policy list, the database's public pages version (M0088: triggers on every table they read
/// move it, whoever writes); a key that names everything its value is computed from (a digest of
/// the inputs, `AssessmentViewKey`) needs none, and such a cache passes 0.
///
/// The caller reads the version before the rows the value is computed from, so a value computed
/// from rows newer than the version read is only ever thrown away early. A value is kept for its
/// day (validity and application windows go by the day): a new version starts over, a new day
/// drops the values of the days before. Bounded: at most `maxCost` in all, by the caller's measure
/// (bytes for pages, rows for API lists); what does not fit is not kept.
final class VersionedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct DayKey: Hashable {
        let key: Key
        let day: Day
    }

    private struct State {
        var version: Int64 = 0
        /// The latest day seen: values of earlier days are dropped when it turns.
        var day = Day(dayNumber: 0)
        var values: [DayKey: (value: Value, cost: Int)] = [:]
        var cost = 0
    }

    private let state = Mutex(State())
    let maxCost: Int

    init(maxCost: Int) {
        self.maxCost = maxCost
    }

    /// The kept value for `key` on `day`, if it was computed at `version`.
    func value(for key: Key, day: Day, version: Int64) -> Value? {
        state.withLock { s in
            if version > s.version {
                s = State(version: version, day: max(s.day, day))
            } else if day > s.day {
                s.day = day
                s.values = s.values.filter { $0.key.day >= day }
                s.cost = s.values.values.reduce(0) { $0 + $1.cost }
            }
            // A reading older than the kept values' is neither served nor kept.
            guard version == s.version else { return nil }
            return s.values[DayKey(key: key, day: day)]?.value
        }
    }

    /// Keeps `value`, computed from rows read after the version was `version`.
    func keep(_ value: Value, cost: Int, for key: Key, day: Day, version: Int64) {
        state.withLock { s in
            let dayKey = DayKey(key: key, day: day)
            guard version == s.version, s.values[dayKey] == nil, s.cost + cost <= maxCost else { return }
            s.values[dayKey] = (value, cost)
            s.cost += cost
        }
    }

    /// Whether a value is kept for `key` today (tests see the cache work through it).
    func keeps(_ key: Key) -> Bool {
        state.withLock { $0.values[DayKey(key: key, day: Clock.today)] != nil }
    }
}
