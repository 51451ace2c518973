import Foundation
import GaoxinCore
import Hummingbird

/// The enterprise registry pages: list and search, one enterprise, CSV import and export, and the
/// cultivation ladder. An enterprise user lands on their own enterprise; staff see the zone's.
struct EnterpriseRoutes {
    let services: AppServices
    var db: Database { services.database }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.module(.enterprises).pattern, use: list)
        router.get(SiteURL.enterprise(0).pattern, use: show)
        router.get(SiteURL.enterpriseImport.pattern) { _, context -> Response in
            let (_, zoneID) = try context.requireZone()
            try context.authorize(.create, .enterpriseList(zoneID: zoneID))
            return try await importPage(
                EnterpriseImportPage(headers: EnterpriseCSV.headers.joined(separator: "，"), csrf: context.csrfToken),
                context: context)
        }
        router.post(SiteURL.enterpriseImport.pattern, use: importFile)
        router.get(SiteURL.enterpriseExport.pattern, use: export)
        router.get(SiteURL.enterpriseLadder.pattern, use: ladder)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.view, .module(.enterprises, zoneID: zoneID))
        if user.role == .enterpriseUser, let own = user.enterpriseID { return .redirect(to: SiteURL.enterprise(own)) }
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let repo = EnterpriseRepository(db: db.sql)
        let search = String(
            (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(60))
        let perPage = 50
        let page = max(1, Int(request.uri.queryParameters.get("page") ?? "") ?? 1)
        let total = try await repo.count(scope: .zone(zoneID), search: search)
        let parks = try await parkNames(zoneID)
        let rows = try await repo.list(
            scope: .zone(zoneID), limit: perPage, offset: (page - 1) * perPage, search: search)
        let today = Clock.today
        let certs = Dictionary(grouping: try await repo.certifications(zoneID: zoneID), by: \.enterpriseId)
        let base = SiteURL.module(.enterprises)
        let model = EnterpriseListPage(
            items: rows.map { row in
                let tiers = (certs[row.id] ?? []).compactMap(\.certification).filter { $0.isValid(on: today) }.map(
                    \.kind.label)
                return .init(
                    name: row.name, uscc: row.uscc, park: row.parkId.flatMap { parks[$0] } ?? "—",
                    industry: row.industryCode ?? "—",
                    tiers: tiers.isEmpty ? "—" : Array(Set(tiers)).sorted().joined(separator: "、"),
                    href: SiteURL.enterprise(row.id).path)
            },
            total: total, search: search,
            previousHref: page > 1 ? base.with(query: [("q", search), ("page", String(page - 1))]) : nil,
            nextHref: page * perPage < total ? base.with(query: [("q", search), ("page", String(page + 1))]) : nil,
            exportHref: SiteURL.enterpriseExport.with(query: [("q", search)]),
            canImport: Permissions.decide(user, .create, .enterpriseList(zoneID: zoneID)) == .allow)
        return try await services.render(
            "enterprises/index", page: model, context: context, title: "企业", path: base.path,
            breadcrumbs: [.init(title: "企业", href: nil)])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        let id = try request.id(context)
        let repo = EnterpriseRepository(db: db.sql)
        // Rows of other zones are "not found" by construction: the query names the zone.
        guard let row = try await repo.find(id: id, zoneID: zoneID) else { throw PageError.notFound }
        try context.authorize(.view, .enterprise(zoneID: row.zoneId, enterpriseID: row.id))
        let years = try await repo.facts(enterpriseID: id)
        let today = Clock.today
        let catalogue = EnterpriseFieldCatalogue.fields
        let facts = YearFacts.numericFields.compactMap { key, path -> EnterpriseShowPage.Fact? in
            let values = years.map { $0[keyPath: path] }
            guard values.contains(where: { $0 != nil }), let field = catalogue[key] else { return nil }
            return .init(label: field.label, values: values.map { $0.map { field.display($0) } ?? "—" })
        }
        let park = try await parkNames(zoneID)[row.parkId ?? -1]
        // Criteria read one enterprise's record; its innovation points come from the zone's ranking.
        let library = try await CriteriaStore(db: db.sql).library(zoneID: zoneID)
        let entry = try await ZoneEnterpriseRecords.load(db: db.sql, zoneID: zoneID, today: today, only: id).entry(
            id: id)
        var model = EnterpriseShowPage(
            name: row.name, uscc: row.uscc, park: park ?? "—",
            zone: try await ZoneRepository(db: db.sql).zone(id: zoneID)?.name ?? "", industry: row.industryCode ?? "—",
            chain: row.chain ?? "—",
            foundedOn: row.foundedOn ?? "—",
            contact: [row.contactName, row.contactPhone].compactMap { $0 }.joined(separator: " ").nilIfEmpty ?? "—",
            years: years.map { "\($0.year)年" }, facts: facts,
            certifications: try await repo.certifications(enterpriseID: id).compactMap { c in
                c.certification.map {
                    .init(
                        label: $0.kind.label, certifiedOn: $0.certifiedOn.description,
                        expiresOn: $0.effectiveExpiry?.description ?? "长期", valid: $0.isValid(on: today))
                }
            },
            factsHref: Permissions.decide(context.identity, .update, .enterprise(zoneID: zoneID, enterpriseID: id))
                == .allow ? SiteURL.enterpriseFacts(id).path : nil,
            certifyHref: Permissions.decide(
                context.identity, .administer, .enterprise(zoneID: zoneID, enterpriseID: id)) == .allow
                ? SiteURL.enterpriseCertifications(id).path : nil,
            assessedYear: entry?.year.map { "\($0) 年度" } ?? "（尚无年度数据）",
            assessments: entry.map { e in library.criteria.map { AssessmentView($0.evaluate(e.record)) } } ?? [],
            innovation: try await AssessmentRoutes.innovation(
                for: id, zoneID: zoneID, store: AssessmentStore(database: db)))
        if Permissions.decide(context.identity, .view, .module(.policies, zoneID: zoneID)) == .allow {
            model.policiesHref = SiteURL.policyMatches(enterpriseID: row.id).path
        }
        return try await services.render(
            "enterprises/show", page: model, context: context, title: row.name, path: SiteURL.module(.enterprises).path,
            breadcrumbs: [
                .init(title: "企业", href: SiteURL.module(.enterprises).path), .init(title: row.name, href: nil),
            ])
    }

    private func parkNames(_ zoneID: Int64) async throws -> [Int64: String] {
        Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: db.sql).parks(zoneID: zoneID).map { ($0.id, $0.name) })
    }

    private func importPage(_ page: EnterpriseImportPage, context: AppRequestContext, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        try await services.render(
            "enterprises/import", page: page, context: context, title: "导入企业", path: SiteURL.module(.enterprises).path,
            breadcrumbs: [.init(title: "企业", href: SiteURL.module(.enterprises).path), .init(title: "导入", href: nil)],
            status: status)
    }

    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, zoneID) = try context.requireZone()
        try context.authorize(.create, .enterpriseList(zoneID: zoneID))
        var page = EnterpriseImportPage(headers: EnterpriseCSV.headers.joined(separator: "，"), csrf: context.csrfToken)
        guard let form = try await MultipartForm.from(request, context: context), let file = form.files["file"]?.data,
            !file.isEmpty
        else {
            page.fileError = "文件：请选择要上传的 CSV 文件"
            return try await importPage(page, context: context, status: .badRequest)
        }
        let parks = Dictionary(
            try await ZoneRepository(db: db.sql).parks(zoneID: zoneID).map { ($0.name, $0.id) },
            uniquingKeysWith: { a, _ in a })
        switch EnterpriseCSV.parse(file, parks: parks, today: Clock.today) {
        case .refused(let problems):
            page.problems = problems.prefix(500).map {
                .init(line: $0.line == 0 ? "—" : "第 \($0.line) 行", column: $0.column, message: $0.message)
            }
            page.fileError =
                "文件未导入：发现 \(problems.count) 处问题\(problems.count > 500 ? "（仅列出前 500 处）" : "")，请全部改正后重新上传。没有写入任何数据。"
            return try await importPage(page, context: context, status: .unprocessableContent)
        case .valid(let rows):
            let summary = try await EnterpriseImport(database: db).run(rows: rows, zoneID: zoneID, actor: user)
            return .redirect(
                to: SiteURL.module(.enterprises),
                flash: Flash(
                    kind: .success,
                    message: "导入完成：新增 \(summary.created) 家、更新 \(summary.updated) 家企业，共 \(summary.years) 条年度数据。"))
        }
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let repo = EnterpriseRepository(db: db.sql)
        let search = request.uri.queryParameters.get("q") ?? ""
        let rows = try await repo.list(scope: .zone(zoneID), limit: 1_000_000, offset: 0, search: search)
        let facts = try await repo.facts(zoneID: zoneID)
        let parks = try await parkNames(zoneID)
        let data = try EnterpriseCSV.export(rows.map { ($0, $0.parkId.flatMap { parks[$0] }, facts[$0.id] ?? []) })
        var response = Response(
            status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentDisposition] =
            "attachment; filename=\"enterprises.csv\"; filename*=UTF-8''%E4%BC%81%E4%B8%9A%E5%90%8D%E5%BD%95.csv"
        return response
    }

    @Sendable func ladder(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, zoneID) = try context.requireZone()
        try context.authorize(.view, .enterpriseList(zoneID: zoneID))
        let repo = EnterpriseRepository(db: db.sql)
        let today = Clock.today
        let names = Dictionary(
            uniqueKeysWithValues: try await repo.list(scope: .zone(zoneID), limit: 1_000_000, offset: 0).map {
                ($0.id, $0.name)
            })
        let certs = try await repo.certifications(zoneID: zoneID).compactMap { row in
            row.certification.map { (row.enterpriseId, $0) }
        }
        let counts = CertificationKind.allCases.map { kind -> (CertificationKind, Set<Int64>, Set<Int64>) in
            let valid = Set(certs.filter { $0.1.kind == kind && $0.1.isValid(on: today) }.map(\.0))
            let new = Set(certs.filter { $0.1.kind == kind && $0.1.certifiedOn.year == today.year }.map(\.0))
            return (kind, valid, new)
        }
        let widest = max(1, counts.map(\.1.count).max() ?? 1)
        let model = LadderPage(
            steps: counts.map { kind, valid, new in
                .init(
                    label: kind.label, count: valid.count, newThisYear: new.count, barWidth: valid.count * 100 / widest,
                    names: new.compactMap { names[$0] }.sorted().prefix(10).joined(separator: "、"))
            },
            year: today.year, totalEnterprises: names.count)
        return try await services.render(
            "enterprises/ladder", page: model, context: context, title: "梯度培育", path: SiteURL.module(.enterprises).path,
            breadcrumbs: [.init(title: "企业", href: SiteURL.module(.enterprises).path), .init(title: "梯度培育", href: nil)])
    }
}
