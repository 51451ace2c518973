import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The users and residents CSV imports (all or nothing, every problem listed) and the one-time
/// activation codes: residents make their login from their record and declare points; imported
/// accounts set their first password.
@Suite struct UserImportTests {
    @Test func aResidentsFileWithBadRowsIsRefusedWholeThenAGoodOneIsImportedWithHouseholdsAndDualRegistration()
        async throws
    {
        try await withApp { client, services in
            // setup
            let code = try await EventFixtures.ownZone(services)
            let zoneID = try await EventFixtures.zoneID(code, services)
            let g1 = try await UserFixtures.grid(
                try await EventFixtures.grid(zone: code, worker: nil, services).id, zoneID: zoneID, services)
            let g2 = try await UserFixtures.grid(
                try await EventFixtures.grid(zone: code, worker: nil, services).id, zoneID: zoneID, services)
            let otherArea = try #require(
                try await GridRepository(db: services.database.sql).area(id: g2.areaId, zoneID: zoneID))
            var admin = Browser(client)
            _ = try await admin.login("admin@\(code)")
            let (a, b) = (UserFixtures.idNumber(), UserFixtures.idNumber())
            let header = "姓名,身份证号,手机号,住址,网格编号,户编号,党员,双登记村社区编号\n"

            // MUT: a file with a bad row among good ones
            let bad = try await UserFixtures.upload(
                &admin, "/m/governance/residents/import",
                csv: header + "张一,\(a),13800138000,幸福路1号,\(g1.code),H\(code),是,\(otherArea.code)\n"
                    + "张二,110105194912310021,,幸福路1号,\(g1.code),,否,\n"
                    + "张三,\(a),,幸福路2号,NOPE,H\(code),也许,\(g1.code)\n")

            // validate: every problem with its row and column, nothing saved
            #expect(bad.status == .unprocessableContent)
            for message in ["第 3 行", "身份证号", "第 4 行", "文件内重复", "本园区没有编号为“NOPE”的网格", "请填写“是”或“否”", "没有写入任何数据"] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await UserFixtures.count("residents", zoneID: zoneID, services) == 0)
            #expect(try await UserFixtures.count("households", zoneID: zoneID, services) == 0)

            // A good file: one household of two, one 双登记.
            let good = try await UserFixtures.upload(
                &admin, "/m/governance/residents/import",
                csv: header + "张一,\(a),13800138000,幸福路1号,\(g1.code),H\(code),是,\(otherArea.code)\n"
                    + "张二,\(b),,幸福路1号,\(g1.code),H\(code),否,\n")
            #expect(good.status == .seeOther, "\(good.text.prefix(600))")
            #expect(try await UserFixtures.count("residents", zoneID: zoneID, services) == 2)
            #expect(try await UserFixtures.count("households", zoneID: zoneID, services) == 1)
            let first = try #require(
                try await ResidentRepository(db: services.database.sql).personID(idNumber: a, zoneID: zoneID))
            #expect(
                try await ResidentRepository(db: services.database.sql).dualRegistered(personIDs: [first]) == [first])
            // The same file again: every row is now a duplicate in the zone.
            let again = try await UserFixtures.upload(
                &admin, "/m/governance/residents/import", csv: header + "张一,\(a),,幸福路1号,\(g1.code),,,\n")
            #expect(again.status == .unprocessableContent && again.text.contains("本园区已登记过身份证号"))
            // Only the zone admin imports.
            var worker = Browser(client)
            _ = try await worker.login("grid@\(code)")
            #expect(try await worker.get("/m/governance/residents/import").status == .forbidden)
        }
    }

    @Test func aResidentActivatesTheirRecordWithAOneTimeCodeThenSignsInAndDeclaresPoints() async throws {
        try await withApp { client, services in
            // setup: a resident record in a grid of jinan (which has the points items)
            let zoneID = try await GridFixtures.jinan(services)
            let grid = try await GridFixtures.workerGrids(services)[0]
            _ = try await GridFixtures.otherGrid(services)
            let idNumber = UserFixtures.idNumber()
            let personID = try await services.database.transaction { db in
                try await ResidentRepository(db: db).insert(
                    ResidentDraft(
                        name: "激活测试居民", idNumber: idNumber, phone: nil, address: "测试路 9 号", gridID: grid.id,
                        householdCode: nil, isPartyMember: false, primaryAreaID: grid.areaId, dualAreaID: nil),
                    zoneID: zoneID, at: Clock.nowSeconds())
            }
            var admin = Browser(client)
            _ = try await admin.login("admin@jinan")
            let page = try await admin.get("/m/governance/residents/\(personID)")
            #expect(page.text.contains("/m/governance/residents/\(personID)/activation"))

            // MUT: the zone admin issues a code (shown once)
            let issued = try await admin.post("/m/governance/residents/\(personID)/activation", form: [])

            // validate
            #expect(issued.status == .ok)
            let code = try #require(UserFixtures.codes(issued.text).first)
            #expect(try await admin.get("/m/governance/residents/\(personID)/activation").text.contains(code) == false)
            let stored = try await services.database.sql.select().column("code_hash").from("activation_codes")
                .where("person_id", .equal, personID).all(decodingColumn: "code_hash", as: String.self)
            #expect(stored.count == 1 && !stored[0].contains(code) && stored[0] == ActivationCode.hash(code))

            let username = "res\(UInt32.random(in: 0...UInt32.max))"
            var resident = Browser(client)
            #expect(try await resident.get("/activate").status == .ok)
            func activate(_ b: inout Browser, suffix: String, code c: String = code) async throws -> TestResponse {
                try await b.post(
                    "/activate",
                    form: [
                        ("code", c.lowercased().replacingOccurrences(of: "-", with: "")), ("username", username),
                        ("id_suffix", suffix), ("password", "Resident-pass-2026"),
                        ("confirm_password", "Resident-pass-2026"),
                    ])
            }
            let wrong = try await activate(&resident, suffix: "000000")
            #expect(wrong.status == .badRequest && wrong.text.contains("与登记信息不符"))
            #expect(try await UserRepository(db: services.database.sql).find(username: username) == nil)
            let done = try await activate(&resident, suffix: String(idNumber.suffix(6)))
            #expect(done.status == .seeOther, "\(done.text.prefix(500))")
            let row = try #require(try await UserRepository(db: services.database.sql).find(username: username))
            #expect(row.personId == personID && row.role == "resident" && row.zoneId == zoneID)
            let reused = try await activate(&resident, suffix: String(idNumber.suffix(6)))
            #expect(reused.status == .badRequest && reused.text.contains("已经使用过"))

            // The resident signs in and declares points as the demo residents do.
            #expect(try await resident.login(username, password: "Resident-pass-2026").status == .seeOther)
            let item = try #require(
                try await PointsRepository(db: services.database.sql).items(zoneID: zoneID).first {
                    $0.isActive && $0.points > 0
                })
            let declared = try await resident.postPointsForm(
                "/m/governance/points/declare/upload",
                fields: [
                    ("subject", PointsSubjects.person(personID)), ("item", item.code), ("day", Clock.today.description),
                    ("evidence", "参加社区清扫"),
                ], photo: ("sign.png", "image/png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00])))
            #expect(declared.status == .seeOther, "\(declared.text.prefix(500))")
            let entries = try await PointsRepository(db: services.database.sql).entries(zoneID: zoneID)
            #expect(entries.contains { $0.subject == PointsSubjects.person(personID) && $0.status == "pending" })

            // A second code for a resident with a login is refused; a worker of another grid may not issue.
            let second = try await admin.post("/m/governance/residents/\(personID)/activation", form: [])
            #expect(second.status == .conflict && second.text.contains("已有登录账号"))
        }
    }

    @Test func anExpiredOrReissuedCodeIsRefusedAndAGridWorkerIssuesOnlyInTheirGrids() async throws {
        try await withApp { client, services in
            let zoneID = try await GridFixtures.jinan(services)
            let own = try await GridFixtures.workerGrids(services)[0]
            let other = try await GridFixtures.otherGrid(services)
            func resident(_ grid: GridRow) async throws -> (Int64, String) {
                let idNumber = UserFixtures.idNumber()
                let id = try await services.database.transaction { db in
                    try await ResidentRepository(db: db).insert(
                        ResidentDraft(
                            name: "过期测试居民", idNumber: idNumber, phone: nil, address: "测试路 10 号", gridID: grid.id,
                            householdCode: nil, isPartyMember: false, primaryAreaID: grid.areaId, dualAreaID: nil),
                        zoneID: zoneID, at: Clock.nowSeconds())
                }
                return (id, idNumber)
            }
            let (mine, idNumber) = try await resident(own)
            let (theirs, _) = try await resident(other)
            var worker = Browser(client)
            _ = try await worker.login("grid@jinan")
            #expect(
                try await worker.post("/m/governance/residents/\(theirs)/activation", form: []).status == .forbidden)
            var staff = Browser(client)
            _ = try await staff.login("staff@jinan")
            #expect(try await staff.post("/m/governance/residents/\(mine)/activation", form: []).status == .forbidden)
            var foshan = Browser(client)
            _ = try await foshan.login("admin@foshan")
            #expect(try await foshan.post("/m/governance/residents/\(mine)/activation", form: []).status == .notFound)

            let first = try #require(
                UserFixtures.codes(try await worker.post("/m/governance/residents/\(mine)/activation", form: []).text)
                    .first)
            let second = try #require(
                UserFixtures.codes(try await worker.post("/m/governance/residents/\(mine)/activation", form: []).text)
                    .first)
            var public1 = Browser(client)
            let form: (String) -> [(String, String)] = { c in
                [
                    ("code", c), ("username", "exp\(UInt32.random(in: 0...UInt32.max))"),
                    ("id_suffix", String(idNumber.suffix(6))), ("password", "Resident-pass-2026"),
                    ("confirm_password", "Resident-pass-2026"),
                ]
            }
            let replaced = try await public1.post("/activate", form: form(first))
            #expect(replaced.status == .badRequest && replaced.text.contains("已失效"))
            try await services.database.transaction { db in
                try await db.update("activation_codes").set("expires_at", to: Clock.nowSeconds() - 1)
                    .where("person_id", .equal, mine).run()
            }
            let expired = try await public1.post("/activate", form: form(second))
            #expect(expired.status == .badRequest && expired.text.contains("已过期"))
            let unknown = try await public1.post("/activate", form: form("AAAA-BBBB-CCCC"))
            #expect(unknown.status == .badRequest && unknown.text.contains("激活码：无效"))
            #expect(
                try await services.database.sql.select().from("users").where("person_id", .equal, mine).countRows() == 0
            )
            // Wrong guesses from one address are throttled like logins.
            var guesser = Browser(client)
            for _ in 0..<5 { _ = try await guesser.post("/activate", form: form("ZZZZ-ZZZZ-ZZZZ")) }
            let locked = try await guesser.post("/activate", form: form("ZZZZ-ZZZZ-ZZZZ"))
            #expect(locked.status == .tooManyRequests && locked.text.contains("尝试次数过多"))
        }
    }

    @Test func aUsersFileIsRefusedWholeWithEveryProblemThenImportedWithActivationCodes() async throws {
        try await withApp { client, services in
            // setup
            let code = try await EventFixtures.ownZone(services)
            let zoneID = try await EventFixtures.zoneID(code, services)
            let grid = try await UserFixtures.grid(
                try await EventFixtures.grid(zone: code, worker: nil, services).id, zoneID: zoneID, services)
            let foreign = try await UserFixtures.grid(
                try await EventFixtures.grid(zone: "jinan", worker: nil, services).id,
                zoneID: try await GridFixtures.jinan(services), services)
            var admin = Browser(client)
            _ = try await admin.login("admin@\(code)")
            let before = try await UserFixtures.count("users", zoneID: zoneID, services)
            let header = "用户名,姓名,角色,部门,企业信用代码,网格编号,专职兼职,党支部\n"
            let w = "w\(code)"

            // MUT: every kind of problem at once
            let bad = try await UserFixtures.upload(
                &admin, "/admin/users/import",
                csv: header + "\(w),王网格,网格员,,,\(grid.code)；\(foreign.code),专职,第一支部\n"
                    + "\(w),王二,招商专员/链长,,,,,\n"
                    + "admin@\(code),重名,部门工作人员,urban,,,,\n"
                    + "s\(code),无部门,部门工作人员,,,,,\n"
                    + "r\(code),居民甲,居民,,,,,\n"
                    + "e\(code),企业乙,企业用户,,91350100M000100Y4X,,,\n")

            // validate
            #expect(bad.status == .unprocessableContent)
            for message in [
                "本园区没有编号为“\(foreign.code)”的网格", "第 2 行已出现（文件内重复）", "“admin@\(code)”已被使用", "部门工作人员必须填写所属部门",
                "居民账号不在此导入", "第 7 行",
            ] {
                #expect(bad.text.contains(message), "\(message)")
            }
            #expect(try await UserFixtures.count("users", zoneID: zoneID, services) == before)

            let good = try await UserFixtures.upload(
                &admin, "/admin/users/import",
                csv: header + "\(w),王网格,网格员,,,\(grid.code),兼职,第一支部\n" + "s\(code),李科员,部门工作人员,urban,,,,\n"
                    + "i\(code),赵招商,investment_officer,,,,,\n")
            #expect(good.status == .ok, "\(good.text.prefix(600))")
            let codes = UserFixtures.codes(good.text)
            #expect(codes.count == 3)
            #expect(try await UserFixtures.count("users", zoneID: zoneID, services) == before + 3)
            let worker = try await UserFixtures.user(w, services)
            let grids = try await UserAdminRepository(db: services.database.sql).assignments(userID: worker.id)
            #expect(grids.map(\.gridId) == [grid.id] && grids[0].kind == "part_time" && grids[0].partyBranch == "第一支部")
            #expect(try await UserFixtures.user("s\(code)", services).departmentId != nil)

            // No password until the code is used; then the worker signs in.
            var person = Browser(client)
            #expect(try await person.login(w, password: "Worker-pass-2026").status == .unauthorized)
            let wrongName = try await person.post(
                "/activate",
                form: [
                    ("code", codes[0]), ("username", "s\(code)"), ("password", "Worker-pass-2026"),
                    ("confirm_password", "Worker-pass-2026"),
                ])
            #expect(wrongName.status == .badRequest && wrongName.text.contains("与激活码对应的账号不符"))
            let activated = try await person.post(
                "/activate",
                form: [
                    ("code", codes[0]), ("username", w), ("password", "Worker-pass-2026"),
                    ("confirm_password", "Worker-pass-2026"),
                ])
            #expect(activated.status == .seeOther, "\(activated.text.prefix(400))")
            #expect(try await person.login(w, password: "Worker-pass-2026").status == .seeOther)
        }
    }
}
