import Foundation
import GaoxinCore
import HTTPTypes
import Logging

/// The one write service of events, shared by the pages, the API and Open311: report, move one
/// step, rate, make an Open311 key. Each checks everything first (fields, the grid of the location,
/// the engine's rules, the grid and department rules in `Permissions`) and throws a `Refusal` when
/// anything is wrong, then writes the case, its details and the audit rows in one transaction.
struct EventService: Sendable {
    let services: AppServices
    var engine: CaseEngine { services.cases.engine }

    /// Where a report came from (stored in `events.source`).
    enum Source: String, Sendable {
        case web, api, open311, demo

        var label: String {
            switch self {
            case .web: "网页上报"
            case .api: "接口上报"
            case .open311: "Open311 上报"
            case .demo: "演示数据"
            }
        }
    }

    /// The fields of a report, checked; `errors` name each field in Chinese. Location problems
    /// (missing, not numbers, outside every grid) are all on the field `location` (位置).
    struct Report: Sendable {
        var category: String
        var description: String
        var latitude: String
        var longitude: String
        var address: String
        var reporterName = ""
        var reporterPhone = ""
        var reporterEmail = ""
        var photo: MultipartForm.File?
        var errors = FormErrors()
        var lat: Double?
        var lon: Double?

        static let maxPhotoBytes = 10 * 1024 * 1024

        init(
            category: String, description: String, latitude: String, longitude: String, address: String,
            photo: MultipartForm.File? = nil
        ) {
            self.category = category
            self.description = description
            self.latitude = latitude
            self.longitude = longitude
            self.address = address
            self.photo = photo
            if EventCaseTypes.category(category) == nil {
                errors.add("category", "事件类别：请在\(EventCaseTypes.categories.map(\.name).joined(separator: "、"))中选择一项")
            }
            if description.isEmpty {
                errors.add("description", "事件描述：请写明发生了什么、在哪里")
            } else if description.count < 5 {
                errors.add("description", "事件描述：请至少写 5 个字")
            } else if description.textLength > 1000 {
                errors.add("description", "事件描述：不能超过 1000 个字（现有 \(description.count) 个字）")
            }
            if address.textLength > 200 { errors.add("address", "地址：不能超过 200 个字") }
            if latitude.isEmpty || longitude.isEmpty {
                errors.add("location", "位置：请填写纬度和经度（可在手机地图上长按取得）")
            } else if let y = Double(latitude), let x = Double(longitude), (-90.0...90.0).contains(y),
                (-180.0...180.0).contains(x)
            {
                lat = y
                lon = x
            } else {
                errors.add("location", "位置：纬度应为 -90 到 90、经度应为 -180 到 180 之间的数字，例如 36.6683 和 117.1357")
            }
            if let photo {
                if photo.data.count > Self.maxPhotoBytes {
                    errors.add("photo", "现场照片：不能超过 10 MB（现有 \(photo.data.count / 1024 / 1024) MB）")
                } else if let kind = FileKind.check(
                    photo.data, allowed: FileKind.images, field: "photo", label: "现场照片", into: &errors)
                {
                    // What the file is, by its bytes: the declared type is the uploader's word.
                    self.photo?.contentType = kind.mediaType
                }
            }
        }

        /// The reporter's contact details (the public, through Open311); checked for length only.
        mutating func contact(name: String, phone: String, email: String) {
            reporterName = name
            reporterPhone = phone
            reporterEmail = email
            if name.count > 60 { errors.add("name", "姓名：不能超过 60 个字") }
            if phone.count > 30 { errors.add("phone", "电话：不能超过 30 个字符") }
            if email.count > 120 || (!email.isEmpty && !email.contains("@")) { errors.add("email", "电子邮箱：格式不正确") }
        }
    }

    /// The grid the report's location lies in, or an error on `location`.
    func locate(_ report: inout Report, zoneID: Int64) async throws -> Int64? {
        guard let lat = report.lat, let lon = report.lon else { return nil }
        let grid = try await GridLocator(db: services.database.sql).grid(zoneID: zoneID, latitude: lat, longitude: lon)
        if grid == nil {
            report.errors.add("location", "位置：（\(report.latitude), \(report.longitude)）不在本园区的任何网格内，请核对经纬度")
        }
        return grid
    }

    static func actor(_ user: CurrentUser) -> CaseActor { CaseActor(id: CaseIDs.user(user.id), role: user.role) }
    static func gridUnit(_ gridID: Int64) -> Assignee { Assignee(id: "grid:\(gridID)", kind: .unit) }

    /// Opens the event for the grid its location lies in; returns the case id. The report's errors
    /// (with a location outside every grid) are a `Refusal` on its fields. `open311` adds the token
    /// and media_url a GeoReport client sent, and marks its key used, in the same transaction.
    func report(
        _ report: Report, zoneID: Int64, user: CurrentUser?, source: Source, apiKeyID: Int64? = nil,
        at: LocalMoment = .now, open311: (token: String, mediaURL: String?)? = nil
    ) async throws -> Int64 {
        var checked = report
        let grid = try await locate(&checked, zoneID: zoneID)
        try Refusal.check(checked.errors)
        let r = checked
        guard let gridID = grid, let category = EventCaseTypes.category(r.category), let lat = r.lat, let lon = r.lon
        else { throw Refusal("location", "事件未保存：字段未通过检查") }
        let actor = user.map(Self.actor) ?? CaseActor(id: "open311:\(apiKeyID ?? 0)", role: .public)
        let record = try Refusal.engine("category") {
            try engine.open(
                typeCode: category.caseTypeCode, by: actor, at: at, note: r.description,
                attachments: r.photo.map { [$0.fileName] } ?? [])
        }
        let title = "\(category.name)：\(r.description.prefix(30))"
        return try await services.database.transaction { db -> Int64 in
            let id = try await CaseRepository(db: db).insert(
                record, zoneID: zoneID, title: title, requesterUserID: user?.id, enterpriseID: nil,
                assignee: Self.gridUnit(gridID), actor: user)
            try await EventRepository(db: db).insert(
                EventRow(
                    caseId: id, zoneId: zoneID, gridId: gridID, categoryCode: category.code, description: r.description,
                    latitude: lat,
                    longitude: lon, address: r.address.nilIfEmpty, source: source.rawValue,
                    reporterName: r.reporterName.nilIfEmpty ?? user?.displayName,
                    reporterPhone: r.reporterPhone.nilIfEmpty,
                    reporterEmail: r.reporterEmail.nilIfEmpty, apiKeyId: apiKeyID, photoName: r.photo?.fileName,
                    photoType: r.photo?.contentType), photo: r.photo?.data)
            if let open311 {
                let repo = Open311Repository(db: db)
                try await repo.insertRequest(
                    caseID: id, zoneID: zoneID, token: open311.token, mediaURL: open311.mediaURL, at: at.unixSeconds())
                if let apiKeyID { try await repo.touch(keyID: apiKeyID) }
            }
            return id
        }
    }

    /// The steps `user` may take on the event now: the engine's (by role and state), on an event the
    /// user may move (`Permissions`, `.event`); 处置 only for whoever it was dispatched to (`.eventHandling`).
    func steps(for user: CurrentUser, on e: GridEvent) -> [CaseTransition] {
        guard Permissions.decide(user, .update, e.resource) == .allow, let record = try? e.caseRow.record() else {
            return []
        }
        return engine.transitions(availableTo: user.role, on: record).filter { t in
            t.code != "handle" || Permissions.decide(user, .update, e.handling) == .allow
        }
    }

    /// Whom a 派遣 may name: the zone's departments and the grid workers (with a login) of the grid.
    func dispatchTargets(_ e: GridEvent) async throws -> [(assignee: Assignee, label: String)] {
        let departments = try await ZoneRepository(db: services.database.sql).departments(
            scope: .zone(e.caseRow.zoneId))
        let workers = try await EventRepository(db: services.database.sql).gridWorkerLogins(gridID: e.details.gridId)
        return departments.map { (CaseIDs.department($0.id), "部门：\($0.name)") }
            + workers.map { (Assignee(id: CaseIDs.user($0.userId), kind: .person), "网格员：\($0.name)") }
    }

    /// Takes one step. A late step first records the overdue mark (and escalation) it missed. The
    /// app's own rules are refused on `transition`, the engine's on `note`.
    func perform(
        _ code: String, on e: GridEvent, user: CurrentUser, note: String, assigneeID: String?, at: LocalMoment = .now
    ) async throws {
        guard let step = steps(for: user, on: e).first(where: { $0.code == code }) else {
            let state = services.cases.stateName(e.caseRow.typeCode, e.caseRow.state)
            throw Refusal("transition", "事件当前为“\(state)”，您不能执行此操作（网格员只办理本人网格的事件，部门只处置派给本部门的事件）")
        }
        var assignee: Assignee?
        if let assigneeID, !assigneeID.isEmpty {
            guard let target = try await dispatchTargets(e).first(where: { $0.assignee.id == assigneeID }) else {
                throw Refusal("transition", "派遣对象不存在：请选择本园区的部门或本网格的网格员")
            }
            assignee = target.assignee
        }
        if step.requiresAssignee, assignee == nil { throw Refusal("transition", "执行“\(step.name)”必须选择承办部门或网格员") }
        if note.textLength > 1000 { throw Refusal("transition", "办理意见不能超过 1000 个字（现有 \(note.count) 个字）") }
        let next = try Refusal.engine("note") {
            let checked = try engine.checkDeadline(try e.caseRow.record(), now: at).record
            return try engine.perform(
                code, on: checked, by: Self.actor(user), at: at, note: note,
                assignee: step.requiresAssignee ? assignee : nil)
        }
        try await services.database.transaction { db in
            try await CaseRepository(db: db).save(next, for: e.caseRow, action: "event:\(code)", actor: user)
        }
    }

    /// The reporter's 好差评 after 结案: rates the closed event; a 差评 opens the follow-up case for
    /// whoever handled it (the grid when nobody else). Returns the follow-up's id. The engine's
    /// refusal (not closed, rated already, not the reporter) is a `Refusal` on `level`.
    @discardableResult
    func rate(_ e: GridEvent, level: RatingLevel, comment: String, user: CurrentUser, at: LocalMoment = .now)
        async throws -> Int64?
    {
        let (outcome, followUp) = try Refusal.engine("level") {
            let outcome = try engine.rate(
                try e.caseRow.record(), by: Self.actor(user), level: level, comment: comment, at: at)
            let followUp = try outcome.followUp.map { request in
                (
                    request,
                    try engine.open(typeCode: request.caseTypeCode, by: Self.actor(user), at: at, note: request.reason)
                )
            }
            return (outcome, followUp)
        }
        return try await services.database.transaction { db -> Int64? in
            let repo = CaseRepository(db: db)
            try await repo.save(outcome.record, for: e.caseRow, action: "rate:\(level.rawValue)", actor: user)
            guard let followUp else { return nil }
            let (request, record) = followUp
            let assignee = request.handledBy ?? Self.gridUnit(e.details.gridId)
            let title = "差评回访：\(e.number) \(e.caseRow.title)"
            let id = try await repo.insert(
                record, zoneID: e.caseRow.zoneId, title: title,
                requesterUserID: user.id,
                enterpriseID: nil, assignee: assignee, parentCaseID: e.id,
                actor: user)
            try await CaseNotices.followUpOpened(
                caseID: id, zoneID: e.caseRow.zoneId, assignee: assignee.id, title: title, parentLink: .event(e.id),
                on: db)
            return id
        }
    }

    // MARK: - Open311 keys

    /// Makes an Open311 api key for the zone, with its audit row; returns the plain key, shown once.
    /// A missing or long name is a `Refusal` on `name`.
    func createOpen311Key(zoneID: Int64, name: String, actor: CurrentUser?) async throws -> String {
        if name.isEmpty { throw Refusal("name", "密钥名称：请写明给谁用，例如“12345 热线平台”") }
        if name.count > 60 { throw Refusal("name", "密钥名称：不能超过 60 个字") }
        return try await Self.createOpen311Key(zoneID: zoneID, name: name, actor: actor, database: services.database)
    }

    /// Revokes one of the zone's Open311 keys: it stops working at once (the key lookup only finds
    /// live keys). A key already revoked or of another zone is refused.
    func revokeOpen311Key(id: Int64, zoneID: Int64, actor: CurrentUser) async throws {
        let revoked = try await services.database.transaction { db in
            try await Open311Repository(db: db).revokeKey(id: id, zoneID: zoneID, actor: actor)
        }
        if !revoked { throw Refusal("key", "密钥：没有找到该有效密钥（可能已停用）", status: .conflict) }
    }

    static func newOpen311Secret() -> String { APITokens.newSecret(prefix: "o311_", bytes: 24) }

    static func createOpen311Key(zoneID: Int64, name: String, actor: CurrentUser?, database: Database) async throws
        -> String
    {
        let secret = newOpen311Secret()
        try await database.transaction { db in
            _ = try await Open311Repository(db: db).insertKey(zoneID: zoneID, name: name, secret: secret, actor: actor)
        }
        return secret
    }
}

/// `gaoxin open311 key --zone jinan --name …`: makes a key from the command line; returns it.
public func createOpen311Key(config: AppConfig, zoneCode: String, name: String, logger: Logger) async throws -> String {
    let database = try await Database.open(config.database, logger: logger)
    do {
        try await MigrationRunner(database: database, logger: logger).run()
        guard let zone = try await ZoneRepository(db: database.sql).zone(code: zoneCode) else {
            throw ConfigError("没有找到园区：\(zoneCode)")
        }
        let trimmed = name.trimmed
        guard !trimmed.isEmpty, trimmed.count <= 60 else { throw ConfigError("密钥名称不能为空，且不超过 60 个字") }
        let secret = try await EventService.createOpen311Key(
            zoneID: zone.id, name: trimmed, actor: nil, database: database)
        try await database.shutdown()
        return secret
    } catch {
        try? await database.shutdown()
        throw error
    }
}
