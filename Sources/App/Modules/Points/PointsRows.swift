import Foundation
import GaoxinCore

/// One line of the zone's item list (正负积分事项清单), as stored.
struct PointsItemRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var code: String
    var name: String
    var category: String
    var points: Int
    var capPoints: Int?
    var capPer: String?
    var isActive: Bool
    var position: Int

    var item: PointsItem {
        let cap = capPoints.flatMap { max in
            capPer.flatMap(PeriodKind.init(rawValue:)).map { PointsCap(maxPoints: max, per: $0) }
        }
        return PointsItem(id: code, name: name, category: category, points: points, cap: cap, isActive: isActive)
    }
}

/// One points entry as stored; the photo bytes are read only by the photo route.
struct PointsEntryRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var subject: String
    var gridId: Int64?
    var itemCode: String
    var points: Int
    var day: String
    var origin: String
    var status: String
    var evidence: String
    var photoName: String?
    var photoType: String?
    var enteredByUserId: Int64?
    var enteredBy: String
    var enteredAt: Int64
    var decisionsJson: String
    var correctionsJson: String

    static let columns = [
        "id", "zone_id", "subject", "grid_id", "item_code", "points", "day", "origin", "status", "evidence",
        "photo_name", "photo_type", "entered_by_user_id", "entered_by", "entered_at", "decisions_json",
        "corrections_json",
    ]

    /// The ledger's view: the entry id is the row id as text.
    func entry() throws -> PointsEntry {
        let decoder = JSONDecoder()
        return PointsEntry(
            id: String(id), subject: subject, itemID: itemCode, points: points,
            day: Day(day) ?? Day(year: 2000, month: 1, day: 1)!,
            origin: PointsEntryOrigin(rawValue: origin) ?? .declaration,
            status: PointsEntryStatus(rawValue: status) ?? .pending,
            evidence: evidence, attachments: photoName.map { [$0] } ?? [], enteredBy: enteredBy,
            enteredAt: LocalMoment(unixSeconds: enteredAt),
            decisions: try decoder.decode([PointsDecision].self, from: Data(decisionsJson.utf8)),
            corrections: try decoder.decode([PointsCorrection].self, from: Data(correctionsJson.utf8)))
    }
}

/// A member of the points committee (积分管理小组) with their login.
struct PointsCommitteeRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var userId: Int64
    var duty: String
    var addedAt: Int64
    var displayName: String
    var username: String
    var role: String
}

/// A reward level with the prize handed out (奖励工作、生活用品).
struct PointsRewardTierRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var name: String
    var minimumPoints: Int
    var prize: String
}

/// A published month: the frozen board and the names it was published with.
struct StoredPublication: Sendable {
    let publication: PointsPublication
    let names: [String: String]
}

/// A recorded quarter: the frozen reward list with prizes and names.
struct StoredRewardRecord: Sendable {
    let record: PointsRewardRecord
    let prizes: [String: String]
    let names: [String: String]
}
