import Foundation
import GaoxinCore
import HTTPTypes
import SQLKit

/// The one write service of Grids: the GeoJSON import of grid boundaries and the resident
/// register (登记、修改居民). Each write checks everything first and then writes in one
/// transaction with its audit rows.
struct GridService: Sendable {
    let database: Database

    // MARK: - Grid import

    /// Checks the whole file against the zone; when anything is wrong every problem comes back and
    /// nothing is written, otherwise the areas and grids go in at once, one audit row each.
    func importGrids(_ bytes: [UInt8], zoneID: Int64, actor: CurrentUser?) async throws -> GridImport.Result {
        switch try await GridImport(database: database).check(bytes, zoneID: zoneID) {
        case .refused(let problems): return .refused(problems)
        case .valid(let plan): return .imported(try await write(plan, zoneID: zoneID, actor: actor))
        }
    }

    private func write(_ plan: GridImport.Plan, zoneID: Int64, actor: CurrentUser?) async throws -> GridImport.Summary {
        try await database.transaction { db in
            let repo = GridRepository(db: db)
            var summary = GridImport.Summary()
            var areaIDs = Dictionary(
                try await repo.areas(zoneID: zoneID).map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
            for area in plan.newAreas {
                let id = try await repo.insertArea(
                    zoneID: zoneID, parentID: area.parentCode.flatMap { areaIDs[$0] }, level: area.level,
                    code: area.code, name: area.name, partyBranch: area.partyBranch)
                areaIDs[area.code] = id
                summary.areasCreated += 1
                try await AuditLog.record(
                    zoneID: zoneID, actor: actor, entity: "area", id: id, action: "import_create",
                    after: ["code": area.code, "name": area.name, "level": area.level.rawValue], on: db)
            }
            let now = Clock.nowSeconds()
            var creates: [GridDraft] = []
            for (draft, areaCode, existingID) in plan.grids {
                var draft = draft
                draft.areaID = areaIDs[areaCode] ?? draft.areaID
                if let existingID {
                    try await repo.updateGrid(id: existingID, draft)
                    summary.updated += 1
                    try await AuditLog.record(
                        zoneID: zoneID, actor: actor, entity: "grid", id: existingID, action: "import_update",
                        after: ["code": draft.code, "name": draft.name], on: db)
                } else {
                    creates.append(draft)
                }
            }
            try await repo.insertGrids(zoneID: zoneID, creates, at: now)
            let ids = try await repo.gridIDs(zoneID: zoneID)
            for draft in creates {
                summary.created += 1
                try await AuditLog.record(
                    zoneID: zoneID, actor: actor, entity: "grid", id: ids[draft.code] ?? 0, action: "import_create",
                    after: ["code": draft.code, "name": draft.name], on: db)
            }
            return summary
        }
    }

    // MARK: - Residents

    /// Registers a resident; a `Refusal` names every wrong field and nothing is saved. Returns the
    /// new person's id.
    func createResident(_ form: ResidentForm, zoneID: Int64, user: CurrentUser) async throws -> Int64 {
        try await checkIDNumber(form, zoneID: zoneID, existing: nil, user: user)
        let draft = try await form.draft(zoneID: zoneID, existing: nil, user: user, db: database.sql)
        return try await database.transaction { db in
            let id = try await ResidentRepository(db: db).insert(draft, zoneID: zoneID, at: Clock.nowSeconds())
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "resident", id: id, action: "create",
                after: Self.auditView(draft), on: db)
            return id
        }
    }

    /// Saves a resident's changes (the 身份证号 only when a new one was typed).
    func updateResident(_ row: ResidentRow, _ form: ResidentForm, zoneID: Int64, user: CurrentUser) async throws {
        try await checkIDNumber(form, zoneID: zoneID, existing: row, user: user)
        let draft = try await form.draft(zoneID: zoneID, existing: row, user: user, db: database.sql)
        try await database.transaction { db in
            try await ResidentRepository(db: db).update(personID: row.personId, draft, zoneID: zoneID)
            try await AuditLog.record(
                zoneID: zoneID, actor: user, entity: "resident", id: row.personId, action: "update",
                before: ["name": row.name, "grid_id": row.gridId.map(String.init) ?? "", "address": row.address],
                after: Self.auditView(draft), on: db)
        }
    }

    /// The throttle on typing 身份证号 already registered: each duplicate counts against the user
    /// (key `resident-id-check`, address `user:ID`) like a failed login, so numbers can't be guessed
    /// one after another; past the limit the form is refused (429) before any lookup.
    static let idCheckThrottle = LoginThrottle(maxFailuresPerAccount: 10, maxFailuresPerAddress: 10)
    static let idCheckKey = "resident-id-check"

    private func checkIDNumber(_ form: ResidentForm, zoneID: Int64, existing: ResidentRow?, user: CurrentUser)
        async throws
    {
        guard !form.idNumberText.isEmpty else { return }
        let address = "user:\(user.id)"
        if let wait = try await Self.idCheckThrottle.waitSeconds(
            username: Self.idCheckKey, address: address, db: database.sql)
        {
            throw Refusal(
                "id_number", "身份证号：核对已登记号码的次数过多，请在 \((wait + 59) / 60) 分钟后再试",
                status: .tooManyRequests)
        }
        if try await form.duplicate(zoneID: zoneID, existing: existing, db: database.sql) != nil {
            try await database.transaction { db in
                try await Self.idCheckThrottle.record(
                    username: Self.idCheckKey, address: address, succeeded: false, db: db)
            }
        }
    }

    /// What the audit log keeps: never the full 身份证号.
    static func auditView(_ draft: ResidentDraft) -> [String: String] {
        var view = ["name": draft.name, "grid_id": String(draft.gridID), "address": draft.address]
        if let id = draft.idNumber, let masked = try? ResidentID(id, today: Clock.today).masked {
            view["id_number"] = masked
        }
        if let dual = draft.dualAreaID { view["dual_area_id"] = String(dual) }
        return view
    }
}
