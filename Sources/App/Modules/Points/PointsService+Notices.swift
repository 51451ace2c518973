import GaoxinCore
import SQLKit

extension PointsService {
    /// The weekly review's decisions reach whoever declared each entry and the resident it is for
    /// (their login), through the outbox in the review's transaction.
    static func noticeReviewed(
        _ entries: [PointsEntry], rows: [PointsEntryRow], zoneID: Int64, subjects: PointsSubjects,
        on db: any SQLDatabase
    ) async throws {
        let byID = Dictionary(rows.map { (String($0.id), $0) }, uniquingKeysWith: { a, _ in a })
        for entry in entries {
            guard let row = byID[entry.id] else { continue }
            var to: [NoticeRecipient] = row.enteredByUserId.map { [.user($0)] } ?? []
            if row.subject.hasPrefix("person:"), let person = Int64(row.subject.dropFirst("person:".count)) {
                to.append(.person(person))
            }
            let confirmed = entry.status == .confirmed
            let reason = entry.decisions.last?.reason ?? ""
            try await Outbox.enqueue(
                on: db, zoneID: zoneID, to: to,
                Notice(
                    kind: .pointsReview,
                    subject: "积分申报\(confirmed ? "已确认" : "未通过")：记录 \(row.id)",
                    body: "\(subjects.name(row.subject)) \(row.day) 的积分申报（\(entry.points) 分）"
                        + (confirmed ? "已经审核确认。" : "未通过审核" + (reason.isEmpty ? "。" : "，理由：\(reason)")),
                    link: .points))
        }
    }
}
