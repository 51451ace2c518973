import Foundation
import GaoxinCore
import Hummingbird

/// 政策咨询 pages: the question form under each policy item (anyone but office staff may ask), the
/// asker's list, the department's inbox with deadlines and overdue marks, the zone admin's
/// supervision list, one consultation with its answer, rating and publish forms, and the public
/// Q&A list. Lists run the deadline sweep for the zone first, so what they show is current.
struct ConsultationRoutes {
    let services: AppServices
    var db: Database { services.database }
    var desk: ConsultationDesk { ConsultationDesk(services: services) }
    var policies: PolicyRoutes { PolicyRoutes(services: services) }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.policyItemAsk(0).pattern, use: askForm)
        router.post(SiteURL.policyItemAsk(0).pattern, use: ask)
        router.get(SiteURL.consultationsMine.pattern, use: mine)
        router.get(SiteURL.consultations.pattern, use: inbox)
        router.get(SiteURL.consultationsLate.pattern, use: late)
        router.get(SiteURL.consultation(0).pattern, use: show)
        router.post(SiteURL.consultationAnswer(0).pattern, use: answer)
        router.post(SiteURL.consultationRate(0).pattern, use: rate)
        router.post(SiteURL.consultationPublish(0).pattern, use: publish)
        router.post(SiteURL.consultationFollowUp(0, caseID: 0).pattern, use: followUpStep)
        router.post(SiteURL.consultationWithdraw(0).pattern, use: withdraw)
        router.get(SiteURL.policyQA.pattern, use: questionsAndAnswers)
        router.get(SiteURL.consultationLookup.pattern, use: lookupForm)
        router.post(SiteURL.consultationLookup.pattern, use: lookup)
        router.post(SiteURL.consultationLookupRate.pattern, use: lookupRate)
    }

    /// The public ask without an account; enterprise users and residents ask in their own zone.
    static func mayAsk(_ user: CurrentUser?, zoneID: Int64) -> Bool {
        guard let user else { return true }
        return (user.role == .enterpriseUser || user.role == .resident) && user.zoneID == zoneID
    }

    static func qa(_ row: ConsultationRow, item: PolicyItemRow?) -> PolicyQA {
        PolicyQA(
            question: row.question, answer: row.answer ?? "", answeredAt: DisplayTime.format(row.answeredAt),
            item: item?.heading, itemHref: item.map { SiteURL.policyItem($0.id).path })
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        crumbs: [LayoutModel.Crumb] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await policies.render(template, page: page, context: context, title: title, crumbs: crumbs, status: status)
    }

    // MARK: - Asking

    /// The item asked about: any zone's, but only while its policy is in force.
    /// The platform admin may look at the form (to check it) but not ask.
    private func askTarget(_ request: Request, _ context: AppRequestContext, submitting: Bool = false) async throws -> (
        PolicyItemRow, PolicyRow
    ) {
        let repo = PolicyRepository(db: db.sql)
        guard let item = try await repo.item(id: try request.id(context)),
            let policy = try await repo.policy(id: item.policyId, zoneID: item.zoneId),
            policy.validity(on: Clock.today) == .inForce
        else { throw PageError.notFound }
        if let user = context.identity, !Self.mayAsk(user, zoneID: policy.zoneId), submitting || !user.isPlatformAdmin {
            throw user.zoneID == policy.zoneId || user.isPlatformAdmin ? PageError.forbidden : PageError.notFound
        }
        return (item, policy)
    }

    private func askPage(_ item: PolicyItemRow, _ policy: PolicyRow, _ context: AppRequestContext) async throws
        -> ConsultationAskPage
    {
        let department = try await ZoneRepository(db: db.sql).department(id: policy.departmentId, zoneID: policy.zoneId)
        return ConsultationAskPage(
            tabs: try await policies.tabs(context, current: .policyItemAsk(item.id)), itemHeading: item.heading,
            itemHref: SiteURL.policyItem(item.id).path, department: department?.name ?? "—",
            spokesperson: PolicyRoutes.spokesperson(department), signedIn: context.identity != nil,
            askerName: context.identity?.displayName, action: SiteURL.policyItemAsk(item.id).path,
            csrf: context.csrfToken)
    }

    @Sendable func askForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, policy) = try await askTarget(request, context)
        return try await render(
            "consultations/ask", page: try await askPage(item, policy, context), context: context, title: "咨询此政策",
            crumbs: [.init(title: item.title, href: SiteURL.policyItem(item.id).path), .init(title: "咨询", href: nil)])
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (item, policy) = try await askTarget(request, context, submitting: true)
        let form = try await FormData.from(request, context: context)
        let user = context.identity
        let question = ConsultationDesk.Question(
            question: form["question"], name: form["name"], mobile: form["mobile"], signedIn: user != nil)
        guard question.errors.isEmpty else {
            var page = try await askPage(item, policy, context)
            page.question = question.question
            page.name = question.name
            page.mobile = question.mobile
            page.errors = question.errors
            return try await render(
                "consultations/ask", page: page, context: context, title: "咨询此政策",
                crumbs: [
                    .init(title: item.title, href: SiteURL.policyItem(item.id).path), .init(title: "咨询", href: nil),
                ],
                status: .badRequest)
        }
        let id = try await desk.ask(question, item: item, policy: policy, user: user)
        let row = try await CaseRepository(db: db.sql).find(id: id)
        let deadline = row?.deadlineText ?? "—"
        guard user == nil else {
            return .redirect(
                to: .consultation(id),
                flash: Flash(kind: .success, message: "咨询已提交（编号 \(CaseRow.number(id))），发布部门将在 \(deadline) 答复。"))
        }
        // The public have no list to come back to: the number is what they quote when they call.
        let department = try await ZoneRepository(db: db.sql).department(id: policy.departmentId, zoneID: policy.zoneId)
        let page = ConsultationSubmittedPage(
            tabs: try await policies.tabs(context, current: .policyItemAsk(item.id)), number: CaseRow.number(id),
            itemHeading: item.heading,
            itemHref: SiteURL.policyItem(item.id).path, department: department?.name ?? "—",
            spokesperson: PolicyRoutes.spokesperson(department), deadline: deadline)
        return try await render(
            "consultations/submitted", page: page, context: context, title: "咨询已提交",
            crumbs: [
                .init(title: item.title, href: SiteURL.policyItem(item.id).path), .init(title: "咨询已提交", href: nil),
            ])
    }

    // MARK: - 咨询进度查询 (public askers)

    private func lookupPage(
        _ page: ConsultationLookupPage, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await render(
            "consultations/lookup", page: page, context: context, title: "咨询进度查询",
            crumbs: [.init(title: "咨询进度查询", href: nil)], status: status)
    }

    @Sendable func lookupForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = ConsultationLookupPage(
            tabs: try await policies.tabs(context, current: .consultationLookup),
            action: SiteURL.consultationLookup.path, csrf: context.csrfToken)
        return try await lookupPage(page, context: context)
    }

    /// Both the number and the mobile the question was asked with must match; a miss says the same
    /// whichever was wrong and counts against the address like a failed login, so numbers can't be
    /// walked through.
    private func lookedUp(_ form: FormData, _ context: AppRequestContext) async throws -> (
        ConsultationLookupPage, Consultation?, MobileNumber?, HTTPResponse.Status
    ) {
        var page = ConsultationLookupPage(
            tabs: try await policies.tabs(context, current: .consultationLookup),
            number: form["number"], mobile: form["mobile"], action: SiteURL.consultationLookup.path,
            csrf: context.csrfToken)
        let digits = page.number.uppercased().replacingOccurrences(of: "ZX", with: "").replacingOccurrences(
            of: "-", with: "")
        let id = Int64(digits)
        if id == nil { page.errors.add("number", "咨询编号：请填写提交咨询时显示的编号，如 ZX-000123") }
        let mobile = try? MobileNumber(page.mobile)
        if mobile == nil { page.errors.add("mobile", "手机号：请填写提交咨询时留下的 11 位手机号") }
        guard let id, let mobile else { return (page, nil, nil, .badRequest) }
        let key = "consultation-lookup"
        let address = context.remoteAddress
        if let wait = try await services.throttle.waitSeconds(username: key, address: address, db: db.sql) {
            page.errors.add("number", LoginThrottle.message(waitSeconds: wait))
            return (page, nil, nil, .tooManyRequests)
        }
        guard let c = try await ConsultationRepository(db: db.sql).findAnyZone(caseID: id),
            c.caseRow.requesterUserId == nil,
            c.details.askerMobile.flatMap({ try? MobileNumber($0) }) == mobile
        else {
            try await db.transaction { tx in
                try await services.throttle.record(username: key, address: address, succeeded: false, db: tx)
            }
            page.errors.add("number", "没有找到与该编号和手机号对应的咨询，请核对后再试")
            return (page, nil, nil, .notFound)
        }
        page.found = try await found(c)
        return (page, c, mobile, .ok)
    }

    private func found(_ c: Consultation) async throws -> ConsultationLookupPage.Found {
        let record = try c.caseRow.record()
        let item = try await PolicyRepository(db: db.sql).item(id: c.details.policyItemId)
        let department = try await ZoneRepository(db: db.sql).department(
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
            canRate: record.isClosed && record.rating == nil && record.state == "answered")
    }

    @Sendable func lookup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (page, _, _, status) = try await lookedUp(try await FormData.from(request, context: context), context)
        return try await lookupPage(page, context: context, status: status)
    }

    /// The public asker rates the answer from the lookup page (number and mobile come again with it).
    @Sendable func lookupRate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.from(request, context: context)
        var (page, found, mobile, status) = try await lookedUp(form, context)
        guard let c = found, let mobile else { return try await lookupPage(page, context: context, status: status) }
        let input = RatingInput(form)
        switch try await input.submit(
            followUpBy: "发布部门", { try await desk.rate(c, level: $0, comment: $1, user: nil, mobile: mobile) })
        {
        case .rated(let message):
            page.found = try await self.found(
                try await ConsultationRepository(db: db.sql).find(caseID: c.id, zoneID: c.caseRow.zoneId) ?? c)
            page.notice = message
            return try await lookupPage(page, context: context)
        case .refused(let errors):
            page.ratingErrors = errors
            page.comment = input.comment
            page.levels = RatingInput.levels(selected: input.level)
            return try await lookupPage(page, context: context, status: .badRequest)
        }
    }

    // MARK: - Follow-ups (差评回访整改)

    /// A follow-up case as a line, with the steps `user` may take on it now.
    func followUpLine(_ row: CaseRow, user: CurrentUser) throws -> FollowUpLine {
        let parent = row.parentCaseId ?? 0
        return try FollowUps(services: services).line(
            row, user: user, parentKind: "咨询", parentHref: SiteURL.consultation(parent).path,
            parentNumber: CaseRow.number(parent), action: SiteURL.consultationFollowUp(parent, caseID: row.id).path)
    }

    @Sendable func followUpStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .update)
        guard let caseID = context.parameters.get("case").flatMap({ Int64($0) }),
            let row = try await CaseRepository(db: db.sql).find(id: caseID, zoneID: c.caseRow.zoneId),
            row.parentCaseId == c.id
        else { throw PageError.notFound }
        let flash = try await FollowUps(services: services).perform(
            row, line: try followUpLine(row, user: user),
            form: try await FormData.from(request, context: context), user: user)
        return .redirect(to: .consultation(c.id), flash: flash)
    }

    // MARK: - Lists

    private func lines(_ list: [Consultation], zoneID: Int64) async throws -> [ConsultationLine] {
        let items = Dictionary(
            uniqueKeysWithValues: try await PolicyRepository(db: db.sql).items(
                ids: Array(Set(list.map(\.details.policyItemId)))
            )
            .map { ($0.id, $0) })
        let departments = try await policies.departments(zoneID)
        let cases = services.cases
        return list.map { c in
            let row = c.caseRow
            return ConsultationLine(
                number: c.number, href: SiteURL.consultation(c.id).path, title: row.title,
                item: items[c.details.policyItemId]?.heading ?? "—",
                department: departments[c.details.departmentId]?.name ?? "—", asker: c.details.askerName,
                state: cases.stateName(row.typeCode, row.state), askedAt: DisplayTime.format(row.openedAt),
                deadline: row.closedAt == nil ? row.deadlineText : nil, overdue: row.everOverdue,
                escalated: row.escalatedTo != nil,
                rating: row.ratingLevel.flatMap { RatingLevel(rawValue: $0)?.label }, published: c.details.published)
        }
    }

    private func list(
        _ filter: ConsultationFilter, context: AppRequestContext, current: SiteURL, heading: String, intro: String,
        showAsker: Bool, followUpsFor user: CurrentUser? = nil
    ) async throws -> Response {
        try await services.checkOverdue(zoneID: filter.zoneID)
        let list = try await ConsultationRepository(db: db.sql).list(filter)
        var followUps: [FollowUpLine] = []
        if let user {
            followUps = try await CaseRepository(db: db.sql).open(
                typeCode: ConsultationCaseTypes.ratingFollowUp.code, zoneID: filter.zoneID,
                assigneeID: filter.departmentID.map { CaseIDs.department($0).id }
            ).map { try followUpLine($0, user: user) }
        }
        let page = ConsultationListPage(
            tabs: try await policies.tabs(context, current: current), heading: heading, intro: intro,
            lines: try await lines(list, zoneID: filter.zoneID), total: list.count,
            open: list.filter { $0.caseRow.closedAt == nil }.count, late: list.filter { $0.caseRow.everOverdue }.count,
            showAsker: showAsker,
            followUps: followUps)
        return try await render(
            "consultations/list", page: page, context: context, title: heading,
            crumbs: [.init(title: heading, href: nil)])
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        guard user.role == .enterpriseUser || user.role == .resident else { throw PageError.forbidden }
        return try await list(
            ConsultationFilter(zoneID: zoneID, askerUserID: user.id), context: context, current: .consultationsMine,
            heading: "我的咨询", intro: "您在政策页面提出的咨询。答复后可以评价（好差评），每件评价一次。", showAsker: false)
    }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .consultationList(zoneID: zoneID))
        let own = user.role == .departmentStaff ? user.departmentID : nil
        return try await list(
            ConsultationFilter(zoneID: zoneID, departmentID: own), context: context, current: .consultations,
            heading: "咨询办理",
            intro: (own != nil ? "本部门发布的政策收到的咨询。" : "全园区的政策咨询。") + "自收到次日起 2 个工作日内答复；超时的标“超时”并升级至管委会督办。",
            showAsker: true, followUpsFor: user)
    }

    @Sendable func late(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        guard user.role == .zoneAdmin || user.isPlatformAdmin else { throw PageError.forbidden }
        return try await list(
            ConsultationFilter(zoneID: zoneID, lateOnly: true), context: context, current: .consultationsLate,
            heading: "超时督办", intro: "超过答复时限或已升级督办的咨询，包括超时后才答复的。", showAsker: true)
    }

    // MARK: - One consultation

    private func load(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        CurrentUser, Consultation
    ) {
        let (user, zoneID) = try context.requireZone()
        guard let c = try await ConsultationRepository(db: db.sql).find(caseID: try request.id(context), zoneID: zoneID)
        else { throw PageError.notFound }
        try context.authorize(
            action,
            .consultation(zoneID: zoneID, departmentID: c.details.departmentId, askerUserID: c.caseRow.requesterUserId))
        return (user, c)
    }

    private func page(_ c: Consultation, user: CurrentUser, context: AppRequestContext) async throws -> ConsultationPage
    {
        let record = try c.caseRow.record()
        let engine = services.cases.engine
        let type = engine.types[record.typeCode]
        let item = try await PolicyRepository(db: db.sql).item(id: c.details.policyItemId)
        let department = try await ZoneRepository(db: db.sql).department(
            id: c.details.departmentId, zoneID: c.caseRow.zoneId)
        let mayUpdate =
            Permissions.decide(
                user, .update,
                .consultation(
                    zoneID: c.caseRow.zoneId, departmentID: c.details.departmentId,
                    askerUserID: c.caseRow.requesterUserId)) == .allow
        let isAsker = c.caseRow.requesterUserId == user.id
        let history = record.history.map { e -> ConsultationPage.Event in
            let who = e.actor.map { $0.role.label } ?? "系统"
            let text: String =
                switch e.kind {
                case .opened: "\(who)提出咨询"
                case .transition: "\(who)\(e.transition.flatMap { type?.transition($0)?.name } ?? "办理")"
                case .overdue: "超过答复时限"
                case .escalated: "升级至\(e.escalatedTo?.label ?? "管委会")督办"
                case .rated: "\(who)评价"
                }
            return .init(at: DisplayTime.format(e.at.unixSeconds()), text: text, note: e.kind == .opened ? nil : e.note)
        }
        // The asker sees where the follow-up stands; the department and the admin also get its steps.
        let followUps = try await CaseRepository(db: db.sql).children(of: [c.id]).map {
            try followUpLine($0, user: user)
        }
        return ConsultationPage(
            tabs: try await policies.tabs(context, current: .consultation(c.id)), number: c.number,
            itemHeading: item?.heading ?? "—",
            itemHref: SiteURL.policyItem(c.details.policyItemId).path, department: department?.name ?? "—",
            asker: c.details.askerName,
            askerMobile: isAsker ? nil : c.details.askerMobile.flatMap { try? MobileNumber($0).masked },
            askedAt: DisplayTime.format(c.caseRow.openedAt),
            state: services.cases.stateName(record.typeCode, record.state),
            deadline: c.caseRow.closedAt == nil ? c.caseRow.deadlineText : nil, overdue: c.caseRow.everOverdue,
            escalated: c.caseRow.escalatedTo != nil, question: c.details.question, answer: c.details.answer,
            answeredAt: c.details.answeredAt.map { DisplayTime.format($0) }, history: history,
            canAnswer: mayUpdate && record.state == "submitted", answerAction: SiteURL.consultationAnswer(c.id).path,
            canWithdraw: isAsker && record.state == "submitted",
            withdrawAction: SiteURL.consultationWithdraw(c.id).path,
            canRate: isAsker && record.isClosed && record.rating == nil && record.state == "answered",
            rateAction: SiteURL.consultationRate(c.id).path,
            levels: RatingInput.levels(),
            rating: record.rating.map { r in r.level.label + (r.comment.map { "：\($0)" } ?? "") },
            canPublish: mayUpdate && c.details.answer != nil, published: c.details.published,
            publishAction: SiteURL.consultationPublish(c.id).path, followUps: followUps, csrf: context.csrfToken)
    }

    private func showPage(_ page: ConsultationPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await render(
            "consultations/show", page: page, context: context, title: "咨询 \(page.number)",
            crumbs: [.init(title: "咨询 \(page.number)", href: nil)], status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .view)
        return try await showPage(try await page(c, user: user, context: context), context: context)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        let text = form["answer"]
        var errors = FormErrors()
        if text.isEmpty {
            errors.add("answer", "答复内容：请填写")
        } else if text.count > 2000 {
            errors.add("answer", "答复内容：不能超过 2000 个字（现有 \(text.count) 个字）")
        }
        if errors.isEmpty {
            do {
                try await desk.answer(c, text: text, user: user)
                return .redirect(to: .consultation(c.id), flash: Flash(kind: .success, message: "已答复咨询 \(c.number)。"))
            } catch let error as CaseError {
                errors.add("answer", "答复未保存：\(error.message)")
            }
        }
        var page = try await page(c, user: user, context: context)
        page.answerText = text
        page.errors = errors
        return try await showPage(page, context: context, status: .badRequest)
    }

    @Sendable func rate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .view)
        guard c.caseRow.requesterUserId == user.id else { throw PageError.forbidden }
        let form = try await FormData.from(request, context: context)
        let input = RatingInput(form)
        switch try await input.submit(
            followUpBy: "发布部门", { try await desk.rate(c, level: $0, comment: $1, user: user) })
        {
        case .rated(let message):
            return .redirect(to: .consultation(c.id), flash: Flash(kind: .success, message: message))
        case .refused(let errors):
            var page = try await page(c, user: user, context: context)
            page.levels = RatingInput.levels(selected: input.level)
            page.comment = input.comment
            page.errors = errors
            return try await showPage(page, context: context, status: .badRequest)
        }
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .view)
        guard c.caseRow.requesterUserId == user.id else { throw PageError.forbidden }
        do {
            try await desk.withdraw(c, user: user)
        } catch let error as CaseError {
            return .redirect(to: .consultation(c.id), flash: Flash(kind: .error, message: "撤回未成功：\(error.message)"))
        }
        return .redirect(to: .consultation(c.id), flash: Flash(kind: .success, message: "已撤回咨询 \(c.number)。"))
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, c) = try await load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        guard form["published"] == "1" || form["published"] == "0" else { throw PageError.badRequest("请选择公开或取消公开。") }
        let published = form["published"] == "1"
        guard c.details.answer != nil else {
            return .redirect(to: .consultation(c.id), flash: Flash(kind: .error, message: "尚未答复的咨询不能公开为政策问答。"))
        }
        try await desk.publish(c, published, user: user)
        return .redirect(
            to: .consultation(c.id), flash: Flash(kind: .success, message: published ? "已公开为政策问答，显示在政策解读页。" : "已取消公开。"))
    }

    // MARK: - Public Q&A

    @Sendable func questionsAndAnswers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (ownScope, chooses) = try policies.listScope(request, context)
        let zones = try await ZoneRepository(db: db.sql).zones(scope: .allZones)
        let zoneCode = chooses ? (request.uri.queryParameters.get("zone") ?? "") : ""
        let scope = ownScope ?? zones.first { $0.code == zoneCode }.map { ZoneScope.zone($0.id) } ?? .allZones
        var zoneID: Int64?
        if case .zone(let id) = scope { zoneID = id }
        let rows = try await ConsultationRepository(db: db.sql).published(zoneID: zoneID)
        let items = Dictionary(
            uniqueKeysWithValues: try await PolicyRepository(db: db.sql).items(
                ids: Array(Set(rows.map(\.policyItemId)))
            ).map { ($0.id, $0) })
        let page = PolicyQAPage(
            tabs: try await policies.tabs(context, current: .policyQA),
            questions: rows.map { Self.qa($0, item: items[$0.policyItemId]) },
            zones: policies.zoneOptions(zones, selected: zoneCode), showZones: chooses)
        return try await render(
            "consultations/qa", page: page, context: context, title: "政策问答", crumbs: [.init(title: "政策问答", href: nil)])
    }
}
