import Foundation
import GaoxinCore
import Mustache

/// The zone's enterprise list with search, a page at a time.
struct EnterpriseListPage: Sendable {
    struct Item: Sendable {
        let name: String
        let uscc: String
        let park: String
        let industry: String
        let tiers: String
        let href: String
    }
    let items: [Item]
    let total: Int
    let search: String
    let previousHref: String?
    let nextHref: String?
    let searchHref = SiteURL.module(.enterprises).path
    let exportHref: String
    let importHref = SiteURL.enterpriseImport.path
    let ladderHref = SiteURL.enterpriseLadder.path
    let candidatesHref = SiteURL.enterpriseCandidates.path
    let innovationHref = SiteURL.innovationPoints.path
    let canImport: Bool

    static let pageSize = 50

    /// One page of the registry (name contains `search`, or the credit code is it), each with its
    /// park and the certifications valid today.
    static func load(
        zoneID: Int64, search: String, pager: Pager, canImport: Bool, db: Database, today: Day = Clock.today
    ) async throws -> Self {
        let repo = EnterpriseRepository(db: db.sql)
        let paged = try await repo.list(scope: .zone(zoneID), search: search, pager: pager)
        let parks = try await EnterpriseParks.names(zoneID: zoneID, db: db)
        let certs = Dictionary(
            grouping: try await repo.certifications(enterpriseIDs: paged.rows.map(\.id), zoneID: zoneID),
            by: \.enterpriseId)
        let links = paged.links(.module(.enterprises), query: [("q", search)])
        return EnterpriseListPage(
            items: paged.rows.map { row in
                let tiers = (certs[row.id] ?? []).compactMap(\.certification).filter { $0.isValid(on: today) }.map(
                    \.kind.label)
                return .init(
                    name: row.name, uscc: row.uscc, park: row.parkId.flatMap { parks[$0] } ?? "—",
                    industry: row.industryCode ?? "—",
                    tiers: tiers.isEmpty ? "—" : Array(Set(tiers)).sorted().joined(separator: "、"),
                    href: SiteURL.enterprise(row.id).path)
            },
            total: paged.total, search: search, previousHref: links.previous, nextHref: links.next,
            exportHref: SiteURL.enterpriseExport.with(query: [("q", search)]), canImport: canImport)
    }
}

/// Park names of a zone, by id.
enum EnterpriseParks {
    static func names(zoneID: Int64, db: Database) async throws -> [Int64: String] {
        Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: db.sql).parks(zoneID: zoneID).map { ($0.id, $0.name) })
    }
}

/// One enterprise: registry, figures by year, certifications.
struct EnterpriseShowPage: Sendable {
    struct Fact: Sendable {
        let label: String
        let values: [String]
    }
    struct Cert: Sendable {
        let label: String
        let certifiedOn: String
        let expiresOn: String
        let valid: Bool
    }
    let name: String
    let uscc: String
    let park: String
    let zone: String
    let industry: String
    let chain: String
    let foundedOn: String
    let contact: String
    let years: [String]
    let facts: [Fact]
    let certifications: [Cert]
    let factsHref: String?
    let profileHref: String?
    let certifyHref: String?
    /// The official criteria, evaluated on the latest reported year.
    let assessedYear: String
    let assessments: [AssessmentView]
    let innovation: InnovationView?
    /// The policies this enterprise fits (可申报的政策), for those who may open that page.
    var policiesHref: String?

    /// The enterprise `row` of `zone` as `user` sees it (the edit links and the policies link only
    /// for those who may open them).
    static func load(
        _ row: EnterpriseRow, zone: ZoneRow?, user: CurrentUser?, db: Database,
        views: VersionedCache<AssessmentViewKey, [AssessmentView]>, today: Day = Clock.today
    ) async throws -> Self {
        let (id, zoneID) = (row.id, row.zoneId)
        // One read of what its criteria record is built from gives the figures and certifications shown.
        let input = try await EnterpriseRecordInputs(db: db.sql).load(zoneID: zoneID, enterpriseIDs: [id]).first
        let years = EnterpriseRepository.yearFacts(stored: input?.yearsJSON ?? [])
        let catalogue = EnterpriseFieldCatalogue.fields
        let facts = YearFacts.numericFields.compactMap { key, path -> Fact? in
            let values = years.map { $0[keyPath: path] }
            guard values.contains(where: { $0 != nil }), let field = catalogue[key] else { return nil }
            return .init(label: field.label, values: values.map { $0.map { field.display($0) } ?? "—" })
        }
        let park = try await row.parkId.asyncMap { try await EnterpriseParks.names(zoneID: zoneID, db: db)[$0] } ?? nil
        // Criteria read one enterprise's record; its innovation points come from the zone's ranking.
        let entry = input.map { ZoneEnterpriseRecords([$0], today: today).entries[0] }
        var assessments: [AssessmentView] = []
        if let input, let entry {
            assessments = try await AssessmentViewKey.views(
                of: input, record: entry.record, zoneID: zoneID, db: db.sql, kept: views, today: today)
        }
        let resource = Resource.enterprise(zoneID: zoneID, enterpriseID: id)
        return EnterpriseShowPage(
            name: row.name, uscc: row.uscc, park: park ?? "—", zone: zone?.name ?? "",
            industry: row.industryCode ?? "—",
            chain: row.chain ?? "—", foundedOn: row.foundedOn ?? "—",
            contact: [row.contactName, row.contactPhone].compactMap { $0 }.joined(separator: " ").nilIfEmpty ?? "—",
            years: years.map { "\($0.year)年" }, facts: facts,
            certifications: (input?.certifications ?? []).sorted { $0.certifiedOn > $1.certifiedOn }.map {
                .init(
                    label: $0.kind.label, certifiedOn: $0.certifiedOn.description,
                    expiresOn: $0.effectiveExpiry?.description ?? "长期", valid: $0.isValid(on: today))
            },
            factsHref: Permissions.decide(user, .update, resource) == .allow ? SiteURL.enterpriseFacts(id).path : nil,
            profileHref: Permissions.decide(user, .update, resource) == .allow
                ? SiteURL.enterpriseProfile(id).path : nil,
            certifyHref: Permissions.decide(user, .administer, resource) == .allow
                ? SiteURL.enterpriseCertifications(id).path : nil,
            assessedYear: entry?.year.map { "\($0) 年度" } ?? "（尚无年度数据）",
            assessments: assessments,
            innovation: try await InnovationView.load(enterpriseID: id, zoneID: zoneID, db: db),
            policiesHref: Permissions.decide(user, .view, .module(.policies, zoneID: zoneID)) == .allow
                ? SiteURL.policyMatches(enterpriseID: id).path : nil)
    }
}

/// The import form, and after a refused file, every problem found.
struct EnterpriseImportPage: Sendable {
    struct Problem: Sendable {
        let line: String
        let column: String
        let message: String
    }
    var problems: [Problem] = []
    /// Imported, but worth a look: figures for years before the founding date.
    var warnings: [Problem] = []
    var fileError: String?
    var summary: String?
    let action = SiteURL.enterpriseImport.path
    let templateHref = SiteURL.enterpriseExport.path
    let headers = EnterpriseCSV.headers.joined(separator: "，")
    let csrf: String
}

/// The cultivation ladder (梯度培育): how many enterprises hold each certification now, and who
/// moved up this year.
struct LadderPage: Sendable {
    struct Step: Sendable {
        let label: String
        let count: Int
        let newThisYear: Int
        let barWidth: Int
        let names: String
    }
    let steps: [Step]
    let year: Int
    let totalEnterprises: Int

    static func load(zoneID: Int64, db: Database, today: Day = Clock.today) async throws -> Self {
        let repo = EnterpriseRepository(db: db.sql)
        let certs = try await repo.recordCertifications(zoneID: zoneID, ids: nil).compactMap { row in
            CertificationKind(rawValue: row.kind).flatMap { kind in
                Day(row.certifiedOn).map {
                    (
                        row.enterpriseID,
                        Certification(kind: kind, certifiedOn: $0, expiresOn: row.expiresOn.flatMap { Day($0) })
                    )
                }
            }
        }
        let counts = CertificationKind.allCases.map { kind -> (CertificationKind, Set<Int64>, Set<Int64>) in
            let valid = Set(certs.filter { $0.1.kind == kind && $0.1.isValid(on: today) }.map(\.0))
            let new = Set(certs.filter { $0.1.kind == kind && $0.1.certifiedOn.year == today.year }.map(\.0))
            return (kind, valid, new)
        }
        let names = try await repo.names(
            ids: Array(counts.reduce(into: Set<Int64>()) { $0.formUnion($1.2) }), zoneID: zoneID)
        let widest = max(1, counts.map(\.1.count).max() ?? 1)
        return LadderPage(
            steps: counts.map { kind, valid, new in
                .init(
                    label: kind.label, count: valid.count, newThisYear: new.count, barWidth: valid.count * 100 / widest,
                    names: new.compactMap { names[$0] }.sorted().prefix(10).joined(separator: "、"))
            },
            year: today.year, totalEnterprises: try await repo.count(zoneID: zoneID))
    }
}

// An enterprise page has a line per figure and per certification: answered by name, not reflected
// (see `PreparedModel`; `RowsAndModelsTests` checks each answers every field).
extension EnterpriseShowPage.Fact: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "values": values
        default: nil
        }
    }
}

extension EnterpriseShowPage.Cert: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "certifiedOn": certifiedOn
        case "expiresOn": expiresOn
        case "valid": valid
        default: nil
        }
    }
}
