import Foundation
import GaoxinCore
import SQLKit

/// 济南高新区's resident points (积分制) from the seed: "将居民参与志愿服务、应急管理、人居环境提升等
/// 20余项内容纳入正负积分事项清单", a points committee of party members and representatives,
/// and three months of activity (September–November 2026) run through the ledger the app uses:
/// declarations confirmed or rejected weekly, September and October published, the third
/// quarter's rewards recorded, and a few 2025 entries so the yearly reset shows history.
enum DemoResidentPoints {
    /// The item list: (category, name, points, cap points, cap period).
    static let items: [(String, String, Int, Int?, PeriodKind?)] = [
        ("志愿服务", "参加志愿服务活动", 2, 10, .month),
        ("志愿服务", "参加党员先锋志愿队服务", 3, 12, .month),
        ("应急管理", "参与防汛、森林防火值守", 5, 20, .quarter),
        ("应急管理", "参加应急演练", 2, 4, .month),
        ("应急管理", "见义勇为、抢险救灾", 20, nil, nil),
        ("人居环境", "庭院整洁，评为“美丽庭院”", 5, 5, .month),
        ("人居环境", "参加村庄环境集中整治", 2, 8, .month),
        ("人居环境", "垃圾分类准确投放（月检查合格）", 2, 2, .month),
        ("移风易俗", "婚事新办、丧事简办", 10, 10, .year),
        ("邻里互助", "照顾孤寡老人、留守儿童", 3, 12, .month),
        ("矛盾调解", "主动调解邻里纠纷", 3, 9, .month),
        ("平安建设", "提供治安线索、协助排查隐患", 3, 9, .month),
        ("民主协商", "参加村民议事会、阳光议事会", 2, 4, .month),
        ("乡风文明", "获评好媳妇、好婆婆等先进", 10, 10, .year),
        ("文体活动", "参加村文体活动", 1, 4, .month),
        ("政策宣传", "协助宣传政策、入户走访", 2, 6, .month),
        ("人居环境", "乱堆乱放、私搭乱建", -5, 20, .month),
        ("人居环境", "垃圾乱扔乱倒", -3, 15, .month),
        ("移风易俗", "大操大办、高价彩礼", -10, nil, nil),
        ("平安建设", "违规燃放烟花爆竹、野外用火", -5, nil, nil),
        ("民主协商", "无故不参加集体义务劳动", -2, 6, .month),
        ("邻里关系", "寻衅滋事、引发邻里纠纷", -5, nil, nil),
        ("人居环境", "散养家禽污染公共环境", -2, 6, .month),
    ]

    /// 一季一奖励 levels by quarter points, with the 工作、生活用品 handed out (功酬相当).
    static let tiers: [(name: String, minimum: Int, prize: String)] = [
        ("一等奖", 30, "食用油一桶、洗衣液一桶"), ("二等奖", 24, "洗衣液一桶、毛巾两条"), ("三等奖", 18, "香皂一盒、毛巾一条"),
    ]

    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹")
    static let givenNames = [
        "秀英", "建国", "桂兰", "志强", "玉梅", "德福", "淑芬", "海涛", "春燕", "明辉", "凤霞", "永刚", "丽娟", "国庆",
        "金花", "长青", "翠萍", "文斌", "美玲", "红军", "爱华", "立新", "素珍", "振东", "晓燕", "宝山", "月娥", "广平",
        "云霞", "福生",
    ]

    static func load(zoneCode: String, zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        guard zoneCode == "jinan" else { return }
        let now = LocalMoment(unixSeconds: Clock.nowSeconds())
        let residents = try await ensureResidents(zoneID: zoneID, at: now.unixSeconds(), db: db)
        let repo = PointsRepository(db: db)
        var ledger = try PointsLedger()
        for (n, item) in items.enumerated() {
            let cap = item.3.flatMap { max in item.4.map { PointsCap(maxPoints: max, per: $0) } }
            let p = PointsItem(id: "P\(n + 1)", name: item.1, category: item.0, points: item.2, cap: cap)
            try ledger.addItem(p)
            try await repo.insertItem(zoneID: zoneID, p, position: n + 1)
        }
        try await repo.replaceRewardTiers(zoneID: zoneID, tiers)
        let leader = try await committee(zoneID: zoneID, residents: residents, at: now.unixSeconds(), db: db)

        // Activity: a fixed pseudo-random sequence, so every demo database is the same.
        var seed: UInt64 = 20_260_901
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let positive = ledger.items.filter { !$0.isNegative && $0.points < 20 }
        let negative = ledger.items.filter(\.isNegative)
        let committeeName = leader ?? "积分管理小组"
        let gridName = "网格员"
        var counter = 0
        var grids: [String: Int64?] = [:]
        for r in residents { grids[PointsSubjects.person(r.personID)] = r.gridID }
        func at(_ day: Day, _ hour: Int) -> LocalMoment { LocalMoment(day: day, hour: hour, minute: 0)! }

        // A few 2025 entries: balances start again from zero in 2026, the history stays.
        for r in residents.prefix(8) {
            for month in [11, 12] {
                let day = Day(year: 2025, month: month, day: 6 + next(20))!
                counter += 1
                let item = positive[next(positive.count)]
                if (try? ledger.declare(
                    id: "d\(counter)", subject: PointsSubjects.person(r.personID), itemID: item.id, day: day,
                    evidence: "\(item.name)（\(day.month)月）", by: r.name, at: at(day, 19))) != nil
                {
                    _ = try ledger.confirm(
                        "d\(counter)", by: committeeName, at: at(day.adding(days: 7 - day.weekday + 1), 10))
                }
            }
        }
        let months = [(2026, 9, 6), (2026, 10, 4), (2026, 11, 3)]
        for (year, month, perResident) in months {
            for r in residents {
                let subject = PointsSubjects.person(r.personID)
                for _ in 0..<(perResident + next(3)) {
                    let day = Day(year: year, month: month, day: 1 + next(Day.daysIn(month: month, year: year)))!
                    guard day < today else { continue }
                    let item = positive[next(positive.count)]
                    counter += 1
                    let id = "d\(counter)"
                    let evidence = [
                        "\(item.name)，村委会有签到表", "\(item.name)，网格员在场见证", "\(item.name)，见村民微信群照片",
                        "\(item.name)，证明人：邻居",
                    ][next(4)]
                    guard
                        (try? ledger.declare(
                            id: id, subject: subject, itemID: item.id, day: day, evidence: evidence, by: r.name,
                            at: at(day, 20))) != nil
                    else { continue }
                    // 一周一定: decided on the Monday after the week, unless that Monday is still ahead.
                    let review = day.adding(days: 8 - day.weekday)
                    guard review <= today else { continue }
                    if next(10) == 0 {
                        _ = try ledger.reject(
                            id, by: committeeName, at: at(review, 10),
                            reason: ["签到表上无本人签名，请补充证明", "活动当天未见本人参加，证明人不认可", "与本周另一条申报重复"][next(3)])
                    } else {
                        _ = try ledger.confirm(id, by: r.gridID == nil ? committeeName : gridName, at: at(review, 10))
                    }
                }
                // 反向曝光: now and then a deduction recorded by the grid worker after checking.
                if next(6) == 0, r.name != leader {
                    let day = Day(year: year, month: month, day: 3 + next(20))!
                    guard day < today else { continue }
                    let item = negative[next(negative.count)]
                    counter += 1
                    _ = try? ledger.award(
                        id: "d\(counter)", subject: subject, itemID: item.id, day: day,
                        evidence: "\(item.name)，网格巡查发现，已拍照留存并告知本人", by: gridName, at: at(day, 16))
                }
            }
        }
        // 一月一公开 and 一季一奖励, on the days the committee did them.
        for month in [Period.month(2026, 9)!, Period.month(2026, 10)!] where month.end.adding(days: 3) <= today {
            try ledger.publish(month: month, by: committeeName, at: at(month.end.adding(days: 3), 9))
        }
        let q3 = Period.quarter(2026, 3)!
        let scheme = try RewardScheme(tiers: tiers.map { RewardTier(name: $0.name, minimumPoints: $0.minimum) })
        if q3.end.adding(days: 5) <= today {
            try ledger.recordRewards(for: q3, scheme: scheme, by: committeeName, at: at(q3.end.adding(days: 5), 15))
        }

        let names = Dictionary(uniqueKeysWithValues: residents.map { (PointsSubjects.person($0.personID), $0.name) })
        for entry in ledger.entries {
            _ = try await repo.insertEntry(
                zoneID: zoneID, entry, gridID: grids[entry.subject] ?? nil, userID: nil, photo: nil)
        }
        for p in ledger.publications {
            try await repo.insertPublication(
                zoneID: zoneID, p,
                names: names.filter { key, _ in
                    p.board.positive.contains { $0.subject == key } || p.board.negative.contains { $0.subject == key }
                })
        }
        for r in ledger.rewardRecords {
            try await repo.insertRewardRecord(
                zoneID: zoneID, r, prizes: Dictionary(uniqueKeysWithValues: tiers.map { ($0.name, $0.prize) }),
                names: names.filter { key, _ in r.rewards.contains { $0.subject == key } })
        }
    }

    struct DemoResident {
        let personID: Int64
        let name: String
        let gridID: Int64?
    }

    /// The zone's residents; when there are fewer than 30, adds its own (with valid 身份证号), and
    /// always gives the demo login's person a residents row.
    static func ensureResidents(zoneID: Int64, at: Int64, db: any SQLDatabase) async throws -> [DemoResident] {
        let residents = ResidentRepository(db: db)
        let firstGrid = try await GridRepository(db: db).firstGridID(zoneID: zoneID)
        let demoPerson = try await UserRepository(db: db).find(username: "resident@jinan")?.personId
        if let demoPerson, !(try await residents.isResident(personID: demoPerson)) {
            try await residents.insertResidentRow(
                personID: demoPerson, zoneID: zoneID, householdID: nil, gridID: firstGrid,
                address: "港沟街道神武村 3 组 12 号", isPartyMember: false)
        }
        let directory = ResidentDirectory(db: db)
        var existing = try await directory.residents(zoneID: zoneID)
        if existing.count < 30 {
            for n in existing.count..<30 {
                let name = "\(surnames[n % surnames.count])\(givenNames[(n * 7) % givenNames.count])"
                let idNumber = DemoLoader.residentID(
                    body: String(format: "370112%04d%02d%02d%03d", 1950 + (n * 3) % 50, 1 + n % 12, 1 + n % 28, 300 + n)
                )
                let personID = try await residents.insertPerson(
                    zoneID: zoneID, name: name, idNumber: idNumber, phone: String(format: "1390531%04d", n), at: at)
                try await residents.insertResidentRow(
                    personID: personID, zoneID: zoneID, householdID: nil, gridID: firstGrid,
                    address: "港沟街道神武村 \(1 + n % 6) 组 \(10 + n) 号", isPartyMember: n % 5 == 0)
            }
            existing = try await directory.residents(zoneID: zoneID)
        }
        return existing.map { DemoResident(personID: $0.id, name: $0.name, gridID: $0.gridID) }
    }

    /// 积分管理小组: a party-member resident with a login (points@jinan, 组长) and the demo grid worker.
    /// Returns the leader's name, who signs the boards.
    @discardableResult
    static func committee(zoneID: Int64, residents: [DemoResident], at: Int64, db: any SQLDatabase) async throws
        -> String?
    {
        let users = UserRepository(db: db)
        var members: [(Int64, String)] = []
        var leaderName: String?
        if let grid = try await users.find(username: "grid@jinan") { members.append((grid.id, "成员")) }
        if let resident = try await users.find(username: "resident@jinan") {
            // A party-member resident of the same zone leads the group; the password is the demo one.
            let leader = residents.first { $0.personID != resident.personId }
            if let leader {
                let id = try await users.insert(
                    UserRow(
                        id: 0, zoneId: zoneID, username: "points@jinan", displayName: "\(leader.name)（积分管理小组组长）",
                        role: Role.resident.rawValue,
                        passwordHash: resident.passwordHash, personId: leader.personID, isActive: true, createdAt: at,
                        passwordChangedAt: at))
                try await ResidentRepository(db: db).setPartyMember(personID: leader.personID)
                members.insert((id, "组长"), at: 0)
                leaderName = leader.name
            }
        }
        for (userID, duty) in members {
            _ = try await PointsRepository(db: db).addMember(zoneID: zoneID, userID: userID, duty: duty, at: at)
        }
        return leaderName
    }
}
