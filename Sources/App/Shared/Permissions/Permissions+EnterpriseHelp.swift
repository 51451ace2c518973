import GaoxinCore

extension Permissions {
    /// 助企: the office reads the pairings, visits and totals; a cadre logs their own visits; an
    /// enterprise sees and answers only its own demands; the department a demand is routed to handles it.
    static func enterpriseHelp(_ user: CurrentUser, _ action: Action, _ resource: Resource, zone: Int64?) -> Decision {
        switch resource {
        case .enterpriseHelp(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .departmentStaff, .investmentOfficer: return action == .view ? .allow : .forbidden
            case .gridWorker, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        case .helpVisit(let zoneID, let cadreUserID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .departmentStaff, .investmentOfficer:
                if action == .view { return .allow }
                return action == .create && cadreUserID == user.id ? .allow : .forbidden
            case .gridWorker, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        case .helpDemand(let zoneID, let enterpriseID, let departmentID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .departmentStaff:
                if action == .view { return .allow }
                return action == .update && departmentID != nil && departmentID == user.departmentID
                    ? .allow : .forbidden
            case .investmentOfficer: return action == .view ? .allow : .forbidden
            case .enterpriseUser:
                guard user.enterpriseID == enterpriseID else { return .hidden }
                return action == .view || action == .update ? .allow : .forbidden
            case .gridWorker, .resident, .public, .platformAdmin: return .hidden
            }
        case .helpDemandFile(let zoneID, let enterpriseID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .departmentStaff, .investmentOfficer: return action == .create ? .allow : .forbidden
            case .enterpriseUser: return action == .create && user.enterpriseID == enterpriseID ? .allow : .forbidden
            case .gridWorker, .resident, .public, .platformAdmin: return .forbidden
            }
        default:
            return .forbidden
        }
    }
}
