import Foundation
import GaoxinCore
import SQLKit

/// 沈阳 万人进万企 (seed 004: 588 名干部、674 家企业、1500 余个问题, the 四个一 method) at demo
/// scale: cadres with ranks paired with the zone's enterprises (one pairing ended, as history),
/// visits done and planned, demands in every state through the case engine (one late and
/// escalated, one sent back, rated ones including a 差评), and a 聊城-style 楼委会 with its three lists.
enum DemoEnterpriseHelp {
    static let cadres: [(String, String, String)] = [
        ("cadre1", "刘建国", "四级调研员"), ("cadre2", "王海燕", "一级主任科员"), ("cadre3", "赵立新", "科长"),
        ("cadre4", "孙明", "副局长"), ("cadre5", "李娜", "二级主任科员"), ("cadre6", "周强", "科长"),
    ]

    struct DemandSpec {
        let enterprise: Int
        let category: DemandCategory
        let channel: DemandChannel
        let text: String
        let daysAgo: Int
        /// How far it went: 0 submitted, 1 routed, 2 answered, 3 confirmed, 4 rated.
        let reached: Int
        var reopened = false
        var rating: RatingLevel = .satisfied
        var answer = "已协调办理，具体见办理进展。"
    }

    static let demands: [DemandSpec] = [
        DemandSpec(
            enterprise: 0, category: .financing, channel: .enterprise, text: "企业扩产需要流动资金贷款 500 万元，希望对接银行", daysAgo: 0,
            reached: 0),
        DemandSpec(
            enterprise: 3, category: .labour, channel: .hotline, text: "急需招聘数控技工 30 名，本地招工困难", daysAgo: 1, reached: 0),
        DemandSpec(
            enterprise: 4, category: .approval, channel: .visit, text: "新厂房消防验收排期过长，影响投产", daysAgo: 2, reached: 1),
        DemandSpec(
            enterprise: 5, category: .land, channel: .enterprise, text: "二期项目用地指标尚未落实，需协调土地报批", daysAgo: 20, reached: 1),
        DemandSpec(
            enterprise: 6, category: .policy, channel: .meeting, text: "研发费用加计扣除政策口径不清楚，希望上门辅导", daysAgo: 5, reached: 2,
            answer: "已安排税务专员上门辅导，口径说明见附件清单。"),
        DemandSpec(
            enterprise: 7, category: .logistics, channel: .visit, text: "园区内货车限行时段影响原料进厂，希望调整", daysAgo: 9, reached: 3,
            reopened: true, answer: "已与交警部门协调，夜间 22 时至次日 6 时允许货车通行。"),
        DemandSpec(
            enterprise: 8, category: .financing, channel: .enterprise, text: "申请知识产权质押融资贴息，不清楚办理流程", daysAgo: 12,
            reached: 4, rating: .verySatisfied, answer: "已一次性告知材料，贴息已受理。"),
        DemandSpec(
            enterprise: 9, category: .labour, channel: .hotline, text: "员工子女入学需要协调", daysAgo: 15, reached: 4,
            rating: .satisfied, answer: "已协调学区学校接收 3 名员工子女入学。"),
        DemandSpec(
            enterprise: 10, category: .market, channel: .visit, text: "希望参加政府采购推介会，拓展本地市场", daysAgo: 18, reached: 4,
            rating: .dissatisfied, answer: "已推荐报名下月推介会。"),
    ]

    static func load(zoneCode: String, zoneID: Int64, engine: CaseEngine, db: any SQLDatabase) async throws {
        guard zoneCode == "shenyang" else { return }
        let users = UserRepository(db: db)
        guard let staff = try await users.find(username: "staff@\(zoneCode)"),
            let admin = try await users.find(username: "admin@\(zoneCode)"),
            let enterpriseUser = try await users.find(username: "enterprise@\(zoneCode)"),
            let own = enterpriseUser.enterpriseId
        else { return }
        let now = Clock.nowSeconds()
        let departments = try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map(\.id)
        let repo = EnterpriseHelpRepository(db: db)
        // The zone's enterprises, the demo enterprise user's first.
        let all = try await repo.enterpriseNames(zoneID: zoneID).keys.sorted()
        let enterprises = [own] + all.filter { $0 != own }
        // Cadres: the demo staff and investment officer, and six more office staff with ranks.
        var cadreIDs = [staff.id]
        try await repo.setRank(userID: staff.id, zoneID: zoneID, rank: "一级主任科员", at: now)
        for (i, c) in cadres.enumerated() {
            let id = try await users.insert(
                UserRow(
                    id: 0, zoneId: zoneID, username: "\(c.0)@\(zoneCode)", displayName: c.1,
                    role: Role.departmentStaff.rawValue, passwordHash: staff.passwordHash,
                    departmentId: departments[(i + 1) % departments.count], isActive: true, createdAt: now,
                    passwordChangedAt: now))
            try await repo.setRank(userID: id, zoneID: zoneID, rank: c.2, at: now)
            cadreIDs.append(id)
        }
        let started = LocalMoment(unixSeconds: now - 90 * 86_400).day.description
        // Each of the first 28 enterprises gets a 管家; every third a second one.
        let paired = Array(enterprises.prefix(28))
        var keeper: [Int64: Int64] = [:]
        for (i, e) in paired.enumerated() {
            let cadre = cadreIDs[i % cadreIDs.count]
            keeper[e] = cadre
            _ = try await repo.insertPairing(zoneID: zoneID, enterpriseID: e, cadreID: cadre, on: started, at: now)
            if i % 3 == 2 {
                _ = try await repo.insertPairing(
                    zoneID: zoneID, enterpriseID: e, cadreID: cadreIDs[(i + 1) % cadreIDs.count], on: started, at: now)
            }
        }
        // A change of 管家, kept as history.
        if enterprises.count > 30 {
            let ended = try await repo.insertPairing(
                zoneID: zoneID, enterpriseID: enterprises[1], cadreID: cadreIDs[3], on: started, at: now)
            try await repo.endPairing(
                id: ended, on: LocalMoment(unixSeconds: now - 30 * 86_400).day.description, reason: "干部岗位调整")
        }
        // Visits: one per paired enterprise over the last two months, and three planned.
        var visitOf: [Int64: Int64] = [:]
        for (i, e) in paired.enumerated() where i % 4 != 3 {
            let day = LocalMoment(unixSeconds: now - Int64(2 + i * 2) * 86_400).day
            visitOf[e] = try await repo.insertVisit(
                HelpVisitRow(
                    id: 0, zoneId: zoneID, enterpriseId: e, cadreUserId: keeper[e]!, plannedOn: nil,
                    visitedOn: day.description, peopleMet: "总经理、财务负责人",
                    findings: "企业生产经营正常，订单较去年同期增长；反映用工、融资方面的困难。", area: "浑南区科技园片区",
                    leader: "区政府副区长", plan: "一企一策：协助对接银行、组织专场招聘", createdAt: now))
        }
        for (k, e) in paired.suffix(3).enumerated() {
            _ = try await repo.insertVisit(
                HelpVisitRow(
                    id: 0, zoneId: zoneID, enterpriseId: e, cadreUserId: keeper[e]!,
                    plannedOn: LocalMoment(unixSeconds: now + Int64(3 + k * 2) * 86_400).day.description,
                    visitedOn: nil, peopleMet: "", findings: "", area: "", leader: "", plan: "", createdAt: now))
        }
        // Demands in every state.
        let department = staff.departmentId ?? departments[0]
        for spec in demands where spec.enterprise < enterprises.count {
            let e = enterprises[spec.enterprise]
            let enterpriseActor = EnterpriseHelpService.enterpriseActor(e)
            let adminActor = CaseActor(id: CaseIDs.user(admin.id), role: .zoneAdmin)
            let staffActor = CaseActor(id: CaseIDs.user(staff.id), role: .departmentStaff)
            let opened = LocalMoment(
                day: LocalMoment(unixSeconds: now - Int64(spec.daysAgo) * 86_400).day, minuteOfDay: 9 * 60)
            let start = min(opened, LocalMoment(unixSeconds: now - 60))
            var record = try engine.open(
                typeCode: HelpCaseTypes.demand.code, by: enterpriseActor, at: start,
                note: spec.channel == .enterprise ? spec.text : "（\(spec.channel.label)）\(spec.text)")
            var t = start
            func later(_ minutes: Int) -> LocalMoment {
                t = min(
                    LocalMoment(unixSeconds: t.unixSeconds() + Int64(minutes) * 60), LocalMoment(unixSeconds: now - 30))
                return t
            }
            var answer: String?
            if spec.reached >= 1 {
                record = try engine.perform(
                    "route", on: record, by: adminActor, at: later(120), assignee: CaseIDs.department(department))
            }
            if spec.reached >= 2 {
                if spec.reopened {
                    record = try engine.perform(
                        "answer", on: record, by: staffActor, at: later(1440), note: "已向交警部门反映。")
                    record = try engine.perform(
                        "reopen", on: record, by: enterpriseActor, at: later(600), note: "只是反映，限行时段仍未调整。")
                }
                record = try engine.perform("answer", on: record, by: staffActor, at: later(1440), note: spec.answer)
                answer = spec.answer
            }
            if spec.reached >= 3 {
                record = try engine.perform("confirm", on: record, by: enterpriseActor, at: later(600))
            }
            var followUp: (FollowUpRequest, CaseRecord)?
            if spec.reached >= 4 {
                let at = later(60)
                let outcome = try engine.rate(
                    record, by: enterpriseActor, level: spec.rating,
                    comment: spec.rating.isNegative ? "只推荐了报名，没有实际对接采购单位" : "办理及时", at: at)
                record = outcome.record
                if let request = outcome.followUp {
                    followUp = (
                        request,
                        try engine.open(
                            typeCode: request.caseTypeCode, by: enterpriseActor, at: at, note: request.reason)
                    )
                }
            }
            let requester = e == own ? enterpriseUser.id : nil
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: zoneID, title: String(spec.text.prefix(40)), requesterUserID: requester,
                enterpriseID: e,
                assignee: spec.reached >= 1 ? CaseIDs.department(department) : nil, actor: nil)
            try await EnterpriseHelpDemandRepository(db: db).insert(
                HelpDemandRow(
                    caseId: id, zoneId: zoneID, enterpriseId: e, category: spec.category.rawValue,
                    channel: spec.channel.rawValue, visitId: spec.channel == .visit ? visitOf[e] : nil, meetingId: nil,
                    departmentId: spec.reached >= 1 ? department : nil, filedByUserId: nil, text: spec.text,
                    answer: answer))
            if spec.reached >= 1 {
                try await EnterpriseHelpDemandRepository(db: db).insertNote(
                    caseID: id, zoneID: zoneID, userID: staff.id, note: "已联系企业了解详细情况，正在协调。", at: t.unixSeconds())
            }
            if let (request, fr) = followUp {
                _ = try await CaseRepository(db: db).insert(
                    fr, zoneID: zoneID, title: "差评回访：\(CaseRow.number(id, prefix: "SQ"))", requesterUserID: requester,
                    enterpriseID: e, assignee: request.handledBy, parentCaseID: id, actor: nil)
            }
        }
        try await buildings(zoneID: zoneID, enterprises: Array(enterprises.dropFirst(10).prefix(6)), now: now, db: db)
        try await DemoEnterpriseHelpFinance.load(
            zoneID: zoneID, enterprises: enterprises, admin: admin.id, staff: staff, engine: engine, now: now, db: db)
    }

    /// A 聊城 东城街道-style 楼委会: six member enterprises, a quarterly rotating chair, three lists.
    static func buildings(zoneID: Int64, enterprises: [Int64], now: Int64, db: any SQLDatabase) async throws {
        guard enterprises.count == 6 else { return }
        let repo = EnterpriseHelpBuildingRepository(db: db)
        let b = try await repo.insertBuilding(zoneID: zoneID, name: "浑南科技大厦", address: "浑南区创新路 1 号", at: now)
        for e in enterprises { try await repo.addMember(buildingID: b, enterpriseID: e) }
        let today = Clock.today
        for k in 0..<4 {
            let first = Day(year: today.year, month: 1 + k * 3, day: 1)!
            let last = Day(year: today.year, month: 3 + k * 3, day: 1)!
            try await repo.insertChair(
                buildingID: b, enterpriseID: enterprises[k], from: String(first.description.prefix(7)),
                to: String(last.description.prefix(7)))
        }
        let items: [(BuildingList, Int, DemandCategory, String)] = [
            (.need, 0, .labour, "招聘软件开发工程师 5 名"),
            (.need, 1, .financing, "寻找天使投资，融资 300 万元"),
            (.need, 2, .logistics, "需要共享仓储空间约 200 平方米"),
            (.resource, 3, .labour, "每月举办联合招聘会，可为楼内企业招聘开发工程师"),
            (.resource, 4, .logistics, "五楼有闲置仓储空间 300 平方米可共享"),
            (.resource, 5, .financing, "与多家投资机构合作，可推荐天使投资"),
            (.project, 0, .market, "楼宇企业联合申报智慧园区示范项目"),
        ]
        for (list, member, category, text) in items {
            _ = try await repo.insertItem(
                HelpBuildingItemRow(
                    id: 0, buildingId: b, zoneId: zoneID, list: list.rawValue, enterpriseId: enterprises[member],
                    category: category.rawValue, text: text, matchedItemId: nil, matchedAt: nil, createdAt: now))
        }
    }
}
