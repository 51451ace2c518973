import Foundation
import Hummingbird

/// Every page address, typed. Routes are registered from `pattern` and links are built from
/// `path`, so a link can't point at a page that doesn't exist.
public enum SiteURL: Sendable, Equatable {
    case home
    case login
    case logout
    case profile
    case profilePassword
    case profileTokens
    case profileTokenRevoke(Int64)
    case zones
    case zoneSwitch
    case adminUsers
    case adminUserNew
    case adminDepartments
    case adminAudit
    case module(ModuleSlot)
    case enterprise(Int64)
    case enterpriseFacts(Int64)
    case enterpriseCertifications(Int64)
    case enterpriseProfile(Int64)
    case enterpriseImport
    case enterpriseExport
    case enterpriseLadder
    case enterpriseCandidates
    case innovationPoints
    case adminCriteria
    case adminCriterion(String)
    case policySpokespersons
    case policyLedger
    case policyDocument(Int64)
    case policyDocumentNew
    case policyDocumentEdit(Int64)
    case policyItem(Int64)
    case policyItemNew(policyID: Int64)
    case policyItemEdit(Int64)
    case policyItemEligible(Int64)
    case policyItemNotify(Int64)
    case policyMatches(enterpriseID: Int64)
    case policyMine
    case policyNotices
    case policyNoticesRead
    case policyItemAsk(Int64)
    case policyQA
    case consultations
    case consultationsMine
    case consultationsLate
    case consultation(Int64)
    case consultationAnswer(Int64)
    case consultationRate(Int64)
    case consultationPublish(Int64)
    case consultationFollowUp(Int64, caseID: Int64)
    case consultationAppeal(Int64)
    case consultationWithdraw(Int64)
    case consultationLookup
    case consultationLookupRate
    case policyItemApply(Int64)
    case policyItemApplyUpload(Int64)
    case policyItemAutoGrant(Int64)
    case applications
    case application(Int64)
    case applicationUpload(Int64)
    case applicationReview(Int64)
    case applicationPayout(Int64)
    case applicationMaterial(Int64, material: Int64)
    case payoutTotals
    // MARK: Resident points and deliberation
    case points
    case pointsItems
    case pointsItem(Int64)
    case pointsDeclare
    case pointsDeclareUpload
    case pointsReview
    case pointsEntryPhoto(Int64)
    case pointsBoards
    case pointsPublish
    case pointsRewards
    case pointsCommittee
    case pointsCommitteeRemove(Int64)
    case publicPoints(zone: String)
    case publicPointsMonth(zone: String, month: String)
    case publicPointsNotice(zone: String, month: String)
    case deliberation
    case deliberationIssueNew
    case deliberationIssue(Int64)
    case deliberationIssueSupport(Int64)
    case deliberationIssueTopic(Int64)
    case deliberationTopic(Int64)
    case deliberationMeetingNew
    case deliberationMeeting(Int64)
    case deliberationMeetingAttendance(Int64)
    case deliberationMeetingMinutes(Int64)
    case deliberationMeetingDecision(Int64)
    case deliberationAction(Int64)
    case deliberationActionProgress(Int64)
    case deliberationActionPublish(Int64)
    case publicDeliberation(zone: String)
    // MARK: Events (网格事件)
    case events
    case eventNew
    case eventUpload
    case eventStatistics
    case event(Int64)
    case eventStep(Int64)
    case eventRate(Int64)
    case eventPhoto(Int64)
    case eventFollowUp(Int64, caseID: Int64)
    case eventAppeal(Int64)
    case open311Keys
    case open311KeyRevoke(Int64)
    case open311Root
    // MARK: Governance — grids, residents and the map
    case governanceGrids
    case governanceGrid(Int64)
    case governanceGridImport
    case governanceMap
    case governanceResidents
    case governanceResidentNew
    case governanceResident(Int64)
    case governanceResidentEdit(Int64)
    case stylesheet
    case healthz
    case metrics
    case openAPIDocument
    // outbox
    case notices
    case noticesRead
    case noticePreferences
    case noticeChannels
    case noticeWebhookTest
    // MARK: Users (#12)
    case adminUser(Int64)
    case adminUserGrids(Int64)
    case adminUserGridRemove(Int64, gridID: Int64)
    case adminUserActive(Int64)
    case adminUserCode(Int64)
    case adminUserImport
    case residentImport
    case residentActivation(Int64)
    case activate
    // MARK: Investment (招商 and 链长制)
    case investmentProjects
    case investmentProjectNew
    case investmentProject(Int64)
    case investmentProjectStage(Int64)
    case investmentProjectFunds(Int64)
    case investmentProjectBlockers(Int64)
    case investmentBlockers
    case investmentBlockerResolve(Int64, caseID: Int64)
    case investmentTargets
    case investmentOrigins
    case investmentChain(Int64)
    case investmentChainTasks(Int64)
    case investmentChainReviews(Int64)
    case investmentDispatch
    case investmentDispatchReport(Int64)
    case investmentDispatchEscalations
    case investmentBulletin
    case investmentEvents
    case investmentEvent(Int64)
    case investmentEventProjects(Int64)
    case investmentIdeas
    case investmentIdeaScreen(Int64)
    // MARK: Zone setup (zone)
    case zoneNew
    case zoneEdit(Int64)
    case adminParks
    case adminPark(Int64)
    case adminDepartment(Int64)
    case adminChecklist
    // MARK: Accessibility (#18)
    case elderMode
    // MARK: Statistics (统计监测)
    case statisticsIndicators
    case statisticsIndicator(Int64)
    case statisticsImport
    case statisticsExport
    case help(HelpPath)  // enterprise help
    case mediationPath(MediationPath)  // mediation
    // MARK: Services (政务服务): the module's addresses, stated in `SiteURL+Services.swift`
    case services(ServicesURL)
    case statisticsDashboard, statisticsDashboardCSV, statisticsDashboardXLSX
    case statisticsEvaluations, statisticsContracts, statisticsContractsCSV
    case statisticsEvaluation(Int64)
    case statisticsEvaluationRun(Int64, run: Int64, csv: Bool = false)
    /// A chain's, a department's or an enterprise's own dashboard, as a page or its exports.
    case statisticsOwnDashboard(OwnDashboardKind, Int64, format: OwnDashboardFormat = .page)

    /// The one route table: each address stated once, as the router pattern (`:name` where a value
    /// goes) and the values that fill it. Links (`path`) and router patterns (`pattern`) both come
    /// from here, so a link can't point at a page that doesn't exist.
    var route: Route {
        switch self {
        case .home: Route("/")
        case .login: Route("/login")
        case .logout: Route("/logout")
        case .profile: Route("/profile")
        case .profilePassword: Route("/profile/password")
        case .profileTokens: Route("/profile/tokens")
        case .profileTokenRevoke(let id): Route("/profile/tokens/:id/revoke", id)
        case .zones: Route("/zones")
        case .zoneSwitch: Route("/zones/switch")
        case .adminUsers: Route("/admin/users")
        case .adminUserNew: Route("/admin/users/new")
        case .adminDepartments: Route("/admin/departments")
        case .adminAudit: Route("/admin/audit")
        case .module(let slot): Route("/m/\(slot.rawValue)")  // one fixed route per slot
        case .enterprise(let id): Route("/m/enterprises/:id", id)
        case .enterpriseFacts(let id): Route("/m/enterprises/:id/facts", id)
        case .enterpriseCertifications(let id): Route("/m/enterprises/:id/certifications", id)
        case .enterpriseProfile(let id): Route("/m/enterprises/:id/profile", id)
        case .enterpriseImport: Route("/m/enterprises/import")
        case .enterpriseExport: Route("/m/enterprises/export.csv")
        case .enterpriseLadder: Route("/m/enterprises/ladder")
        case .enterpriseCandidates: Route("/m/enterprises/candidates")
        case .innovationPoints: Route("/m/enterprises/innovation-points")
        case .adminCriteria: Route("/admin/criteria")
        case .adminCriterion(let code): Route("/admin/criteria/:code", code)
        case .policySpokespersons: Route("/m/policies/spokespersons")
        case .policyLedger: Route("/m/policies/ledger")
        case .policyDocument(let id): Route("/m/policies/documents/:id", id)
        case .policyDocumentNew: Route("/m/policies/documents/new")
        case .policyDocumentEdit(let id): Route("/m/policies/documents/:id/edit", id)
        case .policyItem(let id): Route("/m/policies/items/:id", id)
        case .policyItemNew(let policyID): Route("/m/policies/documents/:id/items/new", policyID)
        case .policyItemEdit(let id): Route("/m/policies/items/:id/edit", id)
        case .policyItemEligible(let id): Route("/m/policies/items/:id/eligible", id)
        case .policyItemNotify(let id): Route("/m/policies/items/:id/notify", id)
        case .policyMatches(let id): Route("/m/policies/enterprises/:id", id)
        case .policyMine: Route("/m/policies/mine")
        case .policyNotices: Route("/m/policies/notices")
        case .policyNoticesRead: Route("/m/policies/notices/read")
        case .policyItemAsk(let id): Route("/m/policies/items/:id/ask", id)
        case .policyQA: Route("/m/policies/qa")
        case .consultations: Route("/m/policies/consultations")
        case .consultationsMine: Route("/m/policies/consultations/mine")
        case .consultationsLate: Route("/m/policies/consultations/late")
        case .consultation(let id): Route("/m/policies/consultations/:id", id)
        case .consultationAnswer(let id): Route("/m/policies/consultations/:id/answer", id)
        case .consultationRate(let id): Route("/m/policies/consultations/:id/rate", id)
        case .consultationPublish(let id): Route("/m/policies/consultations/:id/publish", id)
        case .consultationWithdraw(let id): Route("/m/policies/consultations/:id/withdraw", id)
        case .consultationAppeal(let id): Route("/m/policies/consultations/:id/appeal", id)
        case .consultationLookup: Route("/m/policies/consultation-lookup")
        case .consultationLookupRate: Route("/m/policies/consultation-lookup/rate")
        case .consultationFollowUp(let id, let caseID):
            Route("/m/policies/consultations/:id/follow-ups/:case", id, caseID)
        case .policyItemApply(let id): Route("/m/policies/items/:id/apply", id)
        case .policyItemApplyUpload(let id): Route("/m/policies/items/:id/apply/upload", id)
        case .policyItemAutoGrant(let id): Route("/m/policies/items/:id/auto-grant", id)
        case .applications: Route("/m/policies/applications")
        case .application(let id): Route("/m/policies/applications/:id", id)
        case .applicationUpload(let id): Route("/m/policies/applications/:id/upload", id)
        case .applicationReview(let id): Route("/m/policies/applications/:id/review", id)
        case .applicationPayout(let id): Route("/m/policies/applications/:id/payout", id)
        case .applicationMaterial(let id, let material):
            Route("/m/policies/applications/:id/materials/:material", id, material)
        case .payoutTotals: Route("/m/policies/payouts")
        case .points: Route("/m/governance/points")
        case .pointsItems: Route("/m/governance/points/items")
        case .pointsItem(let id): Route("/m/governance/points/items/:id", id)
        case .pointsDeclare: Route("/m/governance/points/declare")
        case .pointsDeclareUpload: Route("/m/governance/points/declare/upload")
        case .pointsReview: Route("/m/governance/points/review")
        case .pointsEntryPhoto(let id): Route("/m/governance/points/entries/:id/photo", id)
        case .pointsBoards: Route("/m/governance/points/boards")
        case .pointsPublish: Route("/m/governance/points/publish")
        case .pointsRewards: Route("/m/governance/points/rewards")
        case .pointsCommittee: Route("/m/governance/points/committee")
        case .pointsCommitteeRemove(let id): Route("/m/governance/points/committee/:id/remove", id)
        case .publicPoints(let zone): Route("/public/points/:zone", zone)
        case .publicPointsMonth(let zone, let month): Route("/public/points/:zone/:month", zone, month)
        case .publicPointsNotice(let zone, let month): Route("/public/points/:zone/:month/notice", zone, month)
        case .deliberation: Route("/m/governance/deliberation")
        case .deliberationIssueNew: Route("/m/governance/deliberation/issues/new")
        case .deliberationIssue(let id): Route("/m/governance/deliberation/issues/:id", id)
        case .deliberationIssueSupport(let id): Route("/m/governance/deliberation/issues/:id/support", id)
        case .deliberationIssueTopic(let id): Route("/m/governance/deliberation/issues/:id/topic", id)
        case .deliberationTopic(let id): Route("/m/governance/deliberation/topics/:id", id)
        case .deliberationMeetingNew: Route("/m/governance/deliberation/meetings/new")
        case .deliberationMeeting(let id): Route("/m/governance/deliberation/meetings/:id", id)
        case .deliberationMeetingAttendance(let id): Route("/m/governance/deliberation/meetings/:id/attendance", id)
        case .deliberationMeetingMinutes(let id): Route("/m/governance/deliberation/meetings/:id/minutes", id)
        case .deliberationMeetingDecision(let id): Route("/m/governance/deliberation/meetings/:id/decisions", id)
        case .deliberationAction(let id): Route("/m/governance/deliberation/actions/:id", id)
        case .deliberationActionProgress(let id): Route("/m/governance/deliberation/actions/:id/progress", id)
        case .deliberationActionPublish(let id): Route("/m/governance/deliberation/actions/:id/publish", id)
        case .publicDeliberation(let zone): Route("/public/deliberation/:zone", zone)
        // MARK: Events (网格事件)
        case .events: Route("/m/governance/events")
        case .eventNew: Route("/m/governance/events/new")
        case .eventUpload: Route("/m/governance/events/upload")
        case .eventStatistics: Route("/m/governance/events/statistics")
        case .event(let id): Route("/m/governance/events/:id", id)
        case .eventStep(let id): Route("/m/governance/events/:id/step", id)
        case .eventRate(let id): Route("/m/governance/events/:id/rate", id)
        case .eventPhoto(let id): Route("/m/governance/events/:id/photo", id)
        case .eventFollowUp(let id, let caseID): Route("/m/governance/events/:id/follow-ups/:case", id, caseID)
        case .eventAppeal(let id): Route("/m/governance/events/:id/appeal", id)
        case .open311Keys: Route("/m/governance/open311-keys")
        case .open311KeyRevoke(let id): Route("/m/governance/open311-keys/:id/revoke", id)
        case .open311Root: Route("/open311/v2")
        // MARK: Governance — grids, residents and the map
        case .governanceGrids: Route("/m/governance/grids")
        case .governanceGrid(let id): Route("/m/governance/grids/:id", id)
        case .governanceGridImport: Route("/m/governance/grids/import")
        case .governanceMap: Route("/m/governance/map")
        case .governanceResidents: Route("/m/governance/residents")
        case .governanceResidentNew: Route("/m/governance/residents/new")
        case .governanceResident(let id): Route("/m/governance/residents/:id", id)
        case .governanceResidentEdit(let id): Route("/m/governance/residents/:id/edit", id)
        case .stylesheet: Route("/static/gaoxin.css")
        case .elderMode: Route("/elder-mode")
        case .healthz: Route("/healthz")
        case .metrics: Route("/metrics")
        case .openAPIDocument: Route("/api/v1/openapi.json")
        // outbox
        case .notices: Route("/profile/notices")
        case .noticesRead: Route("/profile/notices/read")
        case .noticePreferences: Route("/profile/notices/preferences")
        case .noticeChannels: Route("/admin/notices")
        case .noticeWebhookTest: Route("/admin/notices/test")
        // MARK: Users (#12)
        case .adminUser(let id): Route("/admin/users/:id", id)
        case .adminUserGrids(let id): Route("/admin/users/:id/grids", id)
        case .adminUserGridRemove(let id, let gridID): Route("/admin/users/:id/grids/:grid/remove", id, gridID)
        case .adminUserActive(let id): Route("/admin/users/:id/active", id)
        case .adminUserCode(let id): Route("/admin/users/:id/code", id)
        case .adminUserImport: Route("/admin/users/import")
        case .residentImport: Route("/m/governance/residents/import")
        case .residentActivation(let id): Route("/m/governance/residents/:id/activation", id)
        case .activate: Route("/activate")
        // investment
        case .investmentProjects: Route("/m/investment/projects")
        case .investmentProjectNew: Route("/m/investment/projects/new")
        case .investmentProject(let id): Route("/m/investment/projects/:id", id)
        case .investmentProjectStage(let id): Route("/m/investment/projects/:id/stage", id)
        case .investmentProjectFunds(let id): Route("/m/investment/projects/:id/funds", id)
        case .investmentProjectBlockers(let id): Route("/m/investment/projects/:id/blockers", id)
        case .investmentBlockers: Route("/m/investment/blockers")
        case .investmentBlockerResolve(let id, let caseID):
            Route("/m/investment/projects/:id/blockers/:case/resolve", id, caseID)
        case .investmentTargets: Route("/m/investment/targets")
        case .investmentOrigins: Route("/m/investment/origins")
        case .investmentChain(let id): Route("/m/investment/chains/:id", id)
        case .investmentChainTasks(let id): Route("/m/investment/chains/:id/tasks", id)
        case .investmentChainReviews(let id): Route("/m/investment/chains/:id/reviews", id)
        case .investmentDispatch: Route("/m/investment/dispatch")
        case .investmentDispatchReport(let id): Route("/m/investment/dispatch/:id/report", id)
        case .investmentDispatchEscalations: Route("/m/investment/dispatch/escalations")
        case .investmentBulletin: Route("/m/investment/dispatch/bulletin")
        case .investmentEvents: Route("/m/investment/events")
        case .investmentEvent(let id): Route("/m/investment/events/:id", id)
        case .investmentEventProjects(let id): Route("/m/investment/events/:id/projects", id)
        case .investmentIdeas: Route("/m/investment/ideas")
        case .investmentIdeaScreen(let id): Route("/m/investment/ideas/:id/screen", id)
        // MARK: Zone setup (zone)
        case .zoneNew: Route("/zones/new")
        case .zoneEdit(let id): Route("/zones/:id/edit", id)
        case .adminParks: Route("/admin/parks")
        case .adminPark(let id): Route("/admin/parks/:id", id)
        case .adminDepartment(let id): Route("/admin/departments/:id", id)
        case .adminChecklist: Route("/admin/checklist")
        // statistics
        case .statisticsIndicators: Route("/m/statistics/indicators")
        case .statisticsIndicator(let id): Route("/m/statistics/indicators/:id", id)
        case .statisticsImport: Route("/m/statistics/import")
        case .statisticsExport: Route("/m/statistics/figures.csv")
        case .help(let p): p.route  // enterprise help
        case .mediationPath(let p): p.route  // mediation
        case .services(let page): page.route  // services
        case .statisticsDashboard: Route("/m/statistics/dashboard")
        case .statisticsDashboardCSV: Route("/m/statistics/dashboard.csv")
        case .statisticsDashboardXLSX: Route("/m/statistics/dashboard.xlsx")
        case .statisticsEvaluations: Route("/m/statistics/evaluations")
        case .statisticsEvaluation(let id): Route("/m/statistics/evaluations/:id", id)
        case .statisticsEvaluationRun(let id, let run, let csv):
            Route("/m/statistics/evaluations/:id/runs/:run" + (csv ? "/csv" : ""), id, run)
        case .statisticsContracts: Route("/m/statistics/contracts")
        case .statisticsContractsCSV: Route("/m/statistics/contracts.csv")
        case .statisticsOwnDashboard(let kind, let id, let format):
            Route("/m/statistics/\(kind.rawValue)/:id/dashboard\(format.rawValue)", id)
        }
    }

    /// The address to link to, values percent-encoded into their segments.
    public var path: String { route.path }

    /// The router pattern the page is registered under.
    public var pattern: RouterPath { RouterPath(stringLiteral: route.template) }
}
