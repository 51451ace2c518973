import GaoxinCore

extension Permissions {
    /// 政务服务: residents and enterprise users apply online and see their own applications; the
    /// handling department's staff, the 领办 officer and the zone admin work them; staff enter window
    /// applications; appeals against a 差评 come from the unit that handled the case and are decided by
    /// the zone admin.
    static func services(_ user: CurrentUser, _ action: Action, _ resource: Resource, zone: Int64?) -> Decision {
        switch resource {
        case .serviceApply(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .resident, .enterpriseUser: return action == .view || action == .create ? .allow : .forbidden
            case .departmentStaff, .zoneAdmin: return action == .view || action == .update ? .allow : .forbidden
            case .gridWorker, .investmentOfficer, .public, .platformAdmin: return .forbidden
            }
        case .serviceApplication(let zoneID, let departmentID, let applicantUserID, let officerUserID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .departmentStaff:
                let works = user.departmentID == departmentID || officerUserID == user.id
                if !works { return .hidden }
                return action == .delete ? .forbidden : .allow
            case .resident, .enterpriseUser:
                guard applicantUserID == user.id else { return .hidden }
                return action == .view ? .allow : .forbidden
            case .gridWorker, .investmentOfficer, .public, .platformAdmin: return .hidden
            }
        case .serviceOffice(let zoneID, let departmentID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .departmentStaff:
                if action == .view { return .allow }
                return action == .create && departmentID != nil && user.departmentID == departmentID
                    ? .allow : .forbidden
            case .gridWorker, .investmentOfficer, .enterpriseUser, .resident, .public, .platformAdmin:
                return .forbidden
            }
        case .caseRatingAppeal(let zoneID, let unitID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .view || action == .administer ? .allow : .forbidden
            case .departmentStaff, .gridWorker:
                guard action == .create || action == .view, let unitID else { return .forbidden }
                let ownUnit =
                    user.departmentID.map { unitID == "department:\($0)" } == true || unitID == "user:\(user.id)"
                    || user.gridIDs.contains { unitID == "grid:\($0)" }
                return ownUnit ? .allow : .forbidden
            case .investmentOfficer, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        case .serviceCatalogue(let zoneID, let departmentID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .delete ? .forbidden : .allow
            case .departmentStaff:
                guard action == .create || action == .update || action == .view else { return .forbidden }
                return departmentID != nil && user.departmentID == departmentID ? .allow : .forbidden
            case .gridWorker, .investmentOfficer, .enterpriseUser, .resident, .public, .platformAdmin:
                return .forbidden
            }
        default:
            return .forbidden
        }
    }
}
