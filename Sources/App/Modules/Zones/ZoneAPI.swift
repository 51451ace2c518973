import Foundation
import GaoxinCore

/// The zone setup in `/api/v1`: the go-live checklist, and an enterprise's profile facts (企业情况)
/// that the criteria read, in the same names and values as the CSV columns and the page.
extension APIHandler {
    func getZoneChecklist(_ input: Operations.GetZoneChecklist.Input) async throws
        -> Operations.GetZoneChecklist.Output
    {
        let user = try APICaller.require()
        let id = input.path.zoneId
        try APIError.check(Permissions.decide(user, .view, .zone(id: id)))
        try APIError.check(Permissions.decide(user, .view, .zoneSettings(zoneID: id)))
        guard try await ZoneRepository(db: db).zone(id: id) != nil else { throw APIError.notFound }
        let lines = GoLiveChecklist.lines(try await ChecklistPage.counts(zoneID: id, services: services))
        let items = lines.map { line in
            Components.Schemas.ZoneChecklistItem(
                item: line.item.rawValue, title: line.title, done: line.done, detail: line.detail,
                href: ChecklistPage.link(line.item).0.path)
        }
        let progress = GoLiveChecklist.progress(lines)
        return .ok(.init(body: .json(.init(done: progress.done, total: progress.total, items: items))))
    }

    func getEnterpriseProfile(_ input: Operations.GetEnterpriseProfile.Input) async throws
        -> Operations.GetEnterpriseProfile.Output
    {
        let user = try APICaller.require()
        let row = try await enterprise(input.path.enterpriseId, .view, user: user)
        return .ok(.init(body: .json(Self.profile(EnterpriseProfileColumns.write(row.profile)))))
    }

    func putEnterpriseProfile(_ input: Operations.PutEnterpriseProfile.Input) async throws
        -> Operations.PutEnterpriseProfile.Output
    {
        let user = try APICaller.require()
        let row = try await enterprise(input.path.enterpriseId, .update, user: user)
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let headers = EnterpriseProfileColumns.headers
        var values: [String: String] = [:]
        var errors: [APIError.FieldError] = []
        for field in body.fields {
            if !headers.contains(field.name) {
                errors.append(.init(field: field.name, message: "没有这一项（可填：\(headers.joined(separator: "、"))）"))
            } else if values[field.name] != nil {
                errors.append(.init(field: field.name, message: "这一项出现了两次"))
            } else if field.value.textLength > 500 {
                errors.append(.init(field: field.name, message: "不能超过 500 个字"))
            }
            values[field.name] = field.value.trimmingCharacters(in: .whitespaces)
        }
        let (_, problems) = EnterpriseProfileColumns.read({ values[$0] ?? "" }, thisYear: Clock.today.year)
        errors += problems.map { .init(field: $0.header, message: $0.message) }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        let cells = headers.map { values[$0] ?? "" }
        try await EnterpriseService(database: services.database, user: user).saveProfile(cells, of: row)
        guard let saved = try await EnterpriseRepository(db: db).find(id: row.id, zoneID: row.zoneId) else {
            throw APIError.notFound
        }
        return .ok(.init(body: .json(Self.profile(EnterpriseProfileColumns.write(saved.profile)))))
    }

    static func profile(_ cells: [String]) -> Components.Schemas.EnterpriseProfile {
        .init(fields: zip(EnterpriseProfileColumns.headers, cells).map { .init(name: $0, value: $1) })
    }
}
