import Foundation
import GaoxinCore
import SQLKit

/// 重点项目调度, events and 头脑风暴 from the seeds: 宝鸡's key projects and 民生工程 (桐城's 一月一调度、
/// 一月一通报、一月一督办 with 约谈) reported month by month this year, some lagging, one silent, one
/// 约谈; 宝鸡's 招商小分队 — 8 次上门对接 to 宁波、台州、深圳、长沙、北京、兰州、青岛, 对接企业 42 户, 27 户
/// 来宝考察; 肇庆's 东莞 推介会 and its 头脑风暴 of 620 建议 from close to 190 cadres, 10 of them adopted.
enum DemoInvestmentDispatch {
    static func load(zoneCode: String, zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        switch zoneCode {
        case "baoji":
            try await dispatch(zoneID: zoneID, today: today, db: db)
            try await teams(zoneID: zoneID, today: today, db: db)
        case "zhaoqing":
            try await ideas(zoneID: zoneID, today: today, db: db)
        case "foshan", "shenyang":
            try await chainReviews(zoneID: zoneID, today: today, db: db)
        default: return
        }
    }

    static func dispatch(zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        let repo = InvestmentDispatchRepository(db: db)
        let last = DispatchMonthReport.defaultMonth(today: today)
        let departments = try await ZoneRepository(db: db).departments(scope: .zone(zoneID)).map(\.id)
        guard departments.count >= 4 else { return }
        let projects = try await repo.signedProjects(zoneID: zoneID, limit: 12)
        var items: [(DispatchKind, String, Int64?, Int64)] = projects.enumerated().map {
            (.keyProject, $0.element.1, $0.element.0, Int64(20_000 + $0.offset * 5_000))
        }
        for (i, name) in ["城乡供水一体化工程", "老旧小区改造工程", "农村公路提质工程", "高新区第二小学扩建工程", "社区卫生服务中心建设", "居家养老服务中心建设"]
            .enumerated()
        {
            items.append((.livelihood, name, nil, Int64(3_000 + i * 1_500)))
        }
        var lateID: Int64?
        for (n, (kind, name, projectID, plan)) in items.enumerated() {
            let department = departments[1 + n % 4]
            let id = try await repo.insertItem(
                DispatchItemRow(
                    id: 0, zoneId: zoneID, year: last.year, kind: kind.rawValue, name: name, projectId: projectID,
                    departmentId: department, annualPlan: plan, createdAt: Clock.nowSeconds()))
            // Most keep pace with the year; every fourth lags at 70 %; one says nothing in the last month.
            let pace = n % 4 == 3 ? 0.7 : 1.0 + Double(n % 3) * 0.03
            for m in 1...last.month {
                if n == 5 && m == last.month { continue }
                let progress = min(100, Int(Double(m * 100) / 12 * pace))
                try await repo.setReport(
                    DispatchReportRow(
                        itemId: id, zoneId: zoneID, month: DispatchMonth(year: last.year, month: m)!.description,
                        progress: progress, invested: plan * Int64(progress) / 100,
                        note: progress >= 100 ? "已完成" : m == last.month ? "按计划推进主体施工" : "", byName: "责任单位联络员",
                        createdAt: Clock.nowSeconds()))
            }
            if n == 3 { lateID = id }
        }
        if let lateID {
            try await repo.insertEscalation(
                DispatchEscalationRow(
                    id: 0, zoneId: zoneID, itemId: lateID, month: last.description, reason: "形象进度连续三个月滞后序时进度",
                    interviewOn: min(today, Day(year: last.year, month: last.month, day: 28)!).description,
                    interviewee: "责任单位分管负责人", outcome: "约谈后制定赶工计划，下月 15 日前报送整改情况", byName: "管委会督查室",
                    createdAt: Clock.nowSeconds()))
        }
    }

    static func teams(zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        let repo = InvestmentDispatchRepository(db: db)
        let y = DemoInvestment.year(today)
        let signed = try await repo.signedProjects(zoneID: zoneID, limit: 40).map(\.0).reversed()
        let trips = [
            ("宁波", 5, 3), ("台州", 5, 4), ("深圳", 6, 4), ("长沙", 5, 3), ("北京", 6, 4), ("兰州", 5, 3), ("青岛", 5, 3),
            ("深圳", 5, 3),
        ]
        var toLink = Array(signed)
        for (n, (city, contacts, visits)) in trips.enumerated() {
            let id = try await repo.insertEvent(
                InvestEventRow(
                    id: 0, zoneId: zoneID, kind: InvestEventKind.team.rawValue,
                    title: "招商小分队赴\(city)上门对接（第 \(n + 1) 批次）",
                    heldOn: Day(year: y, month: 1 + n * 3 / 4, day: 8 + n)!.description, place: city,
                    team: "招商局、钛产业园、汽车产业园招商人员", contacts: contacts, visits: visits,
                    notes: "上门对接钛材、汽车零部件和高端装备企业", createdAt: Clock.nowSeconds()))
            for _ in 0..<(n % 2 == 0 ? 1 : 0) where !toLink.isEmpty {
                try await repo.linkProject(eventID: id, projectID: toLink.removeFirst())
            }
        }
    }

    static func ideas(zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        let repo = InvestmentDispatchRepository(db: db)
        let y = DemoInvestment.year(today)
        let eventID = try await repo.insertEvent(
            InvestEventRow(
                id: 0, zoneId: zoneID, kind: InvestEventKind.promotion.rawValue, title: "肇庆高新区专场招商引资推介会（东莞）",
                heldOn: Day(year: y, month: 3, day: 16)!.description, place: "东莞",
                team: "联合粤海新岗产业园", contacts: 60, visits: 12, notes: "推介新能源汽车和新型储能产业链配套项目",
                createdAt: Clock.nowSeconds()))
        let signed = try await repo.signedProjects(zoneID: zoneID, limit: 2)
        for (id, _) in signed { try await repo.linkProject(eventID: eventID, projectID: id) }
        let talks = try await InvestmentRepository(db: db).projects(
            zoneID: zoneID, filter: ProjectFilter(stage: .talks), try Pager(page: 1, size: 2))
        let topics = [
            "新型储能产业链招商", "新能源汽车零部件配套", "营商环境", "产业用地保障", "人才公寓建设", "科技金融", "产学研合作", "园区配套服务",
            "以商招商", "基金招商", "龙头企业引育", "标准厂房建设",
        ]
        let approaches = [
            "成立工作专班", "绘制产业链招商图谱", "赴珠三角开展专场推介", "完善配套扶持政策", "引入链主企业", "建立项目储备库", "实行一企一策",
            "强化要素保障", "推行拿地即开工", "组建产业基金", "开展驻点招商", "建立企业服务专员制度", "深化校地合作",
        ]
        let submitted = Day(year: y, month: 7, day: 6)!.description
        for n in 0..<620 {
            let status: IdeaStatus =
                n < 10 ? (n < 2 && n < talks.rows.count ? .lead : .adopted) : n < 310 ? .declined : .submitted
            _ = try await repo.insertIdea(
                InvestIdeaRow(
                    id: 0, zoneId: zoneID,
                    title: "\(topics[n % topics.count])：\(approaches[(n / topics.count) % approaches.count])",
                    detail:
                        "围绕肇庆高新区高质量发展、新型储能产业发展，建议\(approaches[(n / topics.count) % approaches.count])，推动\(topics[n % topics.count])取得实效。",
                    proposer: "第\(1 + n % 4)轮小组讨论 · 党员干部 \(1 + n % 188) 号", submittedOn: submitted,
                    status: status.rawValue,
                    screeningNote: status == .declined ? "与其他建议归并" : status == .submitted ? "" : "纳入 10 条意见建议",
                    projectId: status == .lead ? talks.rows[n].id : nil, createdAt: Clock.nowSeconds()))
        }
    }

    /// 一月一链: the last three months' review of each chain (金华: 每月围绕一条产业链).
    static func chainReviews(zoneID: Int64, today: Day, db: any SQLDatabase) async throws {
        let repo = InvestmentDispatchRepository(db: db)
        var month = DispatchMonth(today).previous
        for _ in 0..<3 {
            for chain in try await InvestmentRepository(db: db).chains(zoneID: zoneID) {
                try await repo.insertReview(
                    InvestChainReviewRow(
                        id: 0, zoneId: zoneID, chainId: chain.id, month: month.description,
                        heldOn: Day(year: month.year, month: month.month, day: 20)!.description,
                        attendees: "链长、牵头部门、链主企业和专家团队代表",
                        minutes: "研究\(chain.name)产业链短板缺项和在谈项目，明确下月对接的目标企业和责任人。", byName: "链长办公室",
                        createdAt: Clock.nowSeconds()))
            }
            month = month.previous
        }
    }
}
