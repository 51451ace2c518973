import GaoxinCore

extension Permissions {
    /// 共享法庭: the office (庭务主任 among department staff, the zone admin) handles every dispute;
    /// parties see only their own cases and confirm agreements; a 司法建议 goes to one enterprise.
    static func mediation(_ user: CurrentUser, _ action: Action, _ resource: Resource, zone: Int64?) -> Decision {
        switch resource {
        case .mediation(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .departmentStaff: return action == .delete ? .forbidden : .allow
            case .enterpriseUser, .resident: return action == .view || action == .create ? .allow : .forbidden
            case .gridWorker: return action == .create ? .allow : .forbidden
            case .investmentOfficer, .public, .platformAdmin: return .forbidden
            }
        case .mediationCase(let zoneID, let users, let enterprises):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .departmentStaff: return action == .delete ? .forbidden : .allow
            case .enterpriseUser, .resident:
                let party =
                    users.contains(user.id) || (user.enterpriseID.map { enterprises.contains($0) } ?? false)
                guard party else { return .hidden }
                return action == .view || action == .update ? .allow : .forbidden
            case .gridWorker, .investmentOfficer, .public, .platformAdmin: return .hidden
            }
        case .mediationLetter(let zoneID, let enterpriseID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .departmentStaff: return action == .delete ? .forbidden : .allow
            case .enterpriseUser:
                guard user.enterpriseID == enterpriseID else { return .hidden }
                return action == .view || action == .update ? .allow : .forbidden
            case .gridWorker, .investmentOfficer, .resident, .public, .platformAdmin: return .hidden
            }
        default:
            return .forbidden
        }
    }
}
