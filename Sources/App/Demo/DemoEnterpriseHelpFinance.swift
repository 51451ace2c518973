import Foundation
import GaoxinCore
import SQLKit

/// 沈阳's 光华-style monthly 现场办公会 with its problem list (each a routed demand) and results
/// notice; two enterprises in the listing pipeline with their advisory teams and dated meetings;
/// 知识产权质押融资 pledges adding up to a visible total.
enum DemoEnterpriseHelpFinance {
    static func load(
        zoneID: Int64, enterprises: [Int64], admin: Int64, staff: UserRow, engine: CaseEngine, now: Int64,
        db: any SQLDatabase
    ) async throws {
        guard enterprises.count >= 20, let department = staff.departmentId else { return }
        let repo = EnterpriseHelpFinanceRepository(db: db)
        let held = LocalMoment(unixSeconds: now - 14 * 86_400).day
        let meeting = try await repo.insertMeeting(
            zoneID: zoneID, title: "\(held.month)月企业服务现场办公会", heldOn: held.description, place: "浑南会客厅", at: now)
        let problems: [(Int, DemandCategory, String, Bool)] = [
            (12, .land, "标准厂房租金补贴申请流程不清", true),
            (13, .labour, "技能人才公寓配租名额不足", true),
            (14, .approval, "施工许可证办理时间长", false),
            (15, .logistics, "园区公交线路未覆盖新厂区", false),
        ]
        let adminActor = CaseActor(id: CaseIDs.user(admin), role: .zoneAdmin)
        let staffActor = CaseActor(id: CaseIDs.user(staff.id), role: .departmentStaff)
        for (index, category, text, solved) in problems {
            let e = enterprises[index]
            let enterpriseActor = EnterpriseHelpService.enterpriseActor(e)
            let at = LocalMoment(day: held, minuteOfDay: 10 * 60)
            var record = try engine.open(
                typeCode: HelpCaseTypes.demand.code, by: enterpriseActor, at: at, note: "（现场办公会）\(text)")
            record = try engine.perform(
                "route", on: record, by: adminActor, at: LocalMoment(day: held, minuteOfDay: 11 * 60),
                assignee: CaseIDs.department(department))
            var answer: String?
            if solved {
                let day = held.adding(days: 3)
                answer = "已落实，详见结果通报。"
                record = try engine.perform(
                    "answer", on: record, by: staffActor, at: LocalMoment(day: day, minuteOfDay: 15 * 60), note: answer)
                record = try engine.perform(
                    "confirm", on: record, by: enterpriseActor,
                    at: LocalMoment(day: day.adding(days: 1), minuteOfDay: 9 * 60))
            }
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: zoneID, title: text, requesterUserID: nil, enterpriseID: e,
                assignee: CaseIDs.department(department), actor: nil)
            try await EnterpriseHelpDemandRepository(db: db).insert(
                HelpDemandRow(
                    caseId: id, zoneId: zoneID, enterpriseId: e, category: category.rawValue,
                    channel: DemandChannel.meeting.rawValue, visitId: nil, meetingId: meeting, departmentId: department,
                    filedByUserId: admin, text: text, answer: answer))
        }
        try await repo.setNotice(
            meetingID: meeting,
            notice: "本次现场办公会收集企业问题 4 个，已解决 2 个（厂房租金补贴流程已一次性告知，人才公寓新增配租 20 套），其余 2 个由责任部门限时办理，下次办公会通报。")

        // 上市培育: two candidates.
        let candidates: [(Int, ListingStage, String, [(Int, String, String)])] = [
            (
                16, .tutoring, "券商：中信证券；律所：金杜律师事务所；会计师：天健会计师事务所；园区金融发展局专员",
                [(120, "提前会商", "梳理股权结构，确定股改时间表"), (60, "定期研判", "股改完成（推进至“股改”）"), (10, "定期研判", "辽宁证监局辅导备案（推进至“辅导备案”）")]
            ),
            (
                17, .restructuring, "券商：国泰君安；会计师：立信会计师事务所；园区金融发展局专员",
                [(90, "提前会商", "研判科创板适配性"), (20, "顾问团辅导", "完成股份制改造方案（推进至“股改”）")]
            ),
        ]
        for (index, stage, advisers, events) in candidates {
            let id = try await repo.insertListing(
                zoneID: zoneID, enterpriseID: enterprises[index], stage: stage.rawValue, advisers: advisers, at: now)
            for (daysAgo, kind, notes) in events {
                try await repo.insertEvent(
                    listingID: id, heldOn: LocalMoment(unixSeconds: now - Int64(daysAgo) * 86_400).day.description,
                    kind: kind, notes: notes)
            }
        }

        // 知识产权质押融资: five pledges, 4150 万元 in all.
        // Linked only to a real 贴息 item (沈阳's ledger has none, so its pledges wait for one).
        let item = try await repo.subsidyItems(zoneID: zoneID).first { $0.1.contains("贴息") }?.0
        let pledges: [(Int, String, String, Int64, Int, Int, Int)] = [
            (0, "发明专利 ZL2021 1 0456789.1 等 3 件", "中国建设银行沈阳浑南支行", 1000, 385, 12, 200),
            (4, "发明专利 2 件、实用新型 5 件", "交通银行辽宁省分行", 800, 370, 12, 150),
            (8, "注册商标“浑南智造”", "沈阳农村商业银行", 300, 420, 12, 100),
            (18, "发明专利 ZL2020 1 0123456.7", "兴业银行沈阳分行", 1500, 365, 24, 60),
            (19, "软件著作权 6 件、发明专利 1 件", "中国银行沈阳分行", 550, 395, 12, 30),
        ]
        for (index, collateral, bank, amount, rate, term, daysAgo) in pledges {
            let start = LocalMoment(unixSeconds: now - Int64(daysAgo) * 86_400).day
            _ = try await repo.insertPledge(
                HelpPledgeRow(
                    id: 0, zoneId: zoneID, enterpriseId: enterprises[index], collateral: collateral, bank: bank,
                    amount: amount, rateBp: rate, termMonths: term, startOn: start.description,
                    endOn: start.adding(days: term * 30).description, policyItemId: item, createdAt: now))
        }
    }
}
