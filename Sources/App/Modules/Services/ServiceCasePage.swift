import Foundation
import GaoxinCore

extension ServiceApplicationPage {
    /// The page of `c` as `user` sees it: handlers get the steps of the current state, the applicant
    /// the 补正 form while correcting, and the unit an appeal form once a 差评 came in.
    static func load(_ c: ServiceCase, user: CurrentUser, context: AppRequestContext, services: AppServices)
        async throws -> ServiceApplicationPage
    {
        let db = services.database.sql
        let catalogue = ServiceRepository(db: db)
        let repo = ServiceApplicationRepository(db: db)
        let d = c.details
        let bundle = try await catalogue.bundle(id: d.bundleId)
        let materials = try await catalogue.materials(bundleID: d.bundleId)
        let names = Dictionary(uniqueKeysWithValues: materials.map { ($0.id, $0.name) })
        let files = try await repo.files(caseID: c.id)
        let record = try c.caseRow.record()
        let canWork = Permissions.decide(user, .update, c.resource) == .allow
        let engine = services.cases.engine
        let steps = canWork ? Set(engine.transitions(availableTo: user.role, on: record).map(\.code)) : []
        let isApplicant = d.applicantUserId == user.id
        let noticeIDs = (d.firstNoticeIDs ?? []).compactMap(Int64.init)
        let officers =
            canWork
            ? try await UserRepository(db: db).list(scope: .zone(d.zoneId)).filter {
                $0.isActive && ($0.role == Role.departmentStaff.rawValue || $0.role == Role.zoneAdmin.rawValue)
            } : []
        let officer = try await d.officerUserId.asyncMap { try await UserRepository(db: db).find(id: $0) }
        let appeal = try await repo.appeal(caseID: c.id)
        let mayAppeal =
            Permissions.decide(user, .create, .serviceOffice(zoneID: d.zoneId, departmentID: d.departmentId)) == .allow
            && user.role == .departmentStaff
        let panel = try await CasePanel.load(
            c.caseRow, kind: ServiceApplicationRoutes.kind, user: user, services: services, csrf: context.csrfToken)
        let errors = FormErrors()
        return ServiceApplicationPage(
            number: c.number, title: c.caseRow.title, bundleName: bundle?.name ?? "",
            bundleHref: bundle?.page.path ?? SiteURL.serviceBundle(d.bundleId).path,
            state: services.cases.stateName(c.caseRow.typeCode, c.caseRow.state), channel: d.channelValue.label,
            applicant: d.applicantName,
            phone: canWork || isApplicant ? d.applicantPhone : String(d.applicantPhone.prefix(3)) + "****",
            openedAt: DisplayTime.format(c.caseRow.openedAt),
            promised: d.instant ? "即办（当场办结）" : "承诺 \(d.promisedDays) 个工作日（自受理次日起算）",
            deadline: c.caseRow.closedAt == nil ? c.caseRow.deadlineText : nil, overdue: c.caseRow.everOverdue,
            officer: officer?.displayName,
            handedIn: files.map { f in
                HandedInLine(
                    material: names[f.materialId] ?? "材料", text: f.filledText ?? f.fileName,
                    href: f.filledText == nil && (canWork || isApplicant)
                        ? SiteURL.serviceApplicationFile(c.id, material: f.materialId).path : nil)
            },
            notice: noticeIDs.compactMap { names[$0] }, noticeCount: d.noticeCount,
            result: d.resultNo.map { "\(bundle.map { _ in "证照/批文" } ?? "")编号 \($0)" },
            delivery: d.delivery.flatMap(ServiceDelivery.init(rawValue:)).map {
                $0.label + (d.trackingNo.map { "，邮件单号 \($0)" } ?? "")
            },
            canWork: canWork, canNotify: steps.contains("notify") && (d.firstNotice == nil || d.noticeCount < 2),
            canAccept: steps.contains("accept"), canFinish: steps.contains("finish"),
            canRefuse: steps.contains("refuse"),
            needsResult: d.instant && steps.contains("accept"),
            canSupplement: isApplicant && c.caseRow.state == "correcting",
            supplement: materials.filter { noticeIDs.contains($0.id) }.map {
                NoticeMaterial(field: "material_\($0.id)", name: $0.name, error: errors["material_\($0.id)"])
            },
            // 免提交 materials the platform filled are not the applicant's to correct.
            noticeChoices: materials.filter { m in
                (d.firstNotice == nil || noticeIDs.contains(m.id))
                    && !files.contains { $0.materialId == m.id && $0.fileName == "免提交" }
            }.map {
                SelectOption(value: String($0.id), label: $0.name, selected: false)
            },
            officers: officers.map {
                SelectOption(value: String($0.id), label: $0.displayName, selected: $0.id == d.officerUserId)
            },
            deliveries: ServiceDelivery.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: false)
            },
            stepAction: SiteURL.serviceApplicationStep(c.id).path,
            supplementAction: SiteURL.serviceApplicationSupplement(c.id).path,
            appealAction: SiteURL.serviceApplicationAppeal(c.id).path,
            canRateAtCounter: canWork && d.channelValue == .window && c.caseRow.state == "finished"
                && record.rating == nil,
            counterRatingAction: SiteURL.serviceApplicationCounterRating(c.id).path,
            ratingLevels: RatingLevel.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: false)
            },
            canAppeal: mayAppeal && appeal == nil && record.rating?.level.isNegative == true,
            appeal: appeal.map { "申诉理由：\($0.reason)。\($0.stateLabel)" + ($0.decisionNote.map { "。裁定意见：\($0)" } ?? "") },
            panel: panel, csrf: context.csrfToken)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
