import GaoxinCore

extension Permissions {
    /// 统计监测: the committee and the investment officers read the figures; department staff and the
    /// zone admin enter and import them; only the zone admin adds indicators. The own dashboards are
    /// read only, each by the one who owns the work and by the committee above it.
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
        case .chainDashboard(let zoneID, let leaderUserID):
            guard zoneID == zone else { return .hidden }
            guard action == .view else { return .forbidden }
            // The chain's leader is whoever the chain names (a department head, say), whatever their role.
            if leaderUserID != nil, leaderUserID == user.id, user.role.isStaff { return .allow }
            switch user.role {
            case .zoneAdmin, .investmentOfficer: return .allow
            case .departmentStaff, .gridWorker: return .forbidden
            case .enterpriseUser, .resident, .public, .platformAdmin: return .hidden
            }
        case .departmentDashboard(let zoneID, let departmentID):
            guard zoneID == zone else { return .hidden }
            guard action == .view else { return .forbidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .departmentStaff: return user.departmentID == departmentID ? .allow : .forbidden
            case .investmentOfficer, .gridWorker: return .forbidden
            case .enterpriseUser, .resident, .public, .platformAdmin: return .hidden
            }
        case .enterpriseDashboard(let zoneID, let enterpriseID):
            guard zoneID == zone else { return .hidden }
            guard action == .view else { return .forbidden }
            switch user.role {
            case .enterpriseUser: return user.enterpriseID == enterpriseID ? .allow : .hidden
            case .zoneAdmin, .departmentStaff, .investmentOfficer: return .allow
            case .gridWorker: return .forbidden
            case .resident, .public, .platformAdmin: return .hidden
            }
        default:
            return .forbidden
        }
    }
}
