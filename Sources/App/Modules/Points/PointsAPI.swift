import Foundation
import GaoxinCore
import OpenAPIRuntime
import SQLKit

/// The resident points operations of `/api/v1`: the same service, ledger and `Permissions` as the
/// pages. A `Refusal` becomes a 400 problem centrally; where the API names a field differently from
/// the form, the refusal is renamed here.
extension APIHandler {
    /// The caller with governance access in their home zone.
    private func pointsCaller() throws -> (CurrentUser, Int64) {
        let user = try APICaller.require()
        guard let zoneID = user.homeZoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .view, .module(.governance, zoneID: zoneID)))
        return (user, zoneID)
    }

    static func pointsEntry(_ e: PointsEntry, itemName: (String) -> String?, subjects: PointsSubjects)
        -> Components.Schemas.PointsEntry
    {
        let closed = e.status == .rejected || e.status == .revoked
        return .init(
            id: Int64(e.id) ?? 0, subject: e.subject, subjectName: subjects.name(e.subject), day: e.day.description,
            itemCode: e.itemID,
            itemName: itemName(e.itemID) ?? e.itemID, points: e.points, status: e.status.rawValue,
            statusLabel: e.status.label,
            origin: e.origin.rawValue, evidence: e.evidence, reason: closed ? e.decision?.reason : nil,
            decidedBy: e.decision?.by)
    }

    func listPointsItems(_ input: Operations.ListPointsItems.Input) async throws -> Operations.ListPointsItems.Output {
        let (_, zoneID) = try pointsCaller()
        let items = try await PointsRepository(db: db).items(zoneID: zoneID).map { r in
            Components.Schemas.PointsItem(
                code: r.code, name: r.name, category: r.category, points: r.points, capPoints: r.capPoints,
                capPeriod: r.capPer, active: r.isActive)
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func getMyPoints(_ input: Operations.GetMyPoints.Input) async throws -> Operations.GetMyPoints.Output {
        let (user, zoneID) = try pointsCaller()
        guard user.personID != nil else { throw APIError.forbidden }
        let today = Clock.today
        let yearNumber = input.query.year ?? today.year
        guard (2000...today.year).contains(yearNumber) else {
            throw APIError.validation([.init(field: "year", message: "年份应在 2000 到 \(today.year) 之间")])
        }
        let records = try await PointsAPIRecords.load(
            personID: user.personID, zoneID: zoneID, yearNumber: yearNumber, db: db)
        return .ok(.init(body: .json(.init(year: yearNumber, subjects: records))))
    }

    func declarePoints(_ input: Operations.DeclarePoints.Input) async throws -> Operations.DeclarePoints.Output {
        let (user, zoneID) = try pointsCaller()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let access = try await PointsAccess.load(user, zoneID: zoneID, db: db)
        guard user.personID != nil || access.reviews else { throw APIError.forbidden }
        let subject = body.subject ?? user.personID.map { PointsSubjects.person($0) } ?? ""
        let declaration = PointsService.Declaration(
            subject: subject, itemCode: body.itemCode, day: body.day, evidence: body.evidence.trimmed, photo: nil)
        let id: Int64
        do {
            id = try await PointsService(database: services.database).declare(declaration, access: access)
        } catch let refusal as Refusal {
            throw APIError.validation(refusal.errors, rename: ["item": "itemCode"], status: refusal.status)
        }
        return .created(.init(body: .json(try await reloadedEntry(id, zoneID: zoneID))))
    }

    private func reloadedEntry(_ id: Int64, zoneID: Int64) async throws -> Components.Schemas.PointsEntry {
        let repo = PointsRepository(db: db)
        guard let row = try await repo.entry(id: id, zoneID: zoneID) else { throw APIError.notFound }
        let item = try await repo.items(zoneID: zoneID).first { $0.code == row.itemCode }
        return Self.pointsEntry(
            try row.entry(), itemName: { _ in item?.name },
            subjects: try await PointsSubjects.load(zoneID: zoneID, subjects: [row.subject], db: db))
    }

    func reviewPointsEntry(_ input: Operations.ReviewPointsEntry.Input) async throws
        -> Operations.ReviewPointsEntry.Output
    {
        let (user, zoneID) = try pointsCaller()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        let id = input.path.entryId
        guard let row = try await PointsRepository(db: db).entry(id: id, zoneID: zoneID) else {
            throw APIError.notFound
        }
        let access = try await PointsAccess.load(user, zoneID: zoneID, db: db)
        let subjects = try await PointsSubjects.load(zoneID: zoneID, subjects: [row.subject], db: db)
        try APIError.check(access.may(.view, entrySubject: row.subject, gridID: row.gridId, subjects: subjects))
        try APIError.check(access.may(.update, entrySubject: row.subject, gridID: row.gridId, subjects: subjects))
        let verdict: PointsService.Verdict
        switch body.decision {
        case "confirm": verdict = .confirm
        case "reject": verdict = .reject(reason: (body.reason ?? "").trimmed)
        default: throw APIError.validation([.init(field: "decision", message: "决定只能是 confirm（确认）或 reject（不通过）")])
        }
        do {
            try await PointsService(database: services.database).review([id: verdict], access: access)
        } catch let refusal as Refusal {
            throw APIError.validation(refusal.errors, rename: ["reason_\(id)": "reason"], status: refusal.status)
        }
        return .ok(.init(body: .json(try await reloadedEntry(id, zoneID: zoneID))))
    }
}

/// 我的积分 as the API gives it (balance, rank and the year's entries of the caller and their
/// household), read by sums and the subject's own entries; `gaoxin bench points` times it too.
enum PointsAPIRecords {
    static func load(personID: Int64?, zoneID: Int64, yearNumber: Int, db: any SQLDatabase) async throws
        -> [Components.Schemas.PointsSubjectRecord]
    {
        let today = Clock.today
        let repo = PointsRepository(db: db)
        let subjects = try await PointsSubjects.load(zoneID: zoneID, subjects: [], personID: personID, db: db)
        let items = Dictionary(
            try await repo.items(zoneID: zoneID).map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let year = Period.year(yearNumber)
        var records: [Components.Schemas.PointsSubjectRecord] = []
        for s in subjects.own(personID: personID) {
            let yearPoints = try await repo.points(zoneID: zoneID, subject: s, from: year.start, to: year.end)
            // A year's entries of one subject, every page: the API's record is the whole year.
            var entries: [PointsEntryRow] = []
            var pager = try Pager(page: 1, size: Pager.maxSize)
            while true {
                let paged = try await repo.entries(zoneID: zoneID, subject: s, from: year.start, to: year.end, pager)
                entries += paged.rows
                guard paged.hasNext, pager.page < Pager.maxPage else { break }
                pager = try Pager(page: pager.page + 1, size: Pager.maxSize)
            }
            let rank = yearPoints > 0 ? try await repo.rank(zoneID: zoneID, year: year, balance: yearPoints).rank : nil
            records.append(
                Components.Schemas.PointsSubjectRecord(
                    subject: s, name: subjects.name(s),
                    balance: try await repo.points(
                        zoneID: zoneID, subject: s, from: year.start, to: yearNumber == today.year ? today : year.end),
                    rank: rank,
                    entries: try entries.reversed().map {
                        APIHandler.pointsEntry(try $0.entry(), itemName: { items[$0] }, subjects: subjects)
                    }))
        }
        return records
    }
}
