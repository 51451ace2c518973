import Foundation
import GaoxinCore

/// One stored case: the engine's record (the truth) and the columns copied from it for lists.
struct CaseRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var typeCode: String
    var state: String
    var title: String
    var requesterUserId: Int64?
    var enterpriseId: Int64?
    var assigneeKind: String?
    var assigneeId: String?
    var deadlineDay: String?
    var deadlineMinute: Int?
    var deadlineUncertain: Bool
    /// The current state's overdue mark (what the sweep looks at).
    var overdue: Bool
    /// Late at some step, kept after the case moves on (what supervision lists).
    var everOverdue: Bool
    var escalatedTo: String?
    var openedAt: Int64
    var closedAt: Int64?
    var recordJson: String
    var ratingLevel: String?
    var parentCaseId: Int64?
    var updatedAt: Int64

    func record() throws -> CaseRecord {
        try JSONDecoder().decode(CaseRecord.self, from: Data(recordJson.utf8))
    }

    /// "ZX-000042": the number a requester quotes.
    static func number(_ id: Int64, prefix: String = "ZX") -> String {
        let digits = String(id)
        return prefix + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    var deadlineText: String? {
        guard let deadlineDay else { return nil }
        let minute = deadlineMinute ?? Deadline.endOfDay
        let time = minute == Deadline.endOfDay ? "下班前" : String(format: " %02d:%02d", minute / 60, minute % 60)
        return deadlineDay + time + (deadlineUncertain ? "（节假日安排未公布，可能调整）" : "")
    }
}

/// Ids the engine sees for people and units, so the records stay readable in the audit log.
enum CaseIDs {
    static func user(_ id: Int64) -> String { "user:\(id)" }
    static func department(_ id: Int64) -> Assignee { Assignee(id: "department:\(id)", kind: .unit) }
    static func departmentID(_ assignee: Assignee?) -> Int64? {
        guard let assignee, assignee.id.hasPrefix("department:") else { return nil }
        return Int64(assignee.id.dropFirst("department:".count))
    }
}

extension LocalMoment {
    /// Now, in China time, from the app's one clock.
    static var now: LocalMoment { LocalMoment(unixSeconds: Clock.nowSeconds()) }
}

extension Refusal {
    /// Runs case-engine calls; the engine's refusal (`CaseError`: wrong state, role, missing note…)
    /// becomes a `Refusal` on `field` with the engine's own message, so services throw one kind.
    static func engine<T>(_ field: String, _ call: () throws -> T) throws -> T {
        do {
            return try call()
        } catch let error as CaseError {
            throw Refusal(field, error.message)
        }
    }
}
