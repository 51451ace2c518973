import Foundation
import GaoxinCore

/// An indicator the zone reports (GDP, 工业总产值 …), entered by staff or imported.
struct StatIndicatorRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var code: String
    var name: String
    var unit: String
    var position: Int
    var createdAt: Int64

    // Column names spelled out: no per-row key conversion.
    enum CodingKeys: String, CodingKey {
        case id, code, name, unit, position
        case zoneId = "zone_id"
        case createdAt = "created_at"
    }
}

/// One figure of an indicator for one reporting period; `value` may be absent when the source
/// published only the growth ("地区生产总值增长 4%").
struct StatFigureRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var indicatorId: Int64
    var period: String
    var periodEnd: String
    var value: Double?
    var statedGrowth: Double?
    var target: Double?
    var source: String
    var updatedBy: String
    var updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, period, value, target, source
        case zoneId = "zone_id"
        case indicatorId = "indicator_id"
        case periodEnd = "period_end"
        case statedGrowth = "stated_growth"
        case updatedBy = "updated_by"
        case updatedAt = "updated_at"
    }

    var reportingPeriod: ReportingPeriod? { ReportingPeriod(key: period) }
}

/// A figure to write: what the form, the CSV import and the demo loader hand the service.
struct StatFigureDraft: Sendable, Equatable {
    var indicatorID: Int64
    var period: ReportingPeriod
    var value: Double?
    var statedGrowth: Double?
    var target: Double?
    var source: String
}
