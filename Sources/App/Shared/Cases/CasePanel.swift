import GaoxinCore

/// What the shared case pages need to know about one case type: its words, its number and its
/// addresses. A case module states it once (`ConsultationRoutes.kind`, `EventRoutes.kind`) and hands
/// it to `CasePanel.load` and, through its `CaseModule` conformance, to `CaseRoutes`.
struct CaseKind: Sendable {
    /// What a follow-up says it came from: "咨询" → "源自咨询 ZX-000042".
    let noun: String
    /// The letters of the case number: "ZX" → ZX-000042.
    let numberPrefix: String
    /// Who calls a 差评 back, in the thank-you message: "已转发布部门回访整改".
    let followUpBy: String
    /// The heading of the rating form: "评价答复（好差评）".
    let rateHeading: String
    /// The history's words for opening the case ("提出咨询", after the actor's role) and for a
    /// missed deadline ("超过答复时限").
    let openedText: String
    let overdueText: String
    /// Whether the history repeats the opening note (the question is shown above it already).
    let showsOpeningNote: Bool
    /// The final states a requester may rate; nil for every final state (a withdrawn question has
    /// nothing to rate).
    var rateableStates: Set<String>? = nil
    /// Whether the rating form asks the online facets (一事一评) too: the module's service keeps them.
    var takesFacets = false
    /// The case page, the rating POST and a follow-up's step POST.
    let page: @Sendable (Int64) -> SiteURL
    let rate: @Sendable (Int64) -> SiteURL
    let followUp: @Sendable (_ parent: Int64, _ caseID: Int64) -> SiteURL
    /// The unit's appeal of a 差评 (POST), for the types whose 差评 may be appealed from the shared
    /// panel; nil where the module shows its own appeal form (政务服务办件).
    var appeal: (@Sendable (Int64) -> SiteURL)? = nil

    func number(_ id: Int64) -> String { CaseRow.number(id, prefix: numberPrefix) }

    /// Closed, not rated yet, in a state that is rated: whether the requester may rate it now.
    func mayBeRated(_ record: CaseRecord) -> Bool {
        record.isClosed && record.rating == nil && (rateableStates?.contains(record.state) ?? true)
    }
}

/// The rating form as typed, with what was wrong, for showing it again after a refusal.
struct RatingForm: Sendable {
    let level: RatingLevel?
    let comment: String
    let errors: FormErrors
    var facets: [RatingFacet: Int] = [:]
    /// The appeal form's reason as typed, when it was the appeal that was refused.
    var appealReason = ""
}

/// The part of every case page that is the same for every case type, rendered by the one partial
/// `cases/panel` (the page model exposes it as `panel`): the rating given or the rating form for
/// the requester (好差评), the 差评 follow-ups with the steps the viewer may take (差评回访整改),
/// and the history timeline. A case page loads it with `CasePanel.load` beside its own fields.
struct CasePanel: Sendable {
    struct Entry: Sendable {
        let at: String
        let text: String
        let note: String?
    }
    let history: [Entry]
    /// The rating given ("不满意：答复太简单"), once rated.
    let rating: String?
    let canRate: Bool
    let rateHeading: String
    let rateAction: String
    var levels: [SelectOption]
    /// The online facets (一事一评), 1–5 each, optional.
    var facets = RatingInput.facetFields()
    var comment = ""
    /// The rating form's errors (`level`, `comment`).
    var errors = FormErrors()
    /// 差评回访整改 cases opened by the requester's rating.
    let followUps: [FollowUpLine]
    let csrf: String
    /// The appeal of the 差评 as filed ("申诉理由：…。待管委会裁定"), once filed.
    var appeal: String? = nil
    /// Where the handling unit posts its appeal; nil unless the viewer may appeal now.
    var appealAction: String? = nil
    var appealReason = ""

    /// The rating form again as it was typed, with its errors.
    mutating func refill(_ form: RatingForm) {
        levels = RatingInput.levels(selected: form.level)
        if !facets.isEmpty { facets = RatingInput.facetFields(form.facets) }
        comment = form.comment
        errors = form.errors
        appealReason = form.appealReason
    }

    /// The panel of the case in `row` as `user` sees it. `assigneeLabel` names the unit or person a
    /// step handed the case to, shown after the step in the history ("派遣（部门：城市管理局）").
    static func load(
        _ row: CaseRow, kind: CaseKind, user: CurrentUser, services: AppServices, csrf: String,
        assigneeLabel: (Assignee) -> String? = { _ in nil }
    ) async throws -> CasePanel {
        let record = try row.record()
        let type = services.cases.engine.types[record.typeCode]
        let history = record.history.map { e -> Entry in
            let who = e.actor.map { $0.role.label } ?? "系统"
            let text: String =
                switch e.kind {
                case .opened: "\(who)\(kind.openedText)"
                case .transition:
                    "\(who)\(e.transition.flatMap { type?.transition($0)?.name } ?? "办理")"
                        + (e.assignee.flatMap(assigneeLabel).map { "（\($0)）" } ?? "")
                case .overdue: kind.overdueText
                case .escalated: "升级至\(e.escalatedTo?.label ?? "管委会")督办"
                case .rated: "\(who)评价"
                }
            return Entry(
                at: DisplayTime.format(e.at.unixSeconds()), text: text,
                note: e.kind == .opened && !kind.showsOpeningNote ? nil : e.note)
        }
        let isRequester =
            Permissions.decide(user, .update, .ownCase(zoneID: row.zoneId, requesterUserID: row.requesterUserId))
            == .allow
        // The requester sees where a follow-up stands; whoever may act on it also gets its steps.
        let children = try await CaseRepository(db: services.database.sql).children(of: [row.id])
        let followUps = try children.map { try FollowUps(services: services).line($0, user: user, kind: kind) }
        var panel = CasePanel(
            history: history, rating: record.rating.map(Self.text),
            canRate: isRequester && kind.mayBeRated(record), rateHeading: kind.rateHeading,
            rateAction: kind.rate(row.id).path, levels: RatingInput.levels(),
            facets: kind.takesFacets ? RatingInput.facetFields() : [], followUps: followUps, csrf: csrf)
        // 差评申诉: the unit the follow-up went to may appeal the 差评 once; everyone who sees the
        // case sees the appeal and the decision.
        if let appealURL = kind.appeal, record.rating?.level.isNegative == true {
            let filed = try await ServiceApplicationRepository(db: services.database.sql).appeal(caseID: row.id)
            panel.appeal = filed.map(Self.appealText)
            let unit = Resource.caseRatingAppeal(zoneID: row.zoneId, unitID: children.first?.assigneeId)
            if filed == nil, Permissions.decide(user, .create, unit) == .allow {
                panel.appealAction = appealURL(row.id).path
            }
        }
        return panel
    }

    /// "申诉理由：…。待管委会裁定。裁定意见：…": an appeal as the case page shows it.
    static func appealText(_ a: RatingAppealRow) -> String {
        "申诉理由：\(a.reason)。\(a.stateLabel)" + (a.decisionNote.map { "。裁定意见：\($0)" } ?? "")
    }

    /// "不满意（办事效率 2 分、平台操作性 3 分）：等了很久": the level, the facets given, the comment.
    static func text(_ r: CaseRating) -> String {
        let facets = RatingFacet.allCases.compactMap { f in r.facets[f].map { "\(f.label) \($0) 分" } }
        return r.level.label + (facets.isEmpty ? "" : "（\(facets.joined(separator: "、"))）")
            + (r.comment.map { "：\($0)" } ?? "")
    }
}
