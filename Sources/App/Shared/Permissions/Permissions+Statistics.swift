import GaoxinCore

extension Permissions {
    /// 统计监测: the committee and the investment officers read the figures; department staff and the
    /// zone admin enter and import them; only the zone admin adds indicators.
    static func statistics(_ user: CurrentUser, _ action: Action, _ resource: Resource, zone: Int64?) -> Decision {
        switch resource {
        case .statistics(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .departmentStaff: return action == .view || action == .update ? .allow : .forbidden
            case .investmentOfficer: return action == .view ? .allow : .forbidden
            case .gridWorker, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        default:
            return .forbidden
        }
    }
}
