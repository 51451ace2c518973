import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The to-do list on every role's home page: each role sees its own lines, the counts move when
/// work arrives for that user (and not for someone else), and deadlines read in working days.
@Suite struct ToDoTests {
    /// The count on the home page's line `key`, nil when the user has no such line.
    static func count(_ page: TestResponse, _ key: String) -> Int? {
        guard let row = page.text.components(separatedBy: "data-todo=\"\(key)\"").dropFirst().first,
            let cell = row.components(separatedBy: "<td class=\"num\">").dropFirst().first,
            let number = Int(cell.prefix { $0.isNumber })
        else { return nil }
        return number
    }

    static func home(_ client: any TestClientProtocol, _ login: String) async throws -> (Browser, TestResponse) {
        var browser = Browser(client)
        _ = try await browser.login(login)
        let page = try await browser.get("/")
        #expect(page.status == .ok)
        return (browser, page)
    }

    @Test func eachDemoRoleSeesItsOwnLines() async throws {
        try await withApp { client, _ in
            let expected: [(String, [String], [String])] = [
                (
                    "admin@jinan",
                    [
                        "consultations", "events_handle", "events_verify", "applications_review",
                        "points_review", "follow_ups", "blockers",
                    ], ["applications_returned", "rate_events"]
                ),
                (
                    "staff@jinan", ["consultations", "events_handle", "applications_review", "follow_ups", "blockers"],
                    ["events_verify", "points_review", "rate_answers"]
                ),
                (
                    "grid@jinan", ["events_handle", "events_verify", "points_review", "follow_ups"],
                    ["consultations", "applications_review", "blockers"]
                ),
                ("invest@jinan", ["blockers"], ["consultations", "events_handle", "applications_review"]),
                (
                    "enterprise@jinan", ["applications_returned", "rate_answers"],
                    ["consultations", "applications_review", "events_handle", "points_review"]
                ),
                (
                    "resident@jinan", ["points_mine", "rate_answers", "rate_events"],
                    ["consultations", "events_handle", "applications_review", "follow_ups"]
                ),
            ]
            for (login, present, absent) in expected {
                let (_, page) = try await Self.home(client, login)
                #expect(page.text.contains("我的待办"), "\(login)")
                for key in present { #expect(Self.count(page, key) != nil, "\(login) 应有 \(key)") }
                for key in absent { #expect(Self.count(page, key) == nil, "\(login) 不应有 \(key)") }
            }
            // The platform admin with no zone chosen has no to-do list.
            let (_, platform) = try await Self.home(client, "platform")
            #expect(!platform.text.contains("我的待办"))
        }
    }

    /// The lines follow `Permissions`, not the role's name: a department's staff member with no
    /// department may act on no department's consultation, application, blocker or demand, so has
    /// none of those lines; a grid worker with no grid has no event lines; with them, the lines return.
    @Test func aRoleWithoutThePermissionSeesNoLine() async throws {
        try await withApp { _, services in
            let db = services.database.sql
            let zone = try await InvestmentFlowTests.zoneID("jinan", services)
            func user(_ role: Role, department: Int64? = nil, grids: Set<Int64> = []) -> CurrentUser {
                CurrentUser(
                    id: 999_999, username: "todo", displayName: "待办测试", role: role, homeZoneID: zone,
                    departmentID: department, enterpriseID: nil, personID: nil, gridIDs: grids, zoneID: zone)
            }
            func keys(_ u: CurrentUser) async throws -> Set<String> {
                Set(
                    try await ToDoList.load(user: u, zoneID: zone, db: db, calendar: services.cases.engine.calendar)
                        .map(\.key))
            }
            let staff = try #require(try await UserRepository(db: db).find(username: "staff@jinan"))
            let withDepartment = try await keys(user(.departmentStaff, department: staff.departmentId))
            let without = try await keys(user(.departmentStaff))
            for key in ["consultations", "applications_review", "blockers", "demands", "service_applications"] {
                #expect(withDepartment.contains(key), "有部门时应有 \(key)")
                #expect(!without.contains(key), "无部门时不应有 \(key)")
            }
            let grid = try #require(try await UserRepository(db: db).find(username: "grid@jinan"))
            let gridIDs = try await db.select().column("grid_id").from("grid_workers").where("user_id", .equal, grid.id)
                .all(decodingColumn: "grid_id", as: Int64.self)
            let withGrids = try await keys(user(.gridWorker, grids: Set(gridIDs)))
            let noGrids = try await keys(user(.gridWorker))
            #expect(withGrids.isSuperset(of: ["events_handle", "events_verify"]))
            #expect(noGrids.isDisjoint(with: ["events_handle", "events_verify", "points_review"]))
            // Permissions, not the role, decides: the resident is never assigned a follow-up.
            #expect(
                Permissions.decide(
                    user(.resident), .update, .followUp(zoneID: zone, assigneeID: CaseIDs.user(999_999))) == .forbidden)
        }
    }

    @Test func demandsAndServiceApplicationsAreOnTheirDesks() async throws {
        try await withApp { client, _ in
            for (login, present, absent) in [
                ("admin@xiangtan", ["service_applications"], ["service_correcting"]),
                ("service@xiangtan", ["service_applications"], ["demands_confirm"]),
                ("resident@xiangtan", ["service_correcting"], ["service_applications"]),
                ("admin@shenyang", ["demands"], ["demands_confirm"]),
                ("staff@shenyang", ["demands"], ["service_correcting"]),
                ("enterprise@shenyang", ["demands_confirm"], ["demands"]),
            ] {
                let (_, page) = try await Self.home(client, login)
                for key in present { #expect(Self.count(page, key) != nil, "\(login) 应有 \(key)") }
                for key in absent { #expect(Self.count(page, key) == nil, "\(login) 不应有 \(key)") }
            }
        }
    }

    @Test func aNewQuestionIsCountedForItsDepartmentAndTheZoneAdmin() async throws {
        try await withApp { client, services in
            // A zone whose staff's department has an item in force and that no other consultation test uses.
            var found: (String, PolicyItemRow)?
            for zone in ["foshan", "xiangtan", "jingdezhen"] where found == nil {
                if let item = try? await ConsultationFixtures.item(zone: zone, services) { found = (zone, item) }
            }
            let (zone, item) = try #require(found)
            let (_, staffBefore) = try await Self.home(client, "staff@\(zone)")
            let (_, adminBefore) = try await Self.home(client, "admin@\(zone)")
            let staffCount = try #require(Self.count(staffBefore, "consultations"))
            let adminCount = try #require(Self.count(adminBefore, "consultations"))
            var firm = Browser(client)
            _ = try await firm.login("enterprise@\(zone)")
            _ = try await ConsultationFixtures.ask(&firm, itemID: item.id)
            let (_, staffAfter) = try await Self.home(client, "staff@\(zone)")
            let (_, adminAfter) = try await Self.home(client, "admin@\(zone)")
            #expect(Self.count(staffAfter, "consultations") == staffCount + 1)
            #expect(Self.count(adminAfter, "consultations") == adminCount + 1)
            // The new question is due in 2 working days, so the staff's nearest deadline is at most that.
            #expect(staffAfter.text.contains("最近期限") || staffAfter.text.contains("已超期"))
            // The line links to the department's inbox, which lists it.
            #expect(staffAfter.text.contains("href=\"/m/policies/consultations\""))
        }
    }

    @Test func aBlockerIsCountedForTheDepartmentItIsRoutedTo() async throws {
        try await withApp { client, services in
            let db = services.database.sql
            let zone = try await InvestmentFlowTests.zoneID("xiangtan", services)
            let staff = try #require(try await UserRepository(db: db).find(username: "staff@xiangtan"))
            let own = try #require(staff.departmentId)
            let other = try #require(
                try await ZoneRepository(db: db).departments(scope: .zone(zone)).first { $0.id != own }
            ).id
            let (_, before) = try await Self.home(client, "staff@xiangtan")
            let (_, officerBefore) = try await Self.home(client, "invest@xiangtan")
            let mine = try #require(Self.count(before, "blockers"))
            var officer = Browser(client)
            _ = try await officer.login("invest@xiangtan")
            let made = try await officer.post(
                "/m/investment/projects/new",
                form: [
                    ("name", "待办测试项目"), ("investor", "某企业"), ("origin_province", "重庆市"),
                    ("origin_city", "重庆市"), ("planned_investment", "5000"), ("stage", "talks"),
                    ("on", Clock.today.description),
                ])
            let projectID = try #require(InvestmentFlowTests.id(made))
            for department in [own, other] {
                let routed = try await officer.post(
                    "/m/investment/projects/\(projectID)/blockers",
                    form: [("blocker", "用地指标未落实"), ("department", String(department))])
                #expect(routed.status == .seeOther)
            }
            let (_, after) = try await Self.home(client, "staff@xiangtan")
            let (_, officerAfter) = try await Self.home(client, "invest@xiangtan")
            // Only the blocker routed to the staff's own department is theirs; the officer follows both.
            #expect(Self.count(after, "blockers") == mine + 1)
            #expect(Self.count(officerAfter, "blockers") == (Self.count(officerBefore, "blockers") ?? 0) + 2)
            #expect(after.text.contains("还有 5 个工作日") || after.text.contains("最近期限"))
        }
    }

    @Test func deadlinesCountWorkingDaysOnTheOfficialCalendar() throws {
        let calendar = try WorkCalendar.official(directory: nil)
        // Friday 2026-09-25 → the 国庆 holiday: the next working day after it is 10月9日 (Friday, 调休 Saturday 10月10日).
        let friday = Day("2026-09-25")!
        #expect(ToDoList.workingDaysLeft(from: friday, to: friday, calendar: calendar) == 0)
        #expect(ToDoList.workingDaysLeft(from: friday, to: Day("2026-09-28")!, calendar: calendar) == 1)
        #expect(ToDoList.workingDaysLeft(from: Day("2026-09-28")!, to: friday, calendar: calendar) == -1)
        #expect(ToDoList.deadlineText(Day("2026-09-28")!, left: 1) == "最近期限 9月28日，还有 1 个工作日")
        #expect(ToDoList.deadlineText(nil, left: nil) == "—")
        #expect(ToDoList.deadlineText(friday, left: -2).contains("已超期"))
    }
}
