import Foundation
import GaoxinCore
import Hummingbird
import NIOCore
import SQLKit

/// Resident points pages (积分制) under 基层治理: one's own points, declaring with evidence, the
/// weekly review (一周一定), monthly boards and their publication (一月一公开), quarterly rewards
/// (一季一奖励), the item list and the committee; and the public boards, without login.
struct PointsRoutes {
    let services: AppServices
    var db: Database { services.database }
    var desk: PointsDesk { PointsDesk(database: services.database) }

    /// The rule every board page states (who sees what of the negative entries).
    static let rule =
        "正向激励榜按本年度累计积分排名（一年一清零），公布姓名以示表扬；反向曝光榜只公布扣分事项、次数和合计分值，不公布个人姓名。"
        + "个人的扣分记录只有本人和积分管理小组可以查看。每月公布的积分榜即为定稿，之后的更正只能以新版本重新公布并写明原因。"

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.points.pattern, use: home)
        router.get(SiteURL.pointsItems.pattern, use: items)
        router.post(SiteURL.pointsItems.pattern, use: addItem)
        router.get(SiteURL.pointsItem(0).pattern, use: editItem)
        router.post(SiteURL.pointsItem(0).pattern, use: updateItem)
        router.get(SiteURL.pointsDeclare.pattern, use: declareForm)
        router.post(SiteURL.pointsDeclareUpload.pattern, use: declare)
        router.get(SiteURL.pointsReview.pattern, use: review)
        router.post(SiteURL.pointsReview.pattern, use: decide)
        router.get(SiteURL.pointsEntryPhoto(0).pattern, use: photo)
        router.get(SiteURL.pointsBoards.pattern, use: boards)
        router.post(SiteURL.pointsPublish.pattern, use: publish)
        router.get(SiteURL.pointsRewards.pattern, use: rewards)
        router.post(SiteURL.pointsRewards.pattern, use: recordRewards)
        router.get(SiteURL.pointsCommittee.pattern, use: committee)
        router.post(SiteURL.pointsCommittee.pattern, use: addMember)
        router.post(SiteURL.pointsCommitteeRemove(0).pattern, use: removeMember)
        router.get(SiteURL.publicPoints(zone: "").pattern, use: publicIndex)
        router.get(SiteURL.publicPointsMonth(zone: "", month: "").pattern, use: publicBoard)
        router.get(SiteURL.publicPointsNotice(zone: "", month: "").pattern, use: publicNotice)
    }

    // MARK: - Shared

    func access(_ context: AppRequestContext) async throws -> PointsAccess {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.governance, zoneID: zoneID))
        return try await PointsAccess.load(user, zoneID: zoneID, db: db.sql)
    }

    func committeeAccess(_ context: AppRequestContext) async throws -> PointsAccess {
        let access = try await access(context)
        try context.authorize(.view, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember))
        return access
    }

    func tabs(_ access: PointsAccess, current: SiteURL) -> [PointsTab] {
        var links: [(String, SiteURL)] = [("我的积分", .points), ("积分事项清单", .pointsItems)]
        if access.user.personID != nil || access.reviews {
            links.append((access.user.role == .resident ? "申报积分" : "记录积分", .pointsDeclare))
        }
        if access.reviews { links.append(("每周审核", .pointsReview)) }
        if access.isCommittee { links += [("积分榜与公布", .pointsBoards), ("季度奖励", .pointsRewards)] }
        if access.isCommittee || access.user.role == .zoneAdmin { links.append(("积分管理小组", .pointsCommittee)) }
        return links.map { PointsTab(title: $0.0, href: $0.1.path, current: $0.1 == current) }
    }

    func render(
        _ template: String, page: some Sendable, context: AppRequestContext, title: String,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await services.render(
            template, page: page, context: context, title: title, path: SiteURL.module(.governance).path,
            breadcrumbs: [
                .init(title: "基层治理", href: SiteURL.module(.governance).path),
                .init(title: "居民积分", href: SiteURL.points.path), .init(title: title, href: nil),
            ],
            status: status)
    }

    static func signed(_ points: Int) -> String { points > 0 ? "+\(points)" : "\(points)" }

    static func capLabel(_ item: PointsItem) -> String { item.cap?.label ?? "不设上限" }

    func line(_ e: PointsEntry, ledger: PointsLedger, subjects: PointsSubjects) -> PointsEntryLine {
        let id = Int64(e.id) ?? 0
        let rejected = e.status == .rejected || e.status == .revoked
        return PointsEntryLine(
            id: id, day: e.day.description, subject: subjects.name(e.subject),
            item: ledger.item(e.itemID)?.name ?? e.itemID,
            points: Self.signed(e.points), negative: e.points < 0, status: e.status.label,
            pending: e.status == .pending,
            origin: e.origin.label, evidence: e.evidence, reason: rejected ? e.decision?.reason.nilIfEmpty : nil,
            decidedBy: e.decision.map { "\($0.by) \($0.at.day)" },
            photoHref: e.attachments.isEmpty ? nil : SiteURL.pointsEntryPhoto(id).path)
    }

    /// The latest version of each published month, newest month first.
    static func monthLinks(_ publications: [StoredPublication], zoneCode: String) -> [PointsMonthLink] {
        var latest: [Period: PointsPublication] = [:]
        for p in publications.map(\.publication) where (latest[p.month]?.version ?? 0) < p.version {
            latest[p.month] = p
        }
        return latest.values.sorted { $0.month > $1.month }.map {
            PointsMonthLink(
                label: $0.month.label, href: SiteURL.publicPointsMonth(zone: zoneCode, month: $0.month.key).path,
                noticeHref: SiteURL.publicPointsNotice(zone: zoneCode, month: $0.month.key).path, version: $0.version)
        }
    }

    func zoneCode(_ zoneID: Int64) async throws -> String {
        try await ZoneRepository(db: db.sql).zone(id: zoneID)?.code ?? ""
    }

    // MARK: - My points

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        let repo = PointsRepository(db: db.sql)
        let ledger = try await repo.ledger(zoneID: access.zoneID)
        let subjects = try await PointsSubjects.load(zoneID: access.zoneID, db: db.sql)
        let today = Clock.today
        let yearNumber = Int(request.uri.queryParameters.get("year") ?? "") ?? today.year
        guard (2000...today.year).contains(yearNumber) else { throw PageError.notFound }
        let year = Period.year(yearNumber)
        let board = ledger.board(for: year, audience: .committee)
        let own = subjects.own(personID: access.user.personID).map { s -> PointsSubjectSummary in
            let row = board.positive.first { $0.subject == s }
            return PointsSubjectSummary(
                name: s.hasPrefix("household") ? "本户（\(subjects.name(s))）" : "本人（\(subjects.name(s))）",
                balance: ledger.balance(of: s, asOf: yearNumber == today.year ? today : year.end),
                rank: row.map { "第 \($0.rank) 名（共 \(board.positive.count) 名上榜）" } ?? "未上榜（年度积分为 0 或负分）",
                monthPoints: yearNumber == today.year ? ledger.points(of: s, in: Period(.month, containing: today)) : 0,
                entries: ledger.entries(of: s, in: year).reversed().map { line($0, ledger: ledger, subjects: subjects) }
            )
        }
        let years = Set(ledger.entries.map(\.day.year) + [today.year]).sorted(by: >)
        let pending = ledger.entries.filter { e in
            e.status == .pending
                && access.may(.update, entrySubject: e.subject, gridID: subjects.gridID(e.subject), subjects: subjects)
                    == .allow
        }.count
        let page = PointsHomePage(
            tabs: tabs(access, current: .points), year: yearNumber, isCurrentYear: yearNumber == today.year,
            years: years.map { SelectOption(value: String($0), label: "\($0)年", selected: $0 == yearNumber) },
            own: own, hasOwn: !own.isEmpty, pendingInScope: access.reviews ? pending : 0, reviews: access.reviews,
            isCommittee: access.isCommittee,
            published: Self.monthLinks(
                try await repo.publications(zoneID: access.zoneID), zoneCode: try await zoneCode(access.zoneID)),
            rule: Self.rule,
            resetNote: "一年一清零：每年 1 月 1 日起余额从 0 计算，往年的记录、积分榜和奖励仍可按年份查看。")
        return try await render("governance/points-home", page: page, context: context, title: "我的积分")
    }

    // MARK: - Items

    static func capPers(_ selected: String) -> [SelectOption] {
        [SelectOption(value: "", label: "（不设上限）", selected: selected.isEmpty)]
            + PeriodKind.allCases.map {
                SelectOption(value: $0.rawValue, label: "每\($0.label)", selected: $0.rawValue == selected)
            }
    }

    func itemsPage(_ access: PointsAccess, context: AppRequestContext) async throws -> PointsItemsPage {
        let rows = try await PointsRepository(db: db.sql).items(zoneID: access.zoneID)
        return PointsItemsPage(
            tabs: tabs(access, current: .pointsItems),
            lines: rows.map { r in
                .init(
                    code: r.code, name: r.name, category: r.category, points: Self.signed(r.points),
                    negative: r.points < 0,
                    cap: Self.capLabel(r.item), active: r.isActive, editHref: SiteURL.pointsItem(r.id).path)
            },
            positiveCount: rows.count { $0.points > 0 }, negativeCount: rows.count { $0.points < 0 },
            canEdit: access.isCommittee,
            form: PointsItemFormModel(
                heading: "新增积分事项", action: SiteURL.pointsItems.path, capPers: Self.capPers(""), csrf: context.csrfToken)
        )
    }

    @Sendable func items(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        return try await render(
            "governance/points-items", page: try await itemsPage(access, context: context), context: context,
            title: "积分事项清单")
    }

    static func itemForm(_ form: FormData) -> PointsDesk.ItemForm {
        .init(
            name: form["name"], category: form["category"], points: form["points"], capPoints: form["cap_points"],
            capPer: form["cap_per"],
            isActive: form["is_active"] == "1")
    }

    static func fill(_ model: inout PointsItemFormModel, _ f: PointsDesk.ItemForm) {
        model.name = f.name
        model.category = f.category
        model.points = f.points
        model.capPoints = f.capPoints
        model.capPers = capPers(f.capPer)
        model.isActive = f.isActive
    }

    @Sendable func addItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await committeeAccess(context)
        let f = Self.itemForm(try await FormData.from(request, context: context))
        do {
            _ = try await desk.addItem(f, access: access)
            return .redirect(to: .pointsItems, flash: Flash(kind: .success, message: "已新增积分事项“\(f.name)”。"))
        } catch let refusal as Refusal {
            var page = try await itemsPage(access, context: context)
            Self.fill(&page.form, f)
            page.form.errors = refusal.errors
            return try await render(
                "governance/points-items", page: page, context: context, title: "积分事项清单", status: .badRequest)
        }
    }

    func loadedItem(_ request: Request, _ context: AppRequestContext) async throws -> (PointsAccess, PointsItemRow) {
        let access = try await committeeAccess(context)
        guard let row = try await PointsRepository(db: db.sql).item(id: try request.id(context), zoneID: access.zoneID)
        else { throw PageError.notFound }
        return (access, row)
    }

    func editModel(_ row: PointsItemRow, access: PointsAccess, context: AppRequestContext) -> PointsItemEditPage {
        var form = PointsItemFormModel(
            heading: "修改积分事项：\(row.name)", action: SiteURL.pointsItem(row.id).path, csrf: context.csrfToken)
        Self.fill(
            &form,
            .init(
                name: row.name, category: row.category, points: String(row.points),
                capPoints: row.capPoints.map(String.init) ?? "",
                capPer: row.capPer ?? "", isActive: row.isActive))
        return PointsItemEditPage(tabs: tabs(access, current: .pointsItems), form: form)
    }

    @Sendable func editItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (access, row) = try await loadedItem(request, context)
        return try await render(
            "governance/points-item", page: editModel(row, access: access, context: context), context: context,
            title: "修改积分事项")
    }

    @Sendable func updateItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (access, row) = try await loadedItem(request, context)
        let f = Self.itemForm(try await FormData.from(request, context: context))
        do {
            try await desk.updateItem(row, f, access: access)
            return .redirect(
                to: .pointsItems, flash: Flash(kind: .success, message: "已保存“\(f.name)”。已有记录保留原分值，新上限从现在起适用。"))
        } catch let refusal as Refusal {
            var page = editModel(row, access: access, context: context)
            Self.fill(&page.form, f)
            page.form.errors = refusal.errors
            return try await render(
                "governance/points-item", page: page, context: context, title: "修改积分事项", status: .badRequest)
        }
    }

    // MARK: - Declare

    func declareModel(_ access: PointsAccess, subject: String, item: String, context: AppRequestContext) async throws
        -> PointsDeclarePage
    {
        let subjects = try await PointsSubjects.load(zoneID: access.zoneID, db: db.sql)
        var options = subjects.own(personID: access.user.personID).map { s in
            SelectOption(
                value: s, label: s.hasPrefix("household") ? "本户（\(subjects.name(s))）" : "本人（\(subjects.name(s))）",
                selected: s == subject)
        }
        let recordsForOthers = access.isCommittee || access.user.role == .gridWorker
        if recordsForOthers {
            let others = subjects.persons.values
                .filter { access.isCommittee || ($0.gridID.map { access.user.gridIDs.contains($0) } ?? false) }
                .filter { $0.id != access.user.personID }
                .sorted { $0.id < $1.id }
            options += others.map { p in
                SelectOption(
                    value: PointsSubjects.person(p.id), label: "居民：\(p.name)",
                    selected: PointsSubjects.person(p.id) == subject)
            }
        }
        let rows = try await PointsRepository(db: db.sql).items(zoneID: access.zoneID).filter {
            $0.isActive && (recordsForOthers || $0.points > 0)
        }
        return PointsDeclarePage(
            tabs: tabs(access, current: .pointsDeclare), subjects: options,
            items: [SelectOption(value: "", label: "（请选择）", selected: item.isEmpty)]
                + rows.map { r in
                    SelectOption(
                        value: r.code,
                        label: "\(r.category) · \(r.name)（\(Self.signed(r.points)) 分，\(Self.capLabel(r.item))）",
                        selected: r.code == item)
                },
            recordsForOthers: recordsForOthers, day: Clock.today.description, evidence: "",
            action: SiteURL.pointsDeclareUpload.path,
            csrf: context.csrfToken)
    }

    @Sendable func declareForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        guard access.user.personID != nil || access.reviews else { throw PageError.forbidden }
        return try await render(
            "governance/points-declare", page: try await declareModel(access, subject: "", item: "", context: context),
            context: context, title: access.user.role == .resident ? "申报积分" : "记录积分")
    }

    @Sendable func declare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        guard access.user.personID != nil || access.reviews else { throw PageError.forbidden }
        guard let form = try await MultipartForm.from(request, context: context) else {
            throw PageError.badRequest("请通过申报表单提交（multipart/form-data）")
        }
        let photo = form.files["photo"].flatMap { $0.data.isEmpty ? nil : $0 }
        let d = PointsDesk.Declaration(
            subject: form["subject"], itemCode: form["item"], day: form["day"], evidence: form["evidence"], photo: photo
        )
        do {
            let id = try await desk.declare(d, access: access)
            let own = try await PointsSubjects.load(zoneID: access.zoneID, db: db.sql).own(
                personID: access.user.personID
            ).contains(d.subject)
            return .redirect(
                to: .points,
                flash: Flash(
                    kind: .success,
                    message: own
                        ? "已提交申报（编号 \(id)），积分管理小组每周集中审核（一周一定）。"
                        : "已记录积分（编号 \(id)），即时生效。"))
        } catch let refusal as Refusal {
            var page = try await declareModel(access, subject: d.subject, item: d.itemCode, context: context)
            page.day = d.day
            page.evidence = d.evidence
            page.errors = refusal.errors
            return try await render(
                "governance/points-declare", page: page, context: context, title: "申报积分", status: .badRequest)
        }
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        let id = try request.id(context)
        let repo = PointsRepository(db: db.sql)
        guard let row = try await repo.entry(id: id, zoneID: access.zoneID), row.photoName != nil else {
            throw PageError.notFound
        }
        let subjects = try await PointsSubjects.load(zoneID: access.zoneID, db: db.sql)
        try context.authorize(
            .view,
            .pointsEntry(
                zoneID: access.zoneID, subjectPersonIDs: subjects.personIDs(row.subject), gridID: row.gridId,
                isCommitteeMember: access.isMember))
        guard let data = try await repo.photo(entryID: id, zoneID: access.zoneID) else { throw PageError.notFound }
        return Response(
            status: .ok,
            headers: [.contentType: row.photoType ?? "application/octet-stream", .cacheControl: "private, no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - 一周一定

    func reviewModel(_ access: PointsAccess, weekKey: String?, context: AppRequestContext) async throws
        -> PointsReviewPage
    {
        let ledger = try await PointsRepository(db: db.sql).ledger(zoneID: access.zoneID)
        let subjects = try await PointsSubjects.load(zoneID: access.zoneID, db: db.sql)
        let rows = try await PointsRepository(db: db.sql).entries(zoneID: access.zoneID)
        let inScope = Set(
            rows.filter {
                access.may(.update, entrySubject: $0.subject, gridID: $0.gridId, subjects: subjects) == .allow
            }.map { String($0.id) })
        let entries = ledger.entries.filter { inScope.contains($0.id) && $0.origin == .declaration }
        let byWeek = Dictionary(grouping: entries) { Period(.week, containing: $0.day) }
        let selected =
            weekKey.flatMap { Period(key: $0) }.flatMap { $0.kind == .week ? $0 : nil }
            ?? byWeek.filter { $0.value.contains { $0.status == .pending } }.keys.min()
            ?? Period(.week, containing: Clock.today)
        let weeks = byWeek.keys.sorted(by: >).prefix(26).map { w in
            PointsReviewPage.Week(
                label: "\(w.label)（\(w.start.month)月\(w.start.day)日—\(w.end.month)月\(w.end.day)日）",
                href: SiteURL.pointsReview.with(query: [("week", w.key)]),
                pending: byWeek[w]!.count { $0.status == .pending }, total: byWeek[w]!.count, current: w == selected)
        }
        let lines = (byWeek[selected] ?? []).sorted { ($0.day, $0.id) < ($1.day, $1.id) }.map {
            line($0, ledger: ledger, subjects: subjects)
        }
        return PointsReviewPage(
            tabs: tabs(access, current: .pointsReview),
            scope: access.isCommittee ? "积分管理小组：审核全部网格的申报" : "网格员：只审核您负责网格内居民的申报",
            weeks: Array(weeks), weekLabel: selected.label, weekKey: selected.key, lines: lines,
            pendingCount: lines.count { $0.pending }, hasPending: lines.contains { $0.pending },
            action: SiteURL.pointsReview.with(query: [("week", selected.key)]), csrf: context.csrfToken)
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        guard access.reviews else { throw PageError.forbidden }
        let page = try await reviewModel(access, weekKey: request.uri.queryParameters.get("week"), context: context)
        return try await render("governance/points-review", page: page, context: context, title: "每周审核")
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        guard access.reviews else { throw PageError.forbidden }
        let form = try await FormData.from(request, context: context)
        var verdicts: [Int64: PointsDesk.Verdict] = [:]
        var errors = FormErrors()
        for id in form.all("entry").compactMap({ Int64($0) }) {
            switch form["d_\(id)"] {
            case "confirm": verdicts[id] = .confirm
            case "reject": verdicts[id] = .reject(reason: form["r_\(id)"])
            case "": break
            default: errors.add("decision", "记录 \(id) 的决定只能是确认或不通过")
            }
        }
        // 一周一定: the rest of the week's queue may be confirmed in one go.
        if form["rest"] == "confirm" {
            for id in form.all("entry").compactMap({ Int64($0) }) where verdicts[id] == nil && form["d_\(id)"].isEmpty {
                verdicts[id] = .confirm
            }
        }
        let week = request.uri.queryParameters.get("week")
        do {
            if !errors.isEmpty { throw Refusal(errors) }
            let (confirmed, rejected) = try await desk.review(verdicts, access: access)
            return .redirect(
                to: SiteURL.pointsReview.with(query: [("week", week ?? "")]),
                flash: Flash(kind: .success, message: "已确认 \(confirmed) 条、不通过 \(rejected) 条。"))
        } catch let refusal as Refusal {
            var page = try await reviewModel(access, weekKey: week, context: context)
            page.errors = refusal.errors
            return try await render(
                "governance/points-review", page: page, context: context, title: "每周审核", status: .badRequest)
        }
    }

    // MARK: - 一月一公开

    func boardsModel(_ access: PointsAccess, monthKey: String?, context: AppRequestContext) async throws
        -> PointsBoardsPage
    {
        let today = Clock.today
        let current = Period(.month, containing: today)
        let month = monthKey.flatMap { Period(key: $0) }.flatMap { $0.kind == .month ? $0 : nil } ?? current.previous
        let repo = PointsRepository(db: db.sql)
        let ledger = try await repo.ledger(zoneID: access.zoneID)
        let subjects = try await PointsSubjects.load(zoneID: access.zoneID, db: db.sql)
        let board = ledger.board(for: month, audience: .committee)
        var months: [Period] = []
        var m = current
        for _ in 0..<12 {
            months.append(m)
            m = m.previous
        }
        let code = try await zoneCode(access.zoneID)
        return PointsBoardsPage(
            tabs: tabs(access, current: .pointsBoards),
            months: months.map { SelectOption(value: $0.key, label: $0.label, selected: $0 == month) },
            monthKey: month.key, monthLabel: month.label,
            positive: board.positive.map {
                .init(
                    rank: $0.rank, name: subjects.name($0.subject), periodPoints: $0.periodPoints, balance: $0.balance)
            },
            negative: board.negative.map {
                .init(
                    rank: $0.rank, name: subjects.name($0.subject), points: $0.negativePoints, count: $0.entryCount,
                    items: $0.itemNames.joined(separator: "、"))
            },
            pendingCount: board.pendingCount, hasPending: board.pendingCount > 0,
            versions: ledger.publications(of: month).map {
                .init(
                    version: $0.version, publishedAt: $0.publishedAt.description, by: $0.publishedBy,
                    note: $0.note.nilIfEmpty)
            },
            isPublished: ledger.publication(of: month) != nil, canPublish: month.end < today,
            publicHref: SiteURL.publicPointsMonth(zone: code, month: month.key).path,
            noticeHref: SiteURL.publicPointsNotice(zone: code, month: month.key).path,
            action: SiteURL.pointsPublish.path, csrf: context.csrfToken)
    }

    @Sendable func boards(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await committeeAccess(context)
        let page = try await boardsModel(access, monthKey: request.uri.queryParameters.get("month"), context: context)
        return try await render("governance/points-boards", page: page, context: context, title: "积分榜与公布")
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await committeeAccess(context)
        let form = try await FormData.from(request, context: context)
        do {
            guard let month = Period(key: form["month"]), month.kind == .month else {
                throw Refusal("month", "请选择要公布的月份")
            }
            let p = try await desk.publish(month: month, reason: form["reason"], access: access)
            return .redirect(
                to: SiteURL.pointsBoards.with(query: [("month", month.key)]),
                flash: Flash(kind: .success, message: "已公布\(month.label)积分榜（第 \(p.version) 版），公开页面和公示栏通知已生成。"))
        } catch let refusal as Refusal {
            var page = try await boardsModel(access, monthKey: form["month"], context: context)
            page.errors = refusal.errors
            return try await render(
                "governance/points-boards", page: page, context: context, title: "积分榜与公布", status: .badRequest)
        }
    }

    // MARK: - 一季一奖励

    func rewardsModel(_ access: PointsAccess, quarterKey: String?, context: AppRequestContext) async throws
        -> PointsRewardsPage
    {
        let today = Clock.today
        let current = Period(.quarter, containing: today)
        let quarter =
            quarterKey.flatMap { Period(key: $0) }.flatMap { $0.kind == .quarter ? $0 : nil } ?? current.previous
        let repo = PointsRepository(db: db.sql)
        let ledger = try await repo.ledger(zoneID: access.zoneID)
        let subjects = try await PointsSubjects.load(zoneID: access.zoneID, db: db.sql)
        let tiers = try await repo.rewardTiers(zoneID: access.zoneID)
        let prizes = Dictionary(tiers.map { ($0.name, $0.prize) }, uniquingKeysWith: { a, _ in a })
        var lines: [PointsRewardsPage.Line] = []
        var recordedBy = ""
        var recordedAt = ""
        let stored = try await repo.rewardRecords(zoneID: access.zoneID).first { $0.record.quarter == quarter }
        if let stored {
            lines = stored.record.rewards.map {
                .init(
                    rank: $0.rank, name: stored.names[$0.subject] ?? $0.subject, points: $0.points, tier: $0.tier,
                    prize: stored.prizes[$0.tier] ?? "")
            }
            recordedBy = stored.record.recordedBy
            recordedAt = stored.record.recordedAt.description
        } else if let scheme = try await desk.scheme(zoneID: access.zoneID, db: db.sql)?.0 {
            lines = try ledger.rewardList(for: quarter, scheme: scheme).map {
                .init(
                    rank: $0.rank, name: subjects.name($0.subject), points: $0.points, tier: $0.tier,
                    prize: prizes[$0.tier] ?? "")
            }
        }
        var quarters: [Period] = []
        var q = current
        for _ in 0..<8 {
            quarters.append(q)
            q = q.previous
        }
        return PointsRewardsPage(
            tabs: tabs(access, current: .pointsRewards),
            quarters: quarters.map { SelectOption(value: $0.key, label: $0.label, selected: $0 == quarter) },
            quarterKey: quarter.key,
            quarterLabel: quarter.label,
            tiers: tiers.map {
                .init(rank: 0, name: $0.name, points: $0.minimumPoints, tier: $0.name, prize: $0.prize)
            },
            tiersText: tiers.map { "\($0.name)|\($0.minimumPoints)|\($0.prize)" }.joined(separator: "\n"),
            lines: lines, recorded: stored != nil, recordedBy: recordedBy, recordedAt: recordedAt,
            canRecord: stored == nil && quarter.end < today && !tiers.isEmpty,
            action: SiteURL.pointsRewards.with(query: [("quarter", quarter.key)]), csrf: context.csrfToken)
    }

    @Sendable func rewards(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await committeeAccess(context)
        let page = try await rewardsModel(
            access, quarterKey: request.uri.queryParameters.get("quarter"), context: context)
        return try await render("governance/points-rewards", page: page, context: context, title: "季度奖励")
    }

    @Sendable func recordRewards(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await committeeAccess(context)
        let form = try await FormData.from(request, context: context)
        let quarterKey = request.uri.queryParameters.get("quarter") ?? form["quarter"]
        do {
            if form["action"] == "tiers" {
                try await desk.setRewardTiers(form.raw("tiers"), access: access)
                return .redirect(
                    to: SiteURL.pointsRewards.with(query: [("quarter", quarterKey)]),
                    flash: Flash(kind: .success, message: "已保存奖励档次。"))
            }
            guard let quarter = Period(key: quarterKey), quarter.kind == .quarter else {
                throw Refusal("quarter", "请选择季度")
            }
            let record = try await desk.recordRewards(quarter: quarter, access: access)
            return .redirect(
                to: SiteURL.pointsRewards.with(query: [("quarter", quarter.key)]),
                flash: Flash(kind: .success, message: "已登记\(quarter.label)奖励：\(record.rewards.count) 户（人）获奖。"))
        } catch let refusal as Refusal {
            var page = try await rewardsModel(access, quarterKey: quarterKey, context: context)
            page.errors = refusal.errors
            if form["action"] == "tiers" { page.tiersText = form.raw("tiers") }
            return try await render(
                "governance/points-rewards", page: page, context: context, title: "季度奖励", status: .badRequest)
        }
    }

    // MARK: - Committee

    func committeeModel(_ access: PointsAccess, context: AppRequestContext) async throws -> PointsCommitteePage {
        let members = try await PointsRepository(db: db.sql).committee(zoneID: access.zoneID)
        return PointsCommitteePage(
            tabs: tabs(access, current: .pointsCommittee),
            members: members.map {
                .init(
                    name: $0.displayName, username: $0.username, role: Role(rawValue: $0.role)?.label ?? $0.role,
                    duty: $0.duty,
                    removeAction: SiteURL.pointsCommitteeRemove($0.id).path)
            },
            canManage: access.user.role == .zoneAdmin,
            duties: ["组长", "副组长", "成员"].map { SelectOption(value: $0, label: $0, selected: $0 == "成员") },
            action: SiteURL.pointsCommittee.path, csrf: context.csrfToken)
    }

    @Sendable func committee(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        guard access.isCommittee else { throw PageError.forbidden }
        return try await render(
            "governance/points-committee", page: try await committeeModel(access, context: context), context: context,
            title: "积分管理小组")
    }

    @Sendable func addMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        try context.authorize(.administer, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember))
        let form = try await FormData.from(request, context: context)
        do {
            try await desk.addMember(username: form["username"], duty: form["duty"], access: access)
            return .redirect(
                to: .pointsCommittee, flash: Flash(kind: .success, message: "已将“\(form["username"])”加入积分管理小组。"))
        } catch let refusal as Refusal {
            var page = try await committeeModel(access, context: context)
            page.username = form["username"]
            page.duties = ["组长", "副组长", "成员"].map { SelectOption(value: $0, label: $0, selected: $0 == form["duty"]) }
            page.errors = refusal.errors
            return try await render(
                "governance/points-committee", page: page, context: context, title: "积分管理小组", status: .badRequest)
        }
    }

    @Sendable func removeMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let access = try await access(context)
        try context.authorize(.administer, .pointsCommittee(zoneID: access.zoneID, isMember: access.isMember))
        try await desk.removeMember(id: try request.id(context), access: access)
        return .redirect(to: .pointsCommittee, flash: Flash(kind: .success, message: "已移出积分管理小组。"))
    }

    // MARK: - Public (no login)

    func publicZone(_ context: AppRequestContext) async throws -> ZoneRow {
        guard let code = context.parameters.get("zone"),
            let zone = try await ZoneRepository(db: db.sql).zone(code: code)
        else { throw PageError.notFound }
        return zone
    }

    func renderPublic(_ template: String, page: some Sendable, context: AppRequestContext, title: String) async throws
        -> Response
    {
        try await services.render(
            template, page: page, context: context, title: title, path: "/public",
            breadcrumbs: [.init(title: "积分公示", href: nil)])
    }

    @Sendable func publicIndex(_ request: Request, context: AppRequestContext) async throws -> Response {
        let zone = try await publicZone(context)
        let page = PublicPointsIndexPage(
            zoneName: zone.name,
            months: Self.monthLinks(
                try await PointsRepository(db: db.sql).publications(zoneID: zone.id), zoneCode: zone.code),
            rule: Self.rule)
        return try await renderPublic(
            "governance/points-public-index", page: page, context: context, title: "\(zone.name)居民积分公示")
    }

    func publicModel(_ context: AppRequestContext) async throws -> (ZoneRow, PublicPointsBoardPage) {
        let zone = try await publicZone(context)
        guard let key = context.parameters.get("month"), let month = Period(key: key), month.kind == .month else {
            throw PageError.notFound
        }
        let repo = PointsRepository(db: db.sql)
        let versions = try await repo.publications(zoneID: zone.id).filter { $0.publication.month == month }
        guard let stored = versions.max(by: { $0.publication.version < $1.publication.version }) else {
            throw PageError.notFound
        }
        let p = stored.publication
        // Only what the public may see of the frozen board: the committee's names on the negative
        // board stay in the stored snapshot and never reach this page.
        let board = p.board(for: .public)
        var rewards: [PointsRewardsPage.Line] = []
        var rewardsLabel = ""
        if month.end == Period(.quarter, containing: month.end).end,
            let r = try await repo.rewardRecords(zoneID: zone.id).first(where: { $0.record.quarter.contains(month.end) }
            )
        {
            rewards = r.record.rewards.map {
                .init(
                    rank: $0.rank, name: r.names[$0.subject] ?? "", points: $0.points, tier: $0.tier,
                    prize: r.prizes[$0.tier] ?? "")
            }
            rewardsLabel = r.record.quarter.label
        }
        return (
            zone,
            PublicPointsBoardPage(
                zoneName: zone.name, monthLabel: month.label, version: p.version,
                publishedAt: p.publishedAt.day.description, publishedBy: p.publishedBy,
                note: p.note.nilIfEmpty,
                positive: board.positive.map {
                    .init(
                        rank: $0.rank, name: stored.names[$0.subject] ?? "", periodPoints: $0.periodPoints,
                        balance: $0.balance)
                },
                negativeByItem: board.negativeByItem.map {
                    .init(item: $0.itemName, count: $0.entryCount, subjects: $0.subjectCount, points: $0.points)
                },
                rewards: rewards, rewardsLabel: rewardsLabel, rule: Self.rule,
                indexHref: SiteURL.publicPoints(zone: zone.code).path,
                noticeHref: SiteURL.publicPointsNotice(zone: zone.code, month: month.key).path,
                boardHref: SiteURL.publicPointsMonth(zone: zone.code, month: month.key).path,
                olderVersions: versions.count - 1, hasOlderVersions: versions.count > 1)
        )
    }

    @Sendable func publicBoard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (zone, page) = try await publicModel(context)
        return try await renderPublic(
            "governance/points-public-board", page: page, context: context, title: "\(zone.name)\(page.monthLabel)居民积分榜"
        )
    }

    @Sendable func publicNotice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (zone, page) = try await publicModel(context)
        return try await renderPublic(
            "governance/points-notice", page: page, context: context, title: "\(zone.name)\(page.monthLabel)积分公示")
    }
}
