import Foundation
import GaoxinCore
import Hummingbird
import SQLKit

/// The enterprise module's one write service, shared by the pages and the API: an enterprise's
/// figures and certifications (the row, its audit entry and the enterprise's policy re-match in one
/// transaction, so "可申报的政策" follows the figures at once, 应知尽知), CSV imports, and the
/// zone's own versions of the official criteria. The zone's rankings are marked for recomputing
/// in the same transaction; anything wrong is a `Refusal` and nothing is written.
struct EnterpriseService {
    let database: Database
    let user: CurrentUser

    func saveFacts(_ facts: YearFacts, of enterprise: EnterpriseRow) async throws {
        let user = self.user
        try await database.transaction { db in
            let repo = EnterpriseRepository(db: db)
            let before = try await repo.facts(enterpriseID: enterprise.id).first { $0.year == facts.year }
            try await repo.upsertFacts(
                enterpriseID: enterprise.id, zoneID: enterprise.zoneId, facts: facts, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: enterprise.zoneId, actor: user, entity: "enterprise_facts",
                id: "\(enterprise.id)/\(facts.year)",
                action: before == nil ? "create" : "update", before: before, after: facts, on: db)
            try await PolicyMatching(db: db).run(
                zoneID: enterprise.zoneId, enterpriseIDs: [enterprise.id], trigger: "修改年度数据", actor: user)
            try await EnterpriseRepository(db: db).markAssessmentsStale(zoneID: enterprise.zoneId)
        }
    }

    /// The profile facts as typed (one text per `EnterpriseProfileColumns.headers`, in order): checked,
    /// then stored with the audit row, the re-match and the rankings marked stale in one transaction.
    func saveProfile(_ cells: [String], of enterprise: EnterpriseRow) async throws {
        let headers = EnterpriseProfileColumns.headers
        let values = Dictionary(uniqueKeysWithValues: zip(headers, cells))
        var (profile, problems) = EnterpriseProfileColumns.read({ values[$0] ?? "" }, thisYear: Clock.today.year)
        var errors = FormErrors()
        for problem in problems {
            errors.add(EnterpriseProfilePage.field(problem.header), "\(problem.header)：\(problem.message)")
        }
        try Refusal.check(errors)
        profile.foundedOn = nil  // the registry's 成立日期 column is the one place for it
        let user = self.user
        let before = enterprise.profile
        try await database.transaction { [profile] db in
            try await EnterpriseRepository(db: db).setProfile(enterpriseID: enterprise.id, profile)
            try await AuditLog.record(
                zoneID: enterprise.zoneId, actor: user, entity: "enterprise_profile", id: enterprise.id,
                action: "update", before: EnterpriseProfileColumns.write(before),
                after: EnterpriseProfileColumns.write(profile), on: db)
            try await PolicyMatching(db: db).run(
                zoneID: enterprise.zoneId, enterpriseIDs: [enterprise.id], trigger: "修改企业情况", actor: user)
            try await EnterpriseRepository(db: db).markAssessmentsStale(zoneID: enterprise.zoneId)
        }
    }

    /// A certification as typed, checked; `errors` name the fields (kind, certified_on, expires_on,
    /// certificate_no) when something is wrong.
    struct CertificationInput {
        var kind = "", certifiedOn = "", expiresOn = "", number = ""

        func validated(existing: [CertificationRow], today: Day) -> (certification: Certification?, errors: FormErrors)
        {
            var errors = FormErrors()
            let kind = CertificationKind(rawValue: kind)
            if kind == nil { errors.add("kind", "资质：请选择") }
            let on = Day(certifiedOn)
            if on == nil {
                errors.add("certified_on", "认定日期：请填写有效日期（YYYY-MM-DD）")
            } else if let on, on > today {
                errors.add("certified_on", "认定日期：不能晚于今天")
            }
            var expires: Day?
            if !expiresOn.isEmpty {
                expires = Day(expiresOn)
                if expires == nil {
                    errors.add("expires_on", "有效期至：请填写有效日期（YYYY-MM-DD），或留空按默认有效期")
                } else if let expires, let on, expires <= on {
                    errors.add("expires_on", "有效期至：必须晚于认定日期")
                }
            }
            if number.count > 60 { errors.add("certificate_no", "证书编号：不能超过 60 个字符") }
            if let kind, let on,
                existing.contains(where: { $0.kind == kind.rawValue && $0.certifiedOn == on.description })
            {
                errors.add("kind", "资质：该企业 \(on) 的“\(kind.label)”已经登记过")
            }
            guard errors.isEmpty, let kind, let on else { return (nil, errors) }
            return (Certification(kind: kind, certifiedOn: on, expiresOn: expires), errors)
        }
    }

    /// Records a certification after checking it against the enterprise's others; returns its id.
    func addCertification(_ input: CertificationInput, to enterprise: EnterpriseRow) async throws -> Int64 {
        let existing = try await EnterpriseRepository(db: database.sql).certifications(enterpriseID: enterprise.id)
        let (checked, errors) = input.validated(existing: existing, today: Clock.today)
        guard let certification = checked else { throw Refusal(errors) }
        let (user, number) = (self.user, input.number.nilIfEmpty)
        return try await database.transaction { db in
            let id = try await EnterpriseRepository(db: db).insertCertification(
                zoneID: enterprise.zoneId, enterpriseID: enterprise.id,
                certification: certification, number: number, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: enterprise.zoneId, actor: user, entity: "certification", id: id, action: "create",
                before: String?.none, after: certification, on: db)
            try await PolicyMatching(db: db).run(
                zoneID: enterprise.zoneId, enterpriseIDs: [enterprise.id], trigger: "登记资质", actor: user)
            try await EnterpriseRepository(db: db).markAssessmentsStale(zoneID: enterprise.zoneId)
            return id
        }
    }

    /// Imports a checked CSV into the zone (see `EnterpriseImport`).
    func importRows(_ rows: [EnterpriseCSV.Row], zoneID: Int64) async throws -> EnterpriseImport.Summary {
        try await EnterpriseImport(database: database).run(rows: rows, zoneID: zoneID, actor: user)
    }

    // MARK: - The zone's criteria

    /// Saves the zone's own version of a criterion after it compiles with its code unchanged;
    /// a definition that doesn't is refused on `definition` (422). Returns the criterion saved.
    func saveCriterion(code: String, json: String, zoneID: Int64) async throws -> Criterion {
        let compiled: Criterion
        do {
            compiled = try Criterion(json: Data(json.utf8), source: code)
        } catch {
            throw Refusal("definition", "认定条件有误，未保存：\(error.message)", status: .unprocessableContent)
        }
        guard compiled.code == code else {
            throw Refusal(
                "definition", "认定条件有误，未保存：code 必须保持为“\(code)”（新增条件请联系平台管理员）", status: .unprocessableContent)
        }
        let saved = CriteriaStore.json(of: compiled)
        let user = self.user
        try await database.transaction { db in
            let repo = EnterpriseRepository(db: db)
            let before = try await repo.criterionOverride(zoneID: zoneID, code: code)
            try await repo.saveCriterion(zoneID: zoneID, code: code, json: saved, at: Clock.nowSeconds())
            try await repo.markAssessmentsStale(zoneID: zoneID)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "criterion", id: code, action: "update", before: before,
                after: saved, on: db)
        }
        return compiled
    }

    /// Drops the zone's own version of a criterion: the shipped one applies again.
    func resetCriterion(code: String, zoneID: Int64) async throws {
        let user = self.user
        try await database.transaction { db in
            let repo = EnterpriseRepository(db: db)
            let before = try await repo.criterionOverride(zoneID: zoneID, code: code)
            try await repo.removeCriterion(zoneID: zoneID, code: code)
            try await repo.markAssessmentsStale(zoneID: zoneID)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "criterion", id: code, action: "reset", before: before,
                after: String?.none, on: db)
        }
    }
}
