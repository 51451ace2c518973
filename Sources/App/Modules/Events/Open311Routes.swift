import Foundation
import GaoxinCore
import HTTPTypes
import Hummingbird

/// Open311 GeoReport v2 at `/open311/v2/`: the event categories as services, filing an event
/// (POST requests, with a zone api key) and reading requests back, in JSON or XML. The zone is
/// the `jurisdiction_id` (its code, e.g. `jinan`), required on every call because one server
/// serves many zones. Outside the session and CSRF group: clients are not browsers.
struct Open311Routes {
    let services: AppServices
    var events: EventRepository { EventRepository(db: services.database.sql) }
    var open311: Open311Repository { Open311Repository(db: services.database.sql) }

    func register(on router: Router<AppRequestContext>) {
        // The body limit comes before anything else, the api key lookup included: a declared
        // Content-Length over it is refused (413) without reading or asking the database.
        let group = router.group("/open311/v2").add(middleware: BodyLimitMiddleware(limit: Self.bodyLimit))
        group.get("discovery.json") { _, _ in
            Self.answer(
                .json, .ok,
                Open311Format.json.single(
                    [("changeset", .text("2026-11-25T00:00:00+08:00")), ("contact", .text("所在园区管委会网格化服务管理中心"))],
                    root: "discovery",
                    rawJSON: [
                        "endpoints":
                            #"[{"specification":"http://wiki.open311.org/GeoReport_v2","url":"/open311/v2","formats":["application/json","text/xml"],"type":"production"}]"#
                    ]))
        }
        group.get(":file") { request, context in try await self.top(request, context) }
        group.post(":file") { request, context in try await self.post(request, context) }
        group.get("services/:file") { request, context in try await self.definition(request, context) }
        group.get("requests/:file") { request, context in try await self.one(request, context) }
        group.get("tokens/:file") { request, context in try await self.token(request, context) }
    }

    /// 1 MB for form fields; room for one photo (`media`) when the body is multipart.
    @Sendable static func bodyLimit(_ request: Request) -> Int {
        FormData.multipartBoundary(request) == nil ? 1024 * 1024 : EventService.Report.maxPhotoBytes + 1024 * 1024
    }

    /// A refusal as the spec writes it: an HTTP status and a list of {code, description}.
    struct Failure: Error {
        let status: HTTPResponse.Status
        let descriptions: [String]
        init(_ status: HTTPResponse.Status, _ descriptions: String...) {
            self.status = status
            self.descriptions = descriptions
        }
        init(_ status: HTTPResponse.Status, list: [String]) {
            self.status = status
            self.descriptions = list
        }
    }

    static func answer(_ format: Open311Format, _ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: format.contentType],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Runs a handler with the format of the file name; failures become the spec's error list.
    private func respond(_ file: String?, _ body: (Open311Format, String) async throws -> String) async throws
        -> Response
    {
        guard let file, let (name, format) = Open311Format.split(file) else {
            return Self.answer(.json, .notFound, Open311Format.json.errors(404, ["未知的地址：请以 .json 或 .xml 结尾"]))
        }
        do {
            return Self.answer(format, .ok, try await body(format, name))
        } catch let failure as Failure {
            return Self.answer(format, failure.status, format.errors(Int(failure.status.code), failure.descriptions))
        }
    }

    /// The zone named by `jurisdiction_id`: 400 without it, 404 for one that doesn't exist.
    private func zone(_ code: String?) async throws -> ZoneRow {
        guard let code, !code.isEmpty else { throw Failure(.badRequest, "缺少 jurisdiction_id：请填写园区代码，例如 jinan") }
        guard let zone = try await ZoneRepository(db: services.database.sql).zone(code: code) else {
            throw Failure(.notFound, "jurisdiction_id “\(code.prefix(40))” 不存在")
        }
        return zone
    }

    private static func service(_ c: EventCaseTypes.Category) -> Open311Format.Record {
        [
            ("service_code", .text(c.code)), ("service_name", .text(c.name)), ("description", .text(c.summary)),
            ("metadata", .bool(false)),
            ("type", .text("realtime")), ("keywords", .text(c.keywords)), ("group", .text("网格事件")),
        ]
    }

    private func category(_ code: String?) throws -> EventCaseTypes.Category {
        guard let code, !code.isEmpty else { throw Failure(.badRequest, "缺少 service_code：请从 services 列表中选择服务代码") }
        guard let c = EventCaseTypes.category(code) else {
            throw Failure(.notFound, "service_code “\(code.prefix(40))” 不存在")
        }
        return c
    }

    // MARK: - GET services / requests

    private func top(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let q = request.uri.queryParameters
        return try await respond(context.parameters.get("file")) { format, name in
            switch name {
            case "services":
                _ = try await zone(q.get("jurisdiction_id"))
                return format.list(EventCaseTypes.categories.map(Self.service), root: "services", element: "service")
            case "requests":
                let zone = try await zone(q.get("jurisdiction_id"))
                return format.list(
                    try await search(request, zoneID: zone.id), root: "service_requests", element: "request")
            default:
                throw Failure(.notFound, "未知的地址：\(name.prefix(40))")
            }
        }
    }

    private func definition(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await respond(context.parameters.get("file")) { format, code in
            _ = try await zone(request.uri.queryParameters.get("jurisdiction_id"))
            let c = try category(code)
            return format.single(
                [("service_code", .text(c.code))], root: "service_definition",
                rawXML: ["attributes": "<attributes/>"], rawJSON: ["attributes": "[]"])
        }
    }

    private func one(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await respond(context.parameters.get("file")) { format, id in
            let zone = try await zone(request.uri.queryParameters.get("jurisdiction_id"))
            // A sensitive category's event does not exist for Open311, so ids can't be probed either.
            guard let caseID = Int64(id),
                let e = try await events.find(caseID: caseID, zoneID: zone.id),
                EventCaseTypes.category(e.details.categoryCode)?.isPublic == true
            else {
                throw Failure(.notFound, "service_request_id “\(id.prefix(40))” 不存在")
            }
            return format.list(try await records([e], zoneID: zone.id), root: "service_requests", element: "request")
        }
    }

    private func token(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await respond(context.parameters.get("file")) { format, token in
            let zone = try await zone(request.uri.queryParameters.get("jurisdiction_id"))
            guard let caseID = try await open311.caseID(token: token, zoneID: zone.id) else {
                throw Failure(.notFound, "token 不存在")
            }
            return format.list(
                [[("service_request_id", .text(String(caseID))), ("token", .text(token))]], root: "service_requests",
                element: "request")
        }
    }

    /// GET requests: by ids (which override the rest), or by service codes, dates (default: the last
    /// 90 days, at most 90 days apart) and status open/closed.
    private func search(_ request: Request, zoneID: Int64) async throws -> [Open311Format.Record] {
        let q = request.uri.queryParameters
        var filter = EventFilter(zoneID: zoneID)
        if let ids = q.get("service_request_id"), !ids.isEmpty {
            filter.caseIDs = ids.split(separator: ",").prefix(1000).compactMap {
                Int64($0.trimmingCharacters(in: .whitespaces))
            }
            filter.categories = Array(EventCaseTypes.publicCodes).sorted()
            return try await records(try await events.list(filter, limit: 1000), zoneID: zoneID)
        }
        var errors: [String] = []
        var codes: [String] = []
        for code in (q.get("service_code") ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !code.isEmpty {
            if EventCaseTypes.category(code) == nil {
                errors.append("service_code “\(code.prefix(40))” 不存在")
            } else {
                codes.append(code)
            }
        }
        let start = q.get("start_date").map { ($0, Open311Format.parseDatetime($0)) }
        let end = q.get("end_date").map { ($0, Open311Format.parseDatetime($0)) }
        if let (text, value) = start, value == nil {
            errors.append("start_date “\(text.prefix(40))” 不是 W3C 日期时间，例如 2026-11-01T00:00:00+08:00")
        }
        if let (text, value) = end, value == nil {
            errors.append("end_date “\(text.prefix(40))” 不是 W3C 日期时间，例如 2026-11-30T23:59:59+08:00")
        }
        var statuses = Set<String>()
        for s in (q.get("status") ?? "").split(separator: ",").map({
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }) where !s.isEmpty {
            if s == "open" || s == "closed" {
                statuses.insert(s)
            } else {
                errors.append("status 只能是 open 或 closed，收到“\(s.prefix(20))”")
            }
        }
        let ninetyDays: Int64 = 90 * 86_400
        let startSeconds: Int64? = start?.1
        let endSeconds: Int64? = end?.1
        let to: Int64 = endSeconds ?? startSeconds.map { $0 + ninetyDays } ?? Clock.nowSeconds()
        let from: Int64 = startSeconds ?? to - ninetyDays
        if errors.isEmpty, to - from > ninetyDays { errors.append("start_date 与 end_date 相隔不能超过 90 天") }
        if !errors.isEmpty { throw Failure(.badRequest, list: errors) }
        filter.openedFrom = from
        filter.openedTo = to
        if statuses.count == 1 { filter.open = statuses.contains("open") }
        // Only the public categories, whatever was asked: asking for disputes alone gets an empty list.
        let publicCodes = (codes.isEmpty ? EventCaseTypes.categories.map(\.code) : codes).filter {
            EventCaseTypes.publicCodes.contains($0)
        }
        if publicCodes.isEmpty { return [] }
        filter.categories = publicCodes
        return try await records(try await events.list(filter, limit: 1000), zoneID: zoneID)
    }

    /// The spec's fields of each request. Nobody's name, phone or e-mail is published; the location
    /// is coarsened (latitude/longitude to 3 decimals, about 100 m; the address to the grid's name)
    /// and `status_notes` is the public state, never the staff's internal notes.
    private func records(_ list: [GridEvent], zoneID: Int64) async throws -> [Open311Format.Record] {
        let grids = Dictionary(uniqueKeysWithValues: try await events.grids(zoneID: zoneID).map { ($0.id, $0) })
        let departments = Dictionary(
            uniqueKeysWithValues: try await ZoneRepository(db: services.database.sql).departments(scope: .zone(zoneID))
                .map { ($0.id, $0.name) })
        let media = try await open311.mediaURLs(caseIDs: list.map(\.id))
        return list.map { e in
            let row = e.caseRow
            let category = EventCaseTypes.category(e.details.categoryCode)
            let agency =
                e.departmentID.flatMap { departments[$0] } ?? grids[e.details.gridId].map { "\($0.name)网格" }
                ?? "网格化服务管理中心"
            let state = services.cases.stateName(row.typeCode, row.state)
            var expected: Open311Format.Value = .null
            if row.closedAt == nil, let day = row.deadlineDay.flatMap({ Day($0) }) {
                let minute = min(row.deadlineMinute ?? Deadline.endOfDay, 24 * 60 - 1)
                expected = .text(Open311Format.datetime(LocalMoment(day: day, minuteOfDay: minute).unixSeconds()))
            }
            return [
                ("service_request_id", .text(String(e.id))), ("status", .text(row.closedAt == nil ? "open" : "closed")),
                ("status_notes", .text(state + (row.everOverdue ? "（曾超时）" : ""))),
                ("service_name", .text(category?.name ?? e.details.categoryCode)),
                ("service_code", .text(e.details.categoryCode)),
                ("description", .text(e.details.description)), ("agency_responsible", .text(agency)),
                ("service_notice", .text("事件编号 \(e.number)")),
                ("requested_datetime", .text(Open311Format.datetime(row.openedAt))),
                ("updated_datetime", .text(Open311Format.datetime(row.updatedAt))), ("expected_datetime", expected),
                ("address", grids[e.details.gridId].map { .text("\($0.name)网格") } ?? .null), ("address_id", .null),
                ("zipcode", .null), ("lat", .number(Self.coarse(e.details.latitude))),
                ("long", .number(Self.coarse(e.details.longitude))),
                ("media_url", media[e.id].map { .text($0) } ?? .null),
            ]
        }
    }

    /// A coordinate rounded to 3 decimals (about 100 m): where, but not whose door.
    static func coarse(_ degrees: Double) -> Double { (degrees * 1000).rounded() / 1000 }

    // MARK: - POST requests

    private func post(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        // The spec posts form fields; clients that upload a photo send multipart with a `media` file
        // (the GeoReport media extension), and a few put jurisdiction_id or api_key in the query.
        let boundary = FormData.multipartBoundary(request)
        let buffer = try await request.collectBody(upTo: Self.bodyLimit(request))
        let multipart = boundary.flatMap { try? MultipartForm.parse(buffer, boundary: $0) }
        let form = FormData(urlEncoded: boundary == nil ? String(buffer: buffer) : "")
        let query = request.uri.queryParameters
        func field(_ name: String) -> String {
            multipart?[name].nilIfEmpty ?? form[name].nilIfEmpty ?? query.get(name)?.trimmingCharacters(
                in: .whitespaces) ?? ""
        }
        var response = try await respond(context.parameters.get("file")) { format, name in
            guard name == "requests" else { throw Failure(.notFound, "未知的地址：\(name.prefix(40))") }
            let zone = try await zone(field("jurisdiction_id"))
            let apiKey = field("api_key")
            guard !apiKey.isEmpty, let key = try await open311.find(secret: apiKey), key.zoneId == zone.id
            else {
                throw Failure(.forbidden, apiKey.isEmpty ? "缺少 api_key：提交事件需要园区发放的密钥" : "api_key 无效或不属于该园区")
            }
            let category = try category(field("service_code"))
            let lat = field("lat")
            let lon = field("long")
            var report = EventService.Report(
                category: category.code, description: field("description"), latitude: lat, longitude: lon,
                address: field("address_string"), photo: multipart?.files["media"])
            let name = [field("last_name"), field("first_name")].filter { !$0.isEmpty }.joined()
            report.contact(name: name, phone: field("phone"), email: field("email"))
            let mediaURL = field("media_url")
            if mediaURL.count > 500
                || (!mediaURL.isEmpty && !(mediaURL.hasPrefix("http://") || mediaURL.hasPrefix("https://")))
            {
                report.errors.add("media_url", "media_url 应为 http(s) 地址，且不超过 500 个字符")
            }
            let token = UUID().uuidString.lowercased()
            let id: Int64
            do {
                id = try await EventService(services: services).report(
                    report, zoneID: zone.id, user: nil, source: .open311, apiKeyID: key.id,
                    open311: (token, mediaURL.nilIfEmpty))
            } catch let refusal as Refusal {
                throw Failure(.badRequest, list: Self.spec(refusal.errors))
            }
            let deadline = try await CaseRepository(db: services.database.sql).find(id: id)?.deadlineText ?? "—"
            return format.list(
                [
                    [
                        ("service_request_id", .text(String(id))), ("token", .text(token)),
                        ("service_notice", .text("事件编号 \(CaseRow.number(id, prefix: "SJ"))，受理时限 \(deadline)")),
                        ("account_id", .null),
                    ]
                ], root: "service_requests", element: "request")
        }
        if response.status == .ok { response.status = .created }
        return response
    }

    /// Our field names in the errors become the spec's parameter names, so a client can tell which.
    static func spec(_ errors: FormErrors) -> [String] {
        let names = [
            "category": "service_code", "description": "description", "location": "lat/long",
            "address": "address_string",
            "name": "first_name/last_name", "phone": "phone", "email": "email", "media_url": "media_url",
            "photo": "media",
        ]
        return errors.byField.sorted { $0.key < $1.key }.map { "\(names[$0.key] ?? $0.key)：\($0.value)" }
    }
}
