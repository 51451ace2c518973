import Foundation
import GaoxinCore
import SQLKit

/// A handful of 政策咨询 for 佛山 and 西安 in every state the pages show: waiting, answered on
/// time and published as a Q&A, answered late (overdue, escalated), still unanswered past the
/// deadline, and a 差评 with its follow-up. Run through the engine, so the records are real.
enum DemoConsultations {
    struct Ask {
        let daysAgo: Int
        let question: String
        let answer: String?
        /// Days after asking that the answer came.
        let answeredAfter: Int
        let rating: RatingLevel?
        let comment: String?
        let published: Bool
        let publicAsker: Bool
    }

    static let asks: [Ask] = [
        Ask(
            daysAgo: 20, question: "我公司去年首次认定为高新技术企业，奖励需要企业申报吗？多久能到账？",
            answer: "需要在申报期内提交申请表和高新技术企业证书复印件，审核通过后 30 个工作日内拨付。", answeredAfter: 1,
            rating: .verySatisfied, comment: "答复及时清楚", published: true, publicAsker: false),
        Ask(
            daysAgo: 16, question: "研发费用补助的研发费用口径，是以专项审计报告为准还是以汇算清缴申报数为准？",
            answer: "以研发费用专项审计报告为准，审计口径与加计扣除口径一致。", answeredAfter: 9,
            rating: .dissatisfied, comment: "答复太晚，已错过内部决策时间", published: false, publicAsker: false),
        Ask(
            daysAgo: 12, question: "外地迁入的企业，迁入当年可以享受本区的研发补助吗？",
            answer: nil, answeredAfter: 0, rating: nil, comment: nil, published: false, publicAsker: true),
        Ask(
            daysAgo: 0, question: "科技型中小企业评价入库后，哪些政策可以免申即享？",
            answer: nil, answeredAfter: 0, rating: nil, comment: nil, published: false, publicAsker: false),
    ]

    static func load(zoneCode: String, zoneID: Int64, engine: CaseEngine, db: any SQLDatabase) async throws {
        guard zoneCode == "foshan" || zoneCode == "xian" else { return }
        let users = UserRepository(db: db)
        guard let asker = try await users.find(username: "enterprise@\(zoneCode)"),
            let staff = try await users.find(username: "staff@\(zoneCode)"), let departmentID = staff.departmentId
        else { return }
        let policies = try await PolicyRepository(db: db).policies(zoneID: zoneID)
            .filter { $0.departmentId == departmentID && $0.policyStatus == .published }
        let items = try await PolicyRepository(db: db).items(policyIDs: policies.map(\.id))
        guard !items.isEmpty else { return }
        let now = Clock.nowSeconds()
        let cases = CaseRepository(db: db)
        let details = ConsultationRepository(db: db)
        for (index, ask) in asks.enumerated() {
            let item = items[index % items.count]
            // Mid-morning, so "N days ago" is a plain office moment.
            let opened = LocalMoment(
                day: LocalMoment(unixSeconds: now - Int64(ask.daysAgo) * 86_400).day, minuteOfDay: 9 * 60 + 30)
            let openedAt = min(opened, LocalMoment(unixSeconds: now))
            let actor =
                ask.publicAsker
                ? CaseActor(id: "public:13800138000", role: .public)
                : CaseActor(id: CaseIDs.user(asker.id), role: .enterpriseUser)
            var record = try engine.open(
                typeCode: ConsultationCaseTypes.consultation.code, by: actor, at: openedAt, note: ask.question)
            var answeredAt: LocalMoment?
            if let answer = ask.answer {
                let at = LocalMoment(day: openedAt.day.adding(days: ask.answeredAfter), minuteOfDay: 16 * 60)
                record = try engine.checkDeadline(record, now: at).record
                record = try engine.perform(
                    "answer", on: record, by: CaseActor(id: CaseIDs.user(staff.id), role: .departmentStaff), at: at,
                    note: answer, assignee: CaseIDs.department(departmentID))
                answeredAt = at
            }
            var followUp: (FollowUpRequest, CaseRecord)?
            if let level = ask.rating, let at = answeredAt {
                let ratedAt = LocalMoment(day: at.day.adding(days: 1), minuteOfDay: 10 * 60)
                let outcome = try engine.rate(record, by: actor, level: level, comment: ask.comment, at: ratedAt)
                record = outcome.record
                if let request = outcome.followUp {
                    followUp = (
                        request,
                        try engine.open(typeCode: request.caseTypeCode, by: actor, at: ratedAt, note: request.reason)
                    )
                }
            }
            let title = String(ask.question.prefix(40))
            let id = try await cases.insert(
                record, zoneID: zoneID, title: title, requesterUserID: ask.publicAsker ? nil : asker.id,
                enterpriseID: ask.publicAsker ? nil : asker.enterpriseId,
                assignee: CaseIDs.department(departmentID), actor: nil)
            try await details.insert(
                ConsultationRow(
                    caseId: id, zoneId: zoneID, policyItemId: item.id, departmentId: departmentID,
                    question: ask.question,
                    askerName: ask.publicAsker ? "王先生" : asker.displayName,
                    askerMobile: ask.publicAsker ? "13800138000" : nil,
                    answer: ask.answer, answeredBy: ask.answer == nil ? nil : staff.id,
                    answeredAt: answeredAt?.unixSeconds(),
                    published: ask.published, publishedAt: ask.published ? answeredAt?.unixSeconds() : nil))
            if let followUp {
                let (request, followRecord) = followUp
                _ = try await cases.insert(
                    followRecord, zoneID: zoneID, title: "差评回访：\(CaseRow.number(id)) \(title)",
                    requesterUserID: asker.id, enterpriseID: asker.enterpriseId,
                    assignee: request.handledBy ?? CaseIDs.department(departmentID), parentCaseID: id, actor: nil)
            }
        }
    }
}
