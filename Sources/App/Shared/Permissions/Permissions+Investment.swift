import GaoxinCore

extension Permissions {
    /// 招商 and 链长制: the committee and the investment officers read the pipeline; officers and the
    /// zone admin move projects; a blocker is resolved only by the department it is routed to.
    static func investment(_ user: CurrentUser, _ action: Action, _ resource: Resource, zone: Int64?) -> Decision {
        switch resource {
        case .investment(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .investmentOfficer:
                return action == .view || action == .create || action == .update ? .allow : .forbidden
            case .departmentStaff: return action == .view ? .allow : .forbidden
            case .gridWorker, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        case .investmentBlocker(let zoneID, let departmentID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .investmentOfficer: return action == .view || action == .create ? .allow : .forbidden
            case .departmentStaff:
                if action == .view { return .allow }
                return action == .update && user.departmentID == departmentID ? .allow : .forbidden
            case .gridWorker, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        case .investmentDispatch(let zoneID, let departmentID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .investmentOfficer:
                return action == .view || action == .create || action == .update ? .allow : .forbidden
            case .departmentStaff:
                if action == .view { return .allow }
                return action == .update && departmentID != nil && user.departmentID == departmentID
                    ? .allow : .forbidden
            case .gridWorker, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        case .investmentIdeas(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .investmentOfficer:
                return action == .view || action == .create || action == .update ? .allow : .forbidden
            case .departmentStaff: return action == .view || action == .create ? .allow : .forbidden
            case .gridWorker, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        default:
            return .forbidden
        }
    }
}
