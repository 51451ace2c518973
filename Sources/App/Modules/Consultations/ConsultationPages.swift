import GaoxinCore

/// One consultation in a list (mine, the department's inbox, supervision).
struct ConsultationLine: Sendable {
    let number: String
    let href: String
    let title: String
    let item: String
    let department: String
    let asker: String
    let state: String
    let askedAt: String
    let deadline: String?
    let overdue: Bool
    let escalated: Bool
    let rating: String?
    let published: Bool
}

/// The consultation lists (inbox, mine, late) with the open 差评 follow-ups.
struct ConsultationListPage: Sendable {
    let tabs: [PolicyTab]
    let heading: String
    let intro: String
    let lines: [ConsultationLine]
    let total: Int
    let open: Int
    let late: Int
    let showAsker: Bool
    var followUps: [FollowUpLine] = []
    /// Previous / next when the list has more than one page.
    var paging: PageLinks?
    /// This list, every page, as CSV.
    var exportHref = ""
}

/// The question form, reached from an item's "咨询此政策".
struct ConsultationAskPage: Sendable {
    let tabs: [PolicyTab]
    let itemHeading: String
    let itemHref: String
    let department: String
    let spokesperson: String?
    let signedIn: Bool
    let askerName: String?
    var question = ""
    var name = ""
    var mobile = ""
    var errors = FormErrors()
    let action: String
    let csrf: String
}

/// What a public asker sees after asking: the number to quote when calling the department.
struct ConsultationSubmittedPage: Sendable {
    let tabs: [PolicyTab]
    let number: String
    let itemHeading: String
    let itemHref: String
    let department: String
    let spokesperson: String?
    let deadline: String
}

/// 咨询进度查询: the public asker's way back to their question, by its number and their mobile.
struct ConsultationLookupPage: Sendable {
    struct Found: Sendable {
        let number: String
        let itemHeading: String
        let itemHref: String
        let department: String
        let state: String
        let askedAt: String
        let deadline: String?
        let overdue: Bool
        let question: String
        let answer: String?
        let answeredAt: String?
        let rating: String?
        let canRate: Bool
    }
    let tabs: [PolicyTab]
    var number = ""
    var mobile = ""
    var errors = FormErrors()
    var found: Found?
    var ratingErrors = FormErrors()
    var levels = RatingInput.levels()
    var comment = ""
    var notice: String?
    let action: String
    let rateAction = SiteURL.consultationLookupRate.path
    let csrf: String
}

/// One consultation with the forms its viewer may use, and the shared case panel (rating,
/// follow-ups, history).
struct ConsultationPage: Sendable {
    let tabs: [PolicyTab]
    let number: String
    let itemHeading: String
    let itemHref: String
    let department: String
    let asker: String
    let askerMobile: String?
    let askedAt: String
    let state: String
    let deadline: String?
    let overdue: Bool
    let escalated: Bool
    let question: String
    let answer: String?
    let answeredAt: String?
    let canAnswer: Bool
    let answerAction: String
    var answerText = ""
    var errors = FormErrors()
    let canWithdraw: Bool
    let withdrawAction: String
    let canPublish: Bool
    let published: Bool
    let publishAction: String
    var panel: CasePanel
    let csrf: String
}

/// 政策问答: answered questions the departments published.
struct PolicyQAPage: Sendable {
    let tabs: [PolicyTab]
    let questions: [PolicyQA]
    let zones: [SelectOption]
    let showZones: Bool
    let filterHref = SiteURL.policyQA.path
    /// Previous / next when there is more than one page.
    var paging: PageLinks?
}

extension ConsultationPage {
    /// One consultation as `user` sees it: the answer form for the department it is with, withdraw
    /// for the asker before the answer, publish once answered, and the shared case panel.
    static func load(_ c: Consultation, user: CurrentUser, context: AppRequestContext, services: AppServices)
        async throws -> ConsultationPage
    {
        let record = try c.caseRow.record()
        let item = try await PolicyRepository(db: services.database.sql).item(id: c.details.policyItemId)
        let department = try await ZoneRepository(db: services.database.sql).department(
            id: c.details.departmentId, zoneID: c.caseRow.zoneId)
        let mayUpdate = Permissions.decide(user, .update, c.resource) == .allow
        let isAsker =
            Permissions.decide(
                user, .update, .ownCase(zoneID: c.caseRow.zoneId, requesterUserID: c.caseRow.requesterUserId))
            == .allow
        return ConsultationPage(
            tabs: try await PolicyRoutes(services: services).tabs(context, current: .consultation(c.id)),
            number: c.number, itemHeading: item?.heading ?? "—",
            itemHref: SiteURL.policyItem(c.details.policyItemId).path, department: department?.name ?? "—",
            asker: c.details.askerName,
            askerMobile: isAsker ? nil : c.details.askerMobile.flatMap { try? MobileNumber($0).masked },
            askedAt: DisplayTime.format(c.caseRow.openedAt),
            state: services.cases.stateName(record.typeCode, record.state),
            deadline: c.caseRow.closedAt == nil ? c.caseRow.deadlineText : nil, overdue: c.caseRow.everOverdue,
            escalated: c.caseRow.escalatedTo != nil, question: c.details.question, answer: c.details.answer,
            answeredAt: c.details.answeredAt.map { DisplayTime.format($0) },
            canAnswer: mayUpdate && record.state == "submitted", answerAction: SiteURL.consultationAnswer(c.id).path,
            canWithdraw: isAsker && record.state == "submitted",
            withdrawAction: SiteURL.consultationWithdraw(c.id).path,
            canPublish: mayUpdate && c.details.answer != nil, published: c.details.published,
            publishAction: SiteURL.consultationPublish(c.id).path,
            panel: try await CasePanel.load(
                c.caseRow, kind: ConsultationRoutes.kind, user: user, services: services, csrf: context.csrfToken),
            csrf: context.csrfToken)
    }
}

/// What a consultation list shows at the top: its heading and why it lists what it lists.
struct ConsultationListKind: Sendable {
    let url: SiteURL
    let heading: String
    let intro: String
    let showAsker: Bool
    /// Whether the list shows the open 差评 follow-ups (the inbox does, for the viewer's steps).
    var followUps = false
}

extension ConsultationListPage {
    /// One page of the consultations of `filter` with its counts (and the open follow-ups of the
    /// same department for the inbox); runs the deadline sweep first, so what it shows is current.
    static func load(
        _ filter: ConsultationFilter, list: ConsultationListKind, page: String?, user: CurrentUser,
        context: AppRequestContext, services: AppServices, pager: Pager? = nil
    ) async throws -> ConsultationListPage {
        let pager = try pager ?? Pager(query: page, size: 50)
        try await services.checkOverdue(zoneID: filter.zoneID)
        let repo = ConsultationRepository(db: services.database.sql)
        let paged = try await repo.page(filter, pager)
        let counts = try await repo.counts(filter)
        var followUps: [FollowUpLine] = []
        if list.followUps {
            followUps = try await CaseRepository(db: services.database.sql).open(
                typeCode: ConsultationCaseTypes.ratingFollowUp.code, zoneID: filter.zoneID,
                assigneeID: filter.departmentID.map { CaseIDs.department($0).id }
            ).map { try FollowUps(services: services).line($0, user: user, kind: ConsultationRoutes.kind) }
        }
        let items = Dictionary(
            uniqueKeysWithValues: try await PolicyRepository(db: services.database.sql).items(
                ids: Array(Set(paged.rows.map(\.details.policyItemId)))
            ).map { ($0.id, $0) })
        let policies = PolicyRoutes(services: services)
        let departments = try await policies.departments(filter.zoneID)
        let lines = paged.rows.map { c in
            let row = c.caseRow
            return ConsultationLine(
                number: c.number, href: SiteURL.consultation(c.id).path, title: row.title,
                item: items[c.details.policyItemId]?.heading ?? "—",
                department: departments[c.details.departmentId]?.name ?? "—", asker: c.details.askerName,
                state: services.cases.stateName(row.typeCode, row.state), askedAt: DisplayTime.format(row.openedAt),
                deadline: row.closedAt == nil ? row.deadlineText : nil, overdue: row.everOverdue,
                escalated: row.escalatedTo != nil,
                rating: row.ratingLevel.flatMap { RatingLevel(rawValue: $0)?.label }, published: c.details.published)
        }
        return ConsultationListPage(
            tabs: try await policies.tabs(context, current: list.url), heading: list.heading, intro: list.intro,
            lines: lines, total: counts.total, open: counts.open, late: counts.late, showAsker: list.showAsker,
            followUps: followUps, paging: paged.hasPrevious || paged.hasNext ? paged.links(list.url) : nil)
    }
}

extension ConsultationAskPage {
    /// The question form for an item, blank.
    static func load(_ item: PolicyItemRow, _ policy: PolicyRow, context: AppRequestContext, services: AppServices)
        async throws -> ConsultationAskPage
    {
        let department = try await ZoneRepository(db: services.database.sql).department(
            id: policy.departmentId, zoneID: policy.zoneId)
        return ConsultationAskPage(
            tabs: try await PolicyRoutes(services: services).tabs(context, current: .policyItemAsk(item.id)),
            itemHeading: item.heading, itemHref: SiteURL.policyItem(item.id).path, department: department?.name ?? "—",
            spokesperson: PolicyRoutes.spokesperson(department), signedIn: context.identity != nil,
            askerName: context.identity?.displayName, action: SiteURL.policyItemAsk(item.id).path,
            csrf: context.csrfToken)
    }
}

extension ConsultationLookupPage.Found {
    /// What the public asker sees of their question.
    static func load(_ c: Consultation, services: AppServices) async throws -> Self {
        let record = try c.caseRow.record()
        let item = try await PolicyRepository(db: services.database.sql).item(id: c.details.policyItemId)
        let department = try await ZoneRepository(db: services.database.sql).department(
            id: c.details.departmentId, zoneID: c.caseRow.zoneId)
        return .init(
            number: c.number, itemHeading: item?.heading ?? "—",
            itemHref: SiteURL.policyItem(c.details.policyItemId).path,
            department: department?.name ?? "—", state: services.cases.stateName(record.typeCode, record.state),
            askedAt: DisplayTime.format(c.caseRow.openedAt),
            deadline: c.caseRow.closedAt == nil ? c.caseRow.deadlineText : nil,
            overdue: c.caseRow.everOverdue, question: c.details.question, answer: c.details.answer,
            answeredAt: c.details.answeredAt.map { DisplayTime.format($0) },
            rating: record.rating.map { r in r.level.label + (r.comment.map { "：\($0)" } ?? "") },
            canRate: ConsultationRoutes.kind.mayBeRated(record))
    }
}
