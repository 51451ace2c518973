import GaoxinCore
import Hummingbird

/// A case module as the shared case pages see it. Every case type (政策咨询, 网格事件, and the coming
/// 办件, 诉求, 调解) shows the same rating, follow-ups and history on its page, and takes the same two
/// POSTs: the requester's rating (好差评) and a step on a 差评 follow-up (差评回访整改). A new case type
/// plugs in with a few lines:
///
/// 1. State its `CaseKind` (words, number prefix, and three `SiteURL` cases: the case page, `…/rate`
///    and `…/follow-ups/:case`), and give its case value (`Case`) its stored `caseRow`.
/// 2. Make its routes conform to `CaseModule`: `load` reads the case named by `:id` in the viewer's
///    zone and authorizes `action` on it through `Permissions` (404/403 otherwise); `rate` calls the
///    module's `…Service` (which throws `Refusal` on a refusal and returns the follow-up it opened);
///    `showPage` renders the case page again with the rating form as typed (400).
/// 3. Give its page model a `panel` loaded by `CasePanel.load(row, kind:…)`, include
///    `{{> cases/panel}}` in its show template, and call `CaseRoutes(module: self).register(on:)`
///    from its `register`.
///
/// Who may rate (the requester: `Resource.ownCase`) and who may act on a follow-up
/// (`FollowUps.mayAct`, i.e. `Resource.followUp`) are checked here, the same for every type.
protocol CaseModule: Sendable {
    associatedtype Case: CaseBacked
    var services: AppServices { get }
    /// The type's words and addresses.
    static var kind: CaseKind { get }
    /// The case named by the request's `:id` in the viewer's zone, with `action` authorized on it.
    func load(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (CurrentUser, Case)
    /// Rates the case through the module's service; the id of the 差评 follow-up it opened, if any.
    func rate(_ subject: Case, level: RatingLevel, comment: String, user: CurrentUser) async throws -> Int64?
    /// Rates with the online facets too; by default the facets are dropped (types that keep only
    /// the level), a module that keeps them implements this.
    func rate(_ subject: Case, level: RatingLevel, facets: [RatingFacet: Int], comment: String, user: CurrentUser)
        async throws -> Int64?
    /// The case page again with the rating form as typed and its errors.
    func showPage(_ subject: Case, user: CurrentUser, context: AppRequestContext, rating: RatingForm) async throws
        -> Response
}

extension CaseModule {
    func rate(_ subject: Case, level: RatingLevel, facets: [RatingFacet: Int], comment: String, user: CurrentUser)
        async throws -> Int64?
    {
        try await rate(subject, level: level, comment: comment, user: user)
    }
}

/// A module's case value (its own details beside the stored case).
protocol CaseBacked: Sendable {
    var caseRow: CaseRow { get }
}

/// The rating and follow-up POSTs of one case module, at the module's own addresses.
struct CaseRoutes<Module: CaseModule> {
    let module: Module

    func register(on router: RouterGroup<AppRequestContext>) {
        router.post(Module.kind.rate(0).pattern, use: rate)
        router.post(Module.kind.followUp(0, 0).pattern, use: followUpStep)
        if let url = Module.kind.appeal { router.post(url(0).pattern, use: appeal) }
    }

    /// The unit the 差评 follow-up went to appeals the 差评 as mistaken or malicious, once; the zone
    /// admin decides on the appeals list. Anyone else is refused (403; 404 outside the case's zone).
    @Sendable func appeal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, subject) = try await module.load(request, context, .view)
        let row = subject.caseRow
        let followUp = try await CaseRepository(db: module.services.database.sql).children(of: [row.id]).first
        try context.authorize(.create, .caseRatingAppeal(zoneID: row.zoneId, unitID: followUp?.assigneeId))
        let reason = try await FormData.from(request, context: context)["reason"]
        return try await module.services.submit(
            {
                _ = try await ServiceService(services: module.services).appealRating(
                    row, unitID: followUp?.assigneeId, followUpID: followUp?.id, reason: reason, user: user)
                return .redirect(
                    to: Module.kind.page(row.id), flash: Flash(kind: .success, message: "已提交差评申诉，等待管委会裁定。"))
            },
            refused: { errors in
                try await module.showPage(
                    subject, user: user, context: context,
                    rating: RatingForm(level: nil, comment: "", errors: errors, appealReason: reason))
            })
    }

    /// 好差评 by the requester, once the case is closed; a 差评 opens the follow-up.
    @Sendable func rate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, subject) = try await module.load(request, context, .view)
        let row = subject.caseRow
        try context.authorize(.update, .ownCase(zoneID: row.zoneId, requesterUserID: row.requesterUserId))
        let input = RatingInput(try await FormData.from(request, context: context))
        return try await module.services.submit(
            {
                let message = try await input.rateWithFacets(followUpBy: Module.kind.followUpBy) {
                    try await module.rate(subject, level: $0, facets: $1, comment: $2, user: user)
                }
                return .redirect(to: Module.kind.page(row.id), flash: Flash(kind: .success, message: message))
            },
            refused: { errors in
                try await module.showPage(subject, user: user, context: context, rating: input.refused(errors))
            })
    }

    /// One step on a 差评 follow-up of the case, by whoever may act on it (`FollowUps.mayAct`). The
    /// follow-up is a line on the case page, so a refused step comes back there as an error flash.
    @Sendable func followUpStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, subject) = try await module.load(request, context, .view)
        let parent = subject.caseRow
        guard let caseID = context.parameters.get("case").flatMap({ Int64($0) }),
            let row = try await CaseRepository(db: module.services.database.sql).find(
                id: caseID, zoneID: parent.zoneId),
            row.parentCaseId == parent.id
        else { throw PageError.notFound }
        guard FollowUps.mayAct(user, on: row) else { throw PageError.forbidden }
        let followUps = FollowUps(services: module.services)
        let line = try followUps.line(row, user: user, kind: Module.kind)
        let form = try await FormData.from(request, context: context)
        return try await module.services.act(returningTo: Module.kind.page(parent.id)) {
            try await followUps.perform(row, line: line, form: form, user: user)
        }
    }
}

extension AppServices {
    /// Runs a write from a button on a case page that has no form of its own to show again (a
    /// follow-up step, withdraw, publish): the message of the write, or of its `Refusal`, comes back
    /// to `page` as a success or an error flash.
    func act(returningTo page: SiteURL, _ write: () async throws -> String) async throws -> Response {
        do {
            return .redirect(to: page, flash: Flash(kind: .success, message: try await write()))
        } catch let refusal as Refusal {
            return .redirect(
                to: page, flash: Flash(kind: .error, message: refusal.errors.summary.joined(separator: "；")))
        }
    }
}

extension Refusal {
    /// Runs a service call for a page that words the service's refusals its own way: each message
    /// comes back after `prefix` ("答复未保存：…"), under `field` when given (else its own field).
    static func worded<T>(_ prefix: String, into field: String? = nil, _ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let refusal as Refusal {
            var errors = FormErrors()
            for (name, message) in refusal.errors.byField.sorted(by: { $0.key < $1.key }) {
                errors.add(field ?? name, prefix + message)
            }
            throw Refusal(errors, status: refusal.status)
        }
    }
}
