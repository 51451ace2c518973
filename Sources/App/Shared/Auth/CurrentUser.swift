import GaoxinCore

/// The signed-in person, loaded once per request from their session or API token.
public struct CurrentUser: Sendable, Equatable {
    public let id: Int64
    public let username: String
    public let displayName: String
    public let role: Role
    /// The zone the account belongs to; nil only for platform admins.
    public let homeZoneID: Int64?
    public let departmentID: Int64?
    public let enterpriseID: Int64?
    public let personID: Int64?
    /// Grids a grid worker is assigned to (filled by the governance module's tables).
    public let gridIDs: Set<Int64>
    /// The zone being worked in: the home zone, or the one a platform admin chose.
    public var zoneID: Int64?

    public var isPlatformAdmin: Bool { role == .platformAdmin }
}

/// The rows of one zone, or of all zones for the platform admin. Every repository query that
/// touches zone-owned rows takes one of these, so a query cannot forget the zone.
public enum ZoneScope: Sendable, Hashable {
    case zone(Int64)
    case allZones

    public init(_ user: CurrentUser) {
        if user.isPlatformAdmin, user.zoneID == nil { self = .allZones } else { self = .zone(user.zoneID ?? -1) }
    }

    public func allows(_ zoneID: Int64?) -> Bool {
        switch self {
        case .allZones: true
        case .zone(let id): zoneID == id
        }
    }
}
