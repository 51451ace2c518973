import GaoxinCore

/// The one place that decides who may do what on which row: role + zone + ownership.
/// Every route asks here (through `AppRequestContext.authorize`), never inline.
public enum Permissions {
    public static func decide(_ user: CurrentUser?, _ action: Action, _ resource: Resource) -> Decision {
        guard let user else {
            // The public may read only public module pages; everything else needs a login.
            if case .module(let slot, _) = resource, action == .view, slot.isPublic { return .allow }
            if let decision = asRequester(nil, action, resource) { return decision }
            return .forbidden
        }
        if user.isPlatformAdmin, let decision = asRequester(user, action, resource) { return decision }
        if user.isPlatformAdmin { return .allow }
        let zone = user.homeZoneID

        switch resource {
        case .allZones:
            return .forbidden
        case .zone(let id):
            return id == zone ? (action == .view ? .allow : (user.role == .zoneAdmin ? .allow : .forbidden)) : .hidden
        case .zoneSettings(let zoneID), .department(let zoneID):
            guard zoneID == zone else { return .hidden }
            if action == .view { return user.role.isStaff ? .allow : .forbidden }
            return user.role == .zoneAdmin ? .allow : .forbidden
        case .user(let zoneID, let userID):
            guard zoneID == zone else { return .hidden }
            if userID == user.id, action == .view || action == .update { return .allow }  // one's own profile
            return user.role == .zoneAdmin ? .allow : (user.role.isStaff ? .forbidden : .hidden)
        case .auditLog(let zoneID):
            guard zoneID == zone else { return .hidden }
            return user.role == .zoneAdmin && action == .view ? .allow : .forbidden
        case .enterpriseList(let zoneID):
            // The registry as a whole: office staff read it and add to it (import); only the zone
            // admin may remove from it.
            guard zoneID == zone else { return .hidden }
            guard user.role.isStaff, user.role != .gridWorker else { return .forbidden }
            return action == .delete && user.role != .zoneAdmin ? .forbidden : .allow
        case .enterprise(let zoneID, let enterpriseID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .enterpriseUser:
                // Their own enterprise only; any other id looks like it doesn't exist.
                guard user.enterpriseID == enterpriseID else { return .hidden }
                return action == .view || action == .update ? .allow : .forbidden
            case .zoneAdmin: return .allow
            case .departmentStaff, .investmentOfficer: return action == .delete ? .forbidden : .allow
            case .gridWorker: return action == .view ? .allow : .forbidden
            case .resident, .public, .platformAdmin: return .hidden
            }
        case .person(let zoneID, let personID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .resident: return user.personID == personID && action != .delete ? .allow : .hidden
            case .zoneAdmin: return .allow
            case .gridWorker, .departmentStaff: return action == .delete ? .forbidden : .allow
            case .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .hidden
            }
        case .grid(let zoneID, let gridID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .gridWorker:
                // A grid worker reads every grid of the zone (the map) but acts only in their own.
                if action == .view { return .allow }
                return user.gridIDs.contains(gridID) ? .allow : .forbidden
            case .departmentStaff: return action == .view ? .allow : .forbidden
            case .resident: return action == .view ? .allow : .forbidden
            case .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }
        case .resident(let zoneID, let personID, let gridID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .departmentStaff: return action == .delete ? .forbidden : .allow
            case .gridWorker:
                if action == .view { return .allow }
                guard action != .delete else { return .forbidden }
                // No grid yet: the blank "add a resident" form, for a worker who has grids at all.
                guard let gridID else { return action == .create && !user.gridIDs.isEmpty ? .allow : .forbidden }
                return user.gridIDs.contains(gridID) ? .allow : .forbidden
            case .resident:
                guard let personID else { return .forbidden }
                return personID == user.personID && action == .view ? .allow : .hidden
            case .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }
        case .module(let slot, let zoneID):
            guard zoneID == zone else { return .hidden }
            return slot.roles.contains(user.role) ? .allow : .forbidden
        case .policy(let zoneID, let departmentID):
            // Office staff read the whole ledger; a department writes only the policies it issues
            // (惠企政策发言人 keep their own department's ledger current); the zone admin writes all.
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .departmentStaff:
                if action == .view { return .allow }
                return departmentID != nil && departmentID == user.departmentID && action != .delete
                    ? .allow : .forbidden
            case .investmentOfficer: return action == .view ? .allow : .forbidden
            case .gridWorker, .enterpriseUser, .resident, .public, .platformAdmin: return .forbidden
            }
        case .consultation(let zoneID, let departmentID, let askerUserID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .departmentStaff:
                // Other departments may read (to hand over a question) but only the assigned one answers.
                if action == .view { return .allow }
                return departmentID == user.departmentID && action != .delete ? .allow : .forbidden
            case .enterpriseUser, .resident:
                // Their own question: read, and rate (checked by the engine); another's does not exist.
                guard askerUserID == user.id else { return .hidden }
                return action == .view ? .allow : .forbidden
            case .investmentOfficer, .gridWorker, .public, .platformAdmin: return .hidden
            }
        case .consultationList(let zoneID):
            guard zoneID == zone else { return .hidden }
            return user.role == .zoneAdmin || user.role == .departmentStaff ? .allow : .forbidden
        case .application(let zoneID, let departmentID, let enterpriseID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .enterpriseUser:
                // Another enterprise's application looks like it doesn't exist.
                guard let enterpriseID, user.enterpriseID == enterpriseID else {
                    return enterpriseID == nil ? .forbidden : .hidden
                }
                return action == .view || action == .create ? .allow : .forbidden
            case .zoneAdmin: return action == .delete || action == .create ? .forbidden : .allow
            case .departmentStaff:
                if action == .view { return .allow }
                return action == .update && departmentID == user.departmentID ? .allow : .forbidden
            case .investmentOfficer, .gridWorker, .resident, .public, .platformAdmin: return .forbidden
            }
        case .event(let zoneID, let gridID, let departmentID, let reporterUserID):
            guard zoneID == zone else { return .hidden }
            if action == .delete { return .forbidden }  // the loop closes a case; nothing erases it
            switch user.role {
            case .zoneAdmin: return .allow
            case .gridWorker:
                if user.gridIDs.contains(gridID) { return .allow }
                return reporterUserID == user.id && action == .view ? .allow : .forbidden
            case .departmentStaff:
                // Any department may read (to hand work over); only the one dispatched to handles it.
                if action == .view { return .allow }
                return departmentID != nil && departmentID == user.departmentID ? .allow : .forbidden
            case .resident:
                guard reporterUserID == user.id else { return .hidden }
                return action == .view ? .allow : .forbidden
            case .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .hidden
            }
        case .eventList(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .gridWorker, .departmentStaff, .resident:
                return action == .view || action == .create ? .allow : .forbidden
            case .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }
        case .eventStatistics(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .gridWorker, .departmentStaff: return action == .view ? .allow : .forbidden
            case .resident, .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }
        case .payouts(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .departmentStaff, .investmentOfficer, .enterpriseUser:
                return action == .view ? .allow : .forbidden
            case .gridWorker, .resident, .public, .platformAdmin: return .forbidden
            }
        case .pointsCommittee(let zoneID, let isMember):
            guard zoneID == zone else { return .hidden }
            if action == .administer { return user.role == .zoneAdmin ? .allow : .forbidden }
            return user.role == .zoneAdmin || isMember ? (action == .delete ? .forbidden : .allow) : .forbidden
        case .pointsEntry(let zoneID, let subjectPersonIDs, let gridID, let isCommitteeMember):
            guard zoneID == zone else { return .hidden }
            if action == .delete { return .forbidden }  // entries are never deleted: rejected or revoked, kept
            if user.role == .zoneAdmin || isCommitteeMember { return .allow }
            switch user.role {
            case .resident:
                // Their own (or their household's) record; another resident's does not exist for them.
                guard let own = user.personID, subjectPersonIDs.contains(own) else { return .hidden }
                return action == .view || action == .create ? .allow : .forbidden
            case .gridWorker:
                // 一周一定 by the grid's own worker: their grids only.
                guard let gridID, user.gridIDs.contains(gridID) else { return .forbidden }
                return action == .view || action == .update ? .allow : .forbidden
            case .departmentStaff, .investmentOfficer, .enterpriseUser, .zoneAdmin, .public, .platformAdmin:
                return .forbidden
            }
        case .deliberation(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .departmentStaff: return action == .delete ? .forbidden : .allow
            case .gridWorker, .resident: return action == .view || action == .create ? .allow : .forbidden
            case .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }

        // MARK: Policies, applications and enterprises
        case .enterpriseDesk(let zoneID, let enterpriseID):
            guard zoneID == zone else { return .hidden }
            guard user.role == .enterpriseUser else { return .forbidden }
            guard user.enterpriseID == enterpriseID else { return .hidden }
            return action == .delete || action == .administer ? .forbidden : .allow
        case .payoutLines(let zoneID, let enterpriseID):
            guard zoneID == zone else { return .hidden }
            guard action == .view else { return .forbidden }
            switch user.role {
            case .zoneAdmin, .departmentStaff, .investmentOfficer: return .allow
            case .enterpriseUser:
                guard let enterpriseID else { return .forbidden }
                return user.enterpriseID == enterpriseID ? .allow : .hidden
            case .gridWorker, .resident, .public, .platformAdmin: return .forbidden
            }
        // MARK: Cases, consultations and events
        case .ownCase(let zoneID, let requesterUserID):
            guard zoneID == zone else { return .hidden }
            guard action == .view || action == .update else { return .forbidden }
            return requesterUserID != nil && requesterUserID == user.id ? .allow : .forbidden
        case .followUp(let zoneID, let assigneeID):
            guard zoneID == zone else { return .hidden }
            if action == .delete { return .forbidden }  // a follow-up is finished, never erased
            if user.role == .zoneAdmin { return .allow }
            guard let assigneeID else { return .forbidden }
            if let department = user.departmentID, assigneeID == CaseIDs.department(department).id { return .allow }
            // A follow-up goes back to whoever handled the rated case: a department's staff or a grid worker,
            // never an investment officer, an enterprise or a resident.
            if assigneeID == CaseIDs.user(user.id) {
                return user.role == .departmentStaff || user.role == .gridWorker ? .allow : .forbidden
            }
            return user.gridIDs.contains { assigneeID == "grid:\($0)" } ? .allow : .forbidden
        case .consultationAsk(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .enterpriseUser, .resident: return action == .view || action == .create ? .allow : .forbidden
            case .zoneAdmin, .departmentStaff, .investmentOfficer, .gridWorker, .public, .platformAdmin:
                return .forbidden
            }
        case .ownConsultations(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .enterpriseUser, .resident: return action == .view ? .allow : .forbidden
            case .zoneAdmin, .departmentStaff, .investmentOfficer, .gridWorker, .public, .platformAdmin:
                return .forbidden
            }
        case .consultationSupervision(let zoneID):
            guard zoneID == zone else { return .hidden }
            return user.role == .zoneAdmin && action == .view ? .allow : .forbidden
        case .criteria(let zoneID):
            guard zoneID == zone else { return .hidden }
            if action == .view { return user.role.isStaff ? .allow : .forbidden }
            return user.role == .zoneAdmin ? .allow : .forbidden
        // MARK: Grids
        case .gridList(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .gridWorker, .departmentStaff, .resident: return action == .view ? .allow : .forbidden
            case .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }

        // MARK: Points
        case .pointsReview(let zoneID, let isMember):
            guard zoneID == zone else { return .hidden }
            guard action == .view || action == .update else { return .forbidden }
            if user.role == .zoneAdmin || isMember { return .allow }
            return user.role == .gridWorker && !user.gridIDs.isEmpty ? .allow : .forbidden
        case .pointsRecording(let zoneID, let gridID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .view || action == .create ? .allow : .forbidden
            case .gridWorker:
                if action == .view { return .allow }
                guard action == .create, let gridID, user.gridIDs.contains(gridID) else { return .forbidden }
                return .allow
            case .departmentStaff, .resident, .investmentOfficer, .enterpriseUser, .public, .platformAdmin:
                return .forbidden
            }
        case .pointsCommitteeSeat(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .resident, .gridWorker: return action == .create ? .allow : .forbidden
            case .zoneAdmin, .departmentStaff, .investmentOfficer, .enterpriseUser, .public, .platformAdmin:
                return .forbidden
            }

        // MARK: Deliberation
        case .deliberationIntake(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .departmentStaff, .gridWorker: return action == .create ? .allow : .forbidden
            case .resident, .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }
        case .deliberationSupport(let zoneID):
            guard zoneID == zone else { return .hidden }
            return user.role == .resident && action == .create ? .allow : .forbidden
        case .zoneEvents(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin: return action == .view || action == .update ? .allow : .forbidden
            case .departmentStaff: return action == .view ? .allow : .forbidden
            case .gridWorker, .resident, .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }
        case .eventLoop(let zoneID):
            guard zoneID == zone else { return .hidden }
            switch user.role {
            case .zoneAdmin, .gridWorker, .departmentStaff:
                return action == .view || action == .update ? .allow : .forbidden
            case .resident, .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }
        case .eventHandling(let zoneID, let departmentID, let assigneeUserID):
            guard zoneID == zone else { return .hidden }
            guard action == .update else { return .forbidden }
            if user.role == .zoneAdmin { return .allow }
            // Dispatched to a department: its staff; dispatched to a person: that person.
            if let departmentID {
                return user.role == .departmentStaff && user.departmentID == departmentID ? .allow : .forbidden
            }
            return assigneeUserID != nil && assigneeUserID == user.id ? .allow : .forbidden

        // MARK: Security (#11)
        case .applicationMaterials(let zoneID, let departmentID, let enterpriseID):
            guard zoneID == zone else { return .hidden }
            guard action == .view else { return .forbidden }
            switch user.role {
            case .enterpriseUser: return user.enterpriseID == enterpriseID ? .allow : .hidden
            case .zoneAdmin: return .allow
            case .departmentStaff: return user.departmentID == departmentID ? .allow : .forbidden
            case .investmentOfficer, .gridWorker, .resident, .public, .platformAdmin: return .forbidden
            }
        case .residentIdentity(let zoneID, let personID, let gridID):
            guard zoneID == zone else { return .hidden }
            guard action == .view else { return .forbidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .gridWorker: return gridID.map { user.gridIDs.contains($0) } == true ? .allow : .forbidden
            case .resident: return user.personID == personID ? .allow : .forbidden
            case .departmentStaff, .investmentOfficer, .enterpriseUser, .public, .platformAdmin: return .forbidden
            }

        // MARK: outbox (#12)
        case .ownNotices(let userID):
            return userID == user.id && (action == .view || action == .update) ? .allow : .hidden
        case .noticeChannels(let zoneID):
            guard zoneID == zone else { return .hidden }
            return user.role == .zoneAdmin ? .allow : .forbidden
        // MARK: Users (#12)
        case .residentActivation(let zoneID, let gridID):
            guard zoneID == zone else { return .hidden }
            guard action == .view || action == .create else { return .forbidden }
            switch user.role {
            case .zoneAdmin: return .allow
            case .gridWorker: return gridID.map { user.gridIDs.contains($0) } == true ? .allow : .forbidden
            case .departmentStaff, .investmentOfficer, .enterpriseUser, .resident, .public, .platformAdmin:
                return .forbidden
            }
        case .residentImport(let zoneID):
            guard zoneID == zone else { return .hidden }
            return user.role == .zoneAdmin && (action == .view || action == .create) ? .allow : .forbidden
        // Each module's rows are decided in its own file beside this one (Permissions+<Module>.swift).
        case .investment, .investmentBlocker, .investmentDispatch, .investmentIdeas:
            return investment(user, action, resource, zone: zone)
        case .statistics, .chainDashboard, .departmentDashboard, .enterpriseDashboard:
            return statistics(user, action, resource, zone: zone)
        case .enterpriseHelp, .helpVisit, .helpDemand, .helpDemandFile:
            return enterpriseHelp(user, action, resource, zone: zone)
        case .mediation, .mediationCase, .mediationLetter: return mediation(user, action, resource, zone: zone)
        case .serviceApply, .serviceApplication, .serviceOffice, .caseRatingAppeal, .serviceCatalogue:
            return services(user, action, resource, zone: zone)
        }
    }

    /// The requester's own acts, which the public and the platform admin do not get by default:
    /// the public may ask (and see the form); the platform admin may look at the question form but
    /// never asks, keeps no list of their own questions, rates or withdraws nothing. nil for every
    /// other resource.
    static func asRequester(_ user: CurrentUser?, _ action: Action, _ resource: Resource) -> Decision? {
        switch resource {
        case .consultationAsk: return action == .view || (user == nil && action == .create) ? .allow : .forbidden
        case .ownConsultations, .ownCase: return .forbidden
        default: return nil
        }
    }
}
