import Foundation
import GaoxinCore
import SQLKit

/// 济南高新区's 协商议事 from the seed: "累计推进乡规民约修改等公共事务120余件，实施健身器材引进等惠民项目
/// 50余个". The monthly 阳光议事会 since 2021 carry those totals (122 affairs, 53 projects passed, counting the autumn 2026 ones);
/// September–November 2026 are told in full: issues from every channel with residents' support,
/// topics with research notes, meetings with participants, attendance, minutes and votes, and
/// actions in progress, one finished and published.
enum DemoDeliberation {
    static let affairTitles = [
        "修订村规民约", "规范红白理事办理标准", "划定村内停车位", "调整集体土地承包方案", "规范村务公开栏内容",
        "制定垃圾分类奖惩办法", "明确宅基地审批公示程序", "制定文明养犬公约", "规范集体资产租赁", "调整保洁员考核办法",
    ]
    static let projectTitles = [
        "引进健身器材", "安装村内路灯", "硬化田间生产路", "改造村内排水沟", "建设老年食堂", "新建儿童之家",
        "修建文化广场", "更换供水管网", "建设邻里茶话室", "增设垃圾分类亭",
    ]
    static let people: [(ParticipantCategory, [String])] = [
        (.committees, ["张书记", "李主任", "王委员", "赵委员", "刘委员"]),
        (.collective, ["陈理事长", "孙理事", "周理事"]),
        (.representatives, ["吴秀英（党员代表）", "郑建国（群众代表）", "冯桂兰（群众代表）", "褚志强（党员代表）", "卫玉梅（群众代表）", "蒋德福（党员代表）"]),
    ]

    static func load(zoneCode: String, zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        guard zoneCode == "jinan" else { return }
        let repo = DeliberationRepository(db: db)
        let at = Clock.nowSeconds()
        let secretary = "村党组织书记"

        // History since 2021: one meeting a month, two or three passed decisions each.
        var affairs = 0
        var projects = 0
        var month = Day(year: 2021, month: 1, day: 15)!
        while month < Day(year: 2026, month: 9, day: 1)!, month < today {
            let meetingID = try await repo.insertMeeting(
                zoneID: zoneID, title: "阳光议事会（\(month.year)年\(month.month)月）", heldOn: month.description,
                place: "党群服务中心议事室", at: at)
            try await attendAll(meetingID: meetingID, stakeholders: [], db: db)
            try await repo.setMinutes(meetingID: meetingID, zoneID: zoneID, "到会人员逐项协商议程中的议题，形成决定并交村“两委”落实。")
            var kinds: [DecisionKind] = []
            if affairs < 120 { kinds += [.affair, .affair] }
            if projects < 50, month.month % 4 != 0 || affairs >= 120 { kinds.append(.project) }
            for (n, kind) in kinds.enumerated() {
                let base =
                    kind == .affair
                    ? affairTitles[(affairs + n) % affairTitles.count] : projectTitles[projects % projectTitles.count]
                let title = "\(base)（\(month.year)年\(month.month)月）"
                let topicID = try await repo.insertTopic(
                    zoneID: zoneID, title: title, notes: "征集党员群众意见，调研论证后列入议程。", by: secretary, at: at)
                try await repo.updateTopic(id: topicID, zoneID: zoneID, status: .decided)
                try await repo.insertAgenda(meetingID: meetingID, topicID: topicID, position: n + 1)
                _ = try await repo.insertDecision(
                    DelibDecisionRow(
                        id: 0, zoneId: zoneID, meetingId: meetingID, topicId: topicID, kind: kind.rawValue,
                        text: "同意\(base)，由村“两委”组织实施。",
                        voted: true, votesFor: 12 + n, votesAgainst: 1, votesAbstain: 1, passed: true, createdAt: at))
                if kind == .affair { affairs += 1 } else { projects += 1 }
            }
            month = Day(year: month.month == 12 ? month.year + 1 : month.year, month: month.month % 12 + 1, day: 15)!
        }

        // Issues of autumn 2026 from every channel.
        let residents = try await ResidentDirectory(db: db).residents(zoneID: zoneID)
        let demoPerson = try await UserRepository(db: db).find(username: "resident@jinan")?.personId
        let issues: [(DeliberationChannel, String, String, String, String)] = [
            (.council, "村东广场缺少健身器材", "老年人和孩子晚上在广场活动，没有健身器材，希望引进一批。", "3组村民代表", "2026-08-28"),
            (.forum, "村内主路夜间照明不足", "主路北段没有路灯，晚上出行不安全。", "民情恳谈会与会群众", "2026-09-03"),
            (.mailbox, "红白事大操大办现象抬头", "最近几起婚事宴席超过 30 桌，希望修订村规民约明确标准。", "书记信箱来信", "2026-09-05"),
            (.visit, "雨后排水沟堵塞积水", "5组路口每逢大雨积水，排水沟多年未清。", "5组 马德福", "2026-09-10"),
            (.online, "希望划定固定停车位", "外来租户车辆增多，乱停影响通行和消防通道。", "", "2026-09-12"),
            (.council, "集体果园承包到期如何续包", "集体果园承包合同年底到期，续包方式需要商量。", "集体经济组织理事会", "2026-10-08"),
            (.forum, "老年人吃饭难", "独居老人多，希望办老年食堂。", "民情恳谈会与会群众", "2026-10-12"),
            (.online, "垃圾分类亭位置不合理", "分类亭离 6 组太远，老人投放不便。", "", "2026-10-20"),
            (.visit, "新居民子女入学咨询", "租房新居民希望了解子女就近入学办法。", "租户 许晓燕", "2026-11-06"),
            (.mailbox, "村规民约中养犬条款需细化", "犬只伤人事件后，群众希望细化文明养犬要求。", "书记信箱来信", "2026-11-12"),
        ]
        var issueIDs: [Int64] = []
        for (n, i) in issues.enumerated() where Day(i.4)! <= today {
            let person = i.0 == .online ? residents[(n * 3) % max(residents.count, 1)] : nil
            let id = try await repo.insertIssue(
                DelibIssueRow(
                    id: 0, zoneId: zoneID, channel: i.0.rawValue, title: i.1, description: i.2,
                    raisedByName: person?.name ?? i.3,
                    raisedByPersonId: person?.id, recordedByUserId: nil, raisedOn: i.4, topicId: nil, createdAt: at))
            issueIDs.append(id)
            // Support from other residents (one each); the demo resident supports the first ones.
            for r in residents.dropFirst(n).prefix(3 + (n * 5) % 9)
            where r.id != person?.id && (r.id != demoPerson || n < 3) {
                try await repo.insertSupport(issueID: id, personID: r.id, at: at)
            }
        }
        guard issueIDs.count >= 5 else { return }

        // Topics from the issues, with research notes.
        func topic(_ title: String, _ notes: String, issues: [Int]) async throws -> Int64 {
            let id = try await repo.insertTopic(zoneID: zoneID, title: title, notes: notes, by: secretary, at: at)
            for i in issues where i < issueIDs.count { try await repo.setIssueTopic(issueID: issueIDs[i], topicID: id) }
            return id
        }
        let fitness = try await topic(
            "村东广场引进健身器材", "走访 3 组、4 组 46 户，41 户赞成；选址村东广场北侧空地，器材 12 件，约 6.8 万元，申请上级体育彩票公益金 4 万元，集体经济出资 2.8 万元。",
            issues: [0])
        let lights = try await topic("主路北段安装太阳能路灯", "实地测量需安装 18 盏，太阳能路灯免电费；报价 3 家比选，约 5.4 万元。", issues: [1])
        let customs = try await topic(
            "修订村规民约：红白事办理标准", "征求党员群众意见 120 份，多数赞成婚宴不超过 15 桌、彩礼不超过 3 万元，纳入积分制扣分事项。", issues: [2])
        let drains = try await topic("5组排水沟清淤改造", "排水沟长 320 米，清淤并加盖板，约 2.1 万元。", issues: [3])
        let parking = try await topic("划定村内停车位", "梳理主次道路可用空间，拟划定 60 个车位并保留消防通道。", issues: [4, 7])

        // 阳光议事会: the 15th of each month.
        func meeting(_ day: String, _ topics: [Int64], stakeholders: [String], minutes: String) async throws -> Int64? {
            guard Day(day)! <= today else { return nil }
            let id = try await repo.insertMeeting(
                zoneID: zoneID, title: "阳光议事会（\(day.prefix(4))年\(Int(day.dropFirst(5).prefix(2))!)月）", heldOn: day,
                place: "神武村党群服务中心议事室", at: at)
            for (n, t) in topics.enumerated() {
                try await repo.insertAgenda(meetingID: id, topicID: t, position: n + 1)
                try await repo.updateTopic(id: t, zoneID: zoneID, status: .scheduled)
            }
            try await attendAll(meetingID: id, stakeholders: stakeholders, db: db)
            try await repo.setMinutes(meetingID: id, zoneID: zoneID, minutes)
            return id
        }
        func decide(
            _ meetingID: Int64, _ topicID: Int64, _ kind: DecisionKind, _ text: String, votes: (Int, Int, Int)?,
            action: (String, String, String)?
        ) async throws -> Int64? {
            let present = try await repo.participants(meetingID: meetingID).count { $0.attended }
            let passed = votes.map { $0.0 * 2 > present } ?? true
            let id = try await repo.insertDecision(
                DelibDecisionRow(
                    id: 0, zoneId: zoneID, meetingId: meetingID, topicId: topicID, kind: kind.rawValue, text: text,
                    voted: votes != nil,
                    votesFor: votes?.0 ?? 0, votesAgainst: votes?.1 ?? 0, votesAbstain: votes?.2 ?? 0, passed: passed,
                    createdAt: at))
            try await repo.updateTopic(id: topicID, zoneID: zoneID, status: .decided)
            guard let action, passed else { return nil }
            let actionID = try await repo.insertAction(
                zoneID: zoneID, decisionID: id, title: action.0, owner: action.1, dueOn: action.2)
            try await repo.insertUpdate(
                actionID: actionID, day: try await repo.meeting(id: meetingID, zoneID: zoneID)!.heldOn, progress: 0,
                note: "议事会决定，交由\(action.1)落实", by: secretary, at: at)
            return actionID
        }
        func progress(_ actionID: Int64?, _ steps: [(String, Int, String)], summary: String? = nil) async throws {
            guard let actionID, var a = try await repo.action(id: actionID, zoneID: zoneID) else { return }
            for (day, p, note) in steps where Day(day)! <= today {
                try await repo.insertUpdate(actionID: actionID, day: day, progress: p, note: note, by: a.owner, at: at)
                a.progress = p
                if p == 100 {
                    a.status = "done"
                    a.completedOn = day
                }
            }
            if let summary, a.status == "done" {
                a.publishedAt = at
                a.resultSummary = summary
            }
            try await repo.updateAction(a)
        }

        if let sept = try await meeting(
            "2026-09-15", [fitness, customs], stakeholders: ["3组村民代表 高长青", "4组村民代表 林翠萍"],
            minutes:
                "一、健身器材：与会人员赞成在村东广场北侧安装，建议增加适合老年人的器材。\n二、红白事标准：多数同意婚宴不超过 15 桌、彩礼不超过 3 万元，个别代表认为桌数应放宽到 20 桌，经协商维持 15 桌。")
        {
            let fitnessAction = try await decide(
                sept, fitness, .project, "在村东广场北侧安装健身器材 12 件，费用 6.8 万元（公益金 4 万元、集体 2.8 万元）。",
                votes: (14, 1, 1), action: ("村东广场健身器材安装", "村委会 李主任", "2026-11-10"))
            try await progress(
                fitnessAction,
                [
                    ("2026-09-25", 30, "完成比选，确定供货单位"), ("2026-10-20", 70, "地面硬化完成，器材到货"),
                    ("2026-11-08", 100, "12 件器材安装完毕并通过验收"),
                ],
                summary: "村东广场 12 件健身器材已于 2026 年 11 月 8 日安装完毕并验收，实际支出 6.62 万元，结余 0.18 万元退回集体账户。")
            let customsAction = try await decide(
                sept, customs, .affair, "修订村规民约第七条：婚宴不超过 15 桌、彩礼不超过 3 万元；违者纳入积分制扣分。",
                votes: (13, 2, 1), action: ("村规民约第七条修订并公布", "村党组织 王委员", "2026-12-31"))
            try await progress(customsAction, [("2026-10-10", 50, "修订稿张贴征求意见"), ("2026-11-05", 80, "提交村民代表会议表决通过")])
        }
        if let oct = try await meeting(
            "2026-10-15", [lights, drains], stakeholders: ["5组村民 马德福"],
            minutes: "一、路灯：一致同意安装太阳能路灯，建议在十字路口加装 2 盏。\n二、排水沟：5组群众反映强烈，同意清淤加盖板，施工期间临时改道。")
        {
            let lightsAction = try await decide(
                oct, lights, .project, "主路北段安装太阳能路灯 20 盏（含路口 2 盏），约 6 万元。", votes: nil,
                action: ("主路北段太阳能路灯安装", "村委会 赵委员", "2026-12-20"))
            try await progress(lightsAction, [("2026-11-02", 40, "完成比选，签订供货合同"), ("2026-11-18", 60, "灯杆基础浇筑完成")])
            let drainsAction = try await decide(
                oct, drains, .project, "5组排水沟 320 米清淤并加盖板。", votes: (12, 0, 2),
                action: ("5组排水沟清淤改造", "村委会 刘委员", "2026-11-30"))
            try await progress(drainsAction, [("2026-10-28", 50, "清淤完成"), ("2026-11-16", 80, "盖板安装过半")])
        }
        if let nov = try await meeting(
            "2026-11-15", [parking], stakeholders: ["租户代表 许晓燕", "物业公司 韩经理"],
            minutes: "停车位：多数赞成划定 60 个车位；租户代表希望预留临时车位，经协商增设 8 个临时车位；有代表担心占用晾晒场地。")
        {
            _ = try await decide(
                nov, parking, .affair, "划定固定停车位 60 个、临时车位 8 个，保留消防通道，由村委会制定管理办法。",
                votes: (11, 3, 2), action: ("划定停车位并制定管理办法", "村委会 李主任", "2027-01-15"))
        }
    }

    /// Invites the standing participants (two committees, collective board, representatives) and
    /// the stakeholders; one representative is absent.
    static func attendAll(meetingID: Int64, stakeholders: [String], db: any SQLDatabase) async throws {
        let repo = DeliberationRepository(db: db)
        for (category, names) in people {
            for (n, name) in names.enumerated() {
                try await repo.insertParticipant(
                    meetingID: meetingID, category: category.rawValue, name: name,
                    attended: !(category == .representatives && n == names.count - 1))
            }
        }
        for name in stakeholders {
            try await repo.insertParticipant(
                meetingID: meetingID, category: ParticipantCategory.stakeholders.rawValue, name: name, attended: true)
        }
    }
}
