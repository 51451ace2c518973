import Foundation
import GaoxinCore

/// A 现场办公会: its problems are the demands filed with its id.
struct HelpMeetingRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var title: String
    var heldOn: String
    var place: String
    var notice: String?
    var createdAt: Int64
}

/// An enterprise in the 后备上市企业库.
struct HelpListingRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var stage: String
    var advisers: String
    var createdAt: Int64
}

/// A dated meeting of a listing candidate (提前会商, 定期研判) or a stage move.
struct HelpListingEventRow: Codable, Sendable {
    var id: Int64
    var listingId: Int64
    var heldOn: String
    var kind: String
    var notes: String
}

/// A 知识产权质押融资 pledge (amount in 万元, rate in basis points).
struct HelpPledgeRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var enterpriseId: Int64
    var collateral: String
    var bank: String
    var amount: Int64
    var rateBp: Int
    var termMonths: Int
    var startOn: String
    var endOn: String
    var policyItemId: Int64?
    var createdAt: Int64
}
