import Foundation
import GaoxinCore
import SQLKit

/// Writing an enterprise's figures and certifications, shared by the pages and the API: the row,
/// its audit entry and the enterprise's policy re-match in one transaction, so "可申报的政策"
/// follows the figures at once (应知尽知); the zone's rankings are marked for recomputing.
struct EnterpriseEditing {
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
            try await AssessmentStore.markStale(zoneID: enterprise.zoneId, db: db)
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

    func addCertification(_ certification: Certification, number: String?, to enterprise: EnterpriseRow) async throws
        -> Int64
    {
        let user = self.user
        return try await database.transaction { db in
            let id = try await EnterpriseRepository(db: db).insertCertification(
                zoneID: enterprise.zoneId, enterpriseID: enterprise.id,
                certification: certification, number: number, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: enterprise.zoneId, actor: user, entity: "certification", id: id, action: "create",
                before: String?.none, after: certification, on: db)
            try await PolicyMatching(db: db).run(
                zoneID: enterprise.zoneId, enterpriseIDs: [enterprise.id], trigger: "登记资质", actor: user)
            try await AssessmentStore.markStale(zoneID: enterprise.zoneId, db: db)
            return id
        }
    }
}
