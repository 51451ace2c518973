import Foundation
import GaoxinCore

/// Where an application stands. Stored as the code; pages show the label.
enum ApplicationState: String, Sendable, CaseIterable, Codable {
    case submitted, returned, approved, rejected, paid

    var label: String {
        switch self {
        case .submitted: "已提交"
        case .returned: "退回补正"
        case .approved: "已通过"
        case .rejected: "已驳回"
        case .paid: "已兑现"
        }
    }
}

/// One application (申报) of an enterprise for a policy item.
struct ApplicationRow: Codable, Sendable, Equatable {
    var id: Int64
    var zoneId: Int64
    var itemId: Int64
    var enterpriseId: Int64
    var applicantUserId: Int64?
    var state: String
    var requestedAmount: Double
    var approvedAmount: Double?
    var note: String
    var missingJson: String?
    var returnNote: String?
    var returnedAt: Int64?
    var resubmittedAt: Int64?
    var decisionReason: String?
    var reviewerUserId: Int64?
    var decidedAt: Int64?
    var submittedAt: Int64
    var updatedAt: Int64

    var applicationState: ApplicationState { ApplicationState(rawValue: state) ?? .submitted }

    /// The materials staff listed as missing when they returned it (once).
    var missing: [String] {
        missingJson.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }
}

/// A material's description without its bytes (lists never load the content).
struct ApplicationMaterialRow: Codable, Sendable, Equatable {
    var id: Int64
    var applicationId: Int64
    var materialName: String
    var fileName: String
    var contentType: String
    var sizeBytes: Int64
    var uploadedAt: Int64
}

/// A file received for one listed material.
struct MaterialUpload: Sendable {
    var materialName: String
    var fileName: String
    var contentType: String
    /// nil for a material only declared through the API (delivered outside the platform).
    var content: Data?
}

/// One payout (兑现): from an approved application, or a 免申即享 grant (no application), or an
/// aggregated batch (`cases` > 1).
struct PayoutRow: Codable, Sendable, Equatable {
    var id: Int64
    var zoneId: Int64
    var itemId: Int64
    var enterpriseId: Int64?
    var applicationId: Int64?
    var amount: Double
    var cases: Int
    var paidOn: String
    var voucherNo: String
    var note: String?
    var recordedBy: Int64?
    var recordedAt: Int64
}

extension PolicyItemRow {
    /// The most one enterprise can be granted under this item (万元): the fixed amount or the
    /// formula's cap; nil when the item has no money ceiling.
    var ceiling: Double? {
        switch BenefitKind(rawValue: benefitKind) {
        case .fixed: benefitAmount
        case .formula: benefitCap
        case .nonMonetary, nil: nil
        }
    }

    var isMonetary: Bool { BenefitKind(rawValue: benefitKind).map { $0 != .nonMonetary } ?? false }
}

/// "2632.4 万元" style amounts: at most two decimals, no trailing zeros.
enum Wan {
    static func text(_ amount: Double) -> String {
        let rounded = (amount * 100).rounded() / 100
        var s = String(format: "%.2f", rounded)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
