import Foundation
import GaoxinCore
import OpenAPIRuntime

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

    static func pointsEntry(_ e: PointsEntry, ledger: PointsLedger, subjects: PointsSubjects)
        -> Components.Schemas.PointsEntry
    {
        let closed = e.status == .rejected || e.status == .revoked
        return .init(
            id: Int64(e.id) ?? 0, subject: e.subject, subjectName: subjects.name(e.subject), day: e.day.description,
            itemCode: e.itemID,
            itemName: ledger.item(e.itemID)?.name ?? e.itemID, points: e.points, status: e.status.rawValue,
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
        let ledger = try await PointsRepository(db: db).ledger(zoneID: zoneID)
        let subjects = try await PointsSubjects.load(zoneID: zoneID, db: db)
        let year = Period.year(yearNumber)
        let board = ledger.board(for: year, audience: .committee)
        let records = subjects.own(personID: user.personID).map { s in
            Components.Schemas.PointsSubjectRecord(
                subject: s, name: subjects.name(s),
                balance: ledger.balance(of: s, asOf: yearNumber == today.year ? today : year.end),
                rank: board.positive.first { $0.subject == s }?.rank,
                entries: ledger.entries(of: s, in: year).map {
                    Self.pointsEntry($0, ledger: ledger, subjects: subjects)
                })
        }
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
        let ledger = try await PointsRepository(db: db).ledger(zoneID: zoneID)
        guard let entry = ledger.entry(String(id)) else { throw APIError.notFound }
        return Self.pointsEntry(entry, ledger: ledger, subjects: try await PointsSubjects.load(zoneID: zoneID, db: db))
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
        let subjects = try await PointsSubjects.load(zoneID: zoneID, db: db)
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
