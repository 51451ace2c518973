import Foundation
import GaoxinCore
import OpenAPIRuntime

/// The Users operations of `/api/v1`: the zone's users with their grids, a new user (checked as one
/// row of the users CSV, answered with its one-time activation code), grid assignments, turning an
/// account off and on, and a resident record's activation code. The same services and `Permissions`
/// as the pages.
extension APIHandler {
    /// The caller as the zone admin of their zone.
    private func userAdmin() throws -> (CurrentUser, Int64) {
        let user = try APICaller.require()
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .administer, .zoneSettings(zoneID: zoneID)))
        return (user, zoneID)
    }

    /// The user of the path, in the caller's zone, once the caller may administer them.
    private func administered(_ id: Int64, by user: CurrentUser) async throws -> UserRow {
        guard let row = try await UserRepository(db: db).find(id: id), row.zoneId != nil, row.zoneId == user.homeZoneID
        else { throw APIError.notFound }
        try APIError.check(Permissions.decide(user, .administer, .user(zoneID: row.zoneId, userID: row.id)))
        return row
    }

    private func zoneUser(_ row: UserRow) async throws -> Components.Schemas.ZoneUser {
        let grids = try await UserAdminRepository(db: db).assignments(userID: row.id)
        return .init(
            id: row.id, username: row.username, displayName: row.displayName,
            role: Components.Schemas.Role(rawValue: row.role) ?? .resident,
            roleLabel: Role(rawValue: row.role)?.label ?? row.role, zoneId: row.zoneId, departmentId: row.departmentId,
            enterpriseId: row.enterpriseId, personId: row.personId, active: row.isActive,
            grids: grids.map {
                .init(
                    gridId: $0.gridId, code: $0.gridCode, name: $0.gridName,
                    kind: .init(rawValue: $0.kind) ?? .fullTime, partyBranch: $0.partyBranch)
            })
    }

    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        let (_, zoneID) = try userAdmin()
        let pager = try Pager.api(page: input.query.page, perPage: input.query.perPage)
        let role = input.query.role.flatMap { Role(rawValue: $0.rawValue) }
        let paged = try await UserAdminRepository(db: db).users(zoneID: zoneID, role: role, search: "", pager)
        var items: [Components.Schemas.ZoneUser] = []
        for row in paged.rows { items.append(try await zoneUser(row)) }
        return .ok(.init(body: .json(.init(items: items, page: pager.page, perPage: pager.size, total: paged.total))))
    }

    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        let (user, zoneID) = try userAdmin()
        guard case .json(let body) = input.body else { throw APIError.validation([]) }
        // The document's limits, on the text as sent (before trimming), so nothing it calls too long is accepted.
        let limits: [(String, String?, Int)] =
            [
                ("username", body.username, 60), ("displayName", body.displayName, 40),
                ("department", body.department, 60), ("enterpriseCreditCode", body.enterpriseCreditCode, 18),
                ("partyBranch", body.partyBranch, 60),
            ] + (body.gridCodes ?? []).map { ("gridCodes", $0, 60) }
        var tooLong: [APIError.FieldError] = limits.filter { ($0.1 ?? "").textLength > $0.2 }.map {
            .init(field: $0.0, message: "不能超过 \($0.2) 个字符")
        }
        if (body.gridCodes ?? []).count > 100 { tooLong.append(.init(field: "gridCodes", message: "一次最多分配 100 个网格")) }
        guard tooLong.isEmpty else { throw APIError.validation(tooLong) }
        let cells = [
            "用户名": body.username, "姓名": body.displayName, "角色": body.role.rawValue, "部门": body.department ?? "",
            "企业信用代码": body.enterpriseCreditCode ?? "", "网格编号": (body.gridCodes ?? []).joined(separator: "；"),
            "专职兼职": body.kind?.rawValue ?? "", "党支部": body.partyBranch ?? "",
        ].mapValues { $0.trimmingCharacters(in: .whitespaces) }
        let csv = UserCSV(rows: [UserCSV.Row(line: 1, cells: cells)])
        switch try await UserImport(database: services.database, zoneID: zoneID).check(csv) {
        case .failure(let list):
            let names = Dictionary(uniqueKeysWithValues: UserImport.columns.map { ($0.header, $0.alias) })
            throw APIError.validation(
                list.problems.map { .init(field: names[$0.column] ?? $0.column, message: "\($0.column)：\($0.message)") }
            )
        case .success(let drafts):
            let issued = try await UserService(services: services).createUsers(drafts, zoneID: zoneID, actor: user)
            guard let row = try await UserRepository(db: db).find(username: drafts[0].username), let code = issued.first
            else { throw APIError.notFound }
            return .created(
                .init(
                    body: .json(
                        .init(
                            user: try await zoneUser(row), activationCode: code.code,
                            expiresAt: Date(
                                timeIntervalSince1970: TimeInterval(
                                    Clock.nowSeconds() + ActivationCode.days * 86_400))))))
        }
    }

    func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output {
        let (user, _) = try userAdmin()
        return .ok(.init(body: .json(try await zoneUser(try await administered(input.path.userId, by: user)))))
    }

    func assignUserGrid(_ input: Operations.AssignUserGrid.Input) async throws -> Operations.AssignUserGrid.Output {
        let (user, zoneID) = try userAdmin()
        let row = try await administered(input.path.userId, by: user)
        guard case .json(let body) = input.body else { throw APIError.validation([]) }
        let a = try await UserService.assignment(
            gridID: body.gridId, kind: body.kind.rawValue, partyBranch: body.partyBranch ?? "", zoneID: zoneID,
            db: services.database)
        try await UserService(services: services).assign(a, to: row, zoneID: zoneID, actor: user)
        return .ok(.init(body: .json(try await zoneUser(try await administered(row.id, by: user)))))
    }

    func setUserStatus(_ input: Operations.SetUserStatus.Input) async throws -> Operations.SetUserStatus.Output {
        let (user, _) = try userAdmin()
        let row = try await administered(input.path.userId, by: user)
        guard case .json(let body) = input.body else { throw APIError.validation([]) }
        try await UserService(services: services).setActive(row, active: body.active, actor: user)
        return .ok(.init(body: .json(try await zoneUser(try await administered(row.id, by: user)))))
    }

    func issueResidentActivationCode(_ input: Operations.IssueResidentActivationCode.Input) async throws
        -> Operations.IssueResidentActivationCode.Output
    {
        let user = try APICaller.require()
        guard let zoneID = user.homeZoneID,
            let row = try await ResidentRepository(db: db).find(personID: input.path.personId, zoneID: zoneID)
        else { throw APIError.notFound }
        try APIError.check(
            Permissions.decide(user, .view, .resident(zoneID: zoneID, personID: row.personId, gridID: row.gridId)))
        try APIError.check(Permissions.decide(user, .create, .residentActivation(zoneID: zoneID, gridID: row.gridId)))
        let (code, expires) = try await UserService(services: services).issueResidentCode(
            personID: row.personId, zoneID: zoneID, actor: user)
        return .created(
            .init(
                body: .json(
                    .init(
                        personId: row.personId, activationCode: code,
                        expiresAt: Date(timeIntervalSince1970: TimeInterval(expires))))))
    }
}
