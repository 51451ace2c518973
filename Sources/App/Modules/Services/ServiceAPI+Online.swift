import Foundation
import GaoxinCore
import OpenAPIRuntime

/// 一网办理 through the API: the applicant (a resident or an enterprise user with a bearer token)
/// applies online with the materials as Base64 files, reads the case back with its 一次性告知, and
/// hands in what the notice listed. The same `ServiceService` as the pages checks every file by
/// content and size and refuses the whole request, nothing saved, on any problem.
extension APIHandler {
    /// Decoded uploads by material id, with the schema's bounds enforced field by field: at most
    /// 30 files, one per material, names of 1–120 characters, Base64 of the standard alphabet
    /// decoding to at most 10 MB.
    func serviceFiles(_ uploads: [Components.Schemas.ServiceFileUpload], bounds: inout APIBounds)
        -> (files: [Int64: MultipartForm.File], errors: [APIError.FieldError])
    {
        var files: [Int64: MultipartForm.File] = [:]
        var errors: [APIError.FieldError] = []
        if uploads.count > 30 { errors.append(.init(field: "files", message: "最多 30 个文件（收到 \(uploads.count) 个）")) }
        for (i, upload) in uploads.prefix(30).enumerated() {
            let field = "files[\(i)]"
            bounds.id(upload.materialId, "\(field).materialId")
            let name = bounds.text(upload.fileName, "\(field).fileName", min: 1, max: 120)
            let text = upload.contentBase64.utf8
            let alphabet = text.allSatisfy {
                ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B
                    || $0 == 0x2F || $0 == 0x3D
            }
            guard text.count >= 4, text.count <= Self.maxBase64, alphabet,
                let data = Data(base64Encoded: upload.contentBase64), !data.isEmpty
            else {
                errors.append(
                    .init(
                        field: "\(field).contentBase64",
                        message: "应为标准 Base64 编码的文件内容，解码后 1 字节到 \(MaterialFileLimits.maxBytesText)"))
                continue
            }
            if files[upload.materialId] != nil {
                errors.append(.init(field: "\(field).materialId", message: "同一材料只能上传一个文件"))
            }
            files[upload.materialId] = MultipartForm.File(
                fileName: name, contentType: "application/octet-stream", data: data)
        }
        return (files, errors)
    }

    /// Throws the bounds' and the files' problems together (400), if any.
    func checkUploads(_ bounds: APIBounds, _ fileErrors: [APIError.FieldError]) throws {
        let all = bounds.errors + fileErrors
        if !all.isEmpty { throw APIError.validation(all) }
    }

    /// Base64 of 10 MB: the longest `contentBase64` the document allows.
    static let maxBase64 = 13_981_016

    func applyForServiceOnline(_ input: Operations.ApplyForServiceOnline.Input) async throws
        -> Operations.ApplyForServiceOnline.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        bounds.id(body.bundleId, "bundleId")
        let name = bounds.text(body.applicantName, "applicantName", min: 1, max: 60)
        let phone = bounds.text(body.applicantPhone, "applicantPhone", min: 1, max: 20)
        let purpose = bounds.text(body.purpose, "purpose", max: 500)
        let (files, fileErrors) = serviceFiles(body.files ?? [], bounds: &bounds)
        try checkUploads(bounds, fileErrors)
        guard let zoneID = user.homeZoneID ?? user.zoneID else { throw APIError.forbidden }
        try APIError.check(Permissions.decide(user, .create, .serviceApply(zoneID: zoneID)))
        guard let b = try await ServiceRepository(db: db).bundle(id: body.bundleId), b.zoneId == zoneID else {
            throw APIError.notFound
        }
        let id = try await serviceWrites.apply(
            ServiceApplicationInput(
                channel: body.channel.rawValue, applicantName: name, applicantPhone: phone, purpose: purpose,
                files: files),
            bundle: b, user: user)
        return .created(.init(body: .json(try await reloadedCase(id, zoneID: zoneID))))
    }

    func supplementServiceApplication(_ input: Operations.SupplementServiceApplication.Input) async throws
        -> Operations.SupplementServiceApplication.Output
    {
        let user = try APICaller.require()
        guard case .json(let body) = input.body else {
            throw APIError.validation([.init(field: "body", message: "请求体必须是 JSON 对象")])
        }
        var bounds = APIBounds()
        let (files, decodeErrors) = serviceFiles(body.files, bounds: &bounds)
        var fileErrors = decodeErrors
        if body.files.isEmpty { fileErrors.append(.init(field: "files", message: "至少上传 1 个文件")) }
        try checkUploads(bounds, fileErrors)
        let c = try await serviceCase(input.path.applicationId, user, .view)
        // Only the applicant hands in materials; staff who see the case are refused.
        guard c.details.applicantUserId == user.id else { throw APIError.forbidden }
        try await serviceWrites.supplement(c, files: files, user: user)
        return .ok(.init(body: .json(try await reloadedCase(c.id, zoneID: c.details.zoneId))))
    }
}
