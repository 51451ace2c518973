import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// "导出 CSV" on the lists that got it with issue #16: users, audit log, 技术合同登记, points,
/// residents, 差评申诉. Each export has the page's header, the page's rows, the page's refusal,
/// and never another zone's rows; one export reads past `Pager.maxSize` rows.
@Suite struct ListExportListsTests {
    static func lines(_ response: TestResponse) -> [String] { ListExportTests.lines(response) }

    /// The wrong role is refused the export exactly as the page.
    static func refusedAlike(_ browser: inout Browser, _ path: String) async throws {
        let page = try await browser.get(path)
        let csv = try await browser.get(path + (path.contains("?") ? "&" : "?") + "format=csv")
        #expect(page.status == .forbidden && csv.status == page.status, "\(path)")
    }

    @Test func usersAndAuditLogExportTheZonesOwnRows() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "baoji", services)
            // An audited write of this zone: a points item added by the committee.
            try await world.item("导出审计事项", points: 3, services)
            var admin = Browser(client)
            _ = try await admin.login("admin@baoji")
            let page = try await admin.get("/admin/users")
            #expect(page.text.contains("导出 CSV") && page.text.contains("/admin/users?format=csv"))
            let users = try await admin.get("/admin/users?format=csv")
            #expect(users.status == .ok && Array(users.body.readableBytesView.prefix(3)) == ListExportTests.bom)
            let rows = Self.lines(users)
            #expect(rows.first == "用户名,姓名,角色,园区,绑定,状态")
            #expect(rows.contains { $0.hasPrefix("\(world.committee),pt3\(world.tag),") })
            #expect(!rows.contains { $0.hasPrefix("admin@foshan,") })
            let audit = Self.lines(try await admin.get("/admin/audit?format=csv"))
            #expect(audit.first == "时间,操作人,对象,编号,操作,变更前,变更后,请求编号")
            #expect(audit.contains { $0.contains("导出审计事项\(world.tag)") })

            var other = Browser(client)
            _ = try await other.login("admin@foshan")
            #expect(!(try await other.get("/admin/users?format=csv")).text.contains(world.committee))
            #expect(!(try await other.get("/admin/audit?format=csv")).text.contains("导出审计事项\(world.tag)"))
            var staff = Browser(client)
            _ = try await staff.login("staff@baoji")
            try await Self.refusedAlike(&staff, "/admin/users")
            try await Self.refusedAlike(&staff, "/admin/audit")
        }
    }

    @Test func techContractsExportTheRegisterAsThePageShowsIt() async throws {
        try await withApp { client, _ in
            var staff = Browser(client)
            _ = try await staff.login("staff@xian")
            let number = "XA-EXP-\(UInt32.random(in: 100_000...999_999))"
            let made = try await staff.post(
                "/m/statistics/contracts", form: TechContractTests.form(number, on: "2019-06-01"))
            #expect(made.status == .seeOther)
            let page = try await staff.get("/m/statistics/contracts")
            #expect(page.text.contains(number) && page.text.contains("/m/statistics/contracts?format=csv"))
            let rows = Self.lines(try await staff.get("/m/statistics/contracts?format=csv"))
            #expect(rows.first == "登记编号,合同名称,卖方（技术输出方）,买方（技术吸纳方）,类型,成交额（万元）,技术交易额（万元）,登记日期")
            #expect(rows.filter { $0.hasPrefix(number + ",") }.count == 1)
            // The register's older address answers the same file.
            #expect(Self.lines(try await staff.get("/m/statistics/contracts.csv")) == rows)
            var other = Browser(client)
            _ = try await other.login("admin@baoji")
            #expect(!(try await other.get("/m/statistics/contracts?format=csv")).text.contains(number))
            var firm = Browser(client)
            _ = try await firm.login("enterprise@xian")
            try await Self.refusedAlike(&firm, "/m/statistics/contracts")
        }
    }

    @Test func pointsItemsAndBoardsExportForTheCommitteeOnly() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "zhaoqing", services)
            let code = try await world.item("导出积分事项", points: 5, services)
            var committee = Browser(client)
            _ = try await committee.login(world.committee)
            #expect(try await committee.get("/m/governance/points/items").text.contains("format=csv"))
            let items = Self.lines(try await committee.get("/m/governance/points/items?format=csv"))
            #expect(items.first == "编号,类别,事项,分值,上限,状态")
            #expect(items.contains("\(code),测试,导出积分事项\(world.tag),'+5,不设上限,启用"))
            let boards = Self.lines(try await committee.get("/m/governance/points/boards?format=csv"))
            #expect(boards.first == "榜单,名次,居民/户,本月积分,年度累计,扣分,次数,事项")
            let rewards = Self.lines(try await committee.get("/m/governance/points/rewards?format=csv"))
            #expect(rewards.first == "名次,居民/户,季度积分,档次,奖品")

            var other = Browser(client)
            _ = try await other.login("admin@baoji")
            #expect(!(try await other.get("/m/governance/points/items?format=csv")).text.contains(world.tag))
            // A resident reads the item list but not the committee's boards and rewards.
            var resident = Browser(client)
            _ = try await resident.login(world.residents[0].username)
            let records = try await resident.get("/m/governance/points?format=csv")
            #expect(Self.lines(records).first == "账户,编号,日期,事项,分值,状态,来源,事由,审核意见")
            try await Self.refusedAlike(&resident, "/m/governance/points/boards")
            try await Self.refusedAlike(&resident, "/m/governance/points/rewards")
        }
    }

    @Test func residentsExportMaskedWithTheGridFilter() async throws {
        try await withApp { client, services in
            let world = try await PointsWorld.make(zone: "xiangtan", services)
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            let path = "/m/governance/residents?grid=\(world.grids[0])"
            let page = try await admin.get(path)
            #expect(page.text.contains(world.residents[0].name) && page.text.contains("format=csv"))
            let rows = Self.lines(try await admin.get(path + "&format=csv"))
            #expect(rows.first == "姓名,身份证号,手机号,住址,网格,户编号")
            let own = try #require(rows.first { $0.hasPrefix(world.residents[0].name + ",") })
            #expect(own.contains("139****0000") && !own.contains("13900000000"))
            // The grid filter holds: the resident of the other grid is not in this file.
            #expect(!rows.contains { $0.hasPrefix(world.residents[1].name + ",") })
            var other = Browser(client)
            _ = try await other.login("admin@baoji")
            #expect(!(try await other.get("/m/governance/residents?format=csv")).text.contains(world.tag))
            var firm = Browser(client)
            _ = try await firm.login("enterprise@xiangtan")
            try await Self.refusedAlike(&firm, "/m/governance/residents")
        }
    }

    @Test func appealsExportTheRowsThePageLists() async throws {
        try await withApp { client, _ in
            var admin = Browser(client)
            _ = try await admin.login("admin@xiangtan")
            let page = try await admin.get("/m/services/appeals")
            #expect(page.text.contains("/m/services/appeals?format=csv"))
            let rows = Self.lines(try await admin.get("/m/services/appeals?format=csv"))
            #expect(rows.first == "办件,承办部门,申诉理由,状态")
            // Every 办件 the page lists (its number is the row's link) is a line of the file.
            let numbers = page.text.components(separatedBy: "</a></th>").dropLast().compactMap {
                $0.split(separator: ">").last.map(String.init)
            }
            #expect(!numbers.isEmpty)
            for number in numbers { #expect(rows.contains { $0.hasPrefix(number + ",") }, "\(number)") }
            var other = Browser(client)
            _ = try await other.login("admin@jinan")
            let theirs = Self.lines(try await other.get("/m/services/appeals?format=csv"))
            #expect(theirs.first == rows.first)
            #expect(Set(theirs.dropFirst()).isDisjoint(with: rows.dropFirst()))
            var firm = Browser(client)
            _ = try await firm.login("enterprise@xiangtan")
            try await Self.refusedAlike(&firm, "/m/services/appeals")
        }
    }

    @Test func anExportReadsPastOnePageOfTheLoader() async throws {
        try await withApp { client, services in
            // setup: more residents in one grid of their own than one read of the export holds
            let world = try await PointsWorld.make(zone: "baoji", services)
            let count = Pager.maxSize + 15
            let names = (0..<count).map { "导出居民\(world.tag)-\(String(format: "%03d", $0))" }
            let (month, day) = (Int.random(in: 1...12), Int.random(in: 1...28))
            try await services.database.transaction { db in
                let now = Clock.nowSeconds()
                for (n, name) in names.enumerated() {
                    let idNumber = DemoLoader.residentID(body: String(format: "3701121990%02d%02d%03d", month, day, n))
                    let personID = try #require(
                        try await db.insert(into: "persons").columns(
                            "zone_id", "name", "id_number", "phone", "created_at"
                        )
                        .values(
                            SQLBind(world.zoneID), SQLBind(name), SQLBind(idNumber), SQLBind(String?.none), SQLBind(now)
                        )
                        .returning("id").first(decodingColumn: "id", as: Int64.self))
                    try await db.insert(into: "residents")
                        .columns("person_id", "zone_id", "household_id", "grid_id", "address", "is_party_member")
                        .values(
                            SQLBind(personID), SQLBind(world.zoneID), SQLBind(Int64?.none), SQLBind(world.grids[1]),
                            SQLBind("导出村 \(n) 号"), SQLBind(false)
                        ).run()
                }
            }
            var admin = Browser(client)
            _ = try await admin.login("admin@baoji")

            // MUT
            let csv = try await admin.get("/m/governance/residents?grid=\(world.grids[1])&format=csv")

            // validate: every one of them, once, and nothing cut off
            #expect(csv.status == .ok)
            let rows = Self.lines(csv)
            #expect(rows.count - 1 >= count)
            for name in names {
                #expect(rows.filter { $0.hasPrefix(name + ",") }.count == 1, "\(name)")
            }
            #expect(!csv.text.contains("仅导出前"))
        }
    }
}

/// Every other list with the export: the page links it, and the file has the page's header line.
@Suite struct ListExportEveryListTests {
    @Test(arguments: [
        ("admin@xiangtan", "/m/governance/deliberation", "编号,问题,渠道,反映人,日期,附议,状态"),
        ("admin@xiangtan", "/m/enterprise-help/visits", "日期,企业,包联干部,走访发现"),
        ("admin@xiangtan", "/m/enterprise-help/pledges", "企业,质押的专利/商标,银行,金额（万元）,年利率,期限（月）,放款至到期,贴息政策"),
        ("invest@xiangtan", "/m/investment/blockers", "编号,项目,难点堵点,协调部门,状态,办理时限,解决情况"),
        ("invest@xiangtan", "/m/investment/dispatch", "项目,类别,责任单位,年度计划投资,累计形象进度,累计完成投资,状态,进展情况"),
        ("invest@xiangtan", "/m/investment/events", "活动,类型,日期,地点,对接企业,来区考察,签约项目"),
        ("invest@xiangtan", "/m/investment/ideas", "建议,建议内容,提出人,日期,状态,筛选意见"),
        ("admin@xiangtan", "/m/mediation/letters", "企业,类型,发出日期,纠纷规律,司法建议,企业回复"),
        ("admin@xiangtan", "/m/policies/payouts", "分组,名称,件数,金额（万元）"),
    ])
    func theListExportsWithItsHeader(user: String, path: String, header: String) async throws {
        try await withApp { client, _ in
            var browser = Browser(client)
            _ = try await browser.login(user)
            let page = try await browser.get(path)
            #expect(page.status == .ok && page.text.contains("导出 CSV") && page.text.contains("format=csv"), "\(path)")
            let csv = try await browser.get(path + "?format=csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.contains("text/csv") == true, "\(path)")
            #expect(ListExportTests.lines(csv).first == header, "\(path)")
        }
    }
}
