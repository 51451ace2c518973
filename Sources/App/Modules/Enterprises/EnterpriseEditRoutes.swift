import Foundation
import GaoxinCore
import Hummingbird

/// Keeping an enterprise's record current: one year's figures (the enterprise reports its own;
/// staff correct them) and certifications (staff record them from the official lists).
struct EnterpriseEditRoutes {
    let services: AppServices
    var db: Database { services.database }

    struct FactsPage: Sendable {
        struct Field: Sendable {
            let key: String
            let label: String
            let unit: String
            let value: String
            let error: String?
        }
        let name: String
        let year: String
        let years: [String]
        let fields: [Field]
        var errors: FormErrors
        let action: String
        let backHref: String
        let csrf: String
    }

    struct CertificationsPage: Sendable {
        let name: String
        let kinds: [SelectOption]
        let certifiedOn: String
        let expiresOn: String
        let number: String
        var errors: FormErrors
        let action: String
        let backHref: String
        let csrf: String
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get(SiteURL.enterpriseFacts(0).pattern) { request, context -> Response in
            let (enterprise, _) = try await load(request, context, .update)
            let year = Int(request.uri.queryParameters.get("year") ?? "") ?? (Clock.today.year - 1)
            guard (1949...Clock.today.year).contains(year) else {
                throw Refusal("year", "年度：应为 1949 到 \(Clock.today.year) 之间的年份")
            }
            let existing =
                try await EnterpriseRepository(db: db.sql).facts(enterpriseID: enterprise.id).first { $0.year == year }
                ?? YearFacts(year: year)
            let values = Dictionary(
                uniqueKeysWithValues: YearFacts.numericFields.map { key, path in
                    (key, existing[keyPath: path].map { Self.displayValue($0, key: key) } ?? "")
                })
            return try await factsPage(
                enterprise, year: String(year), values: values, errors: FormErrors(), context: context)
        }
        router.post(SiteURL.enterpriseFacts(0).pattern, use: saveFacts)
        router.get(SiteURL.enterpriseCertifications(0).pattern) { request, context -> Response in
            let (enterprise, _) = try await load(request, context, .administer)
            return try await certificationsPage(
                enterprise, form: FormData(urlEncoded: ""), errors: FormErrors(), context: context)
        }
        router.post(SiteURL.enterpriseCertifications(0).pattern, use: addCertification)
    }

    /// The enterprise in the user's zone that the user may act on, or 404/403.
    private func load(_ request: Request, _ context: AppRequestContext, _ action: Action) async throws -> (
        EnterpriseRow, CurrentUser
    ) {
        let (user, zoneID) = try context.requireZone()
        let id = try request.id(context)
        guard let row = try await EnterpriseRepository(db: db.sql).find(id: id, zoneID: zoneID) else {
            throw PageError.notFound
        }
        try context.authorize(.view, .enterprise(zoneID: zoneID, enterpriseID: id))
        try context.authorize(action, .enterprise(zoneID: zoneID, enterpriseID: id))
        return (row, user)
    }

    /// Shares are entered in percent; everything else in the catalogue's unit.
    static func displayValue(_ stored: Double, key: String) -> String {
        EnterpriseCSV.number(EnterpriseFieldCatalogue.fields[key]?.unit == "%" ? stored * 100 : stored)
    }

    private func factsPage(
        _ e: EnterpriseRow, year: String, values: [String: String], errors: FormErrors, context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalogue = EnterpriseFieldCatalogue.fields
        let thisYear = Clock.today.year
        let page = FactsPage(
            name: e.name, year: year, years: (thisYear - 5...thisYear).reversed().map(String.init),
            fields: YearFacts.numericFields.map { key, _ in
                .init(
                    key: key, label: catalogue[key]?.label ?? key, unit: catalogue[key]?.unit ?? "",
                    value: values[key] ?? "", error: errors[key])
            },
            errors: errors, action: SiteURL.enterpriseFacts(e.id).path, backHref: SiteURL.enterprise(e.id).path,
            csrf: context.csrfToken)
        return try await services.render(
            "enterprises/facts", page: page, context: context, title: "填报年度数据", path: SiteURL.module(.enterprises).path,
            breadcrumbs: [
                .init(title: "企业", href: SiteURL.module(.enterprises).path),
                .init(title: e.name, href: SiteURL.enterprise(e.id).path), .init(title: "年度数据", href: nil),
            ],
            status: status)
    }

    @Sendable func saveFacts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (enterprise, user) = try await load(request, context, .update)
        let form = try await FormData.from(request, context: context)
        var errors = FormErrors()
        var values: [String: String] = [:]
        let thisYear = Clock.today.year
        guard let year = Int(form["year"]), (1949...thisYear).contains(year) else {
            errors.add("year", "年度：请选择 1949 到 \(thisYear) 之间的年份")
            return try await factsPage(
                enterprise, year: form["year"], values: [:], errors: errors, context: context, status: .badRequest)
        }
        var facts = YearFacts(year: year)
        let catalogue = EnterpriseFieldCatalogue.fields
        for (key, _) in YearFacts.numericFields {
            let raw = form[key].replacingOccurrences(of: ",", with: "")
            values[key] = form[key]
            guard !raw.isEmpty else { continue }
            guard let number = Double(raw), number.isFinite else {
                errors.add(key, "\(catalogue[key]?.label ?? key)：不是数字（\(raw)）")
                continue
            }
            facts[key] = catalogue[key]?.unit == "%" ? number / 100 : number
        }
        for problem in facts.problems() { errors.add(problem.field, problem.message) }
        guard errors.isEmpty else {
            return try await factsPage(
                enterprise, year: String(year), values: values, errors: errors, context: context, status: .badRequest)
        }
        try await EnterpriseService(database: db, user: user).saveFacts(facts, of: enterprise)
        return .redirect(
            to: SiteURL.enterprise(enterprise.id), flash: Flash(kind: .success, message: "已保存 \(year) 年度数据。"))
    }

    private func certificationsPage(
        _ e: EnterpriseRow, form: FormData, errors: FormErrors, context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = CertificationsPage(
            name: e.name,
            kinds: CertificationKind.allCases.map {
                .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form["kind"])
            },
            certifiedOn: form["certified_on"], expiresOn: form["expires_on"], number: form["certificate_no"],
            errors: errors,
            action: SiteURL.enterpriseCertifications(e.id).path, backHref: SiteURL.enterprise(e.id).path,
            csrf: context.csrfToken)
        return try await services.render(
            "enterprises/certifications", page: page, context: context, title: "登记资质",
            path: SiteURL.module(.enterprises).path,
            breadcrumbs: [
                .init(title: "企业", href: SiteURL.module(.enterprises).path),
                .init(title: e.name, href: SiteURL.enterprise(e.id).path), .init(title: "登记资质", href: nil),
            ],
            status: status)
    }

    @Sendable func addCertification(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (enterprise, user) = try await load(request, context, .administer)
        let form = try await FormData.from(request, context: context)
        let input = EnterpriseService.CertificationInput(
            kind: form["kind"], certifiedOn: form["certified_on"], expiresOn: form["expires_on"],
            number: form["certificate_no"])
        return try await services.submit {
            _ = try await EnterpriseService(database: db, user: user).addCertification(input, to: enterprise)
            let label = CertificationKind(rawValue: input.kind)?.label ?? input.kind
            return .redirect(
                to: SiteURL.enterprise(enterprise.id), flash: Flash(kind: .success, message: "已登记“\(label)”。"))
        } refused: { errors in
            try await certificationsPage(enterprise, form: form, errors: errors, context: context)
        }
    }
}
