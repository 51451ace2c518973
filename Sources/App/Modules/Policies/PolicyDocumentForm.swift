import Foundation
import GaoxinCore

/// The form for a policy document: what was typed, the choices, and each field's error.
struct PolicyDocumentForm: Sendable {
    var title = ""
    var docNumber = ""
    var departmentID = ""
    var issuedOn = ""
    var effectiveOn = ""
    var expiresOn = ""
    var status = PolicyStatus.draft.rawValue
    var fullText = ""
    var errors = FormErrors()
    var departments: [SelectOption] = []
    var statuses: [SelectOption] = []
    var heading = "新建政策"
    var action = SiteURL.policyDocumentNew.path
    var cancelHref = SiteURL.policyLedger.path
    var csrf = ""

    init() {}

    init(_ form: FormData) {
        title = form["title"]
        docNumber = form["doc_number"]
        departmentID = form["department_id"]
        issuedOn = form["issued_on"]
        effectiveOn = form["effective_on"]
        expiresOn = form["expires_on"]
        status = form["status"]
        fullText = form["full_text"]
    }

    init(_ row: PolicyRow) {
        title = row.title
        docNumber = row.docNumber ?? ""
        departmentID = String(row.departmentId)
        issuedOn = row.issuedOn ?? ""
        effectiveOn = row.effectiveOn
        expiresOn = row.expiresOn ?? ""
        status = row.status
        fullText = row.fullText
    }

    /// Fills the choices; `allowed` are the departments this user may issue for.
    mutating func choices(allowed: [DepartmentRow]) {
        departments = allowed.map {
            SelectOption(value: String($0.id), label: $0.name, selected: String($0.id) == departmentID)
        }
        statuses = PolicyStatus.allCases.map {
            SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == status)
        }
    }

    /// Checks every field; the row to write when all are right, else nil with `errors` filled.
    mutating func validated(into row: PolicyRow, allowed: [DepartmentRow]) -> PolicyRow? {
        var row = row
        if title.isEmpty {
            errors.add("title", "政策名称：请填写")
        } else if title.count > 120 {
            errors.add("title", "政策名称：不能超过 120 个字")
        }
        if docNumber.count > 60 { errors.add("doc_number", "文号：不能超过 60 个字") }
        if let id = Int64(departmentID), allowed.contains(where: { $0.id == id }) {
            row.departmentId = id
        } else {
            errors.add("department_id", allowed.count == 1 ? "发布部门：只能选择您所在的部门“\(allowed[0].name)”" : "发布部门：请选择本园区的一个部门")
        }
        let issued = Self.day(issuedOn, label: "发布日期", field: "issued_on", required: false, errors: &errors)
        let effective = Self.day(effectiveOn, label: "生效日期", field: "effective_on", required: true, errors: &errors)
        let expires = Self.day(expiresOn, label: "失效日期", field: "expires_on", required: false, errors: &errors)
        if let effective, let expires, expires < effective { errors.add("expires_on", "失效日期：不能早于生效日期（\(effective)）") }
        if let issued, let effective, effective < issued { errors.add("effective_on", "生效日期：不能早于发布日期（\(issued)）") }
        if PolicyStatus(rawValue: status) == nil { errors.add("status", "状态：请选择草稿、已发布或已废止") }
        if fullText.isEmpty {
            errors.add("full_text", "政策全文：请填写（可粘贴原文）")
        } else if fullText.count > 50_000 {
            errors.add("full_text", "政策全文：不能超过 50000 个字")
        }
        guard errors.isEmpty else { return nil }
        row.title = title
        row.docNumber = docNumber.isEmpty ? nil : docNumber
        row.issuedOn = issued?.description
        row.effectiveOn = effective!.description
        row.expiresOn = expires?.description
        row.status = status
        row.fullText = fullText
        return row
    }

    /// A date field: empty is allowed unless required; anything else must be a real YYYY-MM-DD day.
    static func day(_ text: String, label: String, field: String, required: Bool, errors: inout FormErrors) -> Day? {
        if text.isEmpty {
            if required { errors.add(field, "\(label)：请填写") }
            return nil
        }
        guard let day = Day(text) else {
            errors.add(field, "\(label)：“\(text)”不是有效日期，请按 YYYY-MM-DD 填写")
            return nil
        }
        return day
    }
}
