import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Users of every role (issue #12): a grid worker put into grids works their events; another zone's
/// grid is refused; accounts are deactivated (sessions and tokens end, login refused) and reactivated,
/// never deleted, with audit rows.
@Suite struct UserAccountTests {
    @Test func aNewGridWorkerAssignedToAGridSeesAndWorksItsEvents() async throws {
        try await withApp { client, services in
            // setup
            let code = try await EventFixtures.ownZone(services)
            let zoneID = try await EventFixtures.zoneID(code, services)
            let grid = try await EventFixtures.grid(zone: code, worker: nil, services)
            let foreign = try await EventFixtures.grid(zone: "jinan", worker: nil, services)
            let worker = try await UserFixtures.user("grid@\(code)", services)
            let staff = try await UserFixtures.user("staff@\(code)", services)
            var admin = Browser(client)
            var gridWorker = Browser(client)
            #expect(try await admin.login("admin@\(code)").status == .seeOther)
            #expect(try await gridWorker.login("grid@\(code)").status == .seeOther)
            let id = try EventFixtures.reportedID(
                try await EventFixtures.report(&admin, latitude: grid.latitude, longitude: grid.longitude))
            // Before any assignment the new 网格员 has nothing to work.
            #expect(try await gridWorker.get("/m/governance/events/\(id)").status == .forbidden)
            let before = try await admin.get("/admin/users/\(worker.id)")
            #expect(before.status == .ok && before.text.contains("尚未分配网格"))

            // MUT: the zone admin puts the worker into the grid (兼职, with a party branch)
            let assigned = try await admin.post(
                "/admin/users/\(worker.id)/grids",
                form: [("grid_id", String(grid.id)), ("kind", "part_time"), ("party_branch", "第一网格党支部")])

            // validate
            #expect(assigned.status == .seeOther)
            let page = try await admin.get("/admin/users/\(worker.id)")
            #expect(page.text.contains("第一网格党支部") && page.text.contains("兼职"))
            let list = try await gridWorker.get("/m/governance/events")
            #expect(list.status == .ok)
            let event = try await gridWorker.get("/m/governance/events/\(id)")
            #expect(event.status == .ok && event.text.contains("受理立案"))
            #expect(try await EventFixtures.step(&gridWorker, id, "accept", note: "属实").status == .seeOther)
            #expect(try await EventFixtures.caseRow(id, services).state != "reported")
            let audit = try await services.database.sql.select().column("action").from("audit_log")
                .where("entity", .equal, "grid_worker").where("entity_id", .equal, String(worker.id))
                .all(decodingColumn: "action", as: String.self)
            #expect(audit.contains("assign"))

            // Another zone's grid, a non-worker, a missing 专职/兼职: refused, nothing saved.
            let other = try await admin.post(
                "/admin/users/\(worker.id)/grids", form: [("grid_id", String(foreign.id)), ("kind", "full_time")])
            #expect(other.status == .badRequest && other.text.contains("本园区没有这个网格"))
            let notWorker = try await admin.post(
                "/admin/users/\(staff.id)/grids", form: [("grid_id", String(grid.id)), ("kind", "full_time")])
            #expect(notWorker.status == .badRequest && notWorker.text.contains("只有网格员可以分配网格"))
            let noKind = try await admin.post("/admin/users/\(worker.id)/grids", form: [("grid_id", String(grid.id))])
            #expect(noKind.status == .badRequest && noKind.text.contains("专职/兼职：请选择"))
            let rows = try await UserAdminRepository(db: services.database.sql).assignments(userID: worker.id)
            #expect(rows.map(\.gridId) == [grid.id] && rows[0].kind == "part_time")
            #expect(try await UserFixtures.count("grid_workers", zoneID: zoneID, services) == 1)

            // Other zones' admins don't find the user; staff may not manage users.
            var jinan = Browser(client)
            _ = try await jinan.login("admin@jinan")
            #expect(try await jinan.get("/admin/users/\(worker.id)").status == .notFound)
            #expect(
                try await jinan.post("/admin/users/\(worker.id)/grids", form: [("grid_id", String(foreign.id))]).status
                    == .notFound)
            var staffBrowser = Browser(client)
            _ = try await staffBrowser.login("staff@\(code)")
            #expect(try await staffBrowser.get("/admin/users/\(worker.id)").status == .forbidden)

            // Taken out of the grid, the worker can no longer act there.
            let removed = try await admin.post("/admin/users/\(worker.id)/grids/\(grid.id)/remove", form: [])
            #expect(removed.status == .seeOther)
            #expect(try await gridWorker.get("/m/governance/events/\(id)").status == .forbidden)
        }
    }

    @Test func aDeactivatedUserCannotSignInAndTheirSessionsAndTokensStopThenReactivated() async throws {
        try await withApp { client, services in
            // setup
            let code = try await EventFixtures.ownZone(services)
            let target = try await UserFixtures.user("staff@\(code)", services)
            let adminRow = try await UserFixtures.user("admin@\(code)", services)
            let token = try await UserFixtures.token(target.id, services)
            var admin = Browser(client)
            var staff = Browser(client)
            _ = try await admin.login("admin@\(code)")
            _ = try await staff.login("staff@\(code)")
            #expect(try await staff.get("/profile").status == .ok)
            #expect(try await UserFixtures.api(client, "/me", token: token).status == .ok)

            // MUT: deactivate
            let off = try await admin.post("/admin/users/\(target.id)/active", form: [("active", "0")])

            // validate: the session, the token and a new login all stop; the row stays
            #expect(off.status == .seeOther)
            #expect(try await staff.get("/profile").status != .ok)
            #expect(try await UserFixtures.api(client, "/me", token: token).status == .unauthorized)
            var again = Browser(client)
            let refused = try await again.login("staff@\(code)")
            #expect(refused.status == .unauthorized && refused.text.contains("该账号已停用"))
            #expect(try await UserFixtures.user("staff@\(code)", services).isActive == false)
            let twice = try await admin.post("/admin/users/\(target.id)/active", form: [("active", "0")])
            #expect(twice.status == .conflict && twice.text.contains("已是停用状态"))
            let selfOff = try await admin.post("/admin/users/\(adminRow.id)/active", form: [("active", "0")])
            #expect(selfOff.status == .badRequest && selfOff.text.contains("不能停用自己的账号"))

            // Reactivated: a new login works, the old token stays revoked.
            #expect(
                try await admin.post("/admin/users/\(target.id)/active", form: [("active", "1")]).status == .seeOther)
            var back = Browser(client)
            #expect(try await back.login("staff@\(code)").status == .seeOther)
            #expect(try await UserFixtures.api(client, "/me", token: token).status == .unauthorized)
            let actions = try await services.database.sql.select().column("action").from("audit_log")
                .where("entity", .equal, "user").where("entity_id", .equal, String(target.id))
                .all(decodingColumn: "action", as: String.self)
            #expect(actions.contains("deactivate") && actions.contains("reactivate"))
        }
    }
}
