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

// MARK: - 评价

/// An evaluation scheme: its dimension / indicator / weight table (the engine's `IndexTable` as JSON).
struct EvalSchemeRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var name: String
    var tableJson: String
    var createdBy: String
    var createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, name
        case zoneId = "zone_id"
        case tableJson = "table_json"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    func table() throws -> IndexTable { try JSONDecoder().decode(IndexTable.self, from: Data(tableJson.utf8)) }
}

/// A unit a scheme grades (a park, a zone, a service complex).
struct EvalUnitRow: Codable, Sendable {
    var schemeId: Int64
    var code: String
    var name: String
    var position: Int

    enum CodingKeys: String, CodingKey {
        case code, name, position
        case schemeId = "scheme_id"
    }
}

/// One period's computation of a scheme.
struct EvalRunRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var schemeId: Int64
    var period: String
    var normalisation: String
    var gradeJson: String
    var computedBy: String
    var computedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, period, normalisation
        case zoneId = "zone_id"
        case schemeId = "scheme_id"
        case gradeJson = "grade_json"
        case computedBy = "computed_by"
        case computedAt = "computed_at"
    }
}

/// A unit's result in a run; `detailJson` holds `EvalDetail`.
struct EvalResultRow: Codable, Sendable {
    var id: Int64
    var runId: Int64
    var zoneId: Int64
    var unitCode: String
    var unitName: String
    var score: Double
    var rank: Int
    var grade: String
    var detailJson: String

    enum CodingKeys: String, CodingKey {
        case id, score, rank, grade
        case runId = "run_id"
        case zoneId = "zone_id"
        case unitCode = "unit_code"
        case unitName = "unit_name"
        case detailJson = "detail_json"
    }

    func detail() -> EvalDetail? { try? JSONDecoder().decode(EvalDetail.self, from: Data(detailJson.utf8)) }
}

/// What a result page explains: each dimension's score, each indicator's raw value and score, and
/// the indicators that pulled the unit up and down against the average unit.
struct EvalDetail: Codable, Sendable {
    struct Dimension: Codable, Sendable {
        let name: String
        let score: Double?
        let contribution: Double
    }
    struct Indicator: Codable, Sendable {
        let code: String
        let name: String
        let raw: Double?
        let normalised: Double?
        let contribution: Double
    }
    struct Pull: Codable, Sendable {
        let name: String
        let points: Double
    }
    let dimensions: [Dimension]
    let indicators: [Indicator]
    let up: [Pull]
    let down: [Pull]
}

// MARK: - 技术合同登记

/// A registered technology contract; amounts in 万元.
struct TechContractRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var contractNo: String
    var title: String
    var seller: String
    var buyer: String
    var kind: String
    var amount: Double
    var techIncome: Double
    var registeredOn: String
    var createdBy: String
    var createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, title, seller, buyer, kind, amount
        case zoneId = "zone_id"
        case contractNo = "contract_no"
        case techIncome = "tech_income"
        case registeredOn = "registered_on"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    /// The five types of 技术合同认定登记.
    static let kinds = ["技术开发", "技术转让", "技术许可", "技术咨询", "技术服务"]
}

/// One year of the register: contracts, 成交额 and registered technical income (万元).
struct TechContractYear: Decodable, Sendable {
    var y: String
    var n: Int
    var amount: Double
    var income: Double
}
