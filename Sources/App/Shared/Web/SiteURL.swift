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
    case open311Keys
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

    public var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .profile: "/profile"
        case .profilePassword: "/profile/password"
        case .profileTokens: "/profile/tokens"
        case .profileTokenRevoke(let id): "/profile/tokens/\(id)/revoke"
        case .zones: "/zones"
        case .zoneSwitch: "/zones/switch"
        case .adminUsers: "/admin/users"
        case .adminUserNew: "/admin/users/new"
        case .adminDepartments: "/admin/departments"
        case .adminAudit: "/admin/audit"
        case .module(let slot): "/m/\(slot.rawValue)"
        case .enterprise(let id): "/m/enterprises/\(id)"
        case .enterpriseFacts(let id): "/m/enterprises/\(id)/facts"
        case .enterpriseCertifications(let id): "/m/enterprises/\(id)/certifications"
        case .enterpriseImport: "/m/enterprises/import"
        case .enterpriseExport: "/m/enterprises/export.csv"
        case .enterpriseLadder: "/m/enterprises/ladder"
        case .enterpriseCandidates: "/m/enterprises/candidates"
        case .innovationPoints: "/m/enterprises/innovation-points"
        case .adminCriteria: "/admin/criteria"
        case .adminCriterion(let code): "/admin/criteria/\(code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? code)"
        case .policySpokespersons: "/m/policies/spokespersons"
        case .policyLedger: "/m/policies/ledger"
        case .policyDocument(let id): "/m/policies/documents/\(id)"
        case .policyDocumentNew: "/m/policies/documents/new"
        case .policyDocumentEdit(let id): "/m/policies/documents/\(id)/edit"
        case .policyItem(let id): "/m/policies/items/\(id)"
        case .policyItemNew(let policyID): "/m/policies/documents/\(policyID)/items/new"
        case .policyItemEdit(let id): "/m/policies/items/\(id)/edit"
        case .policyItemEligible(let id): "/m/policies/items/\(id)/eligible"
        case .policyItemNotify(let id): "/m/policies/items/\(id)/notify"
        case .policyMatches(let id): "/m/policies/enterprises/\(id)"
        case .policyMine: "/m/policies/mine"
        case .policyNotices: "/m/policies/notices"
        case .policyNoticesRead: "/m/policies/notices/read"
        case .policyItemAsk(let id): "/m/policies/items/\(id)/ask"
        case .policyQA: "/m/policies/qa"
        case .consultations: "/m/policies/consultations"
        case .consultationsMine: "/m/policies/consultations/mine"
        case .consultationsLate: "/m/policies/consultations/late"
        case .consultation(let id): "/m/policies/consultations/\(id)"
        case .consultationAnswer(let id): "/m/policies/consultations/\(id)/answer"
        case .consultationRate(let id): "/m/policies/consultations/\(id)/rate"
        case .consultationPublish(let id): "/m/policies/consultations/\(id)/publish"
        case .consultationWithdraw(let id): "/m/policies/consultations/\(id)/withdraw"
        case .consultationLookup: "/m/policies/consultation-lookup"
        case .consultationLookupRate: "/m/policies/consultation-lookup/rate"
        case .consultationLookupRate: "/m/policies/consultation-lookup/rate"
        case .consultationFollowUp(let id, let caseID): "/m/policies/consultations/\(id)/follow-ups/\(caseID)"
        case .policyItemApply(let id): "/m/policies/items/\(id)/apply"
        case .policyItemApplyUpload(let id): "/m/policies/items/\(id)/apply/upload"
        case .policyItemAutoGrant(let id): "/m/policies/items/\(id)/auto-grant"
        case .applications: "/m/policies/applications"
        case .application(let id): "/m/policies/applications/\(id)"
        case .applicationUpload(let id): "/m/policies/applications/\(id)/upload"
        case .applicationReview(let id): "/m/policies/applications/\(id)/review"
        case .applicationPayout(let id): "/m/policies/applications/\(id)/payout"
        case .applicationMaterial(let id, let material): "/m/policies/applications/\(id)/materials/\(material)"
        case .payoutTotals: "/m/policies/payouts"
        case .points: "/m/governance/points"
        case .pointsItems: "/m/governance/points/items"
        case .pointsItem(let id): "/m/governance/points/items/\(id)"
        case .pointsDeclare: "/m/governance/points/declare"
        case .pointsDeclareUpload: "/m/governance/points/declare/upload"
        case .pointsReview: "/m/governance/points/review"
        case .pointsEntryPhoto(let id): "/m/governance/points/entries/\(id)/photo"
        case .pointsBoards: "/m/governance/points/boards"
        case .pointsPublish: "/m/governance/points/publish"
        case .pointsRewards: "/m/governance/points/rewards"
        case .pointsCommittee: "/m/governance/points/committee"
        case .pointsCommitteeRemove(let id): "/m/governance/points/committee/\(id)/remove"
        case .publicPoints(let zone): "/public/points/\(Self.segment(zone))"
        case .publicPointsMonth(let zone, let month): "/public/points/\(Self.segment(zone))/\(Self.segment(month))"
        case .publicPointsNotice(let zone, let month): "/public/points/\(Self.segment(zone))/\(Self.segment(month))/notice"
        case .deliberation: "/m/governance/deliberation"
        case .deliberationIssueNew: "/m/governance/deliberation/issues/new"
        case .deliberationIssue(let id): "/m/governance/deliberation/issues/\(id)"
        case .deliberationIssueSupport(let id): "/m/governance/deliberation/issues/\(id)/support"
        case .deliberationIssueTopic(let id): "/m/governance/deliberation/issues/\(id)/topic"
        case .deliberationTopic(let id): "/m/governance/deliberation/topics/\(id)"
        case .deliberationMeetingNew: "/m/governance/deliberation/meetings/new"
        case .deliberationMeeting(let id): "/m/governance/deliberation/meetings/\(id)"
        case .deliberationMeetingAttendance(let id): "/m/governance/deliberation/meetings/\(id)/attendance"
        case .deliberationMeetingMinutes(let id): "/m/governance/deliberation/meetings/\(id)/minutes"
        case .deliberationMeetingDecision(let id): "/m/governance/deliberation/meetings/\(id)/decisions"
        case .deliberationAction(let id): "/m/governance/deliberation/actions/\(id)"
        case .deliberationActionProgress(let id): "/m/governance/deliberation/actions/\(id)/progress"
        case .deliberationActionPublish(let id): "/m/governance/deliberation/actions/\(id)/publish"
        case .publicDeliberation(let zone): "/public/deliberation/\(Self.segment(zone))"
        // MARK: Events (网格事件)
        case .events: "/m/governance/events"
        case .eventNew: "/m/governance/events/new"
        case .eventUpload: "/m/governance/events/upload"
        case .eventStatistics: "/m/governance/events/statistics"
        case .event(let id): "/m/governance/events/\(id)"
        case .eventStep(let id): "/m/governance/events/\(id)/step"
        case .eventRate(let id): "/m/governance/events/\(id)/rate"
        case .eventPhoto(let id): "/m/governance/events/\(id)/photo"
        case .eventFollowUp(let id, let caseID): "/m/governance/events/\(id)/follow-ups/\(caseID)"
        case .open311Keys: "/m/governance/open311-keys"
        case .open311Root: "/open311/v2"
        // MARK: Governance — grids, residents and the map
        case .governanceGrids: "/m/governance/grids"
        case .governanceGrid(let id): "/m/governance/grids/\(id)"
        case .governanceGridImport: "/m/governance/grids/import"
        case .governanceMap: "/m/governance/map"
        case .governanceResidents: "/m/governance/residents"
        case .governanceResidentNew: "/m/governance/residents/new"
        case .governanceResident(let id): "/m/governance/residents/\(id)"
        case .governanceResidentEdit(let id): "/m/governance/residents/\(id)/edit"
        case .stylesheet: "/static/gaoxin.css"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case .openAPIDocument: "/api/v1/openapi.json"
        }
    }

    /// The router pattern: the path with `:id` where a parameter goes.
    public var pattern: RouterPath {
        switch self {
        case .profileTokenRevoke: "/profile/tokens/:id/revoke"
        case .enterprise: "/m/enterprises/:id"
        case .enterpriseFacts: "/m/enterprises/:id/facts"
        case .enterpriseCertifications: "/m/enterprises/:id/certifications"
        case .adminCriterion: "/admin/criteria/:code"
        case .policyDocument: "/m/policies/documents/:id"
        case .policyDocumentEdit: "/m/policies/documents/:id/edit"
        case .policyItem: "/m/policies/items/:id"
        case .policyItemNew: "/m/policies/documents/:id/items/new"
        case .policyItemEdit: "/m/policies/items/:id/edit"
        case .policyItemEligible: "/m/policies/items/:id/eligible"
        case .policyItemNotify: "/m/policies/items/:id/notify"
        case .policyMatches: "/m/policies/enterprises/:id"
        case .policyItemAsk: "/m/policies/items/:id/ask"
        case .consultation: "/m/policies/consultations/:id"
        case .consultationAnswer: "/m/policies/consultations/:id/answer"
        case .consultationRate: "/m/policies/consultations/:id/rate"
        case .consultationPublish: "/m/policies/consultations/:id/publish"
        case .consultationFollowUp: "/m/policies/consultations/:id/follow-ups/:case"
        case .consultationWithdraw: "/m/policies/consultations/:id/withdraw"
        case .consultationLookup: "/m/policies/consultation-lookup"
        case .policyItemApply: "/m/policies/items/:id/apply"
        case .policyItemApplyUpload: "/m/policies/items/:id/apply/upload"
        case .policyItemAutoGrant: "/m/policies/items/:id/auto-grant"
        case .application: "/m/policies/applications/:id"
        case .applicationUpload: "/m/policies/applications/:id/upload"
        case .applicationReview: "/m/policies/applications/:id/review"
        case .applicationPayout: "/m/policies/applications/:id/payout"
        case .applicationMaterial: "/m/policies/applications/:id/materials/:material"
        case .pointsItem: "/m/governance/points/items/:id"
        case .pointsEntryPhoto: "/m/governance/points/entries/:id/photo"
        case .pointsCommitteeRemove: "/m/governance/points/committee/:id/remove"
        case .publicPoints: "/public/points/:zone"
        case .publicPointsMonth: "/public/points/:zone/:month"
        case .publicPointsNotice: "/public/points/:zone/:month/notice"
        case .deliberationIssue: "/m/governance/deliberation/issues/:id"
        case .deliberationIssueSupport: "/m/governance/deliberation/issues/:id/support"
        case .deliberationIssueTopic: "/m/governance/deliberation/issues/:id/topic"
        case .deliberationTopic: "/m/governance/deliberation/topics/:id"
        case .deliberationMeeting: "/m/governance/deliberation/meetings/:id"
        case .deliberationMeetingAttendance: "/m/governance/deliberation/meetings/:id/attendance"
        case .deliberationMeetingMinutes: "/m/governance/deliberation/meetings/:id/minutes"
        case .deliberationMeetingDecision: "/m/governance/deliberation/meetings/:id/decisions"
        case .deliberationAction: "/m/governance/deliberation/actions/:id"
        case .deliberationActionProgress: "/m/governance/deliberation/actions/:id/progress"
        case .deliberationActionPublish: "/m/governance/deliberation/actions/:id/publish"
        case .publicDeliberation: "/public/deliberation/:zone"
        // MARK: Events (网格事件)
        case .event: "/m/governance/events/:id"
        case .eventStep: "/m/governance/events/:id/step"
        case .eventRate: "/m/governance/events/:id/rate"
        case .eventPhoto: "/m/governance/events/:id/photo"
        case .eventFollowUp: "/m/governance/events/:id/follow-ups/:case"
        // MARK: Governance — grids, residents and the map
        case .governanceGrid: "/m/governance/grids/:id"
        case .governanceResident: "/m/governance/residents/:id"
        case .governanceResidentEdit: "/m/governance/residents/:id/edit"
        default: RouterPath(stringLiteral: path)
        }
    }

    /// A path segment from free text (zone codes, month keys), percent-encoded.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }

    /// The path with a query string (values percent-encoded).
    public func with(query: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = query.filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
        let q = components.percentEncodedQuery ?? ""
        return q.isEmpty ? path : "\(path)?\(q)"
    }
}

extension Request {
    /// A path parameter that must be a positive integer id; anything else is "not found".
    func id(_ context: AppRequestContext, _ name: String = "id") throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else { throw PageError.notFound }
        return id
    }
}
