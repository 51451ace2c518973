import Foundation
import GaoxinCore

/// The details of a grid event beside its `cases` row (the photo bytes are read on their own).
struct EventRow: Codable, Sendable {
    var caseId: Int64
    var zoneId: Int64
    var gridId: Int64
    var categoryCode: String
    var description: String
    var latitude: Double
    var longitude: Double
    var address: String?
    var source: String
    var reporterName: String?
    var reporterPhone: String?
    var reporterEmail: String?
    var apiKeyId: Int64?
    var photoName: String?
    var photoType: String?
}

/// An event: its case (state, deadline, history) and its details.
struct GridEvent: CaseBacked {
    let caseRow: CaseRow
    let details: EventRow
    var id: Int64 { caseRow.id }
    var number: String { CaseRow.number(caseRow.id, prefix: "SJ") }
    /// The department the event was dispatched to, if it went to one.
    var departmentID: Int64? {
        caseRow.assigneeKind == Assignee.Kind.unit.rawValue
            ? CaseIDs.departmentID(caseRow.assigneeId.map { Assignee(id: $0, kind: .unit) }) : nil
    }
    /// The person (a grid worker's login) the event was dispatched to, if it went to one.
    var assigneeUserID: Int64? {
        guard caseRow.assigneeKind == Assignee.Kind.person.rawValue, let id = caseRow.assigneeId,
            id.hasPrefix("user:")
        else { return nil }
        return Int64(id.dropFirst("user:".count))
    }
    var resource: Resource {
        .event(
            zoneID: caseRow.zoneId, gridID: details.gridId, departmentID: departmentID,
            reporterUserID: caseRow.requesterUserId)
    }
    /// 处置: for whoever the event was dispatched to.
    var handling: Resource {
        .eventHandling(zoneID: caseRow.zoneId, departmentID: departmentID, assigneeUserID: assigneeUserID)
    }
}

/// What a list asks for; nil fields don't filter.
struct EventFilter: Sendable {
    var zoneID: Int64
    var gridID: Int64?
    var category: String?
    /// Any of these categories (Open311 `service_code=a,b`); empty for all.
    var categories: [String] = []
    var state: String?
    var overdueOnly = false
    /// Open (nil closed_at) or closed; nil for both.
    var open: Bool?
    var reporterUserID: Int64?
    /// Only events now with this assignee (`department:ID`: a department's work list).
    var assigneeID: String?
    /// A grid worker's view: events in these grids or reported by `orReporter`.
    var gridIDs: Set<Int64>?
    var orReporter: Int64?
    var caseIDs: [Int64]?
    var openedFrom: Int64?
    var openedTo: Int64?
}

/// How many events of a list are open and how many were late, beside the total.
struct EventCounts: Sendable {
    let total: Int
    let open: Int
    let late: Int
}

/// A grid of the zone, for filters, forms and statistics.
struct GridOption: Codable, Sendable {
    var id: Int64
    var code: String
    var name: String
}

/// A grid's boundary and box, where the demo places its events.
struct GridShape: Codable, Sendable {
    var id: Int64
    var boundaryGeojson: String
    var minLon: Double
    var minLat: Double
    var maxLon: Double
    var maxLat: Double
}

/// A grid worker with a login in a grid: whom an event there may be dispatched to.
struct GridWorkerLogin: Codable, Sendable {
    var userId: Int64
    var name: String
}

/// A zone's Open311 api key as lists show it (never the key itself).
struct Open311KeyRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var name: String
    var prefix: String
    var createdAt: Int64
    var lastUsedAt: Int64?
    var revokedAt: Int64?
}

/// The events of one grid, category and state counted together in SQL: what the statistics add up.
struct EventTally: Decodable, Sendable {
    var gridId: Int64
    var categoryCode: String
    var state: String
    var total: Int
    var open: Int
    var overdue: Int
    /// Seconds from 上报 to 结案, summed over the closed ones.
    var closeSeconds: Int64
    /// Closed without ever being late.
    var closedOnTime: Int
    /// Steps (上报 included) grid workers took on these events.
    var gridWorkerSteps: Int = 0

    var closed: Int { total - open }

    /// The steps come from a second query.
    enum CodingKeys: String, CodingKey {
        case gridId, categoryCode, state, total, open, overdue, closeSeconds, closedOnTime
    }
}
