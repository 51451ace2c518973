import Foundation
import GaoxinCore
import SQLKit

/// 硚口 共享法庭 (seed 002) at 济南: a consumer dispute settled online within its working day (both
/// parties confirmed), a labour dispute referred to court, a business dispute scheduled for its
/// session, a new filing, and 司法建议 letters (one answered by the enterprise).
enum DemoMediation {
    static func load(zoneCode: String, zoneID: Int64, engine: CaseEngine, db: any SQLDatabase) async throws {
        guard zoneCode == "jinan" else { return }
        let users = UserRepository(db: db)
        guard let staff = try await users.find(username: "staff@\(zoneCode)"),
            let resident = try await users.find(username: "resident@\(zoneCode)"),
            let enterpriseUser = try await users.find(username: "enterprise@\(zoneCode)"),
            let own = enterpriseUser.enterpriseId
        else { return }
        let names = try await EnterpriseHelpRepository(db: db).enterpriseNames(zoneID: zoneID)
        let others = names.keys.sorted().filter { $0 != own }
        guard others.count >= 2 else { return }
        let office = CaseActor(id: CaseIDs.user(staff.id), role: .departmentStaff)
        let now = Clock.nowSeconds()
        // The last working day before today, at 9:00: the settled case's whole day.
        var day = Clock.today.adding(days: -1)
        while !engine.calendar.isWorkingDay(day) { day = day.adding(days: -1) }
        func at(_ d: Day, _ h: Int, _ m: Int = 0) -> LocalMoment { LocalMoment(day: d, minuteOfDay: h * 60 + m) }
        let repo = MediationRepository(db: db)

        func insert(
            _ record: CaseRecord, kind: DisputeKind, claim: String, amount: Int64?, filedBy: Int64,
            parties: [(String, String, Int64?, Int64?, Int64?)], filed: LocalMoment, session: (String, String)? = nil,
            agreement: (String, Int64?, String?)? = nil, outcome: (String?, Bool)? = nil
        ) async throws -> Int64 {
            let target = MediationTarget.deadline(filedAt: filed, calendar: engine.calendar)!
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: zoneID, title: String(claim.prefix(40)), requesterUserID: filedBy, enterpriseID: nil,
                assignee: nil, actor: nil)
            try await repo.insert(
                MediationRow(
                    caseId: id, zoneId: zoneID, kind: kind.rawValue, claim: claim, amountClaimed: amount,
                    eventCaseId: nil, targetDay: target.day.description, targetMinute: target.minuteOfDay))
            for p in parties {
                try await repo.insertParty(
                    MediationPartyRow(
                        id: 0, caseId: id, zoneId: zoneID, side: p.0, name: p.1, userId: p.2, enterpriseId: p.3))
            }
            let stored = try await repo.parties(caseIDs: [id])
            for (p, s) in zip(parties, stored) where p.4 != nil { try await repo.confirm(partyID: s.id, at: p.4!) }
            if let session {
                try await repo.setSession(caseID: id, at: session.0, link: session.1, participants: "双方当事人、庭务主任、特邀调解员")
            }
            if let agreement {
                try await repo.setAgreement(caseID: id, text: agreement.0, amount: agreement.1, deadline: agreement.2)
            }
            if let outcome { try await repo.setOutcome(caseID: id, note: outcome.0, onTarget: outcome.1) }
            return id
        }

        // 1. Consumer dispute settled the same day.
        let residentActor = CaseActor(id: CaseIDs.user(resident.id), role: .resident)
        let claim1 = "购买的空气净化器使用一周后故障，商家拒绝退货，请求退还货款 2680 元。"
        var r = try engine.open(typeCode: HelpCaseTypes.mediation.code, by: residentActor, at: at(day, 9), note: claim1)
        r = try engine.perform("accept", on: r, by: office, at: at(day, 9, 30), note: "受理")
        r = try engine.perform("schedule", on: r, by: office, at: at(day, 10), note: "\(day) 14:00 在线调解")
        let text1 = "被申请人于协议签订后 3 日内退还申请人货款 2680 元，申请人退回商品；双方再无其他争议。"
        r = try engine.perform("agree", on: r, by: office, at: at(day, 14, 40), note: text1)
        r = try engine.perform("settle", on: r, by: residentActor, at: at(day, 15, 10), note: "双方均已确认")
        _ = try await insert(
            r, kind: .consumer, claim: claim1, amount: 2680, filedBy: resident.id,
            parties: [
                ("applicant", resident.displayName, resident.id, nil, at(day, 15).unixSeconds()),
                ("respondent", names[own] ?? "被申请企业", nil, own, at(day, 15, 10).unixSeconds()),
            ], filed: at(day, 9), session: ("\(day) 14:00", "https://court.example.cn/room/8861"),
            agreement: (text1, 2680, day.adding(days: 3).description), outcome: (nil, true))

        // 2. Labour dispute referred to court.
        var d2 = day.adding(days: -6)
        while !engine.calendar.isWorkingDay(d2) { d2 = d2.adding(days: -1) }
        let claim2 = "公司拖欠 2026 年 9 月至 10 月工资共计 12000 元，请求支付。"
        r = try engine.open(typeCode: HelpCaseTypes.mediation.code, by: office, at: at(d2, 10), note: claim2)
        r = try engine.perform("accept", on: r, by: office, at: at(d2, 10, 20), note: "受理")
        r = try engine.perform("schedule", on: r, by: office, at: at(d2, 11), note: "\(d2) 15:00 在线调解")
        let reason = "被申请人不同意支付，双方分歧较大，调解不成；已告知申请人向劳动人事争议仲裁委员会申请仲裁或向人民法院起诉。"
        r = try engine.perform("refer", on: r, by: office, at: at(d2, 16), note: reason)
        _ = try await insert(
            r, kind: .labour, claim: claim2, amount: 12000, filedBy: staff.id,
            parties: [
                ("applicant", "张师傅", nil, nil, nil), ("respondent", names[others[0]] ?? "—", nil, others[0], nil),
            ],
            filed: at(d2, 10), session: ("\(d2) 15:00", "https://court.example.cn/room/8802"), outcome: (reason, true))

        // 3. Business dispute waiting for its session.
        let claim3 = "被申请人逾期未支付设备采购尾款 86000 元，请求支付尾款及违约金。"
        let t3 = LocalMoment(unixSeconds: now - 3600)
        r = try engine.open(
            typeCode: HelpCaseTypes.mediation.code,
            by: CaseActor(id: CaseIDs.user(enterpriseUser.id), role: .enterpriseUser),
            at: t3, note: claim3)
        r = try engine.perform("accept", on: r, by: office, at: LocalMoment(unixSeconds: now - 1800), note: "受理")
        r = try engine.perform(
            "schedule", on: r, by: office, at: LocalMoment(unixSeconds: now - 1200), note: "明日 10:00 在线调解")
        _ = try await insert(
            r, kind: .business, claim: claim3, amount: 86000, filedBy: enterpriseUser.id,
            parties: [
                ("applicant", names[own] ?? "—", nil, own, nil),
                ("respondent", names[others[1]] ?? "—", nil, others[1], nil),
            ], filed: t3, session: ("\(Clock.today.adding(days: 1)) 10:00", "https://court.example.cn/room/8890"))

        // 4. A new filing, not yet accepted.
        let claim4 = "在健身房办理年卡后门店停业，请求退还剩余 8 个月会费 1600 元。"
        let t4 = LocalMoment(unixSeconds: now - 600)
        r = try engine.open(typeCode: HelpCaseTypes.mediation.code, by: residentActor, at: t4, note: claim4)
        _ = try await insert(
            r, kind: .consumer, claim: claim4, amount: 1600, filedBy: resident.id,
            parties: [
                ("applicant", resident.displayName, resident.id, nil, nil), ("respondent", "某健身服务部", nil, nil, nil),
            ],
            filed: t4)

        // 司法建议.
        _ = try await repo.insertLetter(
            MediationLetterRow(
                id: 0, zoneId: zoneID, enterpriseId: own, kind: DisputeKind.consumer.rawValue,
                pattern: "近三个月同类退货纠纷 4 件", letter: "建议完善售后退换货规则并在门店显著位置公示，设立专人处理消费投诉。",
                sentOn: day.description, reply: nil, repliedAt: nil, createdAt: now))
        let answered = try await repo.insertLetter(
            MediationLetterRow(
                id: 0, zoneId: zoneID, enterpriseId: others[0], kind: DisputeKind.labour.rawValue,
                pattern: "近半年欠薪纠纷 3 件", letter: "建议建立工资按月足额支付制度，规范劳动合同签订。",
                sentOn: d2.description, reply: nil, repliedAt: nil, createdAt: now))
        try await repo.reply(letterID: answered, text: "已建立工资专户，按月 15 日足额发放，已补签劳动合同 12 份。", at: now)
    }
}
