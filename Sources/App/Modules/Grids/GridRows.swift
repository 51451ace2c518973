import Foundation
import GaoxinCore

/// The levels of the area tree under a zone: 街道 or 镇, then 村 or 社区; grids hang under a 村/社区.
enum AreaLevel: String, CaseIterable, Sendable {
    case street, town, village, community

    var label: String {
        switch self {
        case .street: "街道"
        case .town: "镇"
        case .village: "村"
        case .community: "社区"
        }
    }

    /// 村 and 社区 hold grids; 街道 and 镇 hold 村 and 社区.
    var holdsGrids: Bool { self == .village || self == .community }

    /// Accepts the code or the Chinese name, as a GeoJSON file may carry either.
    init?(text: String) {
        if let level = AreaLevel(rawValue: text) {
            self = level
            return
        }
        guard let level = AreaLevel.allCases.first(where: { $0.label == text }) else { return nil }
        self = level
    }
}

/// Full-time (专职) or part-time (兼职) grid worker.
enum GridWorkerKind: String, CaseIterable, Sendable {
    case fullTime = "full_time"
    case partTime = "part_time"
    var label: String { self == .fullTime ? "专职" : "兼职" }
}

struct AreaRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var parentId: Int64?
    var level: String
    var code: String
    var name: String
    var partyBranch: String?

    var areaLevel: AreaLevel? { AreaLevel(rawValue: level) }
}

struct GridRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var areaId: Int64
    var code: String
    var name: String
    var partyBranch: String?
    var boundaryGeojson: String
    var minLon: Double
    var minLat: Double
    var maxLon: Double
    var maxLat: Double
    var createdAt: Int64

    /// The stored boundary; a row that fails to parse (never written by this code) draws as nothing.
    var shape: GeoShape? { try? GeoJSONReader.shape(text: boundaryGeojson) }
}

struct GridWorkerRow: Codable, Sendable {
    var id: Int64
    var zoneId: Int64
    var gridId: Int64
    var userId: Int64?
    var name: String
    var phone: String?
    var kind: String

    /// A worker with a login is one person however many grids they serve; one without is one row.
    var personKey: Int64 { userId ?? -id }
}

/// A grid to insert or update (by code) from an import.
struct GridDraft: Sendable {
    var code: String
    var name: String
    var areaID: Int64
    var partyBranch: String?
    var shape: GeoShape
}

/// A grid worker to insert (the demo's, or a later roster import).
struct GridWorkerDraft: Sendable {
    var gridID: Int64
    var userID: Int64?
    var name: String
    var phone: String?
    var kind: GridWorkerKind
}

/// One grid's figures: workers (a worker with a login once however many grids they serve),
/// residents, households and events still open.
struct GridFigures: Sendable, Equatable {
    var fullTime = 0
    var partTime = 0
    var residents = 0
    var households = 0
    var openEvents = 0
}

/// A grid's code and name, for select lists.
struct GridNameRow: Codable, Sendable {
    var id: Int64
    var code: String
    var name: String
}
