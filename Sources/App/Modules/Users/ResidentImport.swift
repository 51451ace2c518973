import Foundation
import GaoxinCore

/// The residents CSV: one row per resident, checked as the resident form checks one (身份证号 by the
/// Identifiers validator, mobile number, address, the grid by code, the household by code in that
/// grid, 双登记 in a second 村/社区 by code), plus duplicates in the file and in the zone. All or
/// nothing: every problem listed, or every resident saved in one transaction.
struct ResidentImport: Sendable {
    static let columns: [UserCSV.Column] = [
        .init(header: "姓名", alias: "name", required: true),
        .init(header: "身份证号", alias: "id_number", required: true),
        .init(header: "手机号", alias: "phone", required: false),
        .init(header: "住址", alias: "address", required: true),
        .init(header: "网格编号", alias: "grid_code", required: true),
        .init(header: "户编号", alias: "household_code", required: false),
        .init(header: "党员", alias: "party_member", required: false),
        .init(header: "双登记村社区编号", alias: "dual_area_code", required: false),
    ]

    let database: Database
    let zoneID: Int64

    func check(_ csv: UserCSV) async throws -> Result<[(line: Int, draft: ResidentDraft)], ProblemList> {
        let sql = database.sql
        let residents = ResidentRepository(db: sql)
        let grids = Dictionary(
            try await GridRepository(db: sql).grids(zoneID: zoneID).map { ($0.code, $0) },
            uniquingKeysWith: { a, _ in a })
        let areas = try await UserAdminRepository(db: sql).areaIDs(zoneID: zoneID)
        var problems: [UserCSV.Problem] = []
        var drafts: [(line: Int, draft: ResidentDraft)] = []
        var seenIDs: [String: Int] = [:]
        var householdGrids: [String: (grid: String, line: Int)] = [:]
        let today = Clock.today
        for row in csv.rows {
            func fail(_ column: String, _ message: String) {
                problems.append(.init(line: row.line, column: column, message: message))
            }
            let name = row["姓名"]
            if name.isEmpty { fail("姓名", "请填写") } else if name.count > 40 { fail("姓名", "不能超过 40 个字") }
            var idNumber: String?
            switch Result(catching: { () throws(IdentifierError) -> ResidentID in
                try ResidentID(row["身份证号"], today: today)
            }) {
            case .success(let id):
                if let earlier = seenIDs[id.value] {
                    fail("身份证号", "\(id.masked) 在第 \(earlier) 行已出现（文件内重复）")
                } else if try await residents.personID(idNumber: id.value, zoneID: zoneID) != nil {
                    fail("身份证号", "本园区已登记过身份证号为 \(id.masked) 的人员")
                } else {
                    idNumber = id.value
                }
                seenIDs[id.value] = seenIDs[id.value] ?? row.line
            case .failure(let error): fail("身份证号", error.message)
            }
            var phone: String?
            if !row["手机号"].isEmpty {
                do { phone = try MobileNumber(row["手机号"]).value } catch { fail("手机号", error.message) }
            }
            let address = row["住址"]
            if address.isEmpty { fail("住址", "请填写") } else if address.count > 100 { fail("住址", "不能超过 100 个字") }
            let gridCode = row["网格编号"]
            let grid = grids[gridCode]
            if grid == nil {
                fail("网格编号", gridCode.isEmpty ? "请填写" : "本园区没有编号为“\(gridCode)”的网格")
            }
            let household = row["户编号"]
            if household.count > 40 { fail("户编号", "不能超过 40 个字符") }
            if !household.isEmpty, let grid {
                if let earlier = householdGrids[household], earlier.grid != grid.code {
                    fail("户编号", "\(household) 在第 \(earlier.line) 行属于网格 \(earlier.grid)，同一户不能在两个网格")
                } else if let stored = try await residents.household(code: household, zoneID: zoneID),
                    stored.gridId != grid.id
                {
                    fail("户编号", "\(household) 是已登记在其他网格的家庭户，与网格 \(grid.code) 不同")
                }
                if householdGrids[household] == nil { householdGrids[household] = (grid.code, row.line) }
            }
            let party = row["党员"]
            if !["", "是", "否", "yes", "no", "true", "false"].contains(party.lowercased()) { fail("党员", "请填写“是”或“否”") }
            var dualArea: Int64?
            let dual = row["双登记村社区编号"]
            if !dual.isEmpty {
                if let area = areas[dual], area.areaLevel?.holdsGrids == true {
                    if area.id == grid?.areaId {
                        fail("双登记村社区编号", "与网格所在的村/社区相同（双登记须是另一个村或社区）")
                    } else {
                        dualArea = area.id
                    }
                } else {
                    fail("双登记村社区编号", "本园区没有编号为“\(dual)”的村或社区")
                }
            }
            if let idNumber, let grid, !name.isEmpty, !address.isEmpty {
                drafts.append(
                    (
                        row.line,
                        ResidentDraft(
                            name: name, idNumber: idNumber, phone: phone, address: address, gridID: grid.id,
                            householdCode: household.nilIfEmpty,
                            isPartyMember: ["是", "yes", "true"].contains(party.lowercased()),
                            primaryAreaID: grid.areaId, dualAreaID: dualArea)
                    ))
            }
        }
        return problems.isEmpty ? .success(drafts) : .failure(ProblemList(problems))
    }

    /// Saves every checked resident in one transaction, one audit row each (身份证号 masked).
    func write(_ drafts: [ResidentDraft], actor: CurrentUser) async throws -> Int {
        try await database.transaction { db in
            let repo = ResidentRepository(db: db)
            let now = Clock.nowSeconds()
            for draft in drafts {
                let id = try await repo.insert(draft, zoneID: zoneID, at: now)
                try await AuditLog.record(
                    zoneID: zoneID, actor: actor, entity: "resident", id: id, action: "import_create",
                    after: GridService.auditView(draft), on: db)
            }
            return drafts.count
        }
    }
}
