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

    // MARK: Security (#11)
    /// The files an enterprise handed in with an application (申报材料), for download: the applicant
    /// enterprise's users, the staff of the department that issued the item and the zone admin. Other
    /// departments may see that the application exists (`.application`) but not its files; another
    /// enterprise's files do not exist for an enterprise user.
    case applicationMaterials(zoneID: Int64, departmentID: Int64, enterpriseID: Int64)
    /// A resident's identifying details (the full mobile number; whether a 身份证号 is registered to
    /// them): the resident themself, the zone admin and the grid workers of the resident's grid. Other
    /// staff who read the record see them masked; a resident never learns of another's number.
    case residentIdentity(zoneID: Int64, personID: Int64, gridID: Int64?)

    // MARK: outbox (#12)
    /// A user's own notices and channel choices: that user only.
    case ownNotices(userID: Int64)
    /// The zone's webhook, its delivery log and the test button: the zone admin.
    case noticeChannels(zoneID: Int64)
    // MARK: Users (#12)
    /// A one-time activation code for a resident record in `gridID` (`view` the code page, `create` a
    /// new code): the zone admin for every resident, a grid worker for the residents of their grids.
    case residentActivation(zoneID: Int64, gridID: Int64?)
    /// The residents CSV import (all or nothing): the zone admin only.
    case residentImport(zoneID: Int64)
    // MARK: Investment (招商 and 链长制)
    /// The zone's investment work: chains, the project pipeline, targets. The committee and the
    /// investment officers read it; officers (链长, 招商专员) and the zone admin move projects and keep
    /// chain tasks (`create`, `update`); only the zone admin sets the yearly targets (`administer`).
    case investment(zoneID: Int64)
    /// A project's blocker (难点堵点) routed to a department: the investment office reads and opens
    /// them; only the department it is routed to (and the zone admin) resolves it.
    case investmentBlocker(zoneID: Int64, departmentID: Int64)
    /// A project on the monthly dispatch list (重点项目调度), owned by a responsible department:
    /// everyone of the investment work reads the list; the office adds projects (`create`); the
    /// owning department (and the office) reports its monthly progress (`update`); only the zone
    /// admin records a 督办 with its 约谈 (`administer`).
    case investmentDispatch(zoneID: Int64, departmentID: Int64?)
    /// 头脑风暴 ideas: any of the zone's staff proposes (`create`); the office screens them and turns
    /// adopted ones into leads (`update`).
    case investmentIdeas(zoneID: Int64)
    // MARK: Statistics (统计监测)
    /// The zone's indicators and figures. The committee and the investment officers read them;
    /// department staff and the zone admin enter figures and import them (`update`); only the zone
    /// admin adds indicators (`administer`).
    case statistics(zoneID: Int64)
    /// A chain's own dashboard (链长看板): its leader, the zone admin and the investment officers read it.
    case chainDashboard(zoneID: Int64, leaderUserID: Int64?)
    /// A department's own work (部门工作看板): its staff and the zone admin read it.
    case departmentDashboard(zoneID: Int64, departmentID: Int64)
    /// An enterprise's own figures and applications (企业数据看板): the enterprise itself and the
    /// office staff read it; another enterprise's does not exist for an enterprise user.
    case enterpriseDashboard(zoneID: Int64, enterpriseID: Int64)
    // MARK: Enterprise help (助企: 包联, 走访, 企业诉求, 楼委会)
    /// The zone's 助企 work: cadres and pairings, visits, totals, 楼委会. The committee and the
    /// investment officers read it; the zone admin pairs cadres and keeps the 楼委会 (`update`).
    case enterpriseHelp(zoneID: Int64)
    /// A visit by `cadreUserID`: logged (`create`) by that cadre (the service checks the pairing) or
    /// the zone admin.
    case helpVisit(zoneID: Int64, cadreUserID: Int64)
    /// An 企业诉求 of `enterpriseID`, with the department it is routed to (nil before 分办). The
    /// enterprise sees only its own (others are hidden) and confirms or reopens them; the department
    /// it is routed to answers and notes progress; the zone admin routes and supervises.
    case helpDemand(zoneID: Int64, enterpriseID: Int64, departmentID: Int64?)
    /// Filing a demand for `enterpriseID`: the enterprise itself, or office staff (visit, hotline, meeting).
    case helpDemandFile(zoneID: Int64, enterpriseID: Int64)
    // MARK: Mediation (共享法庭)
    /// The zone's mediation: the office (庭务主任: department staff, zone admin) sees every dispute;
    /// enterprises and residents file (`create`) and list their own.
    case mediation(zoneID: Int64)
    /// One dispute: the office acts on it; a party (a user named on it, or a user of an enterprise
    /// named on it) sees it and confirms the agreement; anyone else gets 404.
    case mediationCase(zoneID: Int64, partyUserIDs: [Int64], partyEnterpriseIDs: [Int64])
    /// A 司法建议 letter to an enterprise: the office writes it; the enterprise reads and replies.
    case mediationLetter(zoneID: Int64, enterpriseID: Int64)
    // MARK: Services (政务服务)
    /// Applying for a 一件事: online by residents and enterprise users (`create`), at the window by
    /// department staff and the zone admin entering it for the applicant (`update`).
    case serviceApply(zoneID: Int64)
    /// One service application: the applicant, the handling department's staff, the 领办 officer
    /// and the zone admin see it; staff of the department, the officer and the zone admin work it.
    case serviceApplication(zoneID: Int64, departmentID: Int64, applicantUserID: Int64?, officerUserID: Int64?)
    /// The service office's own pages: statistics and appeals (`view` for staff and the zone admin),
    /// an appeal filed by the unit that handled the case (`create`), decided by the zone admin
    /// (`administer`).
    case serviceOffice(zoneID: Int64, departmentID: Int64?)
    /// A unit's appeal of a 差评 on a consultation or grid event (any case with a follow-up):
    /// filed (`create`) by the unit the 差评 follow-up went to (`unitID`, a case assignee id),
    /// decided (`administer`) by the zone admin.
    case caseRatingAppeal(zoneID: Int64, unitID: String?)
    /// The service catalogue (事项, 材料, 一件事): kept by the zone admin; a department keeps its own
    /// items (`departmentID` nil: a new row or a 一件事, which spans departments).
    case serviceCatalogue(zoneID: Int64, departmentID: Int64?)
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
