import GaoxinCore

/// What someone wants to do.
public enum Action: String, Sendable {
    case view, create, update, delete, administer
}

/// The thing acted on, with what the decision needs to know about the row (its zone and owner).
public enum Resource: Sendable {
    case zone(id: Int64)
    case allZones
    /// The zone's configuration: departments, users. Staff may look; only the zone admin changes.
    case zoneSettings(zoneID: Int64)
    case department(zoneID: Int64)
    case user(zoneID: Int64?, userID: Int64)
    case auditLog(zoneID: Int64?)
    case enterprise(zoneID: Int64, enterpriseID: Int64)
    /// The zone's enterprise registry as a whole (list, search, import, export).
    case enterpriseList(zoneID: Int64)
    case person(zoneID: Int64, personID: Int64)
    case grid(zoneID: Int64, gridID: Int64)
    /// A resident record (居民) in a grid, or the zone's residents as a list (personID nil) or a new
    /// one (personID nil, gridID the grid chosen). Committee staff keep every record; a grid worker
    /// reads all but writes only in their own grids; a resident reads only their own.
    case resident(zoneID: Int64, personID: Int64?, gridID: Int64?)
    case module(ModuleSlot, zoneID: Int64)
    /// The policy ledger (departmentID nil) or one policy document with its issuing department.
    /// The published policies themselves are public; this guards the ledger and its edits.
    case policy(zoneID: Int64, departmentID: Int64?)
    /// A consultation (政策咨询) and its department. The asker reads it (and rates it); the
    /// department it is assigned to answers it; the zone admin oversees every one.
    case consultation(zoneID: Int64, departmentID: Int64, askerUserID: Int64?)
    /// The consultations of a zone as lists (inbox, supervision): for the committee's case handlers.
    case consultationList(zoneID: Int64)
    /// Applications (申报) for an item issued by `departmentID`, of one enterprise (nil: the item's
    /// applications and 免申即享 grants as a whole). `create` is the enterprise applying or
    /// re-submitting; `update` is review and payouts by the issuing department or the zone admin.
    case application(zoneID: Int64, departmentID: Int64, enterpriseID: Int64?)
    /// The zone's payout totals (政策兑现统计); enterprise users see only their own lines.
    case payouts(zoneID: Int64)

    // MARK: Resident points and deliberation
    /// The points committee's work (积分管理小组): every entry with names, the negative board, item
    /// list edits, the weekly review of every grid, monthly publication and quarterly rewards.
    /// Membership is a table, not a role, so the route looks it up and passes `isMember`; the zone
    /// admin oversees the scheme and alone manages members (`administer`).
    case pointsCommittee(zoneID: Int64, isMember: Bool)
    /// One points entry or a subject's record: the persons it belongs to (the resident, or the
    /// household's residents) and the subject's grid. Negative entries of a person are seen only
    /// by that person and the committee, so this guards every individual line.
    case pointsEntry(zoneID: Int64, subjectPersonIDs: Set<Int64>, gridID: Int64?, isCommitteeMember: Bool)
    /// 协商议事: everyone in governance reads issues and topics; residents, grid workers and staff
    /// raise issues (residents also support them); the village party organisation (zone admin and
    /// department staff) turns issues into topics, runs meetings, records decisions and actions.
    case deliberation(zoneID: Int64)
    /// A grid event (网格事件) in `gridID`, dispatched to `departmentID` (nil: not to a department),
    /// reported by `reporterUserID`. The reporter reads it (and rates it, checked by the engine);
    /// grid workers act in their own grids; a department acts on what was dispatched to it.
    case event(zoneID: Int64, gridID: Int64, departmentID: Int64?, reporterUserID: Int64?)
    /// The zone's events as a whole: `view` is the list (residents get only their own), `create`
    /// is reporting one.
    case eventList(zoneID: Int64)
    /// The event statistics (人在网中走、事在格中办): for the office and the grid workers.
    case eventStatistics(zoneID: Int64)

    // MARK: Policies, applications and enterprises
    /// An enterprise's own side of the policy pages (可申报的政策 as "mine", 消息通知, 我的申报, its
    /// own application to an item): that enterprise's users only; another enterprise's desk does not
    /// exist for them. Staff read an enterprise's matches through `.enterprise` and its applications
    /// through `.application`; they have no desk of their own.
    case enterpriseDesk(zoneID: Int64, enterpriseID: Int64)
    /// Payout lines (兑现明细) of the zone (enterpriseID nil: every enterprise's) or of one enterprise.
    /// The staff who see the zone's totals read every line; an enterprise user only its own.
    case payoutLines(zoneID: Int64, enterpriseID: Int64?)
    /// 超时督办: the zone admin oversees the consultations answered late or still overdue.
    case consultationSupervision(zoneID: Int64)
    /// The official criteria (认定条件) a zone evaluates: the office staff read them; only the zone
    /// admin replaces one with the zone's own version or resets it.
    case criteria(zoneID: Int64)
    // MARK: Grids
    /// The zone's grids as a whole: the area tree, the map and (`create`) the GeoJSON import of
    /// boundaries. Everyone in governance reads them; only the zone admin imports.
    case gridList(zoneID: Int64)

    // MARK: Points
    /// The weekly review queue (一周一定): the committee (members, the zone admin) for every grid; a
    /// grid worker for their own grids, so one without grids has no queue. Which entries each may
    /// decide is `pointsEntry`'s `update`.
    case pointsReview(zoneID: Int64, isMember: Bool)
    /// Recording, by office, an entry that counts at once for another resident (记录积分, not a
    /// declaration waiting for review): the zone admin for anyone; a grid worker for residents of
    /// their own grids (`create` with the resident's grid; `view` is the recording form itself).
    /// Committee members record for anyone through `pointsCommittee`.
    case pointsRecording(zoneID: Int64, gridID: Int64?)
    /// A seat on the points committee, asked about the account that would take it (`create`):
    /// residents with a login (party members, representatives) and grid workers of the zone.
    case pointsCommitteeSeat(zoneID: Int64)

    // MARK: Deliberation
    /// Taking in an issue collected through any channel (村民议事会、书记信箱、来访…) and naming who
    /// raised it: grid workers and the party organisation (zone admin, department staff). Residents
    /// raise issues online in their own name only.
    case deliberationIntake(zoneID: Int64)
    /// Supporting (附议) an issue: residents only, the people the issues are about; one's own issue
    /// and a second support are refused by the service.
    case deliberationSupport(zoneID: Int64)
    // MARK: Cases, consultations and events
    /// What only the person who opened a case does with it (`update`): rate it (好差评), withdraw it.
    /// Anyone else is refused; the platform admin, who may do everything else, never acts as a requester.
    case ownCase(zoneID: Int64, requesterUserID: Int64?)
    /// A 差评 follow-up (差评回访整改) with its assignee (`department:ID`, `user:ID`, `grid:ID`): the zone
    /// admin, the staff of that department, that person or the grid's workers act on it (`update`).
    case followUp(zoneID: Int64, assigneeID: String?)
    /// A question on a policy of the zone: `view` is the question form, `create` is asking. The public
    /// ask without an account, enterprise users and residents in their own zone; office staff answer,
    /// they do not ask, and the platform admin may look at the form (to check it) but never asks.
    case consultationAsk(zoneID: Int64)
    /// 我的咨询: an asker's own questions, for enterprise users and residents.
    case ownConsultations(zoneID: Int64)
    /// Every event of the zone, not only one's own work: `view` for the zone admin and department staff
    /// (who read all to hand work over); `update` when the whole zone is one's work list (the zone admin).
    /// Grid workers see their grids' events and residents what they reported.
    case zoneEvents(zoneID: Int64)
    /// The office side of the event loop (受理 to 结案, `update`): the zone admin, grid workers and
    /// department staff; residents only report and rate.
    case eventLoop(zoneID: Int64)
    /// 处置 of a dispatched event (`update`): the zone admin, the staff of the department it was
    /// dispatched to, or the person (a grid worker) it was dispatched to.
    case eventHandling(zoneID: Int64, departmentID: Int64?, assigneeUserID: Int64?)
}

/// The outcome, in the two ways a refusal must look to the user.
public enum Decision: Sendable, Equatable {
    case allow
    /// The user may know the row exists but may not do this (403 with a Chinese page).
    case forbidden
    /// The row is none of the user's business: answer as if it did not exist (404), so ids of other
    /// zones and enterprises can't be probed.
    case hidden
}

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
            if assigneeID == CaseIDs.user(user.id) { return .allow }
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
