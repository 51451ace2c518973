import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// `/api/v1` for users: create with a one-time code, grids, deactivation, a resident's code; other
/// zones 404, other roles 403, bad bodies 400 with every field.
@Suite struct UserAPITests {
    @Test func theZoneAdminManagesUsersThroughTheAPI() async throws {
        try await withApp { client, services in
            // setup
            let code = try await EventFixtures.ownZone(services)
            let zoneID = try await EventFixtures.zoneID(code, services)
            let grid = try await UserFixtures.grid(
                try await EventFixtures.grid(zone: code, worker: nil, services).id, zoneID: zoneID, services)
            let foreign = try await EventFixtures.grid(zone: "jinan", worker: nil, services)
            let admin = try await UserFixtures.token(
                try await UserFixtures.user("admin@\(code)", services).id, services)
            let staff = try await UserFixtures.token(
                try await UserFixtures.user("staff@\(code)", services).id, services)
            let jinan = try await UserFixtures.token(try await UserFixtures.user("admin@jinan", services).id, services)

            // MUT: create a grid worker in a grid
            let username = "api\(code)"
            let created = try await UserFixtures.api(
                client, "/users", token: admin, method: .post,
                json:
                    #"{"username":"\#(username)","displayName":"接口网格员","role":"grid_worker","gridCodes":["\#(grid.code)"],"kind":"part_time","partyBranch":"一支部"}"#
            )

            // validate
            #expect(created.status == .created, "\(created.text)")
            #expect(created.text.contains("activationCode") && created.text.contains(grid.code))
            let row = try await UserFixtures.user(username, services)
            #expect(try await UserAdminRepository(db: services.database.sql).assignments(userID: row.id).count == 1)
            let bad = try await UserFixtures.api(
                client, "/users", token: admin, method: .post,
                json: #"{"username":"\#(username)","displayName":"重复","role":"department_staff"}"#)
            #expect(bad.status == .badRequest && bad.text.contains("已被使用") && bad.text.contains("必须填写所属部门"))
            #expect(try await UserFixtures.api(client, "/users", token: staff).status == .forbidden)
            let list = try await UserFixtures.api(client, "/users?role=grid_worker", token: admin)
            #expect(list.status == .ok && list.text.contains(username))
            #expect(try await UserFixtures.api(client, "/users/\(row.id)", token: jinan).status == .notFound)
            let other = try await UserFixtures.api(
                client, "/users/\(row.id)/grids", token: admin, method: .post,
                json: #"{"gridId":\#(foreign.id),"kind":"full_time"}"#)
            #expect(other.status == .badRequest && other.text.contains("本园区没有这个网格"))
            let off = try await UserFixtures.api(
                client, "/users/\(row.id)/status", token: admin, method: .post, json: #"{"active":false}"#)
            #expect(off.status == .ok)
            #expect(try await UserFixtures.user(username, services).isActive == false)
            let twice = try await UserFixtures.api(
                client, "/users/\(row.id)/status", token: admin, method: .post, json: #"{"active":false}"#)
            #expect(twice.status == .conflict)

            // A resident record's code through the API.
            let personID = try await services.database.transaction { db in
                try await ResidentRepository(db: db).insert(
                    ResidentDraft(
                        name: "接口居民", idNumber: UserFixtures.idNumber(), phone: nil, address: "测试路 1 号",
                        gridID: grid.id, householdCode: nil, isPartyMember: false, primaryAreaID: grid.areaId,
                        dualAreaID: nil), zoneID: zoneID, at: Clock.nowSeconds())
            }
            let issued = try await UserFixtures.api(
                client, "/residents/\(personID)/activation-code", token: admin, method: .post)
            #expect(issued.status == .created && issued.text.contains("activationCode"))
            #expect(
                try await UserFixtures.api(
                    client, "/residents/\(personID)/activation-code", token: jinan, method: .post
                )
                .status == .notFound)
            #expect(
                try await UserFixtures.api(
                    client, "/residents/\(personID)/activation-code", token: staff, method: .post
                )
                .status == .forbidden)
        }
    }
}
